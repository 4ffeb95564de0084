package vn.danhoi.intake;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class WebIntakeTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static String prefix;
  static TestNode node;
  static Sql sql;
  static String episode;
  static RedisClient redisClient;
  static StatefulRedisConnection<String, String> redis;

  @BeforeAll
  static void start() {
    prefix = NODE.prefix();
    node = NODE.node();
    sql = NODE.sql();
    episode = node.liveEpisode("8085", "DT");
    redisClient = RedisClient.create(TestStores.redisUrl());
    redis = redisClient.connect();
  }

  @AfterAll
  static void stop() {
    redis.close();
    redisClient.shutdown();
  }

  @Test
  void webQuestionIsStoredQueuedAndPushedToModerators() {
    try (SocketProbe moderator = node.moderationSocket(episode, TestNode.ADMIN_TOKEN)) {
      moderator.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions",
          TestNode.question("Nguyễn Thị Hoa", "Bao giờ ấp Bình Hoà có nước sạch?"), null);

      assertEquals(202, r.statusCode(), r.bodyAsString());
      String id = r.bodyAsJsonObject().getString("id");
      assertEquals("received", r.bodyAsJsonObject().getString("status"));

      List<Map<String, Object>> rows = sql.rows(
          "SELECT channel, asker_name, locality, phone, text, consent, consent_basis FROM submissions WHERE id = ?",
          UUID.fromString(id));
      assertEquals(1, rows.size());
      assertEquals("web", rows.get(0).get("channel"));
      assertEquals("Nguyễn Thị Hoa", rows.get(0).get("asker_name"));
      assertEquals("0912345678", rows.get(0).get("phone"));
      assertEquals(true, rows.get(0).get("consent"));
      assertTrue(((String) rows.get(0).get("consent_basis")).startsWith("web-form:"));
      assertEquals(1, sql.count("SELECT count(*) FROM events WHERE entity_id = ? AND action = 'submission.received'", id));

      JsonObject pushed = moderator.awaitItem(id).getJsonObject("item");
      assertEquals("web", pushed.getString("channel"));
      assertEquals("Bao giờ ấp Bình Hoà có nước sạch?", pushed.getString("text"));
      assertEquals("Nguyễn Thị Hoa", pushed.getString("askerName"));

      List<StreamMessage<String, String>> stream =
          redis.sync().xrange(prefix + "ep:" + episode + ":queue", Range.create("-", "+"));
      assertEquals(1, stream.stream().filter(m -> id.equals(m.getBody().get("id"))).count());
      stream.forEach(m -> assertTrue(m.getBody().values().stream().noneMatch(v -> v.contains("0912345678")
          || v.contains("Nguyễn Thị Hoa")), "Redis keeps no personal data: " + m.getBody()));
      assertEquals(0, sql.count("SELECT count(*) FROM events WHERE entity_id = ? AND address IS NOT NULL", id),
          "a citizen's network address stays out of the append-only log");
    }
  }

  @Test
  void decomposedVietnameseIsStoredComposed() {
    String nfd = Normalizer.normalize("Điện ở ấp Tân Thành chập chờn", Normalizer.Form.NFD);
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question(Normalizer.normalize("Lê Văn Tám", Normalizer.Form.NFD), nfd), null);
    assertEquals(202, r.statusCode());
    Map<String, Object> row = sql.rows("SELECT text, asker_name FROM submissions WHERE id = ?",
        UUID.fromString(r.bodyAsJsonObject().getString("id"))).get(0);
    assertEquals("Điện ở ấp Tân Thành chập chờn", row.get("text"));
    assertEquals("Lê Văn Tám", row.get("asker_name"));
  }

  @Test
  void htmlIsKeptAsTextNeverInterpreted() {
    String text = "<script>alert('xss')</script><img src=x onerror=alert(1)> Nước có sạch không?";
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("<b>Tuấn</b>", text), null);
    assertEquals(202, r.statusCode());
    String id = r.bodyAsJsonObject().getString("id");
    assertEquals(text, sql.rows("SELECT text FROM submissions WHERE id = ?", UUID.fromString(id)).get(0).get("text"));
    HttpResponse<Buffer> queue = node.get("/api/episodes/" + episode + "/queue", TestNode.ADMIN_TOKEN);
    assertTrue(queue.getHeader("Content-Type").startsWith("application/json"));
    assertTrue(queue.bodyAsString().contains("\\u003Cscript") || queue.bodyAsString().contains("<script>"));
  }

  @Test
  void retryWithSameIdempotencyKeyStoresOneRowAndAnswersTheSame() {
    JsonObject q = TestNode.question("Phạm Minh Châu", "Tiền điện tháng này tăng gấp đôi, vì sao?");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", "retry-" + UUID.randomUUID());
    HttpResponse<Buffer> first = node.post("/api/episodes/" + episode + "/questions", Buffer.buffer(q.encode()),
        "application/json", null, headers);
    HttpResponse<Buffer> second = node.post("/api/episodes/" + episode + "/questions", Buffer.buffer(q.encode()),
        "application/json", null, headers);
    assertEquals(202, first.statusCode());
    assertEquals(202, second.statusCode());
    assertEquals(first.bodyAsJsonObject(), second.bodyAsJsonObject());
    assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE idempotency_key = ?",
        headers.get("Idempotency-Key")));
  }

  @Test
  void sameIdempotencyKeyWithAnotherQuestionIsRefused() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", "reuse-" + UUID.randomUUID());
    HttpResponse<Buffer> first = node.post("/api/episodes/" + episode + "/questions",
        Buffer.buffer(TestNode.question("Võ Thị Sáu", "Câu hỏi thứ nhất").encode()), "application/json", null, headers);
    HttpResponse<Buffer> other = node.post("/api/episodes/" + episode + "/questions",
        Buffer.buffer(TestNode.question("Võ Thị Sáu", "Một câu hỏi khác hẳn").encode()), "application/json", null,
        headers);
    assertEquals(202, first.statusCode());
    assertEquals(422, other.statusCode());
    assertEquals("idempotency.key_reused", other.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE idempotency_key = ?",
        headers.get("Idempotency-Key")));
  }
}
