package vn.danhoi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feature packages depend on each other in one direction only (infra at the bottom, depending on no
 * feature): a package that leans back on one leaning on it can no longer be read, changed or moved alone.
 * Read from the sources' imports and fully qualified names, so it needs no build tool.
 */
class PackageCyclesTest {

  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
  /** A class of another danhoi package: imported, or written out in full (vn.danhoi.infra.OoxmlFiles.x()). */
  private static final Pattern REFERENCE = Pattern.compile("\\b(vn\\.danhoi(?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");

  @Test
  void noPackageDependsOnOneThatDependsOnIt() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    assertTrue(uses.size() > 10, "the sources were not found: " + uses.keySet());
    assertEquals(List.of(), cycles(uses), "package cycles (each listed from a package back to itself)");
  }

  @Test
  void infraDependsOnNoFeature() throws IOException {
    Set<String> infra = dependencies().get("vn.danhoi.infra");
    assertEquals(Set.of(), infra, "infra is below every feature");
  }

  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        Matcher pkg = PACKAGE.matcher(source);
        if (!pkg.find()) {
          continue;
        }
        Set<String> used = uses.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
        Matcher ref = REFERENCE.matcher(source);
        while (ref.find()) {
          used.add(ref.group(1));
        }
        used.remove(pkg.group(1));
      }
    }
    uses.values().forEach(used -> used.retainAll(uses.keySet()));
    return uses;
  }

  /** One cycle per package caught in one, found by a depth-first walk from each package. */
  private static List<String> cycles(Map<String, Set<String>> uses) {
    List<String> found = new ArrayList<>();
    for (String start : uses.keySet()) {
      Deque<List<String>> paths = new ArrayDeque<>();
      paths.push(List.of(start));
      Set<String> seen = new TreeSet<>();
      while (!paths.isEmpty()) {
        List<String> path = paths.pop();
        for (String next : uses.get(path.get(path.size() - 1))) {
          if (next.equals(start)) {
            List<String> cycle = new ArrayList<>(path);
            cycle.add(start);
            found.add(String.join(" -> ", cycle));
            paths.clear();
            break;
          }
          if (seen.add(next)) {
            List<String> longer = new ArrayList<>(path);
            longer.add(next);
            paths.push(longer);
          }
        }
      }
    }
    return found;
  }
}
