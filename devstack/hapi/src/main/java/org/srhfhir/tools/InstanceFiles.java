package org.srhfhir.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Finds the instance files to validate and names them relative to a root folder. */
final class InstanceFiles {
  private static final Set<String> SKIPPED_NAMES = Set.of("package.json", ".index.json");
  private static final String EXPECTATION_SUFFIX = ".expected.json";

  private InstanceFiles() {}

  /**
   * Collects the files under {@code paths}: a folder is searched recursively for {@code *.json} files. Expected-outcome
   * files ({@code *.expected.json}) and package metadata ({@code package.json}, {@code .index.json}) are left out,
   * also when named directly (a shell glob such as {@code fixtures/*.json} names them too).
   *
   * @return absolute, normalised paths without duplicates, sorted
   * @throws NoSuchFileException when a path does not exist
   */
  static SortedSet<Path> collect(List<Path> paths) throws IOException {
    SortedSet<Path> files = new TreeSet<>();
    for (Path path : paths) {
      Path absolute = path.toAbsolutePath().normalize();
      if (Files.isDirectory(absolute)) {
        try (Stream<Path> walk = Files.walk(absolute)) {
          walk.filter(Files::isRegularFile).filter(InstanceFiles::isInstance).forEach(files::add);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      } else if (Files.isRegularFile(absolute)) {
        if (isInstance(absolute)) {
          files.add(absolute);
        }
      } else {
        throw new NoSuchFileException(path.toString());
      }
    }
    return files;
  }

  private static boolean isInstance(Path file) {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".json") && !lower.endsWith(EXPECTATION_SUFFIX) && !SKIPPED_NAMES.contains(name);
  }

  /** The path of {@code file} relative to {@code root}, with forward slashes on every platform. */
  static String relativeName(Path root, Path file) {
    Path relative = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
  }
}
