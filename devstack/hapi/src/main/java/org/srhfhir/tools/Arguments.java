package org.srhfhir.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The reference validator's command line; see {@link ReferenceValidator}. */
record Arguments(
    List<Path> packages,
    boolean checkMode,
    Path root,
    Path out,
    List<Path> paths,
    Set<String> offlineCodeSystems,
    int threads,
    boolean help) {

  static final String USAGE = String.join("\n",
      "usage: ReferenceValidator --package FILE.tgz [--package FILE.tgz ...] --root DIR --out FILE.json PATH...",
      "       ReferenceValidator --check-package FILE.tgz [--package DEPENDENCY.tgz ...]",
      "options:",
      "  --offline-code-system URL  codes from this code system give a warning, not an error (repeatable;",
      "                             SNOMED CT, LOINC and ICF always do)",
      "  --threads N                validate N files at a time (default: the number of processors)");

  static Arguments parse(String[] args) {
    List<Path> packages = new ArrayList<>();
    List<Path> checked = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    Set<String> offline = new LinkedHashSet<>(ValidationEngine.OFFLINE_CODE_SYSTEMS);
    Path root = null;
    Path out = null;
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help" -> {
          return new Arguments(List.of(), false, null, null, List.of(), Set.of(), 1, true);
        }
        case "--package" -> packages.add(Path.of(value(args, ++i, arg)));
        case "--check-package" -> checked.add(Path.of(value(args, ++i, arg)));
        case "--root" -> root = Path.of(value(args, ++i, arg));
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--offline-code-system" -> offline.add(value(args, ++i, arg));
        case "--threads" -> threads = threads(value(args, ++i, arg));
        default -> {
          if (arg.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + arg);
          }
          paths.add(Path.of(arg));
        }
      }
    }
    if (!checked.isEmpty()) {
      if (root != null || out != null || !paths.isEmpty()) {
        throw new IllegalArgumentException("--check-package takes no --root, --out or PATH");
      }
      List<Path> all = new ArrayList<>(checked);
      all.addAll(packages);
      return new Arguments(all, true, null, null, List.of(), Set.copyOf(offline), 1, false);
    }
    if (packages.isEmpty()) {
      throw new IllegalArgumentException("at least one --package is required");
    }
    if (root == null || !Files.isDirectory(root)) {
      throw new IllegalArgumentException("--root must name a folder");
    }
    if (out == null) {
      throw new IllegalArgumentException("--out is required");
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no PATH to validate");
    }
    return new Arguments(
        List.copyOf(packages), false, root, out, List.copyOf(paths), Set.copyOf(offline), threads, false);
  }

  private static int threads(String value) {
    try {
      int threads = Integer.parseInt(value);
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--threads needs a positive whole number, not " + value);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }
}
