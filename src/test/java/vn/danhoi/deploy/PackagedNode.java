package vn.danhoi.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One danhoi node as an operator runs it: `java -jar target/danhoi.jar` in its own process, configured only
 * by DANHOI_* variables, its output in a log file, stopped with SIGTERM as systemd and podman stop it.
 */
final class PackagedNode implements AutoCloseable {

  static final Path JAR = Path.of("target", "danhoi.jar");

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private PackagedNode(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts the node and returns once its /health answers 200, failing with its log otherwise. */
  static PackagedNode start(String name, int port, Map<String, String> env, Path dir) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new AssertionError(JAR + " is missing: the check runs after `package` (mvn -Pdeploy verify)");
    }
    Files.createDirectories(dir);
    Path log = dir.resolve("node-" + name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-jar", JAR.toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    // nothing of the caller's configuration leaks in: the node gets exactly the variables given
    builder.environment().keySet().removeIf(k -> k.startsWith("DANHOI_"));
    builder.environment().putAll(env);
    builder.environment().put("DANHOI_HTTP_HOST", "127.0.0.1");
    builder.environment().put("DANHOI_HTTP_PORT", Integer.toString(port));
    builder.environment().put("DANHOI_DATA_DIR", dir.resolve("data-" + name).toAbsolutePath().toString());
    PackagedNode node = new PackagedNode(name, port, builder.start(), log);
    node.awaitHealthy(Duration.ofSeconds(120));
    return node;
  }

  String name() {
    return name;
  }

  /** host:port, as nginx's $upstream_addr names it. */
  String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * Sends SIGTERM (what Process.destroy does on Linux, and KillSignal= in the unit) and waits for the process
   * to end; how long it took. Fails if it outlives the deadline (systemd would SIGKILL it then).
   */
  Duration terminate(Duration deadline) throws InterruptedException {
    long start = System.nanoTime();
    process.destroy();
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("node " + name + " still running " + deadline.toSeconds()
          + " s after SIGTERM (TimeoutStopSec); its log ends with:\n" + tail());
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  int exitCode() {
    return process.exitValue();
  }

  String tail() {
    return tail(log);
  }

  /** The last lines of a log, for a failure message. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void awaitHealthy(Duration timeout) {
    awaitHealthy("node " + name, "http://" + address() + "/health", process, timeout, this::tail);
  }

  /**
   * Polls GET url until it answers 200; fails with the process's log when the process dies or the time is up
   * (and then ends the process).
   */
  static void awaitHealthy(String what, String url, Process process, Duration timeout, Supplier<String> tail) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(what + " exited during start-up (" + process.exitValue() + "):\n" + tail.get());
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      pause();
    }
    process.destroyForcibly();
    throw new AssertionError(what + " not healthy within " + timeout.toSeconds() + " s:\n" + tail.get());
  }

  /** The poll interval of a start-up that takes seconds. */
  static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    stop(process, Duration.ofSeconds(30));
  }

  /** SIGTERM, then SIGKILL if the process outlives the grace time. */
  static void stop(Process process, Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
