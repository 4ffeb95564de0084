package vn.danhoi.intake;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hotline console: operators (and admins) log calls; everyone else is turned away. */
@ExtendWith(VertxExtension.class)
class HotlineIntakeTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static String prefix;
  static TestNode node;
  static Sql sql;
  static String episode;
  static String path;
  static WebClient http;
  static RedisClient redisClient;
  static StatefulRedisConnection<String, String> redis;

  @BeforeAll
  static void start(Vertx vertx) {
    prefix = NODE.prefix();
    node = NODE.node();
    sql = NODE.sql();
    episode = node.liveEpisode("8085", "DT");
    path = "/api/episodes/" + episode + "/calls";
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(node.port())
        .setKeepAlive(false));
    redisClient = RedisClient.create(TestStores.redisUrl());
    redis = redisClient.connect();
  }

  @AfterAll
  static void stop() {
    redis.close();
    redisClient.shutdown();
    http.close();
  }

  @Test
  void operatorLogsACallThatIsStoredQueuedAndPushedToModerators() {
    Token operator = operatorToken("Tổng đài viên Hằng");
    try (SocketProbe moderator = node.moderationSocket(episode, TestNode.ADMIN_TOKEN)) {
      moderator.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));

      HttpResponse<Buffer> r = node.postJson(path, new JsonObject()
          .put("callerName", "Trần Văn Bảy")
          .put("callerPhone", "0903 123 456")
          .put("locality", "Ấp 3, xã Tân Phú Đông")
          .put("field", "Điện")
          .put("text", "Nhà tôi cách trụ điện 300 mét, xin kéo điện về có được hỗ trợ không?")
          .put("readyForAir", true)
          .put("notes", "Giọng rõ, sẵn sàng lên sóng lúc 20 giờ"), operator.secret());

      assertEquals(201, r.statusCode(), r.bodyAsString());
      String id = r.bodyAsJsonObject().getString("id");
      assertNotNull(id);

      List<Map<String, Object>> rows = sql.rows("SELECT channel, episode_id, asker_name, phone, locality, field, "
          + "text, ready_for_air, callback_phone, notes, logged_by, status FROM submissions WHERE id = ?",
          UUID.fromString(id));
      assertEquals(1, rows.size());
      Map<String, Object> row = rows.get(0);
      assertEquals("hotline", row.get("channel"));
      assertEquals(UUID.fromString(episode), row.get("episode_id"));
      assertEquals("Trần Văn Bảy", row.get("asker_name"));
      assertEquals("0903123456", row.get("phone"));
      assertEquals("Ấp 3, xã Tân Phú Đông", row.get("locality"));
      assertEquals("Điện", row.get("field"));
      assertEquals("Nhà tôi cách trụ điện 300 mét, xin kéo điện về có được hỗ trợ không?", row.get("text"));
      assertEquals(true, row.get("ready_for_air"));
      assertEquals("0903123456", row.get("callback_phone"), "callback defaults to the caller's phone");
      assertEquals("Giọng rõ, sẵn sàng lên sóng lúc 20 giờ", row.get("notes"));
      assertEquals(operator.actor(), row.get("logged_by"));
      assertEquals("received", row.get("status"));
      assertEquals(1, sql.count("SELECT count(*) FROM events WHERE entity_id = ? AND action = 'submission.received' "
          + "AND actor = ?", id, operator.actor()));

      JsonObject item = moderator.awaitItem(id).getJsonObject("item");
      assertEquals("hotline", item.getString("channel"));
      assertEquals("Trần Văn Bảy", item.getString("askerName"));
      assertEquals(true, item.getBoolean("readyForAir"));
      assertEquals("0903123456", item.getString("callbackPhone"));

      List<StreamMessage<String, String>> stream =
          redis.sync().xrange(prefix + "ep:" + episode + ":queue", Range.create("-", "+"));
      assertEquals(1, stream.stream().filter(m -> id.equals(m.getBody().get("id"))).count());
    }
  }

  @Test
  void explicitCallbackPhoneIsKeptAndNoCallbackWhenNotReadyForAir() {
    String operator = node.token("operator");
    HttpResponse<Buffer> withCallback = node.postJson(path, call("Lê Thị Bông", "0912 000 111",
        "Ống nước qua kênh bị rò rỉ").put("readyForAir", true).put("callbackPhone", "+84 272 3826 000"), operator);
    HttpResponse<Buffer> notOnAir = node.postJson(path, call("Lê Thị Bông", "0912 000 111",
        "Nước máy yếu vào giờ cao điểm"), operator);

    assertEquals(201, withCallback.statusCode(), withCallback.bodyAsString());
    assertEquals(201, notOnAir.statusCode(), notOnAir.bodyAsString());
    Map<String, Object> a = row(withCallback);
    assertEquals(true, a.get("ready_for_air"));
    assertEquals("+842723826000", a.get("callback_phone"));
    Map<String, Object> b = row(notOnAir);
    assertEquals(false, b.get("ready_for_air"));
    assertNull(b.get("callback_phone"));
  }

  @Test
  void adminTokenMayLogACall() {
    HttpResponse<Buffer> r = node.postJson(path, call("Ngô Văn Chín", "0934 567 890",
        "Khi nào có trạm cấp nước tập trung cho xã Phước Hưng?"), TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    assertEquals("admin", row(r).get("logged_by"));
  }

  // ---- who may log ----

  @Test
  void callWithoutTokenIsRefusedAndNothingStored() {
    refusedWithoutRow(() -> node.postJson(path, call("Ngô Văn Chín", "0934567890", "Không có mã"), null),
        401, "auth.required", null);
  }

  @Test
  void callWithAnUnknownTokenIsRefusedAndNothingStored() {
    refusedWithoutRow(() -> node.postJson(path, call("Ngô Văn Chín", "0934567890", "Mã bịa"),
        "dh_khong-ton-tai-" + UUID.randomUUID()), 401, "auth.required", null);
  }

  @Test
  void editorTokenIsForbiddenAndNothingStored() {
    String editor = node.token("editor");
    refusedWithoutRow(() -> node.postJson(path, call("Ngô Văn Chín", "0934567890", "Biên tập viên thử ghi cuộc gọi"),
        editor), 403, "auth.forbidden", null);
  }

  @Test
  void revokedOperatorTokenIsRefusedAndNothingStored() {
    Token operator = operatorToken("Tổng đài viên Tâm");
    HttpResponse<Buffer> before = node.postJson(path, call("Đặng Thị Lệ", "0978111222",
        "Trước khi thu hồi mã"), operator.secret());
    assertEquals(201, before.statusCode(), before.bodyAsString());

    HttpResponse<Buffer> revoked = TestNode.await(http.delete("/api/tokens/" + operator.id())
        .bearerTokenAuthentication(TestNode.ADMIN_TOKEN).send());
    assertEquals(200, revoked.statusCode(), revoked.bodyAsString());
    assertEquals(true, revoked.bodyAsJsonObject().getBoolean("revoked"));

    refusedWithoutRow(() -> node.postJson(path, call("Đặng Thị Lệ", "0978111222", "Sau khi thu hồi mã"),
        operator.secret()), 401, "auth.required", null);
    assertEquals(0, sql.count("SELECT count(*) FROM submissions WHERE text = ?", "Sau khi thu hồi mã"));
  }

  // ---- fields ----

  @Test
  void callWithoutCallerNameIsRefusedAndNothingStored() {
    String operator = node.token("operator");
    JsonObject c = call("x", "0934567890", "Thiếu tên người gọi");
    c.remove("callerName");
    refusedWithoutRow(() -> node.postJson(path, c, operator), 400, "callerName.required", "callerName");
  }

  @Test
  void callWithoutCallerPhoneIsRefusedAndNothingStored() {
    String operator = node.token("operator");
    JsonObject c = call("Phùng Văn Khải", "0934567890", "Thiếu số điện thoại");
    c.remove("callerPhone");
    refusedWithoutRow(() -> node.postJson(path, c, operator), 400, "callerPhone.required", "callerPhone");
  }

  @Test
  void callWithABadCallerPhoneIsRefusedAndNothingStored() {
    String operator = node.token("operator");
    refusedWithoutRow(() -> node.postJson(path, call("Phùng Văn Khải", "12345", "Số điện thoại sai"), operator),
        400, "callerPhone.invalid", "callerPhone");
  }

  @Test
  void callWithoutTextIsRefusedAndNothingStored() {
    String operator = node.token("operator");
    JsonObject c = call("Phùng Văn Khải", "0934567890", "x");
    c.remove("text");
    refusedWithoutRow(() -> node.postJson(path, c, operator), 400, "text.required", "text");
  }

  @Test
  void callToAnUnknownEpisodeIsNotFoundAndNothingStored() {
    String operator = node.token("operator");
    refusedWithoutRow(() -> node.postJson("/api/episodes/" + UUID.randomUUID() + "/calls",
        call("Phùng Văn Khải", "0934567890", "Chương trình không tồn tại"), operator), 404, "episode.not_found", null);
  }

  // ---- the operator's recent calls ----

  @Test
  void recentCallsListOnlyThisOperatorsCallsNewestFirst() {
    String mine = node.token("operator");
    String theirs = node.token("operator");
    String first = created(node.postJson(path, call("Cao Thị Nga", "0961000001", "Cuộc gọi thứ nhất của tôi"), mine));
    String other = created(node.postJson(path, call("Tạ Văn Sơn", "0961000002", "Cuộc gọi của người khác"), theirs));
    String second = created(node.postJson(path, call("Kiều Văn Út", "0961000003", "Cuộc gọi thứ hai của tôi"), mine));

    HttpResponse<Buffer> r = node.get(path + "?limit=10", mine);

    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonArray items = r.bodyAsJsonObject().getJsonArray("items");
    assertEquals(2, items.size(), r.bodyAsString());
    assertEquals(second, items.getJsonObject(0).getString("id"));
    assertEquals(first, items.getJsonObject(1).getString("id"));
    assertEquals("Cuộc gọi thứ hai của tôi", items.getJsonObject(0).getString("text"));
    assertFalse(r.bodyAsString().contains(other));

    HttpResponse<Buffer> limited = node.get(path + "?limit=1", mine);
    assertEquals(1, limited.bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(second, limited.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id"));
  }

  @Test
  void recentCallsNeedAnOperatorToken() {
    HttpResponse<Buffer> anonymous = node.get(path + "?limit=10", null);
    assertEquals(401, anonymous.statusCode());
    assertEquals("auth.required", anonymous.bodyAsJsonObject().getJsonObject("error").getString("code"));
    HttpResponse<Buffer> editor = node.get(path + "?limit=10", node.token("editor"));
    assertEquals(403, editor.statusCode());
    assertEquals("auth.forbidden", editor.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  // ---- helpers ----

  @Test
  void aCallRetriedWithTheSameIdempotencyKeyIsLoggedOnce() {
    Token operator = operatorToken("Tổng đài viên thử lại");
    JsonObject body = call("Lâm Văn Tiến", "0903123456", "Đường dây điện bị võng thấp trước nhà");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", "call-" + UUID.randomUUID());
    HttpResponse<Buffer> first = node.post(path, Buffer.buffer(body.encode()), "application/json", operator.secret(),
        headers);
    HttpResponse<Buffer> retry = node.post(path, Buffer.buffer(body.encode()), "application/json", operator.secret(),
        headers);
    assertEquals(created(first), created(retry));
    assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE idempotency_key = ?",
        headers.get("Idempotency-Key")));
    refusedWithoutRow(() -> node.post(path,
        Buffer.buffer(call("Lâm Văn Tiến", "0903123456", "Một cuộc gọi khác").encode()), "application/json",
        operator.secret(), headers), 422, "idempotency.key_reused", "Idempotency-Key");
  }

  record Token(String id, String secret) {
    String actor() {
      return "token:" + id;
    }
  }

  private static Token operatorToken(String name) {
    HttpResponse<Buffer> r = node.postJson("/api/tokens", new JsonObject().put("name", name).put("role", "operator"),
        TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return new Token(r.bodyAsJsonObject().getString("id"), r.bodyAsJsonObject().getString("token"));
  }

  private static JsonObject call(String name, String phone, String text) {
    return new JsonObject().put("callerName", name).put("callerPhone", phone)
        .put("locality", "Xã Bình Thạnh, huyện Thủ Thừa").put("text", text);
  }

  private static String created(HttpResponse<Buffer> r) {
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private static Map<String, Object> row(HttpResponse<Buffer> created) {
    return sql.rows("SELECT ready_for_air, callback_phone, logged_by FROM submissions WHERE id = ?",
        UUID.fromString(created(created))).get(0);
  }

  private static void refusedWithoutRow(Supplier<HttpResponse<Buffer>> send, int status, String code, String field) {
    long before = sql.submissions();
    HttpResponse<Buffer> r = send.get();
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertNotNull(error, r.bodyAsString());
    assertEquals(code, error.getString("code"), r.bodyAsString());
    if (field != null) {
      assertEquals(field, error.getString("field"), r.bodyAsString());
    }
    assertFalse(error.getString("message", "").isBlank());
    assertEquals(before, sql.submissions(), "a refused call must not leave a row");
  }
}
