package org.srhfhir.tools;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Writes the FHIR NPM package {@code hl7.fhir.r4.core#4.0.1} from the R4 definitions that HAPI ships in
 * {@code hapi-fhir-validation-resources-r4} and {@code hapi-fhir-structures-r4}.
 *
 * <p>No registry we can reach serves the core package, and copies on npm carry vendor additions. The bundles in
 * HAPI's jars are the published R4 definitions, so converting them gives a faithful package for SUSHI and the
 * validators. Usage: {@code CorePackageBuilder <packages-folder>}; the package lands in
 * {@code <packages-folder>/hl7.fhir.r4.core#4.0.1/package/}.
 */
public final class CorePackageBuilder {
  static final String PACKAGE_ID = "hl7.fhir.r4.core";
  static final String VERSION = "4.0.1";

  private static final List<String> XML_BUNDLES = List.of(
      "/org/hl7/fhir/r4/model/profile/profiles-types.xml",
      "/org/hl7/fhir/r4/model/profile/profiles-resources.xml",
      "/org/hl7/fhir/r4/model/profile/profiles-others.xml",
      "/org/hl7/fhir/r4/model/extension/extension-definitions.xml",
      "/org/hl7/fhir/r4/model/valueset/valuesets.xml",
      "/org/hl7/fhir/r4/model/valueset/v3-codesystems.xml",
      "/org/hl7/fhir/r4/model/valueset/v2-tables.xml");
  private static final String JSON_SEARCH_PARAMETERS = "/org/hl7/fhir/r4/model/sp/search-parameters.json";

  private CorePackageBuilder() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CorePackageBuilder <packages-folder>");
      System.exit(2);
    }
    Path packageDir = Path.of(args[0]).resolve(PACKAGE_ID + "#" + VERSION).resolve("package");
    Files.createDirectories(packageDir);
    FhirContext context = FhirContext.forR4Cached();
    IParser json = context.newJsonParser().setPrettyPrint(false);
    Map<String, JsonObject> index = new TreeMap<>();

    for (String name : XML_BUNDLES) {
      addBundle(read(context.newXmlParser(), name), json, packageDir, index);
    }
    addBundle(read(context.newJsonParser(), JSON_SEARCH_PARAMETERS), json, packageDir, index);

    Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    JsonObject indexFile = new JsonObject();
    indexFile.addProperty("index-version", 1);
    JsonArray files = new JsonArray();
    index.values().forEach(files::add);
    indexFile.add("files", files);
    Files.writeString(packageDir.resolve(".index.json"), gson.toJson(indexFile), StandardCharsets.UTF_8);
    Files.writeString(packageDir.resolve("package.json"), gson.toJson(manifest()), StandardCharsets.UTF_8);
    System.out.println("wrote " + index.size() + " resources to " + packageDir);
  }

  private static Bundle read(IParser parser, String resourceName) throws IOException {
    try (InputStream in = CorePackageBuilder.class.getResourceAsStream(resourceName)) {
      if (in == null) {
        throw new IOException("R4 definitions not on the classpath: " + resourceName);
      }
      return parser.parseResource(Bundle.class, new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  private static void addBundle(Bundle bundle, IParser json, Path packageDir, Map<String, JsonObject> index)
      throws IOException {
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      Resource resource = entry.getResource();
      if (resource == null || !resource.hasIdElement()) {
        continue;
      }
      String type = resource.fhirType();
      String id = resource.getIdElement().getIdPart();
      String fileName = type + "-" + id + ".json";
      if (index.containsKey(fileName)) {
        continue; // the same definition appears in more than one bundle; the first copy wins
      }
      resource.setMeta(null);
      Files.writeString(packageDir.resolve(fileName), json.encodeResourceToString(resource), StandardCharsets.UTF_8);
      index.put(fileName, indexEntry(fileName, resource));
    }
  }

  private static JsonObject indexEntry(String fileName, Resource resource) {
    JsonObject entry = new JsonObject();
    entry.addProperty("filename", fileName);
    entry.addProperty("resourceType", resource.fhirType());
    entry.addProperty("id", resource.getIdElement().getIdPart());
    if (resource instanceof MetadataResource metadata) {
      if (metadata.hasUrl()) {
        entry.addProperty("url", metadata.getUrl());
      }
      if (metadata.hasVersion()) {
        entry.addProperty("version", metadata.getVersion());
      }
    }
    if (resource instanceof StructureDefinition definition) {
      entry.addProperty("kind", definition.getKind().toCode());
      entry.addProperty("type", definition.getType());
      if (definition.hasDerivation()) {
        entry.addProperty("derivation", definition.getDerivation().toCode());
      }
    }
    if (resource instanceof SearchParameter parameter) {
      entry.addProperty("type", parameter.getType().toCode());
    }
    return entry;
  }

  private static JsonObject manifest() {
    JsonObject manifest = new JsonObject();
    manifest.addProperty("name", PACKAGE_ID);
    manifest.addProperty("version", VERSION);
    manifest.addProperty("type", "Core");
    manifest.addProperty("tools-version", 3);
    manifest.addProperty("canonical", "http://hl7.org/fhir");
    manifest.addProperty("url", "http://hl7.org/fhir/R4");
    manifest.addProperty("title", "FHIR R4 core definitions (built from HAPI's R4 validation resources)");
    manifest.addProperty("description", "Definitions (API, structures and terminologies) for the R4 version of "
        + "the FHIR standard, converted from the bundles in hapi-fhir-validation-resources-r4.");
    manifest.addProperty("license", "CC0-1.0");
    JsonArray versions = new JsonArray();
    versions.add(VERSION);
    manifest.add("fhirVersions", versions);
    manifest.add("dependencies", new JsonObject());
    return manifest;
  }
}
