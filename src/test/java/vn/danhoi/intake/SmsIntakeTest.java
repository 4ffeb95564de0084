package vn.danhoi.intake;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMS gateway's webhook: signed deliveries only, one row per message id, routed to an open episode by
 * the number it was sent to and/or its leading keyword, and kept as unrouted when nothing fits.
 *
 * <p>Routing depends on every open episode in the database, so all of them are created up front and each
 * test uses the numbers and keywords set aside for it: 8085/HOI (plain delivery), 8086/DIEN (routing by
 * number), 8099 shared by DT and NUOC (routing by keyword). Nothing is on 8000.
 */
@ExtendWith(VertxExtension.class)
class SmsIntakeTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static String prefix;
  static TestNode node;
  static Sql sql;
  static String hoi8085;
  static String dien8086;
  static String dt8099;
  static String nuoc8099;
  static RedisClient redisClient;
  static StatefulRedisConnection<String, String> redis;

  @BeforeAll
  static void start() {
    prefix = NODE.prefix();
    node = NODE.node();
    sql = NODE.sql();
    hoi8085 = node.liveEpisode("8085", "HOI");
    dien8086 = node.liveEpisode("8086", "DIEN");
    dt8099 = node.liveEpisode("8099", "DT");
    nuoc8099 = node.liveEpisode("8099", "NUOC");
    redisClient = RedisClient.create(TestStores.redisUrl());
    redis = redisClient.connect();
  }

  @AfterAll
  static void stop() {
    redis.close();
    redisClient.shutdown();
  }

  @Test
  void signedSmsIsStoredQueuedAndPushedToModerators() {
    try (SocketProbe moderator = node.moderationSocket(hoi8085, TestNode.ADMIN_TOKEN)) {
      moderator.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      String messageId = "gw-" + UUID.randomUUID();
      JsonObject sms = sms("+84912345678", "8085", "Xin hỏi khi nào ấp Tân Hoà có điện ba pha?", messageId)
          .put("receivedAt", "2026-11-20T20:05:30+07:00");

      HttpResponse<Buffer> r = postSigned(sms);

      assertEquals(200, r.statusCode(), r.bodyAsString());
      JsonObject receipt = r.bodyAsJsonObject();
      String id = receipt.getString("id");
      assertNotNull(id);
      assertEquals(hoi8085, receipt.getString("episodeId"));
      assertEquals(false, receipt.getBoolean("duplicate"));

      List<Map<String, Object>> rows = sql.rows("SELECT channel, episode_id, phone, sms_to, external_id, text, status, "
          + "sent_at FROM submissions WHERE id = ?", UUID.fromString(id));
      assertEquals(1, rows.size());
      Map<String, Object> row = rows.get(0);
      assertEquals("sms", row.get("channel"));
      assertEquals(UUID.fromString(hoi8085), row.get("episode_id"));
      assertEquals("+84912345678", row.get("phone"));
      assertEquals("8085", row.get("sms_to"));
      assertEquals(messageId, row.get("external_id"));
      assertEquals("Xin hỏi khi nào ấp Tân Hoà có điện ba pha?", row.get("text"));
      assertEquals("received", row.get("status"));
      assertEquals(OffsetDateTime.parse("2026-11-20T20:05:30+07:00").toInstant(),
          ((Timestamp) row.get("sent_at")).toInstant());

      JsonObject item = moderator.awaitItem(id).getJsonObject("item");
      assertEquals("sms", item.getString("channel"));
      assertEquals("Xin hỏi khi nào ấp Tân Hoà có điện ba pha?", item.getString("text"));
      assertEquals("+84912345678", item.getString("phone"));

      List<StreamMessage<String, String>> stream =
          redis.sync().xrange(prefix + "ep:" + hoi8085 + ":queue", Range.create("-", "+"));
      assertEquals(1, stream.stream().filter(m -> id.equals(m.getBody().get("id"))).count());
    }
  }

  // ---- signature ----

  @Test
  void wrongSignatureIsRefusedAndNothingStored() {
    String messageId = "gw-" + UUID.randomUUID();
    Buffer body = Buffer.buffer(sms("0912345678", "8085", "Chữ ký sai thì không nhận", messageId).encode());
    refusedWithoutRow(messageId, () -> post(body, "application/json", "sha256=" + "0".repeat(64)),
        401, "sms.bad_signature", null);
    refusedWithoutRow(messageId, () -> post(body, "application/json",
        SmsSignature.sign("không-phải-bí-mật", body.getBytes())), 401, "sms.bad_signature", null);
  }

  @Test
  void missingSignatureIsRefusedAndNothingStored() {
    String messageId = "gw-" + UUID.randomUUID();
    Buffer body = Buffer.buffer(sms("0912345678", "8085", "Không có chữ ký", messageId).encode());
    refusedWithoutRow(messageId, () -> post(body, "application/json", null), 401, "sms.bad_signature", null);
  }

  @Test
  void signatureOfAnotherBodyIsRefusedAndNothingStored() {
    String messageId = "gw-" + UUID.randomUUID();
    Buffer signed = Buffer.buffer(sms("0912345678", "8085", "Nội dung gốc", messageId).encode());
    Buffer tampered = Buffer.buffer(sms("0912345678", "8085", "Nội dung đã bị sửa", messageId).encode());
    refusedWithoutRow(messageId, () -> post(tampered, "application/json",
        SmsSignature.sign(TestNode.SMS_SECRET, signed.getBytes())), 401, "sms.bad_signature", null);
  }

  // ---- idempotency ----

  @Test
  void redeliveryOfTheSameMessageIdStoresOneRowAndAnswersWithTheSameId() {
    String messageId = "gw-" + UUID.randomUUID();
    JsonObject sms = sms("0987654321", "8085", "Giá nước sinh hoạt năm nay có tăng không?", messageId);

    HttpResponse<Buffer> first = postSigned(sms);
    HttpResponse<Buffer> again = postSigned(sms);

    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(false, first.bodyAsJsonObject().getBoolean("duplicate"));
    assertEquals(true, again.bodyAsJsonObject().getBoolean("duplicate"));
    assertEquals(first.bodyAsJsonObject().getString("id"), again.bodyAsJsonObject().getString("id"));
    assertEquals(first.bodyAsJsonObject().getString("episodeId"), again.bodyAsJsonObject().getString("episodeId"));
    assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE external_id = ?", messageId));
  }

  // ---- routing ----

  @Test
  void smsIsRoutedByTheNumberItWasSentTo() {
    HttpResponse<Buffer> to8086 = postSigned(sms("0903111222", "8086",
        "Đường dây hạ thế ở thôn Phú Xuân hay bị chập", "gw-" + UUID.randomUUID()));
    HttpResponse<Buffer> to8085 = postSigned(sms("0903111222", "8085",
        "Đường dây hạ thế ở thôn Phú Xuân hay bị chập", "gw-" + UUID.randomUUID()));

    assertEquals(200, to8086.statusCode(), to8086.bodyAsString());
    assertEquals(dien8086, to8086.bodyAsJsonObject().getString("episodeId"));
    assertEquals(UUID.fromString(dien8086), episodeOf(to8086));
    assertEquals(200, to8085.statusCode(), to8085.bodyAsString());
    assertEquals(hoi8085, to8085.bodyAsJsonObject().getString("episodeId"));
    assertEquals(UUID.fromString(hoi8085), episodeOf(to8085));
  }

  static Stream<Arguments> keywordTexts() {
    return Stream.of(
        Arguments.of("nuoc Khi nào ấp Phú Hoà có nước máy?", "NUOC", "Khi nào ấp Phú Hoà có nước máy?"),
        // a word with diacritics the keyword lacks routes the message but stays in it (SmsRouter's rule): it may
        // be the question's own word; a colon makes it a label, which goes
        Arguments.of("NƯỚC Giếng khoan nhiễm phèn, xã có hỗ trợ lọc không?", "NUOC",
            "NƯỚC Giếng khoan nhiễm phèn, xã có hỗ trợ lọc không?"),
        Arguments.of("Nước: Hoá đơn nước tháng 10 ghi sai chỉ số.", "NUOC", "Hoá đơn nước tháng 10 ghi sai chỉ số."),
        Arguments.of("nUoC   Trạm cấp nước xã bao giờ nâng công suất?", "NUOC",
            "Trạm cấp nước xã bao giờ nâng công suất?"),
        Arguments.of("đt Điện chập chờn mỗi tối ở thôn 3.", "DT", "Điện chập chờn mỗi tối ở thôn 3."),
        Arguments.of("DT Trạm biến áp ấp Gò quá tải.", "DT", "Trạm biến áp ấp Gò quá tải."),
        Arguments.of("Đt: Cột điện nghiêng trước chợ Mỹ Lộc.", "DT", "Cột điện nghiêng trước chợ Mỹ Lộc."));
  }

  @ParameterizedTest
  @MethodSource("keywordTexts")
  void onASharedNumberTheKeywordChoosesTheEpisodeAndIsStripped(String text, String keyword, String stored) {
    String expected = keyword.equals("NUOC") ? nuoc8099 : dt8099;
    HttpResponse<Buffer> r = postSigned(sms("0918000111", "8099", text, "gw-" + UUID.randomUUID()));

    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(expected, r.bodyAsJsonObject().getString("episodeId"));
    String id = r.bodyAsJsonObject().getString("id");
    Map<String, Object> row = sql.rows("SELECT episode_id, text, original_text FROM submissions WHERE id = ?",
        UUID.fromString(id)).get(0);
    assertEquals(UUID.fromString(expected), row.get("episode_id"));
    assertEquals(stored, row.get("text"));
    assertEquals(text, row.get("original_text"), "the message as received is kept whole");
  }

  @Test
  void aKeywordThatIsAlsoTheQuestionsWordKeepsTheWordAndEveryOriginalReachesTheEditors() {
    // DIEN is 8086's keyword; sent to a number no episode has, the keyword alone routes both messages
    HttpResponse<Buffer> word = postSigned(sms("0918000333", "8000", "điện ấp 3 bị cúp từ 5 giờ sáng",
        "gw-" + UUID.randomUUID()));
    HttpResponse<Buffer> keyword = postSigned(sms("0918000334", "8000", "DIEN: Ấp 3 mất điện cả ngày",
        "gw-" + UUID.randomUUID()));
    assertEquals(200, word.statusCode(), word.bodyAsString());
    assertEquals(200, keyword.statusCode(), keyword.bodyAsString());
    assertEquals(dien8086, word.bodyAsJsonObject().getString("episodeId"));
    assertEquals(dien8086, keyword.bodyAsJsonObject().getString("episodeId"));
    String wordId = word.bodyAsJsonObject().getString("id");
    String keywordId = keyword.bodyAsJsonObject().getString("id");
    assertEquals("điện ấp 3 bị cúp từ 5 giờ sáng", sql.rows("SELECT text FROM submissions WHERE id = ?",
        UUID.fromString(wordId)).get(0).get("text"));
    assertEquals("Ấp 3 mất điện cả ngày", sql.rows("SELECT text FROM submissions WHERE id = ?",
        UUID.fromString(keywordId)).get(0).get("text"));

    // the editors' queue carries the original beside the stored text
    HttpResponse<Buffer> queue = node.get("/api/episodes/" + dien8086 + "/queue", TestNode.ADMIN_TOKEN);
    assertEquals(200, queue.statusCode(), queue.bodyAsString());
    JsonObject stripped = queue.bodyAsJsonObject().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> keywordId.equals(o.getString("id"))).findFirst().orElseThrow();
    assertEquals("Ấp 3 mất điện cả ngày", stripped.getString("text"));
    assertEquals("DIEN: Ấp 3 mất điện cả ngày", stripped.getString("originalText"));

    // an editor's wording goes beside both: neither the stored text nor the original changes
    HttpResponse<Buffer> edited = node.postJson("/api/items/" + keywordId + "/actions", new JsonObject()
        .put("action", "edit").put("text", "Ấp 3 mất điện cả ngày, khi nào khắc phục?"), TestNode.ADMIN_TOKEN);
    assertEquals(200, edited.statusCode(), edited.bodyAsString());
    assertEquals("DIEN: Ấp 3 mất điện cả ngày", edited.bodyAsJsonObject().getString("originalText"));
    Map<String, Object> row = sql.rows("SELECT text, edited_text, original_text FROM submissions WHERE id = ?",
        UUID.fromString(keywordId)).get(0);
    assertEquals("Ấp 3 mất điện cả ngày", row.get("text"));
    assertEquals("Ấp 3 mất điện cả ngày, khi nào khắc phục?", row.get("edited_text"));
    assertEquals("DIEN: Ấp 3 mất điện cả ngày", row.get("original_text"));
  }

  @Test
  void keywordAloneRoutesWhenTheNumberBelongsToNoEpisode() {
    HttpResponse<Buffer> r = postSigned(sms("0918000222", "8000", "Nuoc Ống nước chính bị vỡ ở cầu Rạch Miễu",
        "gw-" + UUID.randomUUID()));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(nuoc8099, r.bodyAsJsonObject().getString("episodeId"));
    assertEquals("Ống nước chính bị vỡ ở cầu Rạch Miễu", sql.rows("SELECT text FROM submissions WHERE id = ?",
        UUID.fromString(r.bodyAsJsonObject().getString("id"))).get(0).get("text"));
  }

  @Test
  void smsMatchingNoOpenEpisodeIsKeptAsUnroutedAndShownToEditors() {
    String messageId = "gw-" + UUID.randomUUID();
    String text = "Xin cho hỏi chương trình tuần sau nói về chủ đề gì ạ?";
    HttpResponse<Buffer> r = postSigned(sms("0977000333", "8000", text, messageId));

    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject receipt = r.bodyAsJsonObject();
    assertTrue(receipt.containsKey("episodeId"), "episodeId must be present, as null");
    assertNull(receipt.getValue("episodeId"));
    assertEquals(false, receipt.getBoolean("duplicate"));
    String id = receipt.getString("id");

    Map<String, Object> row = sql.rows("SELECT episode_id, status, channel, text, phone FROM submissions WHERE id = ?",
        UUID.fromString(id)).get(0);
    assertNull(row.get("episode_id"));
    assertEquals("unrouted", row.get("status"));
    assertEquals("sms", row.get("channel"));
    assertEquals(text, row.get("text"));
    assertEquals("0977000333", row.get("phone"));

    HttpResponse<Buffer> listed = node.get("/api/intake/unrouted", TestNode.ADMIN_TOKEN);
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    JsonObject item = find(listed.bodyAsJsonObject().getJsonArray("items"), id);
    assertNotNull(item, "the unrouted SMS is not listed: " + listed.bodyAsString());
    assertEquals(text, item.getString("text"));
    assertEquals("unrouted", item.getString("status"));

    HttpResponse<Buffer> byEditor = node.get("/api/intake/unrouted", node.token("editor"));
    assertEquals(200, byEditor.statusCode(), byEditor.bodyAsString());
    assertNotNull(find(byEditor.bodyAsJsonObject().getJsonArray("items"), id));

    HttpResponse<Buffer> anonymous = node.get("/api/intake/unrouted", null);
    assertEquals(401, anonymous.statusCode());
    assertEquals("auth.required", anonymous.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  // ---- form encoding ----

  @Test
  void formEncodedSmsIsAcceptedTheSameWay() {
    String messageId = "SM" + UUID.randomUUID().toString().replace("-", "");
    String text = "Đường vào xã Thạnh Phú ngập nước, bao giờ nâng cấp?";
    String form = "From=" + enc("+84987654321") + "&To=" + enc("8086") + "&Body=" + enc(text)
        + "&MessageSid=" + enc(messageId);
    Buffer body = Buffer.buffer(form);

    HttpResponse<Buffer> r = post(body, "application/x-www-form-urlencoded",
        SmsSignature.sign(TestNode.SMS_SECRET, body.getBytes()));

    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(dien8086, r.bodyAsJsonObject().getString("episodeId"));
    assertEquals(false, r.bodyAsJsonObject().getBoolean("duplicate"));
    Map<String, Object> row = sql.rows("SELECT channel, phone, sms_to, external_id, text FROM submissions WHERE id = ?",
        UUID.fromString(r.bodyAsJsonObject().getString("id"))).get(0);
    assertEquals("sms", row.get("channel"));
    assertEquals("+84987654321", row.get("phone"));
    assertEquals("8086", row.get("sms_to"));
    assertEquals(messageId, row.get("external_id"));
    assertEquals(text, row.get("text"));
  }

  // ---- bad fields ----

  @Test
  void smsWithoutTextIsRefusedAndNothingStored() {
    String messageId = "gw-" + UUID.randomUUID();
    JsonObject sms = sms("0912345678", "8085", "x", messageId);
    sms.remove("text");
    refusedWithoutRow(messageId, () -> postSigned(sms), 400, "text.required", "text");
  }

  @Test
  void smsTextOver2000CharactersIsRefusedAndNothingStored() {
    String messageId = "gw-" + UUID.randomUUID();
    JsonObject sms = sms("0912345678", "8085", "Điện nước ".repeat(200) + "ạ", messageId);
    assertEquals(2001, sms.getString("text").codePointCount(0, sms.getString("text").length()));
    refusedWithoutRow(messageId, () -> postSigned(sms), 400, "text.too_long", "text");
  }

  @Test
  void signedInvalidJsonIsRefusedAndNothingStored() {
    long before = sql.submissions();
    Buffer body = Buffer.buffer("{\"from\":\"0912345678\",\"to\":\"8085\",\"text\":\"Nước");
    HttpResponse<Buffer> r = post(body, "application/json", SmsSignature.sign(TestNode.SMS_SECRET, body.getBytes()));
    assertError(r, 400, "body.invalid_json", null);
    assertEquals(before, sql.submissions());
  }

  // ---- helpers ----

  private static JsonObject sms(String from, String to, String text, String messageId) {
    return new JsonObject().put("from", from).put("to", to).put("text", text).put("messageId", messageId);
  }

  private static HttpResponse<Buffer> postSigned(JsonObject sms) {
    Buffer body = Buffer.buffer(sms.encode());
    return post(body, "application/json", SmsSignature.sign(TestNode.SMS_SECRET, body.getBytes()));
  }

  private static HttpResponse<Buffer> post(Buffer body, String contentType, String signature) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (signature != null) {
      headers.add("X-Signature-256", signature);
    }
    return node.post("/api/intake/sms", body, contentType, null, headers);
  }

  private static UUID episodeOf(HttpResponse<Buffer> receipt) {
    return (UUID) sql.rows("SELECT episode_id FROM submissions WHERE id = ?",
        UUID.fromString(receipt.bodyAsJsonObject().getString("id"))).get(0).get("episode_id");
  }

  private static JsonObject find(JsonArray items, String id) {
    for (int i = 0; i < items.size(); i++) {
      if (id.equals(items.getJsonObject(i).getString("id"))) {
        return items.getJsonObject(i);
      }
    }
    return null;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void refusedWithoutRow(String messageId, Supplier<HttpResponse<Buffer>> send, int status,
                                        String code, String field) {
    long before = sql.submissions();
    assertError(send.get(), status, code, field);
    assertEquals(0, sql.count("SELECT count(*) FROM submissions WHERE external_id = ?", messageId));
    assertEquals(before, sql.submissions(), "a refused SMS must not leave a row");
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String code, String field) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertNotNull(error, r.bodyAsString());
    assertEquals(code, error.getString("code"), r.bodyAsString());
    if (field != null) {
      assertEquals(field, error.getString("field"), r.bodyAsString());
    }
    assertFalse(error.getString("message", "").isBlank());
  }
}
