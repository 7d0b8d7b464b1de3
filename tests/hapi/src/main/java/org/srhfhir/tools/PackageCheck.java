package org.srhfhir.tools;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.validator.ProfileKnowledgeWorkerR5;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.conformance.profile.ProfileUtilities;
import org.hl7.fhir.utilities.validation.ValidationMessage;

/**
 * The {@code --check-package} mode: loads packages the way the validator does and proves their definitions are
 * usable.
 *
 * <ul>
 *   <li>every JSON file in {@code package/} parses as an R4 resource (strictly), no canonical URL appears twice,
 *       the FHIR version is 4.0.x and every dependency is loaded;</li>
 *   <li>every StructureDefinition with a differential gets a snapshot generated from its differential (an existing
 *       snapshot is ignored), and the snapshot generator reports no error;</li>
 *   <li>every ValueSet is expanded in memory; a value set that cannot be expanded although all its code systems are
 *       available is a failure, one that needs an unavailable code system (SNOMED CT filters, say) only a note.</li>
 * </ul>
 */
final class PackageCheck {
  private final PrintStream out;
  private int failures;

  private PackageCheck(PrintStream out) {
    this.out = out;
  }

  /**
   * Checks already loaded packages.
   *
   * @return 0 when everything loaded and every snapshot and expansion worked, 1 otherwise
   */
  static int run(ValidationEngine engine, List<ConformancePackage> packages, PrintStream out) {
    PackageCheck check = new PackageCheck(out);
    for (ConformancePackage loaded : packages) {
      check.report(loaded);
    }
    for (ConformancePackage loaded : packages) {
      check.snapshots(engine, loaded);
      check.expansions(engine, loaded);
    }
    out.println(check.failures == 0 ? "package check passed" : "package check FAILED: " + check.failures + " problem(s)");
    return check.failures == 0 ? 0 : 1;
  }

  private void report(ConformancePackage loaded) {
    out.printf("%s (%s): %d StructureDefinitions, %d ValueSets, %d CodeSystems%n", loaded.label(),
        loaded.file().getFileName(), loaded.count("StructureDefinition"), loaded.count("ValueSet"),
        loaded.count("CodeSystem"));
    String others = loaded.counts().entrySet().stream()
        .filter(entry -> !List.of("StructureDefinition", "ValueSet", "CodeSystem").contains(entry.getKey()))
        .map(entry -> entry.getKey() + " " + entry.getValue())
        .collect(Collectors.joining(", "));
    if (!others.isEmpty()) {
      out.println("  also: " + others);
    }
    for (String problem : loaded.problems()) {
      fail(problem);
    }
  }

  private void snapshots(ValidationEngine engine, ConformancePackage loaded) {
    FhirContext context = engine.context();
    VersionCanonicalizer canonicalizer = new VersionCanonicalizer(context);
    WorkerContextValidationSupportAdapter worker = engine.workerContext();
    for (StructureDefinition definition : loaded.structureDefinitions()) {
      if (!definition.hasDifferential() || !definition.hasBaseDefinition()) {
        continue;
      }
      String name = "snapshot of " + definition.getUrl();
      try {
        org.hl7.fhir.r5.model.StructureDefinition input =
            canonicalizer.structureDefinitionToCanonical(definition.copy());
        input.setSnapshot(null);
        org.hl7.fhir.r5.model.StructureDefinition base =
            worker.fetchResource(org.hl7.fhir.r5.model.StructureDefinition.class, input.getBaseDefinition());
        if (base == null) {
          fail(name + ": unknown base definition " + input.getBaseDefinition());
          continue;
        }
        List<ValidationMessage> messages = new ArrayList<>();
        new ProfileUtilities(worker, messages, new ProfileKnowledgeWorkerR5(context))
            .generateSnapshot(base, input, input.getUrl(), null, input.getName());
        boolean failed = false;
        for (ValidationMessage message : messages) {
          if (message.getLevel() == ValidationMessage.IssueSeverity.ERROR
              || message.getLevel() == ValidationMessage.IssueSeverity.FATAL) {
            fail(name + ": " + message.getLocation() + ": " + message.getMessage());
            failed = true;
          } else if (message.getLevel() == ValidationMessage.IssueSeverity.WARNING) {
            out.println("  note: " + name + ": " + message.getLocation() + ": " + message.getMessage());
          }
        }
        if (!failed) {
          out.printf("  ok: %s (%d elements, package had %s)%n", name, input.getSnapshot().getElement().size(),
              definition.hasSnapshot() ? definition.getSnapshot().getElement().size() : "none");
        }
      } catch (RuntimeException e) {
        fail(name + ": " + e);
      }
    }
  }

  private void expansions(ValidationEngine engine, ConformancePackage loaded) {
    IValidationSupport chain = engine.chain();
    for (ValueSet valueSet : loaded.valueSets()) {
      String name = "expansion of " + valueSet.getUrl();
      try {
        IValidationSupport.ValueSetExpansionOutcome outcome =
            chain.expandValueSet(new ValidationSupportContext(chain), null, valueSet);
        if (outcome != null && outcome.getValueSet() instanceof ValueSet expanded && outcome.getError() == null) {
          out.printf("  ok: %s (%d codes)%n", name, expanded.getExpansion().getContains().size());
        } else if (allCodeSystemsAvailable(chain, valueSet)) {
          fail(name + ": " + (outcome == null ? "no terminology support could expand it" : outcome.getError()));
        } else {
          out.println("  note: " + name + " needs a code system that is not available offline");
        }
      } catch (RuntimeException e) {
        fail(name + ": " + e);
      }
    }
  }

  private static boolean allCodeSystemsAvailable(IValidationSupport chain, ValueSet valueSet) {
    return valueSet.getCompose().getInclude().stream()
        .filter(ValueSet.ConceptSetComponent::hasSystem)
        .allMatch(include -> chain.fetchCodeSystem(include.getSystem()) != null);
  }

  private void fail(String message) {
    failures++;
    out.println("  FAILED: " + message);
  }

  /** Formats resource counts for a summary line, e.g. {@code CodeSystem 3, ValueSet 2}. */
  static String describe(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .map(entry -> entry.getKey() + " " + entry.getValue())
        .collect(Collectors.joining(", "));
  }
}
