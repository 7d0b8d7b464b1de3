package org.srhfhir.tools;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * A FHIR NPM package ({@code .tgz}) read from a file, with its conformance resources ready for the validator.
 *
 * <p>HAPI's {@code NpmPackageValidationSupport} can only load a package from the classpath, so this class does the
 * same work for a file: it parses every JSON resource in the package's {@code package/} folder (not the examples in
 * {@code package/example/}) and hands them to a {@link PrePopulatedValidationSupport}. That support keeps
 * StructureDefinitions, ValueSets, CodeSystems and SearchParameters; other conformance resources (ConceptMap,
 * ImplementationGuide, CapabilityStatement, ...) are counted but the validator has no use for them.
 *
 * <p>Anything odd is collected in {@link #problems()} rather than thrown, so a caller can decide whether it is fatal:
 * a resource that parses only leniently, a duplicate canonical URL, a FHIR version other than R4 or a dependency no
 * other loaded package provides.
 */
final class ConformancePackage {
  /** The R4 core package; HAPI's {@code DefaultProfileValidationSupport} already provides it. */
  static final String CORE_PACKAGE = "hl7.fhir.r4.core";

  private static final Set<String> SKIPPED_FILES = Set.of("package.json", ".index.json", ".index.db");

  private final Path file;
  private final String name;
  private final String version;
  private final String canonical;
  private final List<String> dependencies;
  private final PrePopulatedValidationSupport support;
  private final List<StructureDefinition> structureDefinitions = new ArrayList<>();
  private final List<ValueSet> valueSets = new ArrayList<>();
  private final Map<String, Integer> counts = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();

  private ConformancePackage(Path file, NpmPackage npm, FhirContext context) {
    this.file = file;
    this.name = npm.name();
    this.version = npm.version();
    this.canonical = npm.canonical();
    this.dependencies = List.copyOf(npm.dependencies());
    this.support = new PrePopulatedValidationSupport(context);
  }

  /**
   * Reads a package file.
   *
   * @throws IOException when the file cannot be read or is not an NPM package with a {@code package/} folder
   */
  static ConformancePackage load(FhirContext context, Path file) throws IOException {
    NpmPackage npm;
    try (InputStream in = Files.newInputStream(file)) {
      npm = NpmPackage.fromPackage(in);
    } catch (RuntimeException e) {
      throw new IOException("not a readable FHIR NPM package: " + e.getMessage(), e);
    }
    NpmPackage.NpmPackageFolder folder = npm.getFolders().get("package");
    if (folder == null || npm.name() == null) {
      throw new IOException("not a FHIR NPM package: no package/package.json");
    }
    ConformancePackage loaded = new ConformancePackage(file, npm, context);
    loaded.checkFhirVersion(npm.fhirVersion());
    loaded.readResources(context, folder);
    return loaded;
  }

  private void checkFhirVersion(String fhirVersion) {
    if (fhirVersion == null || !fhirVersion.startsWith("4.0")) {
      problems.add("package.json: FHIR version is " + fhirVersion + ", expected 4.0.1");
    }
  }

  private void readResources(FhirContext context, NpmPackage.NpmPackageFolder folder) {
    IParser strict = context.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    IParser lenient = context.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
    Map<String, String> fileByCanonical = new TreeMap<>();
    for (String fileName : new TreeSet<>(folder.listFiles())) {
      if (!fileName.toLowerCase(Locale.ROOT).endsWith(".json") || SKIPPED_FILES.contains(fileName)) {
        continue;
      }
      String text = new String(folder.getContent().get(fileName), StandardCharsets.UTF_8);
      IBaseResource resource;
      try {
        resource = strict.parseResource(text);
      } catch (DataFormatException strictFailure) {
        try {
          resource = lenient.parseResource(text);
          problems.add(fileName + ": parsed only leniently: " + strictFailure.getMessage());
        } catch (DataFormatException e) {
          problems.add(fileName + ": not a FHIR resource: " + e.getMessage());
          continue;
        }
      }
      add(fileName, resource, fileByCanonical);
    }
  }

  private void add(String fileName, IBaseResource resource, Map<String, String> fileByCanonical) {
    String type = resource.fhirType();
    counts.merge(type, 1, Integer::sum);
    if (resource instanceof MetadataResource metadata && metadata.hasUrl()) {
      String canonical = type + " " + metadata.getUrl() + "|" + metadata.getVersion();
      String earlier = fileByCanonical.putIfAbsent(canonical, fileName);
      if (earlier != null) {
        problems.add(fileName + ": same canonical URL and version as " + earlier + ": " + metadata.getUrl());
      }
    }
    try {
      support.addResource(resource); // keeps the four types the validator needs, ignores the others
    } catch (IllegalArgumentException | NullPointerException e) {
      problems.add(fileName + ": cannot be used by the validator: " + e.getMessage());
      return;
    }
    if (resource instanceof StructureDefinition definition) {
      structureDefinitions.add(definition);
    } else if (resource instanceof ValueSet valueSet) {
      valueSets.add(valueSet);
    }
  }

  /** Notes a problem for each dependency that neither R4 core nor one of {@code loaded} provides. */
  void checkDependencies(List<ConformancePackage> loaded) {
    for (String dependency : dependencies) {
      String dependencyName = dependency.split("#", 2)[0];
      boolean provided = dependencyName.equals(CORE_PACKAGE)
          || loaded.stream().anyMatch(other -> other.name.equals(dependencyName));
      if (!provided) {
        problems.add("package.json: dependency " + dependency + " is not loaded (pass it with another --package)");
      }
    }
  }

  Path file() {
    return file;
  }

  /** The package's {@code name#version}. */
  String label() {
    return name + "#" + version;
  }

  String name() {
    return name;
  }

  /** The package's canonical base URL from package.json, or {@code null}. */
  String canonical() {
    return canonical;
  }

  PrePopulatedValidationSupport support() {
    return support;
  }

  List<StructureDefinition> structureDefinitions() {
    return List.copyOf(structureDefinitions);
  }

  List<ValueSet> valueSets() {
    return List.copyOf(valueSets);
  }

  /** Number of resources read, by resource type, sorted by type. */
  Map<String, Integer> counts() {
    return Collections.unmodifiableMap(counts);
  }

  int count(String resourceType) {
    return counts.getOrDefault(resourceType, 0);
  }

  List<String> problems() {
    return List.copyOf(problems);
  }
}
