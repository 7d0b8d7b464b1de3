package org.srhfhir.tools;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/**
 * The reference validator: HAPI FHIR's instance validator run over our FHIR package(s) and a set of instance files,
 * offline, writing one OperationOutcome per file for the test suite to compare against.
 *
 * <pre>
 * ReferenceValidator --package FILE.tgz [--package FILE.tgz ...] --root DIR --out FILE.json PATH...
 * ReferenceValidator --check-package FILE.tgz [--package DEPENDENCY.tgz ...]
 * options: --offline-code-system URL   another code system whose codes only warn (default: SNOMED CT, LOINC, ICF)
 *          --threads N                 files validated at a time (default: the number of processors)
 * </pre>
 *
 * <p>Validation mode: every PATH is a file or a folder (searched for {@code *.json}, see {@link InstanceFiles}); each
 * file holds one R4 resource in JSON (a Bundle is validated as a whole) and is validated against R4 and the profiles
 * in its {@code meta.profile} (none: the base definition only). The result is one JSON object that maps each file's
 * path relative to {@code --root} (forward slashes, sorted) to its OperationOutcome (see {@link Outcomes}), and a
 * short summary on stdout. Exit code 0 whatever the files contain; 2 for a usage error; 3 when a package cannot be
 * loaded; 1 when the result cannot be written.
 *
 * <p>Check mode: see {@link PackageCheck}; exit code 0 when the package is sound, 1 when not, 3 when it cannot be
 * read at all.
 *
 * <p>HAPI's logging is cut down to warnings; pass {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=info} to see all.
 */
public final class ReferenceValidator {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_PACKAGE = 3;

  /** A small valid resource validated before the real files, to pay the validator's one-off start-up cost. */
  private static final String WARM_UP =
      "{\"resourceType\":\"Basic\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"1-8\"}]}}";

  private ReferenceValidator() {}

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      // R4 core's own definitions carry an element HAPI's parser does not know ('author'); not our concern
      System.setProperty("org.slf4j.simpleLogger.log.ca.uhn.fhir.parser.LenientErrorHandler", "error");
    }
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    long started = System.nanoTime();
    Arguments arguments;
    SortedSet<Path> files;
    try {
      arguments = Arguments.parse(args);
      files = InstanceFiles.collect(arguments.paths()); // before the slow part, to fail fast
    } catch (IllegalArgumentException | IOException e) {
      err.println("error: " + (e instanceof IOException io ? describe(io) : e.getMessage()));
      err.println(Arguments.USAGE);
      return EXIT_USAGE;
    }
    if (arguments.help()) {
      out.println(Arguments.USAGE);
      return EXIT_OK;
    }

    FhirContext context = FhirContext.forR4Cached();
    List<ConformancePackage> packages = new ArrayList<>();
    for (Path file : arguments.packages()) {
      try {
        packages.add(ConformancePackage.load(context, file));
      } catch (IOException e) {
        err.println("error: cannot load package " + file + ": " + describe(e));
        return EXIT_PACKAGE;
      }
    }
    packages.forEach(loaded -> loaded.checkDependencies(packages));
    long loaded = System.nanoTime();
    ValidationEngine engine = new ValidationEngine(context, packages, arguments.offlineCodeSystems());
    if (arguments.checkMode()) {
      return PackageCheck.run(engine, packages, out);
    }
    for (ConformancePackage pkg : packages) {
      pkg.problems().forEach(problem -> err.println("warning: " + pkg.label() + ": " + problem));
    }

    FileValidator validator = new FileValidator(engine);
    validator.validateText(WARM_UP); // loads R4 core into the validator, so the timings below are per file
    long ready = System.nanoTime();
    SortedMap<String, OperationOutcome> outcomes = validateAll(validator, files, arguments);
    long validated = System.nanoTime();
    try {
      write(context, outcomes, arguments.out());
    } catch (IOException e) {
      err.println("error: cannot write " + arguments.out() + ": " + describe(e));
      return EXIT_FAILED;
    }
    printSummary(out, outcomes, new Timings(started, loaded, ready, validated));
    return EXIT_OK;
  }

  /**
   * Validates the files on {@code --threads} threads. The validator is shared: HAPI's instance validator makes a
   * fresh core validator per call over a thread-safe, caching support chain (the same arrangement HAPI's server uses
   * for concurrent requests).
   */
  private static SortedMap<String, OperationOutcome> validateAll(
      FileValidator validator, SortedSet<Path> files, Arguments arguments) {
    SortedMap<String, OperationOutcome> outcomes = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(arguments.threads(), files.size())));
    try {
      Map<String, Future<OperationOutcome>> pending = new TreeMap<>();
      for (Path file : files) {
        pending.put(InstanceFiles.relativeName(arguments.root(), file), pool.submit(() -> validator.validate(file)));
      }
      for (Map.Entry<String, Future<OperationOutcome>> entry : pending.entrySet()) {
        outcomes.put(entry.getKey(), result(entry.getValue()));
      }
    } finally {
      pool.shutdownNow();
    }
    return outcomes;
  }

  private static OperationOutcome result(Future<OperationOutcome> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      // FileValidator turns validator failures into outcomes; this is only reached on an Error such as OOM.
      return Outcomes.single(IssueSeverity.FATAL, OperationOutcome.IssueType.EXCEPTION,
          "The validator failed on this file: " + e.getCause(), -1, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void write(FhirContext context, Map<String, OperationOutcome> outcomes, Path out)
      throws IOException {
    IParser parser = context.newJsonParser();
    JsonObject result = new JsonObject();
    outcomes.forEach((name, outcome) ->
        result.add(name, JsonParser.parseString(parser.encodeResourceToString(outcome))));
    Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, gson.toJson(result) + "\n", StandardCharsets.UTF_8);
  }

  /** {@link System#nanoTime()} at the start, after loading the packages, after the warm-up and at the end. */
  private record Timings(long started, long loaded, long ready, long validated) {}

  private static void printSummary(PrintStream out, Map<String, OperationOutcome> outcomes, Timings times) {
    int filesWithErrors = 0;
    int errors = 0;
    int warnings = 0;
    for (OperationOutcome outcome : outcomes.values()) {
      int fileErrors = 0;
      for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
        if (issue.getSeverity() == IssueSeverity.ERROR || issue.getSeverity() == IssueSeverity.FATAL) {
          fileErrors++;
        } else if (issue.getSeverity() == IssueSeverity.WARNING) {
          warnings++;
        }
      }
      errors += fileErrors;
      filesWithErrors += fileErrors > 0 ? 1 : 0;
    }
    double perFile = outcomes.isEmpty() ? 0 : millis(times.ready(), times.validated()) / outcomes.size();
    out.printf("validated %d files: %d with errors; %d errors, %d warnings%n",
        outcomes.size(), filesWithErrors, errors, warnings);
    out.printf("time: %.1f s (packages %.1f s, validator start-up %.1f s, validation %.1f s = %.0f ms per file)%n",
        millis(times.started(), times.validated()) / 1000, millis(times.started(), times.loaded()) / 1000,
        millis(times.loaded(), times.ready()) / 1000, millis(times.ready(), times.validated()) / 1000, perFile);
  }

  /** A readable account of an I/O failure (several NIO exceptions carry only a path as their message). */
  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder: " + e.getMessage();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    if (e instanceof FileSystemException) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return String.valueOf(e.getMessage());
  }

  private static double millis(long from, long to) {
    return (to - from) / 1e6;
  }
}
