package vn.danhoi.privacy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.Letters;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Erasure erases: one citizen's data goes in through every door that can carry it (web, SMS, hotline, a posted
 * letter with its scan, an e-mail with an attachment, the editors' identity check with a note holding her ID-card number, an instruction to
 * the agency, the agency's answer, the published notice, the run-down) and after the council office erases
 * it, by phone and by e-mail, nothing of her is left: not in any text or JSON column of any table (the
 * append-only event log included), not in any file under the node's data directory, not in the Redis stream.
 */
@ExtendWith(VertxExtension.class)
class ErasureLeavesNothingTest {

  static final String NAME = "Võ Thị Thu Hà";
  static final String EMAIL = "vothuha.bl@gmail.com";
  static final String ID_CARD = "079184001234";
  static final String STREET = "Số 27 đường Nguyễn Trung Trực, khu phố 2";
  static final String AGENCY = "Sở Nông nghiệp và Môi trường";
  static final String MAILBOX = "hopthu@danhoi.vn";

  @RegisterExtension
  @Order(1)
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
      .withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, "hopthu", "hop-thu-Dai-2026"))
      .withPerMethodLifecycle(false);
  /** Every way she can be found: her numbers in each form, her e-mail, ID card, name and street. */
  static final List<String> HER = List.of("0912345678", "+84912345678", "912345678", "912 345 678", "912.345.678",
      EMAIL, "vothuha", ID_CARD, NAME, "vo thi thu ha", "Nguyễn Trung Trực", "nguyen trung truc", "0283822145",
      "2838221456", "079 184 001 234");

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .withDataDir()
      .with("DANHOI_TRUST_PROXY", "true")
      .with(env -> TestNode.mailbox(env, MAIL.getImap().getPort()));

  static Path dataDir;
  static String prefix;
  static TestNode node;
  static Sql sql;
  static StaffSession editor;
  static StaffSession officer;
  static Letters letters;
  static RedisClient redisClient;
  static StatefulRedisConnection<String, String> redis;

  @BeforeAll
  static void start() {
    dataDir = NODE.dataDir();
    prefix = NODE.prefix();
    node = NODE.node();
    sql = NODE.sql();
    sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, ?, '{}')", UUID.randomUUID(), AGENCY);
    editor = StaffSession.create(node, "btv.thanhtam", "Lê Thanh Tâm (Ban biên tập)", List.of("editor"), null, null);
    officer = StaffSession.create(node, "snnmt.phuong", "Trần Thị Phương", List.of("agency"), AGENCY, null);
    letters = new Letters(node);
    redisClient = RedisClient.create(TestStores.redisUrl());
    redis = redisClient.connect();
  }

  @AfterAll
  static void stop() {
    redis.close();
    redisClient.shutdown();
    letters.close();
    officer.close();
    editor.close();
  }

  @Test
  void afterErasureByPhoneAndEmailNothingOfThePersonIsLeftAnywhere() throws Exception {
    String episode = node.liveEpisode("8091", "HOI");
    // a neighbour whose data must stay: the check that the dump below sees the data at all
    String neighbour = web(episode, new JsonObject().put("name", "Trần Văn Bình").put("phone", "0987 654 321")
        .put("locality", "Phường 2, TP Tân An").put("text", "Xin hỏi về hỗ trợ lắp đồng hồ nước cho hộ nghèo"));

    // the web form: her number typed into the question too, and her name and street
    String webQuestion = web(episode, new JsonObject().put("name", NAME).put("phone", "0912 345 678")
        .put("email", EMAIL).put("locality", "Phường 2, TP Tân An")
        .put("text", "Tôi là " + NAME + ", nhà " + STREET + ", nước máy yếu cả tháng nay. Gọi lại giúp tôi số "
            + "0912.345.678 hoặc 0283 8221 456."));
    // an SMS from her number in its international form, her ID-card number in it (no other row names it)
    String sms = sms("+84912345678", "8091", "HOI Đèn đường khu phố 2 tắt cả tuần, liên hệ " + EMAIL
        + ", CCCD 079 184 001 234");
    // the hotline, with a call-back number and the operator's notes
    HttpResponse<Buffer> call = node.postJson("/api/episodes/" + episode + "/calls", new JsonObject()
        .put("callerName", NAME).put("callerPhone", "0912345678").put("locality", "Phường 2, TP Tân An")
        .put("text", "Giá điện kinh doanh cho tiệm nhỏ tính thế nào?").put("readyForAir", true)
        .put("callbackPhone", "0283 8221 456").put("notes", "Chị Hà ở " + STREET + ", CCCD " + ID_CARD),
        node.token("operator"));
    assertEquals(201, call.statusCode(), call.bodyAsString());
    // a posted letter with its scan, which holds her name and number too
    Map<String, String> letter = new LinkedHashMap<>();
    letter.put("episodeId", episode);
    letter.put("channel", "post");
    letter.put("askerName", NAME);
    letter.put("address", STREET + ", phường 2, TP Tân An, tỉnh Long An");
    letter.put("phone", "0912 345 678");
    letter.put("text", "Kính gửi chương trình, tôi là " + NAME + " (" + EMAIL + "), đề nghị sửa cống thoát nước.");
    letter.put("receivedAt", "2026-11-18");
    byte[] scanned = concat(Letters.PDF,
        ("% " + NAME + " " + STREET + " 0912345678\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<Buffer> posted = letters.post(editor, null, letter,
        new Letters.Scan("Thư " + NAME + " 0912345678.pdf", "application/pdf", scanned));
    assertEquals(201, posted.statusCode(), posted.bodyAsString());
    String letterId = posted.bodyAsJsonObject().getString("id");
    // the identity check, its note holding everything the ID card says
    ok(editor.postJson("/api/register/" + letterId + "/verification", new JsonObject().put("how", "id_card")
        .put("note", "Đã đối chiếu CCCD " + ID_CARD + " của chị " + NAME + ", SĐT 0912 345 678, " + STREET)));
    // the editors word it for air, keep it for the run-down, and give it to an agency after the show
    ok(editor.postJson("/api/items/" + webQuestion + "/actions", new JsonObject().put("action", "edit")
        .put("text", "Chị " + NAME + " hỏi: nước máy khu phố 2 yếu, khi nào khắc phục? (SĐT 0912345678)")));
    ok(editor.postJson("/api/items/" + webQuestion + "/actions", new JsonObject().put("action", "shortlist")));
    ok(editor.postJson("/api/episodes/" + episode + "/rundown/build", new JsonObject()));
    JsonObject assigned = ok(editor.postJson("/api/items/" + webQuestion + "/assign", new JsonObject()
        .put("agency", AGENCY).put("instruction", "Gọi lại chị " + NAME + " theo số 0912345678 trước khi trả lời.")));
    String assignment = assigned.getJsonArray("assignments").getJsonObject(0).getString("id");
    // the agency answers with its official letter to her attached, her name, street and number in it
    JsonObject answer = ok(officer.postForm("/api/agency/assignments/" + assignment + "/answer",
        MultipartForm.create()
            .attribute("text", "Kính gửi chị " + NAME + " (" + STREET + "): tuyến ống được thay trong tháng 12/2026.")
            .binaryFileUpload("attachment", "Trả lời chị " + NAME + ".pdf", Buffer.buffer(scanned), "application/pdf")));
    ok(editor.postJson("/api/answers/" + answer.getString("id") + "/approve", new JsonObject()));
    ok(editor.postJson("/api/answers/" + answer.getString("id") + "/publish", new JsonObject()));
    // an e-mail from her, her name and number in the subject, her address in the text, a letter attached
    sql.rows("UPDATE episodes SET email_address = 'hoidap@danhoi.vn' WHERE id = ?", UUID.fromString(episode));
    mail("Cống thoát nước khu phố 2 – " + NAME + " 0912 345 678", "Kính gửi Ban biên tập, tôi ở " + STREET
        + ", cống thoát nước tắc đã hai tuần.", "Đơn của " + NAME + ".pdf", scanned);
    JsonObject polled = ok(editor.postJson("/api/intake/email/poll", new JsonObject()));
    assertEquals(1, polled.getInteger("stored"), polled.encode());
    // another question of hers with her e-mail only: found by e-mail, not by phone
    String emailOnly = web(episode, new JsonObject().put("name", NAME).put("email", EMAIL)
        .put("locality", "Phường 2, TP Tân An").put("text", "Phí thu gom rác năm sau có tăng không?"));

    String before = everything();
    for (String trace : List.of("0912345678", EMAIL, ID_CARD, NAME, "Nguyễn Trung Trực")) {
      assertTrue(before.contains(trace), "the data went in: " + trace);
    }
    assertTrue(filesUnder(dataDir).contains("0912345678"), "the scan is on disk");

    // she gives her number and her e-mail: what any of her rows names is scrubbed from all of them
    HttpResponse<Buffer> byPhone = erase(new JsonObject().put("phone", "+84 912 345 678")
        .put("email", "VoThuHa.BL@gmail.com"));
    assertEquals(6, byPhone.bodyAsJsonObject().getInteger("erased"),
        "web, SMS, call, letter, e-mail, the e-mail-only question: " + byPhone.bodyAsString());
    // she writes again later, by e-mail only, and asks again
    String again = web(episode, new JsonObject().put("name", NAME).put("email", EMAIL)
        .put("locality", "Phường 2, TP Tân An").put("text", "Tôi là " + NAME + ", xin hỏi lịch tiêm chủng."));
    HttpResponse<Buffer> byEmail = erase(new JsonObject().put("email", "VoThuHa.BL@gmail.com"));
    assertEquals(1, byEmail.bodyAsJsonObject().getInteger("erased"), byEmail.bodyAsString());

    String after = everything();
    String folded = after.toLowerCase(Locale.ROOT);
    for (String trace : HER) {
      assertFalse(after.contains(trace) || folded.contains(trace.toLowerCase(Locale.ROOT)),
          "'" + trace + "' is still in the database: " + around(after, trace));
    }
    String files = filesUnder(dataDir);
    for (String trace : HER) {
      assertFalse(files.contains(trace), "'" + trace + "' is still in a file under the data directory");
    }
    String stream = streamOf(episode);
    for (String trace : HER) {
      assertFalse(stream.contains(trace), "'" + trace + "' is in the Redis stream: " + stream);
    }
    // the questions stay, and so does the neighbour
    assertTrue(after.contains("Giá điện kinh doanh cho tiệm nhỏ tính thế nào?"));
    assertTrue(after.contains("nước máy yếu cả tháng nay"));
    assertTrue(after.contains("Phí thu gom rác năm sau có tăng không?"));
    assertTrue(after.contains("cống thoát nước tắc đã hai tuần"));
    assertTrue(after.contains("0987654321") && after.contains("Trần Văn Bình"), "the neighbour is untouched");
    assertTrue(after.contains("xin hỏi lịch tiêm chủng"));
    for (String id : List.of(webQuestion, sms, letterId, emailOnly, again, neighbour)) {
      assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE id = ?", UUID.fromString(id)));
    }
  }

  // ---- the dump ----

  /** Every text, JSON and array column of every table of the schema, cast to text, one line per value. */
  static String everything() {
    StringBuilder out = new StringBuilder();
    List<Map<String, Object>> columns = sql.rows("SELECT table_name, column_name FROM information_schema.columns "
        + "WHERE table_schema = 'public' AND table_name IN (SELECT table_name FROM information_schema.tables "
        + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE') AND (data_type IN ('text', 'json', "
        + "'jsonb', 'ARRAY', 'character varying', 'character', 'bytea') ) ORDER BY table_name, column_name");
    assertTrue(columns.size() > 50, "the schema's columns: " + columns.size());
    for (Map<String, Object> c : columns) {
      String table = (String) c.get("table_name");
      String column = (String) c.get("column_name");
      String value = (String) sql.rows("SELECT string_agg(" + quote(column) + "::text, E'\\n') AS v FROM "
          + quote(table)).get(0).get("v");
      if (value != null) {
        out.append(table).append('.').append(column).append(": ").append(value).append('\n');
      }
    }
    return out.toString();
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Every file's name and content under the directory (as UTF-8, so text in a PDF is found). */
  static String filesUnder(Path dir) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        out.append(p).append('\n');
        if (Files.isRegularFile(p)) {
          out.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8)).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** The episode's moderation stream in Redis, every field of every entry. */
  private static String streamOf(String episode) {
    List<StreamMessage<String, String>> entries = redis.sync().xrange(prefix + "ep:" + episode + ":queue",
        Range.create("-", "+"));
    assertFalse(entries.isEmpty(), "the stream of the episode");
    StringBuilder out = new StringBuilder();
    entries.forEach(e -> out.append(e.getBody()).append('\n'));
    return out.toString();
  }

  private static String around(String text, String trace) {
    int i = text.indexOf(trace);
    if (i < 0) {
      i = text.toLowerCase(Locale.ROOT).indexOf(trace.toLowerCase(Locale.ROOT));
    }
    int lineStart = text.lastIndexOf('\n', i) + 1;
    int lineEnd = text.indexOf('\n', i);
    return text.substring(Math.max(lineStart, i - 300), lineEnd < 0 ? text.length() : Math.min(lineEnd, i + 300));
  }

  // ---- the doors ----

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  /** Sends her e-mail over SMTP to the station's mailbox, which the node reads over IMAP. */
  private static void mail(String subject, String text, String fileName, byte[] file) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(MAIL.getSmtp().getPort()));
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom(new InternetAddress(EMAIL, NAME, "UTF-8"));
    m.setRecipients(Message.RecipientType.TO, "hoidap@danhoi.vn");
    m.setSubject(subject, "UTF-8");
    m.setSentDate(new Date());
    MimeBodyPart body = new MimeBodyPart();
    body.setText(text, "UTF-8");
    MimeBodyPart attached = new MimeBodyPart();
    attached.setDataHandler(new DataHandler(new ByteArrayDataSource(file, "application/pdf")));
    attached.setFileName(MimeUtility.encodeText(fileName, "UTF-8", "B"));
    attached.setDisposition(MimeBodyPart.ATTACHMENT);
    MimeMultipart parts = new MimeMultipart();
    parts.addBodyPart(body);
    parts.addBodyPart(attached);
    m.setContent(parts);
    m.saveChanges();
    int before = MAIL.getReceivedMessages().length;
    Transport.send(m, new Address[] {new InternetAddress(MAILBOX)});
    assertTrue(MAIL.waitForIncomingEmail(10_000, before + 1), "delivered");
  }

  private static JsonObject ok(HttpResponse<Buffer> r) {
    assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.statusCode() + " " + r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> erase(JsonObject body) {
    HttpResponse<Buffer> r = node.postJson("/api/privacy/erase", body, TestNode.ADMIN_TOKEN);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r;
  }

  private static String web(String episode, JsonObject question) {
    HttpResponse<Buffer> r = node.post("/api/episodes/" + episode + "/questions",
        Buffer.buffer(question.put("consent", true).encode()), "application/json", null,
        MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", "113.172.45.67"));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private static String sms(String from, String to, String text) {
    HttpResponse<Buffer> r = node.sms(from, to, text);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }
}
