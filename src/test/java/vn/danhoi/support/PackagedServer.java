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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server (target/danhoi.jar, as `mvn package` builds it) run as its own process, the way an
 * operator runs it: its own environment, its standard output and error captured to a file under target/,
 * stopped with SIGTERM. For the integration tests (*IT), which Maven runs after the package phase.
 */
public final class PackagedServer implements AutoCloseable {

  private static final Path JAR = Path.of("target", "danhoi.jar");
  private static final Path WORK = Path.of("target", "packaged-server");
  /** The banner's PostgreSQL line (text format), which names the embedded server's URL. */
  private static final Pattern BANNER_PG = Pattern.compile("PostgreSQL: (?:embedded )?(postgresql://\\S+)");

  private final Process process;
  private final Map<String, String> env;
  private final Path output;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PackagedServer(Process process, Map<String, String> env, Path output) {
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
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: the *IT tests run after `mvn package` (mvn verify)");
    }
    try {
      Path dataDir = Path.of(env.get("DANHOI_DATA_DIR"));
      Path output = Files.createTempFile(Files.createDirectories(WORK), dataDir.getFileName() + "-", ".log");
      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", JAR.toAbsolutePath().toString())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile());
      // only what the test gives: not the DANHOI_* variables the test JVM itself was started with
      builder.environment().keySet().removeIf(k -> k.startsWith("DANHOI_"));
      builder.environment().putAll(env);
      PackagedServer server = new PackagedServer(builder.start(), Map.copyOf(env), output);
      server.awaitHealthy(healthy);
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the packaged server", e);
    }
  }

  private void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("The packaged server exited with " + process.exitValue() + " while starting:\n"
            + output());
      }
      try {
        if (get("/health", null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      pause(Duration.ofMillis(250));
    }
    process.destroyForcibly();
    throw new AssertionError("The packaged server was not healthy within " + timeout + ":\n" + output());
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
   * Sends SIGTERM (what Process.destroy does on Linux) and waits for the process to exit; the time it took.
   * Fails, after killing it, if it is still running after the timeout.
   */
  public Duration terminate(Duration timeout) {
    long begun = System.nanoTime();
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("Still running " + timeout + " after SIGTERM:\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return Duration.ofNanos(System.nanoTime() - begun);
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
