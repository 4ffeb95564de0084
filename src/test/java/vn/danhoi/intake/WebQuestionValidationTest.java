package vn.danhoi.intake;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad input to the public question form is refused with a 4xx JSON error naming the problem, and
 * leaves no row behind; the edge cases that must be accepted are accepted and stored as sent.
 */
@ExtendWith(VertxExtension.class)
class WebQuestionValidationTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static String prefix;
  static TestNode node;
  static Sql sql;
  static String episode;
  static String path;

  @BeforeAll
  static void start() {
    prefix = NODE.prefix();
    node = NODE.node();
    sql = NODE.sql();
    episode = node.liveEpisode("8085", "DT");
    path = "/api/episodes/" + episode + "/questions";
  }

  // ---- text ----

  @Test
  void missingTextIsRefusedAndNothingStored() {
    JsonObject q = question("Nguyễn Văn Lợi", "x");
    q.remove("text");
    refusedWithoutRow(() -> postJson(q), 400, "text.required", "text");
  }

  @Test
  void emptyTextIsRefusedAndNothingStored() {
    refusedWithoutRow(() -> postJson(question("Nguyễn Văn Lợi", "")), 400, "text.required", "text");
  }

  @Test
  void whitespaceOnlyTextIsRefusedAndNothingStored() {
    refusedWithoutRow(() -> postJson(question("Nguyễn Văn Lợi", "   \n\t  \r\n ")), 400, "text.required", "text");
  }

  @Test
  void textOfOnlyNonBreakingSpacesIsRefusedAndNothingStored() {
    // phone keyboards and pasted text bring U+00A0 / U+202F; they are blank all the same
    refusedWithoutRow(() -> postJson(question("Nguyễn Văn Lợi", " \u00a0\u00a0 \u202f\u3000")),
        400, "text.required", "text");
  }

  @Test
  void textOver2000CharactersIsRefusedAndNothingStored() {
    String text = vietnamese(2001);
    assertEquals(2001, text.codePointCount(0, text.length()));
    refusedWithoutRow(() -> postJson(question("Trần Thị Mỹ", text)), 400, "text.too_long", "text");
  }

  @Test
  void textOf2000VietnameseCharactersIsAcceptedAndStoredWhole() {
    String text = vietnamese(2000);
    HttpResponse<Buffer> r = postJson(question("Trần Thị Mỹ", text));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    assertEquals(text, storedText(r));
  }

  @Test
  void textOf2000CharactersSentDecomposedIsCountedAfterComposition() {
    String composed = vietnamese(2000);
    String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
    assertTrue(decomposed.codePointCount(0, decomposed.length()) > 2000);
    HttpResponse<Buffer> r = postJson(question("Trần Thị Mỹ", decomposed));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    assertEquals(composed, storedText(r));
  }

  // ---- name, locality ----

  @Test
  void missingNameIsRefusedAndNothingStored() {
    JsonObject q = question("x", "Bao giờ xã Mỹ Yên có đèn đường?");
    q.remove("name");
    refusedWithoutRow(() -> postJson(q), 400, "name.required", "name");
  }

  @Test
  void missingLocalityIsRefusedAndNothingStored() {
    JsonObject q = question("Lê Thị Thu", "Bao giờ xã Mỹ Yên có đèn đường?");
    q.remove("locality");
    refusedWithoutRow(() -> postJson(q), 400, "locality.required", "locality");
  }

  // ---- phone, email ----

  @Test
  void shortDigitPhoneIsRefusedAndNothingStored() {
    refusedWithoutRow(() -> postJson(question("Đỗ Văn Hùng", "Điện thế nào?").put("phone", "12345")),
        400, "phone.invalid", "phone");
  }

  @Test
  void letterPhoneIsRefusedAndNothingStored() {
    refusedWithoutRow(() -> postJson(question("Đỗ Văn Hùng", "Điện thế nào?").put("phone", "abc")),
        400, "phone.invalid", "phone");
  }

  @Test
  void phoneWithSpacesIsAcceptedAndStoredAsDigits() {
    HttpResponse<Buffer> r = postJson(question("Đỗ Văn Hùng", "Khi nào kéo điện về xóm Bàu?")
        .put("phone", "0912 345 678"));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    assertEquals("0912345678", stored(r, "phone"));
  }

  @Test
  void internationalPhoneIsAcceptedAndStored() {
    HttpResponse<Buffer> r = postJson(question("Đỗ Văn Hùng", "Khi nào kéo điện về xóm Bàu?")
        .put("phone", "+84912345678"));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    assertEquals("+84912345678", stored(r, "phone"));
  }

  @Test
  void badEmailIsRefusedAndNothingStored() {
    refusedWithoutRow(() -> postJson(question("Phan Thị Ngọc", "Nước máy có mùi lạ.").put("email", "ngoc@@gmail")),
        400, "email.invalid", "email");
    refusedWithoutRow(() -> postJson(question("Phan Thị Ngọc", "Nước máy có mùi lạ.").put("email", "ngọc.phan")),
        400, "email.invalid", "email");
  }

  @Test
  void goodEmailIsAcceptedAndStored() {
    HttpResponse<Buffer> r = postJson(question("Phan Thị Ngọc", "Nước máy có mùi lạ.")
        .put("email", "ngoc.phan@example.vn"));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    assertEquals("ngoc.phan@example.vn", stored(r, "email"));
  }

  // ---- consent ----

  @Test
  void consentFalseIsRefusedAndNothingStored() {
    refusedWithoutRow(() -> postJson(question("Huỳnh Văn Út", "Đường liên ấp khi nào sửa?").put("consent", false)),
        400, "consent.required", "consent");
  }

  @Test
  void missingConsentIsRefusedAndNothingStored() {
    JsonObject q = question("Huỳnh Văn Út", "Đường liên ấp khi nào sửa?");
    q.remove("consent");
    refusedWithoutRow(() -> postJson(q), 400, "consent.required", "consent");
  }

  @Test
  void consentAsTheStringTrueIsRefusedAndNothingStored() {
    refusedWithoutRow(() -> postJson(question("Huỳnh Văn Út", "Đường liên ấp khi nào sửa?").put("consent", "true")),
        400, "consent.invalid", "consent");
  }

  // ---- body: JSON, encoding, size, type ----

  @Test
  void invalidJsonIsRefusedAndNothingStored() {
    refusedWithoutRow(() -> post(Buffer.buffer("{\"name\": \"Bùi Thị Xuân\", \"text\": \"Nước"), "application/json"),
        400, "body.invalid_json", null);
  }

  @Test
  void emptyBodyIsRefusedAndNothingStored() {
    refusedWithoutRow(() -> post(Buffer.buffer(), "application/json"), 400, "body.empty", null);
  }

  @Test
  void jsonArrayBodyIsRefusedAndNothingStored() {
    String array = "[" + question("Bùi Thị Xuân", "Khi nào có nước sạch?").encode() + "]";
    refusedWithoutRow(() -> post(Buffer.buffer(array), "application/json"), 400, "body.invalid_json", null);
  }

  @Test
  void invalidUtf8BytesAreRefusedAndNothingStored() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("{\"name\":\"Bùi Thị Xuân\",\"locality\":\"Xã Mỹ Yên\",\"text\":\"Nước ".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    bytes.writeBytes("\",\"consent\":true}".getBytes(StandardCharsets.UTF_8));
    refusedWithoutRow(() -> post(Buffer.buffer(bytes.toByteArray()), "application/json"),
        400, "body.invalid_utf8", null);
  }

  @Test
  void loneSurrogateEscapeIsRefusedAndNothingStored() {
    String body = "{\"name\":\"Bùi Thị Xuân\",\"locality\":\"Xã Mỹ Yên\",\"text\":\"Câu hỏi \\ud800 về điện\","
        + "\"consent\":true}";
    refusedWithoutRow(() -> post(Buffer.buffer(body), "application/json"), 400, "text.invalid", "text");
  }

  @Test
  void controlCharactersAreStrippedNotAServerError() {
    String marker = "nul-" + UUID.randomUUID();
    HttpResponse<Buffer> r = postJson(question("Lý Thị\u0000 Mai",
        "Nước\u0000 giếng\u0007 bị\u001b nhiễm phèn\nxin trả lời " + marker));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    Object text = storedText(r);
    assertEquals("Nước giếng bị nhiễm phèn\nxin trả lời " + marker, text);
    assertFalse(((String) text).contains("\u0000"));
    assertEquals("Lý Thị Mai", stored(r, "asker_name"));
  }

  @Test
  void bodyOver64KibIsRefusedAsTooLargeAndNothingStored() {
    String huge = question("Vũ Đình Khoa", "Đ".repeat(70_000)).encode();
    assertTrue(huge.getBytes(StandardCharsets.UTF_8).length > 64 * 1024);
    refusedWithoutRow(() -> post(Buffer.buffer(huge), "application/json"), 413, "body.too_large", null);
  }

  @Test
  void plainTextContentTypeIsRefusedAndNothingStored() {
    String body = question("Vũ Đình Khoa", "Hỏi về giá điện").encode();
    refusedWithoutRow(() -> post(Buffer.buffer(body), "text/plain"), 415, "body.unsupported_media_type", null);
  }

  @Test
  void missingContentTypeIsRefusedAndNothingStored() {
    String body = question("Vũ Đình Khoa", "Hỏi về giá điện").encode();
    refusedWithoutRow(() -> post(Buffer.buffer(body), null), 415, "body.unsupported_media_type", null);
  }

  @Test
  void latin1CharsetIsRefusedAndNothingStored() {
    String body = question("Vũ Đình Khoa", "Hỏi về giá điện").encode();
    refusedWithoutRow(() -> post(Buffer.buffer(body), "application/json; charset=latin1"),
        415, "body.unsupported_charset", null);
  }

  @Test
  void utf8CharsetParameterIsAccepted() {
    String body = question("Vũ Đình Khoa", "Hỏi về giá điện bậc thang").encode();
    HttpResponse<Buffer> r = post(Buffer.buffer(body), "application/json; charset=UTF-8");
    assertEquals(202, r.statusCode(), r.bodyAsString());
    assertEquals("Hỏi về giá điện bậc thang", storedText(r));
  }

  @Test
  void deeplyNestedJsonIsRefusedNotAServerError() {
    String nested = "[".repeat(10_000) + "]".repeat(10_000);
    refusedWithoutRow(() -> post(Buffer.buffer(nested), "application/json"), 400, "body.invalid_json", null);
    String inField = "{\"name\":\"Vũ Đình Khoa\",\"locality\":\"Xã Mỹ Yên\",\"consent\":true,\"text\":"
        + nested + "}";
    refusedWithoutRow(() -> post(Buffer.buffer(inField), "application/json"), 400, "body.invalid_json", null);
    String unclosed = "[".repeat(10_000);
    refusedWithoutRow(() -> post(Buffer.buffer(unclosed), "application/json"), 400, "body.invalid_json", null);
  }

  // ---- episode ----

  @Test
  void unknownEpisodeIsNotFoundAndNothingStored() {
    refusedWithoutRow(() -> node.postJson("/api/episodes/" + UUID.randomUUID() + "/questions",
        question("Mai Văn Tư", "Cầu khỉ ấp 5 khi nào thay?"), null), 404, "episode.not_found", null);
  }

  @Test
  void nonUuidEpisodeIdIsNotFoundAndNothingStored() {
    refusedWithoutRow(() -> node.postJson("/api/episodes/tap-1-dan-hoi/questions",
        question("Mai Văn Tư", "Cầu khỉ ấp 5 khi nào thay?"), null), 404, "episode.not_found", null);
  }

  @Test
  void episodeWithClosedIntakeRefusesWithConflictAndNothingStored() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String closed = createEpisode(now.minusHours(3), now.minusHours(3), now.minusHours(1));
    refusedWithoutRow(() -> node.postJson("/api/episodes/" + closed + "/questions",
        question("Mai Văn Tư", "Cầu khỉ ấp 5 khi nào thay?"), null), 409, "episode.intake_closed", null);
  }

  @Test
  void episodeWhoseIntakeOpensLaterRefusesWithConflictAndNothingStored() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String later = createEpisode(now.plusHours(2), now.plusHours(1), now.plusHours(3));
    refusedWithoutRow(() -> node.postJson("/api/episodes/" + later + "/questions",
        question("Mai Văn Tư", "Cầu khỉ ấp 5 khi nào thay?"), null), 409, "episode.intake_closed", null);
  }

  // ---- Idempotency-Key ----

  @Test
  void idempotencyKeyOver200CharactersIsRefusedAndNothingStored() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", "k".repeat(201));
    String body = question("Châu Thị Hạnh", "Hỏi về trợ giá nước sạch").encode();
    refusedWithoutRow(() -> node.post(path, Buffer.buffer(body), "application/json", null, headers),
        400, "idempotencyKey.invalid", "Idempotency-Key");
  }

  // ---- helpers ----

  private static JsonObject question(String name, String text) {
    return TestNode.question(name, text);
  }

  private static HttpResponse<Buffer> postJson(JsonObject q) {
    return node.postJson(path, q, null);
  }

  private static HttpResponse<Buffer> post(Buffer body, String contentType) {
    return node.post(path, body, contentType, null, MultiMap.caseInsensitiveMultiMap());
  }

  /** Sends, and asserts the refusal: status, JSON error code and field, a message, and no new row. */
  private static void refusedWithoutRow(Supplier<HttpResponse<Buffer>> send, int status, String code, String field) {
    long before = sql.submissions();
    HttpResponse<Buffer> r = send.get();
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"), r.getHeader("Content-Type"));
    assertFalse(r.bodyAsString().contains("Exception"), r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertNotNull(error, r.bodyAsString());
    assertEquals(code, error.getString("code"), r.bodyAsString());
    if (field != null) {
      assertEquals(field, error.getString("field"), r.bodyAsString());
    }
    String message = error.getString("message");
    assertNotNull(message);
    assertFalse(message.isBlank());
    assertEquals(before, sql.submissions(), "a refused question must not leave a row");
  }

  private static Object stored(HttpResponse<Buffer> accepted, String column) {
    String id = accepted.bodyAsJsonObject().getString("id");
    var rows = sql.rows("SELECT " + column + " FROM submissions WHERE id = ?", UUID.fromString(id));
    assertEquals(1, rows.size());
    return rows.get(0).get(column);
  }

  private static Object storedText(HttpResponse<Buffer> accepted) {
    return stored(accepted, "text");
  }

  /** Exactly n code points of Vietnamese text with diacritics, not starting or ending in white space. */
  private static String vietnamese(int n) {
    String source = "Người dân ấp Bình Hoà hỏi: bao giờ đường điện hạ thế về tới xóm Rẫy, "
        + "nước giếng nhiễm phèn thì được hỗ trợ lọc thế nào? ";
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (out.length() < n) {
      out.append(source.charAt(i++ % source.length()));
    }
    if (Character.isWhitespace(out.charAt(n - 1))) {
      out.setCharAt(n - 1, 'ữ');
    }
    return out.toString();
  }

  private static String createEpisode(OffsetDateTime startsAt, OffsetDateTime opensAt, OffsetDateTime closesAt) {
    JsonObject body = new JsonObject()
        .put("title", "Dân hỏi – Bộ trưởng trả lời")
        .put("topic", "Giao thông nông thôn")
        .put("startsAt", startsAt.toString())
        .put("durationMinutes", 60)
        .put("intake", new JsonObject().put("opensAt", opensAt.toString()).put("closesAt", closesAt.toString()));
    HttpResponse<Buffer> r = node.postJson("/api/episodes", body, TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }
}
