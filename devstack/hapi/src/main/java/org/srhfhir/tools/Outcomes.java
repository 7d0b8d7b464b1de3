package org.srhfhir.tools;

import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.utilities.validation.ValidationMessage;

/**
 * Turns validator messages into an R4 OperationOutcome, one issue per message, in the same shape as HAPI's own
 * {@code ValidationResult.toOperationOutcome()} but keeping the issue type.
 *
 * <p>Each issue carries:
 * <ul>
 *   <li>{@code severity} and {@code code} (the validator's issue type, e.g. {@code required}, {@code code-invalid},
 *       {@code structure}, {@code invariant}; {@code processing} when it gives none);</li>
 *   <li>{@code details.text} with the message, and {@code details.coding} with the message id in the system
 *       {@value #MESSAGE_ID_SYSTEM} (as HAPI does); invariant failures have {@code <profile url>#<key>} as id;</li>
 *   <li>{@code diagnostics}: the message again, followed by the validator's slice details when it gives any;</li>
 *   <li>{@code expression}: the FHIRPath location; {@code location}: {@code Line[n] Col[m]} in the file;</li>
 *   <li>extensions {@code operationoutcome-message-id}, {@code operationoutcome-issue-line} and
 *       {@code operationoutcome-issue-col}.</li>
 * </ul>
 * An outcome without issues gets one {@code information} issue, since {@code OperationOutcome.issue} is 1..*.
 */
final class Outcomes {
  static final String MESSAGE_ID_SYSTEM = "http://hl7.org/fhir/java-core-messageId";
  static final String EXT_MESSAGE_ID = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";
  static final String EXT_LINE = "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line";
  static final String EXT_COL = "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col";
  static final String NO_ISSUES = "No issues detected during validation";

  private Outcomes() {}

  static OperationOutcome fromMessages(List<ValidationMessage> messages) {
    OperationOutcome outcome = new OperationOutcome();
    for (ValidationMessage message : messages) {
      outcome.addIssue(issue(message));
    }
    if (!outcome.hasIssue()) {
      outcome.addIssue()
          .setSeverity(IssueSeverity.INFORMATION)
          .setCode(IssueType.INFORMATIONAL)
          .setDetails(new CodeableConcept().setText(NO_ISSUES))
          .setDiagnostics(NO_ISSUES);
    }
    return outcome;
  }

  /** An outcome with a single issue for a file the validator could not be run on. */
  static OperationOutcome single(IssueSeverity severity, IssueType type, String message, int line, int col) {
    OperationOutcome outcome = new OperationOutcome();
    OperationOutcomeIssueComponent issue = outcome.addIssue()
        .setSeverity(severity)
        .setCode(type)
        .setDetails(new CodeableConcept().setText(message))
        .setDiagnostics(message);
    addPosition(issue, line, col);
    return outcome;
  }

  private static OperationOutcomeIssueComponent issue(ValidationMessage message) {
    OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent();
    issue.setSeverity(severity(message.getLevel()));
    issue.setCode(type(message.getType()));
    String messageId = messageId(message);
    CodeableConcept details = new CodeableConcept().setText(message.getMessage());
    if (messageId != null) {
      details.addCoding().setSystem(MESSAGE_ID_SYSTEM).setCode(messageId);
      issue.addExtension(EXT_MESSAGE_ID, new StringType(messageId));
    }
    issue.setDetails(details);
    issue.setDiagnostics(diagnostics(message));
    if (message.getLocation() != null && !message.getLocation().isBlank()) {
      issue.addExpression(message.getLocation());
    }
    addPosition(issue, message.getLine(), message.getCol());
    return issue;
  }

  private static void addPosition(OperationOutcomeIssueComponent issue, int line, int col) {
    if (line < 0 && col < 0) {
      return;
    }
    if (line >= 0) {
      issue.addExtension(EXT_LINE, new IntegerType(line));
    }
    if (col >= 0) {
      issue.addExtension(EXT_COL, new IntegerType(col));
    }
    issue.addLocation("Line[" + (line >= 0 ? line : "(unknown)") + "] Col[" + (col >= 0 ? col : "(unknown)") + "]");
  }

  /**
   * The validator's message id; HAPI drops ids that are really sentences (terminology messages put the text there),
   * and so does this.
   */
  private static String messageId(ValidationMessage message) {
    String id = message.getMessageId();
    return id == null || id.isBlank() || id.contains(" ") ? null : id;
  }

  private static String diagnostics(ValidationMessage message) {
    StringBuilder text = new StringBuilder(String.valueOf(message.getMessage()));
    if (message.hasSliceInfo()) {
      text.append(" -- slice details: ").append(message.getSliceInfo().stream()
          .map(slice -> slice.getLocation() + ": " + slice.getMessage())
          .collect(Collectors.joining("; ")));
    }
    return text.toString();
  }

  private static IssueSeverity severity(ValidationMessage.IssueSeverity level) {
    if (level == null) {
      return IssueSeverity.ERROR;
    }
    return switch (level) {
      case FATAL -> IssueSeverity.FATAL;
      case ERROR -> IssueSeverity.ERROR;
      case WARNING -> IssueSeverity.WARNING;
      case INFORMATION -> IssueSeverity.INFORMATION;
      default -> IssueSeverity.ERROR;
    };
  }

  private static IssueType type(ValidationMessage.IssueType type) {
    if (type == null || type == ValidationMessage.IssueType.NULL) {
      return IssueType.PROCESSING;
    }
    try {
      return IssueType.fromCode(type.toCode());
    } catch (Exception e) {
      return IssueType.PROCESSING;
    }
  }
}
