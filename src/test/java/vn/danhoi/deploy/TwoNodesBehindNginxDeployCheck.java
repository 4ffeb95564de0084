package vn.danhoi.deploy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vn.danhoi.support.PackagedServer;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestStores;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment of docs/DEPLOY.md, run for real: two packaged nodes on one PostgreSQL database and one Redis
 * prefix behind nginx configured with docs/deploy/nginx/danhoi-proxy.conf. Citizens keep asking through the
 * proxy while the node holding an editor's moderation socket is stopped with SIGTERM (as the systemd unit
 * does); the socket must come back through nginx on the other node, and every question that got a 2xx must
 * be on the board and once in PostgreSQL. Run by `mvn -Pdeploy verify` (needs nginx; never in the default
 * build). Prints its figures and leaves the nodes' and nginx's logs in target/deploy-check/.
 */
@Tag("deploy")
class TwoNodesBehindNginxDeployCheck {

  private static final Path DIR = Path.of("target", "deploy-check");
  private static final Path UNIT = Path.of("docs", "deploy", "danhoi.service");
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration NODE_START = Duration.ofSeconds(120);

  // the nodes' bootstrap token: given to them, never printed
  private final String adminToken = "deploy-check-admin-" + UUID.randomUUID();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  @Test
  void aNodeStoppedWithSigtermLosesNoQuestionAndItsConsoleMovesToTheOtherNode() throws Exception {
    Nginx.binary();
    Duration stopTimeout = unitStopTimeout();
    String db = TestStores.newDatabase();
    int proxyPort = TestStores.freePort();
    String origin = "http://127.0.0.1:" + proxyPort;
    Map<String, String> env = new HashMap<>();
    env.put("DANHOI_PG_URL", db);
    env.put("DANHOI_REDIS_URL", TestStores.redisUrl());
    env.put("DANHOI_REDIS_PREFIX", TestStores.newPrefix());
    env.put("DANHOI_ADMIN_TOKEN", adminToken);
    env.put("DANHOI_SMS_SECRET", "deploy-check-sms-" + UUID.randomUUID());
    env.put("DANHOI_TRUST_PROXY", "true");
    env.put("DANHOI_PUBLIC_URL", origin);
    env.put("DANHOI_DEMO", "off");
    env.put("DANHOI_HTTP_INSTANCES", "2");
    // every citizen here comes from 127.0.0.1, which the per-address limit would soon refuse
    env.put("DANHOI_RATE_LIMIT_PER_MINUTE", "100000");
    env.put("DANHOI_RATE_LIMIT_BURST", "100000");

    Vertx vertx = Vertx.vertx();
    // one after the other, as a rolling start does: the first one migrates the schema
    try (PackagedServer a = PackagedServer.start("a", node(env, "a"), NODE_START);
         PackagedServer b = PackagedServer.start("b", node(env, "b"), NODE_START);
         Nginx nginx = Nginx.start(DIR.resolve("nginx"), proxyPort, List.of(a.address(), b.address()))) {
      String episode = liveEpisode(origin);
      String editorToken = editorToken(origin);
      Citizens citizens = new Citizens(origin, episode);

      for (int i = 0; i < 20; i++) {
        citizens.ask();
      }
      try (ModerationConsole console = new ModerationConsole(vertx, proxyPort, episode, editorToken, origin)) {
        console.open(SOCKET_TIMEOUT);
        console.awaitOnBoard(citizens.accepted(), SOCKET_TIMEOUT);
        for (int i = 0; i < 20; i++) {
          citizens.ask();
        }
        console.awaitOnBoard(citizens.accepted(), SOCKET_TIMEOUT);

        ModerationConsole.Connection first = console.connections().get(0);
        PackagedServer stopped = first.upstream.equals(a.address()) ? a : b;
        PackagedServer survivor = stopped == a ? b : a;
        assertTrue(first.upstream.equals(a.address()) || first.upstream.equals(b.address()),
            "nginx named an unknown node: " + first.upstream);

        // questions keep coming while the node stops, at about 25 a second
        ScheduledExecutorService asking = Executors.newSingleThreadScheduledExecutor();
        asking.scheduleWithFixedDelay(citizens::ask, 0, 40, TimeUnit.MILLISECONDS);
        int beforeStop = citizens.acceptedCount();
        await(() -> citizens.acceptedCount() >= beforeStop + 20,
            () -> "questions flowing before the stop: " + citizens.figures());

        long sigterm = System.nanoTime();
        Duration stopTook = stopped.terminate(stopTimeout);
        int exitCode = stopped.exitCode();
        // the unit gives 30 s before SIGKILL; the node promises 10, what Kubernetes and Docker give by default
        assertTrue(stopTook.compareTo(Duration.ofSeconds(10)) <= 0, "SIGTERM to exit took " + stopTook);
        console.awaitClosed(0, SOCKET_TIMEOUT);
        assertEquals(1001, first.closeCode,
            "the stopped node closes its sockets as going away, so the page reconnects");
        console.awaitConnections(2, SOCKET_TIMEOUT);
        ModerationConsole.Connection second = console.connections().get(1);
        int afterReconnect = citizens.acceptedCount();
        await(() -> citizens.acceptedCount() >= afterReconnect + 40,
            () -> "questions flowing after the stop: " + citizens.figures());
        asking.shutdown();
        assertTrue(asking.awaitTermination(60, TimeUnit.SECONDS), "the asking loop did not end");

        Set<String> accepted = citizens.accepted();
        console.awaitOnBoard(accepted, SOCKET_TIMEOUT);
        assertEquals(survivor.address(), second.upstream, "the socket came back on the node still running");
        assertNotEquals(first.upstream, second.upstream);

        int freshBoard;
        try (ModerationConsole fresh = new ModerationConsole(vertx, proxyPort, episode, editorToken, origin)) {
          fresh.open(SOCKET_TIMEOUT);
          fresh.awaitOnBoard(accepted, SOCKET_TIMEOUT);
          freshBoard = fresh.board().size();
        }

        Sql sql = new Sql(db);
        Set<String> stored = new HashSet<>();
        sql.rows("SELECT id FROM submissions WHERE episode_id = ?", UUID.fromString(episode))
            .forEach(r -> stored.add(r.get("id").toString()));
        long rows = sql.count("SELECT count(*) FROM submissions WHERE episode_id = ?", UUID.fromString(episode));
        assertTrue(stored.containsAll(accepted), "accepted questions missing from PostgreSQL");
        assertEquals(stored.size(), rows, "a question stored twice");
        assertEquals(0, citizens.givenUp(), "questions never accepted: " + citizens.figures());
        HttpResponse<String> health = get(origin + "/health");
        assertEquals(200, health.statusCode(), "the proxy's /health after the stop");
        assertTrue(health.headers().firstValue("X-Request-Id").orElse("").matches("[0-9a-f]{32}"),
            "the node answers with nginx's request id: " + health.headers().map());

        String figures = String.join("\n",
            "deploy check: nginx on " + origin + " -> node a " + a.address() + ", node b " + b.address()
                + " (one PostgreSQL database, one Redis prefix, DANHOI_TRUST_PROXY=true)",
            // "b->a": a request nginx found node b gone for and passed on to node a
            "  citizens: " + citizens.figures().replace(a.address(), "a").replace(b.address(), "b"),
            "  moderation socket on node " + stopped.name() + " (" + stopped.address() + "); SIGTERM -> process "
                + "ended in " + stopTook.toMillis() + " ms (exit " + exitCode + ", TimeoutStopSec "
                + stopTimeout.toSeconds() + " s)",
            "  socket closed " + millis(sigterm, first.closedAtNanos) + " ms after SIGTERM (code " + first.closeCode
                + "), reopened through nginx on node " + survivor.name() + " " + millis(sigterm, second.openedAtNanos)
                + " ms after SIGTERM (nginx tried " + second.tried + "), " + (second.resumed ? "resumed with ?since=" : "with a fresh snapshot")
                + "; failed attempts meanwhile: " + console.failedAttempts().size(),
            "  board after reconnecting: " + console.board().size() + " items; fresh snapshot on node "
                + survivor.name() + ": " + freshBoard + "; PostgreSQL: " + rows + " rows; accepted: "
                + accepted.size() + "; lost: 0, stored twice: 0");
        System.out.println(figures);
        Files.writeString(DIR.resolve("figures.txt"), figures + "\n");
      }
    } finally {
      vertx.close();
      TestStores.dropDatabase(db);
    }
  }

  /** TimeoutStopSec of the systemd unit in docs/deploy, which must stop the node with SIGTERM. */
  private static Duration unitStopTimeout() throws IOException {
    String unit = Files.readString(UNIT);
    assertTrue(unit.lines().anyMatch("KillSignal=SIGTERM"::equals), UNIT + " stops the node with SIGTERM");
    Matcher m = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)$").matcher(unit);
    assertTrue(m.find(), UNIT + " sets TimeoutStopSec in seconds");
    return Duration.ofSeconds(Long.parseLong(m.group(1)));
  }

  private String liveEpisode(String base) throws IOException, InterruptedException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    HttpResponse<String> r = post(base + "/api/episodes", new JsonObject()
        .put("title", "Dân hỏi – Chính quyền trả lời").put("topic", "Hai máy chủ sau nginx")
        .put("startsAt", now.minusMinutes(5).toString()).put("durationMinutes", 60)
        .put("intake", new JsonObject().put("smsNumber", "8085").put("smsKeyword", "DT")
            .put("hotline", new JsonArray().add("0272 3826 111"))));
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("id");
  }

  /** A machine token with the editor role, made with the bootstrap admin token: what the socket presents. */
  private String editorToken(String base) throws IOException, InterruptedException {
    HttpResponse<String> r = post(base + "/api/tokens",
        new JsonObject().put("name", "Kiểm tra triển khai").put("role", "editor"));
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("token");
  }

  private HttpResponse<String> post(String url, JsonObject body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + adminToken)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void await(BooleanSupplier done, Supplier<String> what) {
    long deadline = System.nanoTime() + SOCKET_TIMEOUT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out: " + what.get());
      }
      PackagedServer.pause();
    }
  }

  /** One node's variables: the shared ones, its own port, and its data directory (and log) under DIR. */
  private static Map<String, String> node(Map<String, String> shared, String name) {
    Map<String, String> env = new HashMap<>(shared);
    env.put("DANHOI_HTTP_HOST", "127.0.0.1");
    env.put("DANHOI_HTTP_PORT", Integer.toString(TestStores.freePort()));
    env.put("DANHOI_DATA_DIR", DIR.resolve("data-" + name).toAbsolutePath().toString());
    return env;
  }

  private static long millis(long fromNanos, long toNanos) {
    return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
  }
}
