package org.srhfhir.tools;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
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
 *   <li>every ValueSet is expanded in memory; one that cannot be expanded because it needs a code system we cannot
 *       have offline (a SNOMED CT filter, all of LOINC) is only a note, any other failure to expand is a failure
 *       (a code system missing from the package, say).</li>
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
      check.loadsIntoNpmPackageSupport(engine.context(), loaded);
    }
    for (ConformancePackage loaded : packages) {
      check.snapshots(engine, loaded);
      check.expansions(engine, loaded);
    }
    out.println(check.failures == 0 ? "package check passed" : "package check FAILED: " + check.failures + " problem(s)");
    return check.failures == 0 ? 0 : 1;
  }

  /**
   * Loads the .tgz the way a vendor's HAPI set-up would, with {@link NpmPackageValidationSupport}. That support
   * reads packages from the classpath only, so the folder holding the .tgz must be on it (the Makefile adds it).
   */
  private void loadsIntoNpmPackageSupport(FhirContext context, ConformancePackage loaded) {
    String resource = "classpath:" + loaded.file().getFileName();
    try {
      NpmPackageValidationSupport support = new NpmPackageValidationSupport(context);
      support.loadPackageFromClasspath(resource);
      int definitions = support.fetchAllStructureDefinitions().size();
      out.printf("  NpmPackageValidationSupport loaded %s: %d StructureDefinitions%n", resource, definitions);
      if (definitions != loaded.count("StructureDefinition")) {
        fail("NpmPackageValidationSupport loaded " + definitions + " StructureDefinitions, the package has "
            + loaded.count("StructureDefinition"));
      }
    } catch (IOException | RuntimeException e) {
      fail("NpmPackageValidationSupport could not load " + resource + " (is its folder on the classpath?): "
          + e.getMessage());
    }
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
          continue;
        }
        List<String> unavailable = valueSet.getCompose().getInclude().stream()
            .map(ValueSet.ConceptSetComponent::getSystem)
            .filter(system -> system != null && OfflineCodeSystems.lacksContent(chain.fetchCodeSystem(system)))
            .distinct()
            .toList();
        if (!unavailable.isEmpty() && engine.offlineCodeSystems().containsAll(unavailable)) {
          out.println("  note: " + name + " needs " + String.join(", ", unavailable) + ", not available offline");
        } else {
          String error = outcome == null ? "no terminology support could expand it" : outcome.getError();
          fail(name + ": " + error + (unavailable.isEmpty() ? "" : " (unknown code systems: "
              + String.join(", ", unavailable) + ")"));
        }
      } catch (RuntimeException e) {
        fail(name + ": " + e);
      }
    }
  }

  private void fail(String message) {
    failures++;
    out.println("  FAILED: " + message);
  }
}
