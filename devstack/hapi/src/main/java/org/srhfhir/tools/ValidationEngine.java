package org.srhfhir.tools;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.ValidationContext;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.hl7.fhir.utilities.validation.ValidationMessage;

/**
 * HAPI's instance validator over R4 core, our conformance packages and offline terminology; built once, then used
 * for any number of resources.
 *
 * <p>The validation support chain, in order:
 * <ol>
 *   <li>{@link DefaultProfileValidationSupport} — the R4 core definitions, value sets and code systems;</li>
 *   <li>one {@code PrePopulatedValidationSupport} per loaded package;</li>
 *   <li>{@link CommonCodeSystemsTerminologyService} — UCUM, languages, countries, currencies, MIME types;</li>
 *   <li>{@link OfflineCodeSystems} — a code from a code system we cannot have offline (SNOMED CT, LOINC, ICF) gives
 *       a warning instead of an error, unless a value set lists its codes; a code from any other unknown code
 *       system stays an error where a required binding applies;</li>
 *   <li>{@link InMemoryTerminologyServerValidationSupport} — expands value sets and checks codes against the code
 *       systems above;</li>
 *   <li>{@link SnapshotGeneratingValidationSupport} — snapshots for profiles published without one.</li>
 * </ol>
 * The chain caches its answers (HAPI 8 builds the cache into {@link ValidationSupportChain}; the separate
 * {@code CachingValidationSupport} is deprecated).
 *
 * <p>References are not resolved: every file stands alone, so a reference such as {@code Patient/123} is taken to
 * point at a valid resource of the type it names, and only its type is checked against the profile's target types.
 * References inside a Bundle to another entry are still resolved through the entries' {@code fullUrl}s.
 */
final class ValidationEngine {
  /** Code systems that cannot be loaded offline: their codes are reported with a warning, not an error. */
  static final Set<String> OFFLINE_CODE_SYSTEMS = Set.of(
      "http://snomed.info/sct",
      "http://loinc.org",
      "http://hl7.org/fhir/sid/icf",
      "http://hl7.org/fhir/sid/icf-nl");

  private final FhirContext context;
  private final Set<String> offlineCodeSystems;
  private final ValidationSupportChain chain;
  private final MessageValidator validator;

  /**
   * Builds the chain and the validator.
   *
   * @param packages the loaded conformance packages; their canonical bases become extension domains, so an
   *     unknown extension under our own canonical URL is an error while other unknown extensions are allowed
   * @param offlineCodeSystems code systems whose codes cannot be checked; see {@link #OFFLINE_CODE_SYSTEMS}
   */
  ValidationEngine(FhirContext context, List<ConformancePackage> packages, Set<String> offlineCodeSystems) {
    this.context = context;
    this.offlineCodeSystems = Set.copyOf(offlineCodeSystems);
    List<IValidationSupport> supports = new ArrayList<>();
    supports.add(new DefaultProfileValidationSupport(context));
    packages.forEach(loaded -> supports.add(loaded.support()));
    supports.add(new CommonCodeSystemsTerminologyService(context));
    supports.add(new OfflineCodeSystems(context, offlineCodeSystems));
    supports.add(new InMemoryTerminologyServerValidationSupport(context));
    supports.add(new SnapshotGeneratingValidationSupport(context));
    this.chain = new ValidationSupportChain(ValidationSupportChain.CacheConfiguration.defaultValues(), supports);

    this.validator = new MessageValidator(chain);
    validator.setAssumeValidRestReferences(true);
    validator.setAnyExtensionsAllowed(true);
    validator.setErrorForUnknownProfiles(true);
    validator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Warning);
    validator.setCustomExtensionDomains(
        packages.stream().map(ConformancePackage::canonical).filter(Objects::nonNull).distinct().toList());
  }

  FhirContext context() {
    return context;
  }

  IValidationSupport chain() {
    return chain;
  }

  /** Code systems whose codes only give a warning, since they cannot be had offline. */
  Set<String> offlineCodeSystems() {
    return offlineCodeSystems;
  }

  /** The R5 worker context the validator (and snapshot generation) works on, shared with the validator. */
  WorkerContextValidationSupportAdapter workerContext() {
    return validator.workerContext();
  }

  /**
   * Validates one resource given as JSON text (a Bundle is validated as a whole) against the base definition of its
   * type and every profile named in its {@code meta.profile}.
   *
   * <p>The text must be a JSON object: HAPI reads it with a lenient JSON parser first and throws on anything else.
   *
   * @return the validator's messages, in the validator's order
   */
  List<ValidationMessage> validate(String json) {
    return validator.validateJson(context, json);
  }

  /**
   * {@link FhirInstanceValidator} with its raw messages exposed. Going through {@code FhirValidator} would turn
   * each message into a {@code SingleValidationMessage}, which drops the issue type (every issue becomes
   * {@code processing}); the messages themselves keep it.
   */
  private static final class MessageValidator extends FhirInstanceValidator {
    MessageValidator(IValidationSupport support) {
      super(support);
    }

    List<ValidationMessage> validateJson(FhirContext context, String json) {
      return validate(ValidationContext.forText(context, json, ValidationOptions.empty()));
    }

    WorkerContextValidationSupportAdapter workerContext() {
      return provideWorkerContext();
    }
  }
}
