package vn.danhoi.notice;

import io.vertx.core.Vertx;
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
import vn.danhoi.sms.SmsText;
import vn.danhoi.support.FakeSmsProviders;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The asker's side of the loop, through the real server, PostgreSQL and Redis, with Twilio played by a local fake
 * that speaks its documented API: a question sent by SMS gets its code back by SMS, is followed on the public
 * page and by SMS from received to published, and the published answer reaches the asker by SMS; the provider's
 * troubles (rate limit, server error, a refused number, no answer) and the daily limits are handled as promised.
 */
@ExtendWith(VertxExtension.class)
class SmsNoticesTest {

  static final Vertx FAKE_VERTX = Vertx.vertx();
  static final FakeSmsProviders FAKE = FakeSmsProviders.start(FAKE_VERTX);
  static final int PORT = TestStores.freePort();
  static final String PUBLIC = "http://127.0.0.1:" + PORT;
  static final String SHORT_CODE = "8077";
  static final String AGENCY = "Sở Xây dựng";
  static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with("DANHOI_HTTP_PORT", Integer.toString(PORT))
      .with("DANHOI_PUBLIC_URL", PUBLIC)
      .with("DANHOI_SMS_PROVIDER", "twilio")
      .with("DANHOI_SMS_TWILIO_BASE_URL", FAKE.twilioBaseUrl())
      .with("DANHOI_SMS_TWILIO_ACCOUNT_SID", FakeSmsProviders.ACCOUNT_SID)
      .with("DANHOI_SMS_TWILIO_AUTH_TOKEN", FakeSmsProviders.AUTH_TOKEN)
      .with("DANHOI_SMS_FROM", FakeSmsProviders.FROM)
      .with("DANHOI_SMS_SHORT_CODE", SHORT_CODE)
      .with("DANHOI_SMS_TIMEOUT_MS", "700")
      .with("DANHOI_SMS_RETRY_MS", "100")
      .with("DANHOI_NOTICE_INTERVAL_MS", "100")
      .with("DANHOI_SMS_PER_NUMBER_PER_DAY", "4")
      .with("DANHOI_TRACK_PER_MINUTE", "40");

  static TestNode node;
  static Sql sql;
  static String episode;
  static StaffSession editor;
  static StaffSession builder;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    episode = node.liveEpisode(SHORT_CODE, "DT");
    sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, ?, string_to_array(?, ','))", UUID.randomUUID(),
        AGENCY, "vanthu@soxd.tayninh.example.vn");
    editor = StaffSession.create(node, "bientap.thu", "Phạm Thị Thu", List.of("editor"), null, null);
    builder = StaffSession.create(node, "soxd.tam", "Lê Văn Tâm", List.of("agency"), AGENCY, null);
  }

  @AfterAll
  static void stop() {
    // the figures of this run, for whoever reads the test output: what went through the fake Twilio and how
    System.out.println("SMS through the fake Twilio, by kind and status: " + sql.rows("SELECT kind, status, "
        + "count(*) AS n, sum(attempts) AS attempts, sum(segments) AS parts FROM notifications WHERE channel = 'sms' "
        + "GROUP BY kind, status ORDER BY kind, status") + "; requests the fake answered: " + FAKE.requests().size());
    FAKE.close();
    FAKE_VERTX.close().await();
  }

  static JsonObject track(String code, String contact) {
    HttpResponse<Buffer> r = node.postJson("/api/track", new JsonObject().put("code", code).put("contact", contact),
        null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static Map<String, Object> notice(String kind, UUID submission, String status) {
    try {
      return sql.awaitRows(WAIT, "SELECT * FROM notifications WHERE kind = ? AND submission_id = ? AND status = ?",
          kind, submission, status).get(0);
    } catch (AssertionError e) {
      throw new AssertionError("no " + status + " " + kind + ": " + sql.rows("SELECT status, attempts, error, "
          + "provider FROM notifications WHERE submission_id = ?", submission) + " " + FAKE.received(), e);
    }
  }

  static List<FakeSmsProviders.Message> messagesTo(String e164) {
    return FAKE.received().stream().filter(m -> e164.equals(m.to())).toList();
  }

  @Test
  void aQuestionBySmsIsReceiptedFollowedAndAnsweredBySms() {
    String from = "0912345678";
    HttpResponse<Buffer> in = node.sms(from, SHORT_CODE, "DT Đường vào ấp Thạnh Hiệp, xã Tân Hòa ngập sâu mỗi khi "
        + "mưa lớn; khi nào tỉnh nâng cấp tuyến đường này?");
    assertEquals(200, in.statusCode(), in.bodyAsString());
    String code = in.bodyAsJsonObject().getString("receipt");
    assertTrue(code.matches("[CFHJKMNPRTVX2-9]{4}-[CFHJKMNPRTVX2-9]{4}"), code);
    UUID id = UUID.fromString(in.bodyAsJsonObject().getString("id"));

    // the receipt goes out through Twilio: to the asker in E.164, in GSM-7 without marks, one part, with the code
    Map<String, Object> receipt = notice("submission.receipt", id, "sent");
    assertEquals("twilio", receipt.get("provider"));
    assertEquals(1, receipt.get("segments"));
    assertEquals("GSM7", receipt.get("encoding"));
    FakeSmsProviders.Message out = messagesTo("+84912345678").get(0);
    assertTrue(out.text().contains(code), out.text());
    assertTrue(out.text().startsWith("Kinh gui Ong/Ba: Ban Bien tap da nhan cau hoi, ma so " + code), out.text());
    assertTrue(out.text().contains("TRACUU " + code.replace("-", "") + " gui " + SHORT_CODE), out.text());
    assertTrue(SmsText.gsm7(out.text()));
    assertEquals(1, SmsText.count(out.text()).segments());
    assertEquals(out.id(), receipt.get("provider_id"));
    assertEquals(PUBLIC + "/api/sms/status/twilio?notice=" + receipt.get("id"),
        out.request().form().get("StatusCallback"));

    // Twilio's delivery report, signed as Twilio signs, marks it delivered; a forged one is refused
    String callback = out.request().form().get("StatusCallback");
    FakeSmsProviders.Report forged = FakeSmsProviders.twilioReport(callback, "not-the-token-0000000", out.id(),
        "failed", "30003");
    assertEquals(401, TestNode.await(FAKE.post(forged)));
    assertEquals(200, TestNode.await(FAKE.post(FakeSmsProviders.twilioReport(callback, FakeSmsProviders.AUTH_TOKEN,
        out.id(), "delivered", null))));
    notice("submission.receipt", id, "delivered");

    // the page: received, nothing of the asker's; the wrong digits and an unknown code get the same 404
    JsonObject received = track(code, "5678");
    assertEquals("received", received.getString("current"));
    assertFalse(received.encode().contains("0912345678"), received.encode());
    HttpResponse<Buffer> wrong = node.postJson("/api/track", new JsonObject().put("code", code).put("contact", "1234"),
        null);
    HttpResponse<Buffer> unknown = node.postJson("/api/track", new JsonObject().put("code", "HHHH-HHHH")
        .put("contact", "5678"), null);
    assertEquals(404, wrong.statusCode());
    assertEquals(wrong.bodyAsJsonObject().getJsonObject("error").getString("message"),
        unknown.bodyAsJsonObject().getJsonObject("error").getString("message"));
    assertEquals("track.not_found", wrong.bodyAsJsonObject().getJsonObject("error").getString("code"));

    // forwarded to an agency, answered, approved, published: the page follows, and the answer goes out by SMS
    JsonObject assigned = ok(editor.postJson("/api/items/" + id + "/assign", new JsonObject().put("agency", AGENCY)),
        201);
    String assignment = assigned.getJsonArray("assignments").getJsonObject(0).getString("id");
    JsonObject forwarded = track(code.toLowerCase(), "0912 345 678");
    assertEquals("forwarded", forwarded.getString("current"));
    JsonObject step = step(forwarded, "forwarded");
    assertEquals(AGENCY, step.getString("agency"));
    assertNotNull(step.getString("dueDay"));
    assertTrue(step.getInteger("workingDays") > 0, step.encode());

    String answer = ok(builder.postJson("/api/agency/assignments/" + assignment + "/answer", new JsonObject()
        .put("text", "Sở Xây dựng đã đưa tuyến đường ấp Thạnh Hiệp vào kế hoạch nâng cấp năm 2027.")), 201)
        .getString("id");
    assertEquals("answered", track(code, "5678").getString("current"));
    ok(editor.postJson("/api/answers/" + answer + "/approve", new JsonObject()), 200);
    JsonObject published = ok(editor.postJson("/api/answers/" + answer + "/publish", new JsonObject()), 200);
    assertEquals(new JsonObject().put("channel", "sms").put("status", "queued"), published.getJsonObject("notice"));

    Map<String, Object> told = notice("answer.published", id, "sent");
    assertEquals("twilio", told.get("provider"));
    FakeSmsProviders.Message answerSms = FAKE.received().stream()
        .filter(m -> told.get("id").toString().equals(m.noticeId())).findFirst().orElseThrow();
    assertTrue(answerSms.text().startsWith("Kinh gui Ong/Ba"), answerSms.text());
    assertTrue(answerSms.text().contains("So Xay dung"), answerSms.text());
    JsonObject done = track(code, "5678");
    assertEquals("published", done.getString("current"));
    assertEquals(PUBLIC + "/answers.html?episode=" + episode + "#answer-" + answer, step(done, "published")
        .getString("link"));

    // the same, by SMS: the keyword and the code from the asker's phone; not stored as a question
    long questions = sql.submissions();
    HttpResponse<Buffer> lookup = node.sms(from, SHORT_CODE, "tra cuu " + code.toLowerCase());
    assertEquals(200, lookup.statusCode(), lookup.bodyAsString());
    assertEquals("lookup", lookup.bodyAsJsonObject().getString("kind"));
    assertEquals(questions, sql.submissions());
    Map<String, Object> reply = notice("track.reply", id, "sent");
    String replyText = (String) reply.get("body");
    assertTrue(replyText.contains("da duoc So Xay dung tra loi"), replyText);
    // from another phone the code says nothing
    HttpResponse<Buffer> stranger = node.sms("0987654321", SHORT_CODE, "TRACUU " + code);
    Map<String, Object> refused = sql.awaitRows(WAIT, "SELECT body, submission_id FROM notifications "
        + "WHERE kind = 'track.reply' AND id = ? AND status = 'sent'",
        UUID.fromString(stranger.bodyAsJsonObject().getString("id"))).get(0);
    assertNull(refused.get("submission_id"));
    assertTrue(((String) refused.get("body")).contains("khong co trong he thong"), refused.toString());

    // the report counts what the asker was told, by channel
    JsonObject report = ok(editor.get("/api/reports?episode=" + episode), 200);
    JsonObject sms = report.getJsonArray("notices").stream().map(o -> (JsonObject) o)
        .filter(o -> "sms".equals(o.getString("channel"))).findFirst().orElseThrow();
    assertTrue(sms.getLong("sent") >= 3, sms.encode());
    assertTrue(sms.getLong("delivered") >= 1, sms.encode());
    // and so do the documents the office files: the sheet and the signed report
    HttpResponse<Buffer> sheet = editor.get("/api/reports.xlsx?episode=" + episode);
    assertEquals(200, sheet.statusCode());
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        new java.io.ByteArrayInputStream(sheet.body().getBytes()))) {
      org.apache.poi.ss.usermodel.Sheet askers = book.getSheet("Thông báo người hỏi");
      assertEquals("Tin nhắn SMS", askers.getRow(1).getCell(0).getStringCellValue());
      assertEquals(sms.getLong("sent").doubleValue(), askers.getRow(1).getCell(2).getNumericCellValue());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    HttpResponse<Buffer> docx = editor.get("/api/reports.docx?episode=" + episode);
    assertEquals(200, docx.statusCode(), docx.bodyAsString());
    try (org.apache.poi.xwpf.extractor.XWPFWordExtractor text = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(
        new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(docx.body().getBytes())))) {
      assertTrue(text.getText().contains("Người hỏi được thông báo mã số câu hỏi"), text.getText());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void whatTheProviderDidNotTakeIsRetriedAndWhatItMayHaveTakenIsNot() {
    // a rate limit (Retry-After 1 s), then a server error, then accepted: one message, three attempts
    FAKE.script("0903111222", FakeSmsProviders.Behaviour.rateLimit(Duration.ofSeconds(1)));
    UUID limited = question("0903111222", "DT Trạm y tế xã Phước Vinh thiếu bác sĩ trực đêm.");
    sql.awaitRows(WAIT, "SELECT 1 FROM notifications WHERE submission_id = ? AND attempts = 1 AND status = 'queued' "
        + "AND error LIKE '%20429%'", limited);
    FAKE.script("0903111222", FakeSmsProviders.Behaviour.serverError(503));
    // the second attempt counts from its claim; wait for the server error to come back (queued again), or the
    // script below could answer a request still on its way
    sql.awaitRows(WAIT, "SELECT 1 FROM notifications WHERE submission_id = ? AND attempts >= 2 AND status = 'queued'",
        limited);
    FAKE.script("0903111222", FakeSmsProviders.Behaviour.accept());
    Map<String, Object> sent = notice("submission.receipt", limited, "sent");
    assertTrue((Integer) sent.get("attempts") >= 3, sent.toString());
    assertEquals(1, messagesTo("+84903111222").stream()
        .filter(m -> m.answer() == FakeSmsProviders.Kind.ACCEPT).count());

    // a number Twilio refuses (21211) fails at once, never retried
    FAKE.script("0903222333", FakeSmsProviders.Behaviour.refuse());
    UUID refused = question("0903222333", "DT Hồ sơ cấp giấy chứng nhận quyền sử dụng đất chậm trả kết quả.");
    Map<String, Object> failed = notice("submission.receipt", refused, "failed");
    assertEquals(1, failed.get("attempts"));
    assertTrue(((String) failed.get("error")).startsWith("21211"), failed.toString());

    // no answer within the timeout: the provider may have taken it; unconfirmed and never resent
    FAKE.script("0903333444", FakeSmsProviders.Behaviour.silent());
    UUID silent = question("0903333444", "DT Đèn đường tuyến ĐT.785 không sáng đã hai tháng.");
    Map<String, Object> unconfirmed = notice("submission.receipt", silent, "unconfirmed");
    // the queue has moved on past it: a later notice is sent, and the silent one was asked once only
    UUID after = question("0903444555", "DT Khi nào hoàn thành cầu Bến Đình?");
    notice("submission.receipt", after, "sent");
    assertEquals(1, messagesTo("+84903333444").size());
    assertEquals(1, unconfirmed.get("attempts"));
    // its delivery report still settles it, by the notice id in the callback URL
    assertEquals(200, TestNode.await(FAKE.post(FakeSmsProviders.twilioReport(PUBLIC + "/api/sms/status/twilio?notice="
        + unconfirmed.get("id"), FakeSmsProviders.AUTH_TOKEN, "SM" + "0".repeat(32), "delivered", null))));
    notice("submission.receipt", silent, "delivered");
  }

  @Test
  void oneNumberGetsAtMostTheDailyLimitOfReceipts() {
    String flooder = "0977000111";
    for (int i = 1; i <= 6; i++) {
      question(flooder, "DT Câu hỏi số " + i + " về giá nước sinh hoạt tại phường Long Hoa.");
    }
    // the two over the limit may be decided while the first four are still being sent: wait for both outcomes
    sql.awaitRows(WAIT, "SELECT 1 FROM notifications WHERE recipient = ? HAVING count(*) FILTER (WHERE status = "
        + "'limited') = 2 AND count(*) FILTER (WHERE status = 'sent') = 4", flooder);
    assertEquals(4, messagesTo("+84977000111").size());
  }

  @Test
  void everyChannelGivesACodeAndTheEditorsSeeWhatWasSent() {
    HttpResponse<Buffer> web = node.postJson("/api/episodes/" + episode + "/questions", new JsonObject()
        .put("name", "Trần Thị Lan").put("locality", "Phường Tân Ninh").put("email", "lan.tran@example.vn")
        .put("text", "Bao giờ chợ Tây Ninh được sửa lại mái che?").put("consent", true), null);
    assertEquals(202, web.statusCode(), web.bodyAsString());
    String webCode = web.bodyAsJsonObject().getString("receipt");
    assertNotNull(webCode);
    StaffSession operator = StaffSession.create(node, "tongdai.hanh", "Ngô Thị Hạnh", List.of("operator"), null,
        null);
    JsonObject call = ok(operator.postJson("/api/episodes/" + episode + "/calls", new JsonObject()
        .put("callerName", "Võ Văn Bảy").put("callerPhone", "0918 765 432").put("locality", "Xã Hòa Thành")
        .put("text", "Xin hỏi về tiến độ giải phóng mặt bằng đường Điện Biên Phủ.")), 201);
    String callCode = call.getString("receipt");
    assertFalse(webCode.equals(callCode));
    // the web asker gave an e-mail: the receipt goes by e-mail (logged here, no SMTP), worded with the code
    Map<String, Object> mail = notice("submission.receipt", UUID.fromString(web.bodyAsJsonObject().getString("id")),
        "sent");
    assertEquals("email", mail.get("channel"));
    assertTrue(((String) mail.get("subject")).contains(webCode), mail.toString());
    assertTrue(((String) mail.get("body")).contains(PUBLIC + "/track.html?code=" + webCode), mail.toString());
    notice("submission.receipt", UUID.fromString(call.getString("id")), "sent");
    assertEquals(callCode, track(callCode, "5432").getString("receipt"));
    assertEquals(webCode, track(webCode, "LAN.TRAN@example.vn").getString("receipt"));

    JsonObject list = ok(editor.get("/api/notices?channel=sms"), 200);
    JsonArray items = list.getJsonArray("items");
    assertFalse(items.isEmpty());
    assertFalse(list.encode().contains("0918765432"), "recipients are masked");
    assertTrue(list.getJsonObject("counts").getJsonObject("sms").getLong("sent") > 0);
    assertEquals(403, operator.get("/api/notices").statusCode());
  }

  @Test
  void guessingCodesIsRefusedAfterAFewTries() {
    UUID id = question("0966555444", "DT Hỏi về chế độ hỗ trợ hộ nghèo năm 2027.");
    String code = sql.rows("SELECT receipt_code FROM submissions WHERE id = ?", id).get(0).get("receipt_code")
        .toString();
    HttpResponse<Buffer> bad = node.postJson("/api/track", new JsonObject().put("code", "<script>")
        .put("contact", "1234"), null);
    assertEquals(400, bad.statusCode());
    assertEquals("code", bad.bodyAsJsonObject().getJsonObject("error").getString("field"));
    int refused = 0;
    for (int i = 0; i < 12; i++) {
      HttpResponse<Buffer> r = node.postJson("/api/track", new JsonObject().put("code", code)
          .put("contact", String.format("%04d", i)), null);
      if (r.statusCode() == 429) {
        refused++;
        assertNotNull(r.getHeader("Retry-After"));
      } else {
        assertEquals(404, r.statusCode(), r.bodyAsString());
      }
    }
    assertTrue(refused >= 2, "the code's bucket ran out: " + refused);
  }

  @Test
  void theOfficeSeesHowManyPartsAnSmsTemplateCosts() {
    JsonObject shown = ok(node.request("POST", "/api/admin/messages/receipt-sms/preview", new JsonObject(),
        TestNode.ADMIN_TOKEN), 200);
    JsonObject sms = shown.getJsonObject("sms");
    assertEquals("GSM7", sms.getString("encoding"));
    assertEquals(1, sms.getInteger("segments"), sms.encode());
    assertTrue(sms.getString("text").startsWith("Kinh gui Ong/Ba: Ban Bien tap da nhan cau hoi"), sms.encode());
    // a longer wording, with marks: counted as it would go out
    JsonObject longer = ok(node.request("POST", "/api/admin/messages/receipt-sms/preview", new JsonObject()
        .put("subject", "Xác nhận").put("body", "Kính gửi Ông/Bà: " + "Ban Biên tập đã nhận câu hỏi. ".repeat(8)
            + "Mã số {{ma_so}}."), TestNode.ADMIN_TOKEN), 200).getJsonObject("sms");
    assertEquals(2, longer.getInteger("segments"), longer.encode());
    assertNull(ok(node.request("POST", "/api/admin/messages/receipt-email/preview", new JsonObject(),
        TestNode.ADMIN_TOKEN), 200).getValue("sms"));
  }

  static UUID question(String from, String text) {
    HttpResponse<Buffer> r = node.sms(from, SHORT_CODE, text);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return UUID.fromString(r.bodyAsJsonObject().getString("id"));
  }

  static JsonObject step(JsonObject path, String name) {
    return path.getJsonArray("steps").stream().map(o -> (JsonObject) o)
        .filter(o -> name.equals(o.getString("step"))).findFirst().orElseThrow();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }
}
