package vn.danhoi.bench;

import io.vertx.core.json.JsonObject;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server (danhoi or the trivial endpoint) in its own JVM, on this JVM's class path, so it has its own heap. */
final class ChildJvm implements AutoCloseable {

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  final String name;
  final Process process;
  final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ChildJvm start(String name, String mainClass, List<String> jvmOptions, Map<String, String> env,
                        List<String> args, Path logDir) throws IOException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // only the variables given here configure the child: none leaks in from the shell running the bench
    builder.environment().keySet().removeIf(k -> k.startsWith("DANHOI_"));
    builder.environment().putAll(env);
    ChildJvm child = new ChildJvm(name, builder.start(), log);
    Runtime.getRuntime().addShutdownHook(new Thread(child.process::destroyForcibly));
    return child;
  }

  /**
   * The class path this JVM really loads the project from: under exec:java that is the plugin's class
   * loader (java.class.path is Maven's own launcher), under surefire and plain java it is java.class.path.
   */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader cl = ChildJvm.class.getClassLoader(); cl != null; cl = cl.getParent()) {
      if (cl instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(new File(url.toURI()).getPath());
          } catch (URISyntaxException | IllegalArgumentException e) {
            entries.add(url.getPath());
          }
        }
      }
    }
    return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
  }

  long pid() {
    return process.pid();
  }

  /** Waits until GET url answers 200, failing early when the child dies. */
  void awaitHttp(String url, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new IllegalStateException(name + " did not answer " + url + " within " + timeout + ":\n" + logTail());
  }

  /** Heap used after a full GC (jcmd GC.run, GC.heap_info) and resident set size, in bytes; -1 when unreadable. */
  JsonObject memory() {
    long heap = -1;
    try {
      run("jcmd", Long.toString(pid()), "GC.run");
      Matcher m = HEAP_USED.matcher(run("jcmd", Long.toString(pid()), "GC.heap_info"));
      if (m.find()) {
        heap = Long.parseLong(m.group(1)) * 1024;
      }
    } catch (IOException e) {
      // jcmd missing: reported as -1
    }
    long rss = -1;
    try {
      Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid()), "status")));
      if (m.find()) {
        rss = Long.parseLong(m.group(1)) * 1024;
      }
    } catch (IOException e) {
      // not Linux
    }
    return new JsonObject().put("heapAfterGcBytes", heap).put("rssBytes", rss);
  }

  /** Runs a command to its end and answers its output (stdout and stderr). */
  static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(5, TimeUnit.MINUTES);
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
