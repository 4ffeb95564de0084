package vn.danhoi.bench;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import vn.danhoi.support.TestStores;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The danhoi nodes under test: child JVMs started here on a fresh database and Redis prefix (the
 * machine's PostgreSQL and Redis from DANHOI_PG_URL / DANHOI_REDIS_URL, embedded ones otherwise), or
 * servers already running at --url. Staff tokens and episodes are made through the API like any client.
 */
final class ServerUnderTest implements AutoCloseable {

  record Node(String host, int port, ChildJvm jvm) {
    String base() {
      return "http://" + host + ":" + port;
    }
  }

  final List<Node> nodes = new ArrayList<>();
  final String adminToken;
  final String smsSecret;
  /** The server's database, for the loss check; null when unknown. */
  final String pgUrl;
  final String redisUrl;
  private final boolean owned;
  private final String prefix;
  private final BenchOptions options;
  private final WebClient http;
  private final Path logs;

  private ServerUnderTest(Vertx vertx, BenchOptions options, String adminToken, String smsSecret, String pgUrl,
                          String redisUrl, boolean owned, String prefix) {
    this.options = options;
    this.adminToken = adminToken;
    this.smsSecret = smsSecret;
    this.pgUrl = pgUrl;
    this.redisUrl = redisUrl;
    this.owned = owned;
    this.prefix = prefix;
    this.http = WebClient.create(vertx);
    this.logs = Path.of("target", "bench-logs", Report.stamp());
  }

  /** Servers at --url, or a fresh one with the given number of nodes. */
  static ServerUnderTest open(Vertx vertx, BenchOptions options, int nodes) throws Exception {
    if (!options.urls().isEmpty()) {
      String pg = options.text("pg-url");
      ServerUnderTest s = new ServerUnderTest(vertx, options, options.text("admin-token"),
          options.text("sms-secret"), pg.isBlank() ? null : pg, null, false, null);
      for (String url : options.urls()) {
        URI u = URI.create(url);
        s.nodes.add(new Node(u.getHost(), u.getPort() < 0 ? 80 : u.getPort(), null));
      }
      if (s.adminToken.isBlank()) {
        throw new IllegalArgumentException("--url needs --admin-token (and --sms-secret for SMS, --pg-url for the "
            + "loss check)");
      }
      return s;
    }
    String random = UUID.randomUUID().toString().replace("-", "");
    ServerUnderTest s = new ServerUnderTest(vertx, options, "bench-admin-" + random,
        "bench-sms-" + random.substring(0, 16), TestStores.newDatabase(), TestStores.redisUrl(), true,
        "bench" + random.substring(0, 8) + ":");
    try {
      for (int i = 0; i < nodes; i++) {
        s.addNode();
      }
    } catch (Exception e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** The server JVMs started here (none with --url). */
  List<ChildJvm> jvms() {
    return nodes.stream().map(Node::jvm).filter(Objects::nonNull).toList();
  }

  boolean started() {
    return owned;
  }

  /** Starts one more danhoi node on the same database and Redis prefix and waits for its /health. */
  Node addNode() throws IOException, InterruptedException {
    if (!owned) {
      throw new IllegalStateException("--url servers cannot be added to; give all of them in --url");
    }
    int port = TestStores.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("DANHOI_PG_URL", pgUrl);
    env.put("DANHOI_REDIS_URL", redisUrl);
    env.put("DANHOI_REDIS_PREFIX", prefix);
    env.put("DANHOI_ADMIN_TOKEN", adminToken);
    env.put("DANHOI_SMS_SECRET", smsSecret);
    env.put("DANHOI_HTTP_HOST", "127.0.0.1");
    env.put("DANHOI_HTTP_PORT", Integer.toString(port));
    env.put("DANHOI_HTTP_INSTANCES", Integer.toString(options.serverLoops()));
    env.put("DANHOI_DEMO", "off");
    env.put("DANHOI_RATE_LIMIT_PER_MINUTE", "10000000");
    env.put("DANHOI_RATE_LIMIT_BURST", "10000000");
    env.put("DANHOI_DATA_DIR", Files.createDirectories(logs.resolve("data-node" + nodes.size())).toString());
    env.putAll(options.serverEnv());
    ChildJvm jvm = ChildJvm.start("node" + nodes.size(), "vn.danhoi.Main", options.serverJvmOptions(), env,
        List.of(), logs);
    Node node = new Node("127.0.0.1", port, jvm);
    nodes.add(node);
    jvm.awaitHttp(node.base() + "/health", Duration.ofMinutes(3));
    return node;
  }

  /** An episode on air now, open for questions, with its own SMS short code and keyword. */
  String episode(String title, String smsNumber, String keyword) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    JsonObject body = new JsonObject().put("title", title).put("topic", "Nước sạch và điện nông thôn")
        .put("startsAt", now.minusMinutes(5).toString()).put("durationMinutes", 600)
        .put("intake", new JsonObject().put("smsNumber", smsNumber).put("smsKeyword", keyword)
            .put("hotline", new JsonArray().add("0272 3826 111")));
    return created(post("/api/episodes", body, adminToken), "episode").getString("id");
  }

  /** A machine token for the role, made by the admin. */
  String token(String role, String name) {
    return created(post("/api/tokens", new JsonObject().put("name", name).put("role", role), adminToken), "token")
        .getString("token");
  }

  HttpResponse<Buffer> post(String path, JsonObject body, String token) {
    Node n = nodes.get(0);
    try {
      return http.post(n.port(), n.host(), path).bearerTokenAuthentication(token).sendJsonObject(body)
          .await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("POST " + path + " timed out", e);
    }
  }

  private static JsonObject created(HttpResponse<Buffer> r, String what) {
    if (r.statusCode() != 201) {
      throw new IllegalStateException(what + " not created: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  @Override
  public void close() {
    http.close();
    for (Node n : nodes) {
      if (n.jvm() != null) {
        n.jvm().close();
      }
    }
    if (!owned) {
      return;
    }
    TestStores.dropDatabase(pgUrl);
    RedisClient client = RedisClient.create(redisUrl);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
        if (!page.getKeys().isEmpty()) {
          c.sync().del(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }
}
