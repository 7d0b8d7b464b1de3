package org.srhfhir.tools;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Codes from code systems that cannot be had offline (SNOMED CT, LOINC, ICF) give a warning instead of an error.
 *
 * <p>A listed code system is "offline" when no support in the chain has it, or only as a stub without content (R4
 * core ships SNOMED CT that way, with {@code content = not-present}). For an offline code system this support:
 * <ul>
 *   <li>accepts a code checked against the code system alone, with a warning that it was not checked;</li>
 *   <li>accepts a code checked against a value set that takes the code system whole or through a filter (which
 *       needs the code system's content), with a warning that it was not checked;</li>
 *   <li>leaves a code checked against a value set that lists the codes it takes from that system to the in-memory
 *       terminology support, so a code that is not on the list is still an error.</li>
 * </ul>
 * Codes from code systems that are not listed are not touched: a mistyped system URL stays an error where a
 * required binding applies.
 *
 * <p>It must come before {@code InMemoryTerminologyServerValidationSupport} in the chain: that support answers a
 * filter over a content-less code system with an error rather than passing the question on.
 *
 * <p>HAPI's {@code UnknownCodeSystemWarningValidationSupport} does not fit: HAPI 8.6 deprecated it (in favour of a
 * server interceptor a standalone validator cannot use); it answers for every unknown code system, not just the
 * ones we cannot have; it does not answer for SNOMED CT at all, because R4 core's SNOMED CT stub counts as known;
 * and it cannot help with filter-based value sets.
 */
final class OfflineCodeSystems implements IValidationSupport {
  private static final int MAX_VALUE_SET_DEPTH = 8;

  private final FhirContext context;
  private final Set<String> systems;

  OfflineCodeSystems(FhirContext context, Set<String> systems) {
    this.context = context;
    this.systems = new HashSet<>(systems); // not Set.copyOf: its contains(null) throws
  }

  @Override
  public FhirContext getFhirContext() {
    return context;
  }

  @Override
  public String getName() {
    return "Offline code systems " + new TreeSet<>(systems);
  }

  @Override
  public boolean isCodeSystemSupported(ValidationSupportContext supportContext, String system) {
    return isOffline(supportContext, system);
  }

  @Override
  public boolean isValueSetSupported(ValidationSupportContext supportContext, String valueSetUrl) {
    return supportContext.getRootValidationSupport().fetchValueSet(valueSetUrl) != null;
  }

  @Override
  public LookupCodeResult lookupCode(ValidationSupportContext supportContext, LookupCodeRequest request) {
    if (!isOffline(supportContext, request.getSystem())) {
      return null;
    }
    return new LookupCodeResult()
        .setFound(true)
        .setSearchedForSystem(request.getSystem())
        .setSearchedForCode(request.getCode());
  }

  @Override
  public CodeValidationResult validateCode(ValidationSupportContext supportContext, ConceptValidationOptions options,
      String system, String code, String display, String valueSetUrl) {
    if (!isOffline(supportContext, system)) {
      return null;
    }
    if (valueSetUrl == null || valueSetUrl.isBlank()) {
      return notChecked(system, code, display);
    }
    IBaseResource valueSet = supportContext.getRootValidationSupport().fetchValueSet(valueSetUrl);
    return valueSet == null ? null : validateCodeInValueSet(supportContext, options, system, code, display, valueSet);
  }

  @Override
  public CodeValidationResult validateCodeInValueSet(ValidationSupportContext supportContext,
      ConceptValidationOptions options, String system, String code, String display, IBaseResource valueSet) {
    if (!isOffline(supportContext, system) || !takesWithoutListing(supportContext, valueSet, system, 0)) {
      return null;
    }
    // Accepted without a message of its own: HAPI checks the code against its code system next and adds that
    // answer's warning (see validateCode), so each coding gets one warning.
    return new CodeValidationResult().setCode(code).setDisplay(display);
  }

  private static CodeValidationResult notChecked(String system, String code, String display) {
    String message = "Code " + system + "#" + code + " was not checked: the code system is not available offline";
    return new CodeValidationResult()
        .setCode(code)
        .setDisplay(display)
        .setSeverity(IssueSeverity.WARNING)
        .setMessage(message)
        .addIssue(new CodeValidationIssue(message, IssueSeverity.WARNING,
            CodeValidationIssueCode.NOT_FOUND, CodeValidationIssueCoding.NOT_FOUND));
  }

  private boolean isOffline(ValidationSupportContext supportContext, String system) {
    return system != null && systems.contains(system)
        && lacksContent(supportContext.getRootValidationSupport().fetchCodeSystem(system));
  }

  /** Whether a fetched code system is missing, or only a stub with {@code content = not-present}. */
  static boolean lacksContent(IBaseResource codeSystem) {
    if (codeSystem instanceof org.hl7.fhir.r4.model.CodeSystem r4) {
      return r4.getContent() == org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode.NOTPRESENT;
    }
    if (codeSystem instanceof org.hl7.fhir.r5.model.CodeSystem r5) {
      return r5.getContent() == org.hl7.fhir.r5.model.Enumerations.CodeSystemContentMode.NOTPRESENT;
    }
    return codeSystem == null;
  }

  /** Whether {@code valueSet} (or a value set it imports) includes {@code system} whole or through a filter. */
  private boolean takesWithoutListing(
      ValidationSupportContext supportContext, IBaseResource valueSet, String system, int depth) {
    if (valueSet == null || depth > MAX_VALUE_SET_DEPTH) {
      return false;
    }
    for (ValueSets.Include include : ValueSets.includes(valueSet)) {
      if (system.equals(include.system()) && !include.listsConcepts()) {
        return true;
      }
      for (String imported : include.valueSets()) {
        IBaseResource importedValueSet = supportContext.getRootValidationSupport().fetchValueSet(imported);
        if (takesWithoutListing(supportContext, importedValueSet, system, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Reads {@code compose.include} of an R4 or R5 (validator-internal) ValueSet. */
  private static final class ValueSets {
    record Include(String system, boolean listsConcepts, List<String> valueSets) {}

    static List<Include> includes(IBaseResource valueSet) {
      if (valueSet instanceof org.hl7.fhir.r4.model.ValueSet r4) {
        return r4.getCompose().getInclude().stream()
            .map(include -> new Include(include.getSystem(), include.hasConcept() && !include.hasFilter(),
                include.getValueSet().stream().map(org.hl7.fhir.r4.model.CanonicalType::getValue).toList()))
            .toList();
      }
      if (valueSet instanceof org.hl7.fhir.r5.model.ValueSet r5) {
        return r5.getCompose().getInclude().stream()
            .map(include -> new Include(include.getSystem(), include.hasConcept() && !include.hasFilter(),
                include.getValueSet().stream().map(org.hl7.fhir.r5.model.CanonicalType::getValue).toList()))
            .toList();
      }
      return List.of();
    }
  }
}
