package vn.danhoi.zalo;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Zalo OA webhook: events signed as Zalo documents (SHA-256 of app id, raw body, timestamp, OA secret key),
 * fresh, stored once per Zalo message id, routed to the episode on air (by keyword when several are), kept
 * unrouted otherwise; receipts are off here (the default), so nothing is queued to the sender.
 *
 * <p>Routing depends on every open episode, so only {@link #routedToTheEpisodeOnAirOrByKeywordElseUnrouted}
 * creates open ones, and leaves them upcoming; the other tests look only at their own message's row.
 */
@ExtendWith(VertxExtension.class)
class ZaloIntakeTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;
  static Sql sql;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
  }

  private static String msgId() {
    return "zmsg-" + UUID.randomUUID();
  }

  private static Map<String, Object> row(String messageId) {
    List<Map<String, Object>> rows = sql.rows("SELECT id, channel, episode_id, platform_user, text, notes, phone, "
        + "email, original_text, status FROM submissions WHERE channel = 'zalo' AND external_id = ?", messageId);
    assertTrue(rows.size() <= 1, rows.toString());
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals(code, r.bodyAsJsonObject().getJsonObject("error").getString("code"), r.bodyAsString());
  }

  @Test
  void signedTextIsStoredOnceWithTheSenderAndNoReceiptWhenAckIsOff() {
    String id = msgId();
    // typed on a phone whose keyboard sends decomposed marks: stored composed, as every channel is
    String nfd = Normalizer.normalize("Xin hỏi khi nào đường ấp Tân Hoà được sửa?", Normalizer.Form.NFD);
    String ts = Long.toString(System.currentTimeMillis());
    byte[] body = TestNode.zaloEvent("user_send_text", "8421000001", id, new JsonObject().put("text", nfd), ts)
        .encode().getBytes(StandardCharsets.UTF_8);

    HttpResponse<Buffer> first = node.zalo(body, ts);
    HttpResponse<Buffer> again = node.zalo(body, ts);

    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(false, first.bodyAsJsonObject().getBoolean("duplicate"));
    assertEquals(true, again.bodyAsJsonObject().getBoolean("duplicate"));
    assertEquals(first.bodyAsJsonObject().getString("id"), again.bodyAsJsonObject().getString("id"));
    assertNotNull(first.bodyAsJsonObject().getString("receipt"));
    assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE external_id = ?", id));
    Map<String, Object> row = row(id);
    assertEquals("zalo", row.get("channel"));
    assertEquals("8421000001", row.get("platform_user"));
    assertEquals("Xin hỏi khi nào đường ấp Tân Hoà được sửa?", row.get("text"));
    assertNull(row.get("phone"));
    assertNull(row.get("email"));
    assertEquals(0, sql.count("SELECT count(*) FROM notifications WHERE submission_id = ?", row.get("id")));
  }

  @Test
  void badOrMissingSignatureIsRefusedAndNothingStored() {
    String id = msgId();
    String ts = Long.toString(System.currentTimeMillis());
    byte[] body = TestNode.zaloEvent("user_send_text", "8421000002", id, new JsonObject().put("text", "Chữ ký sai"), ts)
        .encode().getBytes(StandardCharsets.UTF_8);
    MultiMap wrongKey = MultiMap.caseInsensitiveMultiMap().add("X-ZEvent-Signature",
        ZaloSignature.sign(TestNode.ZALO_APP_ID, body, ts, "not-the-oa-secret-key"));
    assertError(node.post("/api/intake/zalo", Buffer.buffer(body), "application/json", null, wrongKey),
        401, "zalo.bad_signature");
    assertError(node.post("/api/intake/zalo", Buffer.buffer(body), "application/json", null,
        MultiMap.caseInsensitiveMultiMap()), 401, "zalo.bad_signature");
    // the signature covers the timestamp: a replay with a fresh timestamp and the old mac fails
    String later = Long.toString(Long.parseLong(ts) + 1000);
    MultiMap oldMac = MultiMap.caseInsensitiveMultiMap().add("X-ZEvent-Signature",
        ZaloSignature.sign(TestNode.ZALO_APP_ID, body, ts, TestNode.ZALO_OA_SECRET_KEY));
    byte[] moved = new String(body, StandardCharsets.UTF_8).replace(ts, later).getBytes(StandardCharsets.UTF_8);
    assertError(node.post("/api/intake/zalo", Buffer.buffer(moved), "application/json", null, oldMac),
        401, "zalo.bad_signature");
    assertNull(row(id));
  }

  @Test
  void staleEventIsRefusedEvenWhenSigned() {
    String id = msgId();
    String ts = Long.toString(System.currentTimeMillis() - 11 * 60_000L);
    byte[] body = TestNode.zaloEvent("user_send_text", "8421000003", id, new JsonObject().put("text", "Cũ rồi"), ts)
        .encode().getBytes(StandardCharsets.UTF_8);
    assertError(node.zalo(body, ts), 400, "zalo.stale_event");
    assertNull(row(id));
  }

  @Test
  void attachmentIsDescribedAndItsLinkKeptForEditors() {
    String id = msgId();
    String ts = Long.toString(System.currentTimeMillis());
    JsonObject message = new JsonObject().put("text", "Ổ gà trước cổng trường")
        .put("attachments", new JsonArray().add(new JsonObject().put("type", "image").put("payload",
            new JsonObject().put("url", "https://photo-stal-14.zdn.vn/anh-o-ga.jpg")
                .put("thumbnail", "https://photo-stal-14.zdn.vn/thumb.jpg"))));
    byte[] body = TestNode.zaloEvent("user_send_image", "8421000004", id, message, ts).encode()
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<Buffer> r = node.zalo(body, ts);

    assertEquals(200, r.statusCode(), r.bodyAsString());
    Map<String, Object> row = row(id);
    assertEquals("[Ảnh đính kèm] Ổ gà trước cổng trường", row.get("text"));
    assertTrue(String.valueOf(row.get("notes")).contains("https://photo-stal-14.zdn.vn/anh-o-ga.jpg"),
        String.valueOf(row.get("notes")));
  }

  @Test
  void otherEventsAreAcknowledgedAndNotStored() {
    for (String event : List.of("follow", "user_seen_message", "oa_send_text", "user_send_sticker")) {
      String id = msgId();
      String ts = Long.toString(System.currentTimeMillis());
      byte[] body = TestNode.zaloEvent(event, "8421000005", id, new JsonObject().put("text", "x"), ts).encode()
          .getBytes(StandardCharsets.UTF_8);
      HttpResponse<Buffer> r = node.zalo(body, ts);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      assertEquals("ignored", r.bodyAsJsonObject().getString("kind"));
      assertEquals(0, sql.count("SELECT count(*) FROM submissions WHERE external_id = ?", id));
    }
  }

  @Test
  void oversizedBodyAndBrokenUtf8AreRefused() {
    String ts = Long.toString(System.currentTimeMillis());
    String id = msgId();
    byte[] huge = TestNode.zaloEvent("user_send_text", "8421000006", id,
        new JsonObject().put("text", "Đ".repeat(70_000)), ts).encode().getBytes(StandardCharsets.UTF_8);
    assertError(node.zalo(huge, ts), 413, "body.too_large");
    byte[] broken = TestNode.zaloEvent("user_send_text", "8421000006", id, new JsonObject().put("text", "AB"), ts)
        .encode().getBytes(StandardCharsets.UTF_8);
    int at = new String(broken, StandardCharsets.UTF_8).indexOf("AB");
    broken[at] = (byte) 0xC3;
    broken[at + 1] = (byte) 0x28;
    assertError(node.zalo(broken, ts), 400, "body.invalid_utf8");
    assertNull(row(id));
  }

  @Test
  void routedToTheEpisodeOnAirOrByKeywordElseUnrouted() {
    String first = node.liveEpisode("8111", "ZA");
    String a = msgId();
    assertEquals(first, node.zaloText("8421000007", a, "Hỏi về giá nước sạch").bodyAsJsonObject()
        .getString("episodeId"));

    String second = node.liveEpisode("8112", "ZB");
    String b = msgId();
    HttpResponse<Buffer> byKeyword = node.zaloText("8421000007", b, "ZB: hỏi về điện ấp 3");
    assertEquals(second, byKeyword.bodyAsJsonObject().getString("episodeId"), byKeyword.bodyAsString());
    assertEquals("hỏi về điện ấp 3", row(b).get("text"));
    assertEquals("ZB: hỏi về điện ấp 3", row(b).get("original_text"));
    String c = msgId();
    assertNull(node.zaloText("8421000007", c, "Hai chương trình, không từ khoá").bodyAsJsonObject()
        .getString("episodeId"));

    // neither on air any more (intake still open): unrouted, unless the text names one by its keyword
    sql.rows("UPDATE episodes SET starts_at = now() + interval '1 day' WHERE id IN (?, ?)", UUID.fromString(first),
        UUID.fromString(second));
    String d = msgId();
    assertNull(node.zaloText("8421000007", d, "Không chương trình nào đang phát").bodyAsJsonObject()
        .getString("episodeId"));
    String e = msgId();
    assertEquals(first, node.zaloText("8421000007", e, "ZA hỏi trước buổi phát").bodyAsJsonObject()
        .getString("episodeId"));

    // editors see the unrouted ones in the same list as SMS, with their channel
    HttpResponse<Buffer> unrouted = node.get("/api/intake/unrouted", TestNode.ADMIN_TOKEN);
    assertEquals(200, unrouted.statusCode(), unrouted.bodyAsString());
    JsonArray items = unrouted.bodyAsJsonObject().getJsonArray("items");
    String unroutedId = String.valueOf(row(d).get("id"));
    assertTrue(items.stream().map(JsonObject.class::cast)
        .anyMatch(i -> unroutedId.equals(i.getString("id")) && "zalo".equals(i.getString("channel"))), items.encode());
  }

  @Test
  void erasureClearsTheZaloUserId() {
    String past = node.liveEpisode("8113", "ZC");
    // over at once, long enough ago for the retention to erase it
    sql.rows("UPDATE episodes SET starts_at = now() - interval '400 days', intake_opens_at = now() - interval "
        + "'420 days', intake_closes_at = now() - interval '400 days' WHERE id = ?", UUID.fromString(past));
    String id = msgId();
    assertEquals(200, node.zaloText("8421000008", id, "Xoá dữ liệu của tôi").statusCode());
    sql.rows("UPDATE submissions SET episode_id = ? WHERE external_id = ?", UUID.fromString(past), id);
    assertEquals("8421000008", row(id).get("platform_user"));

    HttpResponse<Buffer> r = node.postJson("/api/privacy/retention/run", new JsonObject(), TestNode.ADMIN_TOKEN);

    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertNull(row(id).get("platform_user"));
  }
}
