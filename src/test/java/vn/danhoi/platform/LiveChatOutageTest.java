package vn.danhoi.platform;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.metrics.PrometheusMetrics;
import vn.danhoi.support.FakeFacebookGraph;
import vn.danhoi.support.FakeYouTube;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.PrometheusText;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One platform in trouble, the rest as they were: YouTube failing (server errors, an expired key, the day's quota,
 * a chat that ends) never stops Facebook's comments or the web form; each trouble is said where staff look (the
 * status, /health, the metrics) without the credential, a server error is read again after a growing pause, and a
 * new key set by an admin brings the stream back.
 */
@ExtendWith(VertxExtension.class)
class LiveChatOutageTest {

  static final Vertx FAKE_VERTX = Vertx.vertx();
  static final FakeYouTube YOUTUBE = FakeYouTube.start(FAKE_VERTX);
  static final FakeFacebookGraph FACEBOOK = FakeFacebookGraph.start(FAKE_VERTX);
  static final String METRICS_TOKEN = "metrics-token-for-the-outage-test";
  static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with("DANHOI_YOUTUBE_API_URL", YOUTUBE.baseUrl())
      .with("DANHOI_FACEBOOK_GRAPH_URL", FACEBOOK.baseUrl())
      .with("DANHOI_FACEBOOK_POLL_MS", "1000")
      .with("DANHOI_LIVECHAT_TICK_MS", "100")
      .with("DANHOI_LIVECHAT_RETRY_MS", "300")
      .with("DANHOI_LIVECHAT_MAX_RETRY_MS", "2000")
      .with("DANHOI_METRICS_TOKEN", METRICS_TOKEN)
      .vertx(settings -> PrometheusMetrics.vertx(AppConfig.load(settings).metrics(), new VertxOptions()));

  @AfterAll
  static void stop() {
    YOUTUBE.close();
    FACEBOOK.close();
    FAKE_VERTX.close().await();
  }

  static Map<String, Object> youtubeStream(Sql sql) {
    return sql.rows("SELECT state, last_error, failures, next_read_at, cursor FROM platform_streams "
        + "WHERE platform = 'youtube'").get(0);
  }

  static void awaitState(Sql sql, String state) {
    sql.awaitRows(WAIT, "SELECT 1 FROM platform_streams WHERE platform = 'youtube' AND state = ?", state);
  }

  static void awaitComment(Sql sql, String externalId) {
    sql.awaitRows(WAIT, "SELECT 1 FROM live_comments WHERE external_id = ?", externalId);
  }

  @Test
  void youtubeInTroubleLeavesFacebookAndTheWebFormAsTheyWere() {
    TestNode node = NODE.node();
    Sql sql = NODE.sql();
    YOUTUBE.pollingIntervalMillis(300);
    String episode = node.liveEpisode("8077", "DT");
    for (JsonObject stream : List.of(
        new JsonObject().put("platform", "youtube").put("sourceId", FakeYouTube.VIDEO_ID).put("credential", FakeYouTube.API_KEY),
        new JsonObject().put("platform", "facebook").put("sourceId", FakeFacebookGraph.LIVE_VIDEO_ID)
            .put("credential", FakeFacebookGraph.PAGE_TOKEN))) {
      assertEquals(201, node.postJson("/api/episodes/" + episode + "/streams", stream, TestNode.ADMIN_TOKEN).statusCode());
    }
    awaitComment(sql, YOUTUBE.addComment("Ngô Văn Lực", "Xin hỏi bao giờ có nước sạch ở ấp 4?"));
    awaitState(sql, "connected");

    // three server errors in a row: read again after a pause, then as before
    long before = YOUTUBE.count("/liveChat/messages");
    for (int i = 0; i < 3; i++) {
      YOUTUBE.answerNext(FakeYouTube.serverError());
    }
    awaitState(sql, "backoff");
    String afterErrors = YOUTUBE.addComment("Ngô Văn Lực", "Cho hỏi đường ấp 4 bao giờ làm?");
    awaitComment(sql, afterErrors);
    assertTrue(YOUTUBE.count("/liveChat/messages") >= before + 4);
    awaitState(sql, "connected");

    // the key expires: the stream stops until an admin sets another, and says why
    YOUTUBE.answerNext(FakeYouTube.expiredToken());
    awaitState(sql, "failed");
    Map<String, Object> failed = youtubeStream(sql);
    String error = (String) failed.get("last_error");
    assertTrue(error != null && !error.isBlank(), failed.toString());
    assertFalse(error.contains(FakeYouTube.API_KEY), error);

    // meanwhile Facebook and the web form go on
    awaitComment(sql, FACEBOOK.addComment("Huỳnh Thị Lệ", "Tại sao hồ sơ sổ đỏ của tôi nộp 3 tháng chưa có?"));
    HttpResponse<Buffer> web = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Đinh Văn Cường", "Khi nào sửa đèn đường ở khu phố 2, phường 1?"), null);
    assertEquals(202, web.statusCode(), web.bodyAsString());

    // staff see it on the console's status, /health (still UP) and the metrics, never with the key
    HttpResponse<Buffer> status = node.get("/api/platforms/status?episode=" + episode, node.token("editor"));
    JsonObject youtube = status.bodyAsJsonObject().getJsonArray("streams").stream().map(o -> (JsonObject) o)
        .filter(s -> s.getString("platform").equals("youtube")).findFirst().orElseThrow();
    assertEquals("failed", youtube.getString("state"));
    assertEquals(error, youtube.getString("lastError"));
    assertFalse(status.bodyAsString().contains(FakeYouTube.API_KEY));
    JsonObject health = awaitHealth(node, h -> h.getJsonObject("platforms", new JsonObject())
        .getJsonObject("youtube", new JsonObject()).getLong("failed", 0L) == 1);
    assertEquals("UP", health.getString("status"));
    assertEquals(1L, health.getJsonObject("platforms").getJsonObject("facebook").getLong("connected"));
    PrometheusText metrics = PrometheusText.parse(node.get("/metrics", METRICS_TOKEN).bodyAsString());
    assertEquals(1.0, metrics.sum("danhoi_platform_read_failures_total", Map.of("platform", "youtube",
        "kind", "credential")));
    assertEquals(3.0, metrics.sum("danhoi_platform_read_failures_total", Map.of("platform", "youtube",
        "kind", "transient")));
    assertEquals(1.0, metrics.sum("danhoi_platform_streams", Map.of("platform", "youtube", "state", "failed")));
    assertTrue(metrics.sum("danhoi_platform_comments_total", Map.of("platform", "facebook")) >= 1.0);

    // an admin sets a new key: the stream reads again from where it stopped
    HttpResponse<Buffer> renewed = node.request("PUT", "/api/streams/" + sql.rows("SELECT id::text FROM "
        + "platform_streams WHERE platform = 'youtube'").get(0).get("id") + "/credential",
        new JsonObject().put("credential", FakeYouTube.ACCESS_TOKEN), TestNode.ADMIN_TOKEN);
    assertEquals(200, renewed.statusCode(), renewed.bodyAsString());
    awaitComment(sql, YOUTUBE.addComment("Ngô Văn Lực", "Vì sao ấp 4 mất điện hoài vậy?"));
    assertTrue(YOUTUBE.lastRequest().authorization().startsWith("Bearer "));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'stream.credential_changed'"));

    // the day's quota is spent: no read until it resets at midnight, Pacific time
    YOUTUBE.answerNext(FakeYouTube.quotaExceeded());
    sql.awaitRows(WAIT, "SELECT 1 FROM platform_streams WHERE platform = 'youtube' AND state = 'backoff' "
        + "AND next_read_at > now() + interval '50 seconds'");
    long reads = YOUTUBE.count("/liveChat/messages");
    awaitComment(sql, FACEBOOK.addComment("Huỳnh Thị Lệ", "Xin hỏi khi nào trả lời đơn của tôi?"));
    assertEquals(reads, YOUTUBE.count("/liveChat/messages"), "read again while the quota is spent");
  }

  static JsonObject awaitHealth(TestNode node, java.util.function.Predicate<JsonObject> ok) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonObject h = node.get("/health", null).bodyAsJsonObject();
      if (ok.test(h)) {
        return h;
      }
      assertTrue(System.nanoTime() < deadline, "health never said it: " + h.encode());
      TestNode.await(node.vertx().timer(100));
    }
  }
}
