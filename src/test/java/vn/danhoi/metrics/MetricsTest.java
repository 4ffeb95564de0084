package vn.danhoi.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.PrometheusText;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.support.TestNode.await;

/**
 * The Prometheus endpoint through HTTP, on a node whose Vertx is built the way Main builds it: refused without
 * the metrics token (and absent from a node that has none), served on its own port as well, and its meters
 * follow what the node does (a web question, a failed log-in, open sockets) with bounded labels.
 */
class MetricsTest {

  static final String TOKEN = "test-metrics-token-0123456789";
  static final Pattern UUID_LIKE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
      + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  static final int metricsPort = TestStores.freePort();

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with("DANHOI_METRICS_TOKEN", TOKEN)
      .with("DANHOI_METRICS_HOST", "127.0.0.1")
      .with("DANHOI_METRICS_PORT", Integer.toString(metricsPort))
      .vertx(settings -> PrometheusMetrics.vertx(AppConfig.load(settings).metrics(), new VertxOptions()));

  static String db;
  static Vertx vertx;
  static TestNode node;
  static WebClient client;
  static String episode;

  @BeforeAll
  static void start() {
    db = NODE.db();
    vertx = NODE.vertx();
    node = NODE.node();
    client = WebClient.create(vertx);
    episode = node.liveEpisode("8077", "MT");
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void theMainPortServesMetricsOnlyWithTheMetricsToken() {
    for (String token : new String[] {null, "not-the-metrics-token-000", TestNode.ADMIN_TOKEN}) {
      HttpResponse<Buffer> refused = node.get("/metrics", token);
      assertEquals(401, refused.statusCode(), refused.bodyAsString());
      assertEquals("metrics.token_required", refused.bodyAsJsonObject().getJsonObject("error").getString("code"));
      assertEquals("Bearer", refused.getHeader("WWW-Authenticate"));
      assertFalse(refused.bodyAsString().contains("vertx_"), "nothing of the metrics leaks into the refusal");
    }

    HttpResponse<Buffer> ok = node.get("/metrics", TOKEN);
    assertEquals(200, ok.statusCode());
    assertTrue(ok.getHeader("Content-Type").startsWith("text/plain; version=0.0.4"), ok.getHeader("Content-Type"));
    assertEquals("no-store", ok.getHeader("Cache-Control"));
    assertFalse(PrometheusText.parse(ok.bodyAsString()).samples().isEmpty());
  }

  @Test
  void aNodeWithoutAMetricsTokenHasNoMetricsRoute() {
    Map<String, String> env = new HashMap<>(TestNode.env(db, TestStores.redisUrl(), TestStores.newPrefix()));
    try (TestNode plain = TestNode.start(vertx, env)) {
      assertEquals(404, plain.get("/metrics", null).statusCode());
      assertEquals(404, plain.get("/metrics", TOKEN).statusCode());
    }
  }

  @Test
  void theMetricsPortServesTheSameMetricsAndNothingElse() {
    HttpResponse<Buffer> refused = await(client.get(metricsPort, "127.0.0.1", "/metrics").send());
    assertEquals(401, refused.statusCode(), "the token, once set, is asked for on this port too");

    HttpResponse<Buffer> ok = await(client.get(metricsPort, "127.0.0.1", "/metrics").bearerTokenAuthentication(TOKEN)
        .send());
    assertEquals(200, ok.statusCode());
    assertTrue(ok.getHeader("Content-Type").startsWith("text/plain; version=0.0.4"));
    assertFalse(PrometheusText.parse(ok.bodyAsString()).named("danhoi_submissions_total").isEmpty());

    HttpResponse<Buffer> other = await(client.get(metricsPort, "127.0.0.1", "/api/episodes")
        .bearerTokenAuthentication(TOKEN).send());
    assertEquals(404, other.statusCode(), "the metrics port serves the metrics only");
  }

  @Test
  void metersFollowWhatTheNodeDoes() {
    PrometheusText before = scrape();
    double web = before.sum("danhoi_submissions_total", Map.of("channel", "web"));
    double unknownUser = before.sum("danhoi_login_failures_total", Map.of("reason", "unknown_user"));

    try (SocketProbe moderation = node.moderationSocket(episode, TestNode.ADMIN_TOKEN);
         SocketProbe live = SocketProbe.connect(vertx, node.port(), "/ws/live/" + episode, Map.of())) {
      moderation.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      live.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));

      HttpResponse<Buffer> asked = node.postJson("/api/episodes/" + episode + "/questions",
          TestNode.question("Trần Văn Bình", "Khi nào đường liên xã Phước Lợi được trải nhựa?"), null);
      assertEquals(202, asked.statusCode(), asked.bodyAsString());
      HttpResponse<Buffer> login = node.postJson("/api/auth/login",
          new JsonObject().put("username", "không-có-ai").put("password", "sai-mật-khẩu"), null);
      assertEquals(401, login.statusCode(), login.bodyAsString());

      PrometheusText m = scrapeUntil(t -> t.sum("danhoi_submissions_total", Map.of("channel", "web")) >= web + 1
          && t.sum("danhoi_login_failures_total", Map.of("reason", "unknown_user")) >= unknownUser + 1
          && t.sum("danhoi_websockets_open", Map.of("kind", "moderation")) >= 1
          && t.sum("danhoi_websockets_open", Map.of("kind", "live")) >= 1
          && t.sum("danhoi_relay_delay_seconds_count", Map.of()) >= 1
          && !t.named("danhoi_outbox_backlog").isEmpty()
          && t.sum("danhoi_event_loop_delay_seconds_count", Map.of()) >= 1);

      // request rate and latency by route pattern, never by the path with its ids
      Map<String, String> questions = Map.of("route", "/api/episodes/:episodeId/questions", "method", "POST",
          "code", "202");
      assertTrue(m.sum("vertx_http_server_requests_total", questions) >= 1, "requests by route pattern");
      assertTrue(m.sum("vertx_http_server_response_time_seconds_count", questions) >= 1);
      assertTrue(m.find("vertx_http_server_response_time_seconds_bucket", questions).size() > 5,
          "latency histogram buckets");
      assertTrue(m.sum("vertx_http_server_response_time_seconds_bucket",
          Map.of("route", "/api/episodes/:episodeId/questions", "le", "+Inf")) >= 1);
      m.samples().forEach(s -> s.labels().forEach((k, v) -> assertFalse(UUID_LIKE.matcher(v).find(),
          "no id in any label: " + s)));

      // the PostgreSQL pool, named
      Map<String, String> pool = Map.of("pool_type", "sql", "pool_name", "postgres");
      assertFalse(m.find("vertx_pool_in_use", pool).isEmpty(), "connections in use");
      assertFalse(m.find("vertx_pool_queue_pending", pool).isEmpty(), "requests waiting for a connection");
      assertTrue(m.sum("vertx_pool_queue_time_seconds_count", pool) >= 1, "time waited for a connection");

      // every audience and channel has its series from the start
      for (String kind : new String[] {"moderation", "studio", "live", "chair", "chair_view"}) {
        assertEquals(1, m.find("danhoi_websockets_open", Map.of("kind", kind)).size(), kind);
      }
      for (String channel : PrometheusMetrics.CHANNELS) {
        assertEquals(1, m.find("danhoi_submissions_total", Map.of("channel", channel)).size(), channel);
      }
      assertTrue(m.named("danhoi_event_loop_delay_seconds_count").stream()
          .allMatch(s -> s.labels().get("loop").startsWith("vert.x-eventloop-thread-")));
    }

    scrapeUntil(t -> t.sum("danhoi_websockets_open", Map.of("kind", "moderation")) == 0
        && t.sum("danhoi_websockets_open", Map.of("kind", "live")) == 0);
  }

  static PrometheusText scrape() {
    HttpResponse<Buffer> r = node.get("/metrics", TOKEN);
    assertEquals(200, r.statusCode());
    return PrometheusText.parse(r.bodyAsString());
  }

  /** Scrapes until the condition holds, failing with the last scrape after ten seconds. */
  static PrometheusText scrapeUntil(Predicate<PrometheusText> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      HttpResponse<Buffer> r = node.get("/metrics", TOKEN);
      PrometheusText text = PrometheusText.parse(r.bodyAsString());
      if (condition.test(text)) {
        return text;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("metrics never matched; last scrape:\n" + r.bodyAsString());
      }
      await(vertx.timer(100));
    }
  }
}
