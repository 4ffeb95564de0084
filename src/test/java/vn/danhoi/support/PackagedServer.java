package vn.danhoi.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server (target/danhoi.jar, as `mvn package` builds it) run as its own process, the way an
 * operator runs it: configured only by the DANHOI_* variables given, its standard output and error captured
 * to a file beside its data directory, stopped with SIGTERM as systemd and podman stop it. For the
 * integration tests (*IT) and the deployment check, which Maven runs after the package phase.
 */
public final class PackagedServer implements AutoCloseable {

  private static final Path JAR = Path.of("target", "danhoi.jar");
  private static final Path WORK = Path.of("target", "packaged-server");
  /** The banner's PostgreSQL line (text format), which names the embedded server's URL. */
  private static final Pattern BANNER_PG = Pattern.compile("PostgreSQL: (?:embedded )?(postgresql://\\S+)");

  private static final int TAIL_LINES = 60;

  private final String name;
  private final Process process;
  private final Map<String, String> env;
  private final Path output;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PackagedServer(String name, Process process, Map<String, String> env, Path output) {
    this.name = name;
    this.process = process;
    this.env = env;
    this.output = output;
  }

  /**
   * The environment of one server: a fresh data directory under target/ and a free port; the stores of
   * DANHOI_PG_URL / DANHOI_REDIS_URL when the tests have them (a fresh database and key prefix there), else
   * none, so the server starts its embedded ones in its data directory. Tests add the rest.
   */
  public static Map<String, String> env(String name) {
    Map<String, String> env = new HashMap<>();
    try {
      Path dataDir = Files.createDirectories(WORK.resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8)));
      env.put("DANHOI_DATA_DIR", dataDir.toAbsolutePath().toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    env.put("DANHOI_HTTP_HOST", "127.0.0.1");
    env.put("DANHOI_HTTP_PORT", Integer.toString(TestStores.freePort()));
    String pg = System.getenv("DANHOI_PG_URL");
    if (pg != null && !pg.isBlank()) {
      env.put("DANHOI_PG_URL", TestStores.newDatabase());
    }
    String redis = System.getenv("DANHOI_REDIS_URL");
    if (redis != null && !redis.isBlank()) {
      env.put("DANHOI_REDIS_URL", TestStores.redisUrl());
      env.put("DANHOI_REDIS_PREFIX", TestStores.newPrefix());
    }
    return env;
  }

  /** Drops the database {@link #env} made for the server, if it made one. */
  public static void dropDatabase(Map<String, String> env) {
    String pg = env.get("DANHOI_PG_URL");
    if (pg != null) {
      TestStores.dropDatabase(pg);
    }
  }

  /** Starts `java -jar target/danhoi.jar` with exactly these DANHOI_* variables, and waits for /health. */
  public static PackagedServer start(Map<String, String> env, Duration healthy) {
    return start("the packaged server", env, healthy);
  }

  /**
   * The same, named in failure messages and figures (the deployment check's nodes "a" and "b"). env gives
   * DANHOI_HTTP_HOST, DANHOI_HTTP_PORT and DANHOI_DATA_DIR at least ({@link #env} does).
   */
  public static PackagedServer start(String name, Map<String, String> env, Duration healthy) {
    return start(name, env, healthy, List.of());
  }

  /** The same with options for the JVM itself, before `-jar`. */
  public static PackagedServer start(String name, Map<String, String> env, Duration healthy, List<String> jvm) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: the tests that start it run after `package` "
          + "(mvn verify, mvn -Pdeploy verify)");
    }
    try {
      Path dataDir = Path.of(env.get("DANHOI_DATA_DIR")).toAbsolutePath();
      // one file per start: a server started again on the same data directory keeps the first one's output
      Path output = Files.createTempFile(Files.createDirectories(dataDir.getParent()), dataDir.getFileName() + "-",
          ".log");
      // a bounded heap: two nodes, nginx and the test JVM share a small machine in the deployment check
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx384m"));
      command.addAll(jvm);
      command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(output.toFile());
      // only what the test gives: not the DANHOI_* variables the test JVM itself was started with
      builder.environment().keySet().removeIf(k -> k.startsWith("DANHOI_"));
      builder.environment().putAll(env);
      PackagedServer server = new PackagedServer(name, builder.start(), Map.copyOf(env), output);
      awaitHealthy(name, "http://" + server.address() + "/health", server.process, healthy, server::tail);
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start " + name, e);
    }
  }

  /**
   * Polls GET url until it answers 200; fails with the process's output when the process dies or the time is
   * up (and then ends the process). Also waits for the nginx in front of the deployment check's nodes.
   */
  public static void awaitHealthy(String what, String url, Process process, Duration timeout,
                                  Supplier<String> tail) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(what + " exited with " + process.exitValue() + " while starting:\n" + tail.get());
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      pause();
    }
    process.destroyForcibly();
    throw new AssertionError(what + " was not healthy within " + timeout + ":\n" + tail.get());
  }

  public String name() {
    return name;
  }

  /** host:port, as nginx's $upstream_addr names it. */
  public String address() {
    return env.get("DANHOI_HTTP_HOST") + ":" + port();
  }

  public int port() {
    return Integer.parseInt(env.get("DANHOI_HTTP_PORT"));
  }

  public Map<String, String> env() {
    return env;
  }

  public Path dataDir() {
    return Path.of(env.get("DANHOI_DATA_DIR"));
  }

  /** The PostgreSQL this server uses: the configured one, or the embedded one its banner names. */
  public String pgUrl() {
    String configured = env.get("DANHOI_PG_URL");
    if (configured != null) {
      return configured;
    }
    Matcher m = BANNER_PG.matcher(output());
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last == null) {
      throw new AssertionError("No embedded PostgreSQL URL in the output:\n" + output());
    }
    return last;
  }

  /** Everything the process wrote to its standard output and error so far. */
  public String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<String> outputLines() {
    return output().lines().toList();
  }

  /** The last lines of the output, for a failure message. */
  public String tail() {
    return tail(output);
  }

  /** The last lines of a log, for a failure message. */
  public static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public HttpResponse<String> get(String path, String token) throws IOException {
    return send(request(path, token).GET().build());
  }

  public HttpResponse<String> post(String path, String json, String token) throws IOException {
    return send(request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
        .timeout(Duration.ofSeconds(15));
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * Sends SIGTERM (what Process.destroy does on Linux, and KillSignal= in the systemd unit) and waits for the
   * process to exit; the time it took. Fails, after killing it, if it outlives the timeout (systemd's
   * TimeoutStopSec would SIGKILL it then).
   */
  public Duration terminate(Duration timeout) {
    long begun = System.nanoTime();
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(name + " still running " + timeout + " after SIGTERM; its output ends with:\n"
            + tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return Duration.ofNanos(System.nanoTime() - begun);
  }

  /** The exit code of a process that has ended. */
  public int exitCode() {
    return process.exitValue();
  }

  /** The poll interval of the waits on a process that takes seconds. */
  public static void pause() {
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
  public static void stop(Process process, Duration grace) {
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
