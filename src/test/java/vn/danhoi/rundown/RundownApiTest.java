package vn.danhoi.rundown;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.document.ReadBack;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run-down: built from the editors' shortlist (merges counted), ordered, edited, exported as a DOCX read
 * back with POI, and sent to each responder through an in-process SMTP server (GreenMail).
 */
@ExtendWith(VertxExtension.class)
class RundownApiTest {

  @RegisterExtension
  @Order(1)
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withPerMethodLifecycle(false);

  /** Thursday 5/3/2026, 9:00 in Long An: the date the documents carry. */
  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-05T09:00:00+07:00");

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().clock(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC))
      .with(env -> TestNode.outbox(env, MAIL.getSmtp().getPort(),
          "Ban Biên tập Đài PT-TH Long An <bientap@ltv.example.vn>"));

  static String db;
  static TestNode node;
  static TestNode withoutMail;
  static Sql sql;
  static String editor;
  static UUID construction;
  static UUID power;

  @BeforeAll
  static void start() {
    db = NODE.db();
    node = NODE.node();
    withoutMail = NODE.another(TestNode::noOutbox);
    sql = NODE.sql();
    editor = node.token("editor");
    construction = agency("Sở Xây dựng");
    power = agency("Công ty Điện lực Long An");
  }

  /** An episode recorded Thursday 19/3/2026 at 20:00, 45 minutes, with a panel of three responders and a guest. */
  record Episode(String id, UUID binh, UUID cuc, UUID dung, UUID guest) {
  }

  static Episode episode(String tag) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes", new JsonObject()
        .put("title", "Giao thông và điện nông thôn " + tag).put("topic", "Hạ tầng nông thôn mới")
        .put("startsAt", "2026-03-19T20:00:00+07:00").put("durationMinutes", 45)
        .put("programId", program(tag).toString()), TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String id = r.bodyAsJsonObject().getString("id");
    UUID ep = UUID.fromString(id);
    sql.rows("UPDATE episodes SET venue = 'Trường quay Đài PT-TH Long An', chair = 'Trần Văn Hải' WHERE id = ?", ep);
    return new Episode(id,
        person(ep, "responder", 1, "Nguyễn Văn Bình", "Giám đốc Sở Xây dựng", construction, "binh." + tag + "@soxd.example.vn"),
        person(ep, "responder", 2, "Lê Thị Cúc", "Phó Giám đốc Công ty Điện lực Long An", power, "cuc." + tag + "@pc.example.vn"),
        person(ep, "responder", 3, "Phạm Quốc Dũng", "Chủ tịch UBND huyện Bến Lức", null, null),
        person(ep, "guest", 1, "Võ Minh Em", "Chuyên gia giao thông", null, "em@example.vn"));
  }

  /**
   * A program per test, its board under a parent body of its own, so each run-down is its issuer's first of
   * the year.
   */
  static UUID program(String tag) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO programs (id, name, parent_body, issuing_body, place) VALUES (?, ?, ?, 'Ban Biên tập', "
        + "'Long An')", id, "Dân hỏi – Chính quyền trả lời" + ("d".equals(tag) ? "" : " " + tag),
        "Đài Phát thanh và Truyền hình Long An" + ("d".equals(tag) ? "" : " " + tag));
    return id;
  }

  static UUID agency(String name) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO agencies (id, name) VALUES (?, ?)", id, name);
    return id;
  }

  static UUID person(UUID episode, String role, int position, String name, String title, UUID agency, String email) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO episode_people (id, episode_id, role, position, person_name, title, agency_id, email) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, episode, role, position, name, title, agency, email);
    return id;
  }

  static String question(Episode e, String asker, String text) {
    return question(e, asker, "Xã Phước Lợi, huyện Cần Đước", text);
  }

  static String question(Episode e, String asker, String locality, String text) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO submissions (id, episode_id, channel, asker_name, locality, email, text, consent, "
        + "consent_basis) VALUES (?, ?, 'web', ?, ?, 'nguoihoi@example.vn', ?, true, 'consent-v1')", id,
        UUID.fromString(e.id()), asker, locality, text);
    return id.toString();
  }

  static void act(String item, JsonObject action) {
    HttpResponse<Buffer> r = node.postJson("/api/items/" + item + "/actions", action, editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }

  static final String ROAD = "Đường giao thông nông thôn ấp 5 xã Phước Lợi xuống cấp nghiêm trọng, khi nào được sửa?";
  static final String POWER = "Điện ở xã Mỹ Yên chập chờn vào giờ cao điểm, ngành điện có kế hoạch nâng cấp không?";
  static final String PERMIT = "Cấp phép xây dựng nhà ở nông thôn mất bao lâu?";

  /** Shortlisted in the moderation console: the power question first, then the road (asked twice), then the permit. */
  static Map<String, String> shortlist(Episode e) {
    String road = question(e, "Trần Thị Hồng", ROAD);
    String roadAgain = question(e, "Lý Văn Tâm", "Đường ấp 5 Phước Lợi hư hỏng nặng, xin cho biết lộ trình sửa chữa.");
    String power = question(e, "Đỗ Thị Lan", POWER);
    String permit = question(e, "Huỳnh Văn Phúc", PERMIT);
    question(e, "Ngô Văn Sang", "Xin hỏi giá vàng hôm nay?");
    act(road, new JsonObject().put("action", "categorize").put("agency", "Sở Xây dựng"));
    act(roadAgain, new JsonObject().put("action", "merge").put("into", road));
    act(power, new JsonObject().put("action", "shortlist").put("responder", "Lê Thị Cúc"));
    act(road, new JsonObject().put("action", "shortlist"));
    act(permit, new JsonObject().put("action", "categorize").put("agency", "Sở Xây dựng"));
    act(permit, new JsonObject().put("action", "shortlist"));
    return Map.of("road", road, "power", power, "permit", permit);
  }

  static JsonObject build(Episode e) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + e.id() + "/rundown/build", new JsonObject(), editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static HttpResponse<Buffer> patch(Episode e, String entry, JsonObject body) {
    return send("PATCH", "/api/episodes/" + e.id() + "/rundown/entries/" + entry, body, editor);
  }

  static List<String> texts(JsonObject rundown) {
    return rundown.getJsonArray("entries").stream().map(o -> ((JsonObject) o).getString("text")).toList();
  }

  static List<String> ids(JsonObject rundown) {
    return rundown.getJsonArray("entries").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  void buildFromTheShortlistCountsAskersAndPresetsResponders() {
    Episode e = episode("a");
    assertEquals("draft", node.get("/api/episodes/" + e.id() + "/rundown", editor).bodyAsJsonObject()
        .getString("status"));
    Map<String, String> q = shortlist(e);

    JsonObject rundown = build(e);

    assertEquals("draft", rundown.getString("status"));
    assertEquals(45, rundown.getInteger("durationMinutes"));
    assertEquals(List.of(POWER, ROAD, PERMIT), texts(rundown));
    JsonArray entries = rundown.getJsonArray("entries");
    JsonObject first = entries.getJsonObject(0);
    assertEquals(1, first.getInteger("position"));
    assertEquals(1, first.getInteger("askers"));
    assertEquals("Lê Thị Cúc", first.getString("responder"));
    assertEquals(3, first.getInteger("minutes"));
    assertEquals(q.get("power"), first.getString("submissionId"));
    // two people asked about the road; its agency names the responder from the Department of Construction
    assertEquals(2, entries.getJsonObject(1).getInteger("askers"));
    assertEquals("Nguyễn Văn Bình", entries.getJsonObject(1).getString("responder"));
    assertEquals("Nguyễn Văn Bình", entries.getJsonObject(2).getString("responder"));
    assertEquals(9, rundown.getInteger("totalMinutes"));
    assertEquals("Số: 01/KB-BBT", rundown.getString("documentNumber"));
    assertEquals(List.of("Nguyễn Văn Bình", "Lê Thị Cúc", "Phạm Quốc Dũng"), rundown.getJsonArray("responders")
        .stream().map(o -> ((JsonObject) o).getString("name")).toList());

    // building again adds nothing and keeps the editors' order
    String extra = question(e, "Mai Thị Ngọc", "Khi nào lắp đèn chiếu sáng tuyến đường ấp 2?");
    act(extra, new JsonObject().put("action", "shortlist"));
    JsonObject again = build(e);
    assertEquals(List.of(POWER, ROAD, PERMIT, "Khi nào lắp đèn chiếu sáng tuyến đường ấp 2?"), texts(again));
    assertNull(again.getJsonArray("entries").getJsonObject(3).getString("responder"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'rundown.built' AND entity_id = ? "
        + "AND after->>'added' = '3'", e.id()));
  }

  @Test
  void editorsReorderEditAndRemoveWithTheTotalAgainstTheDuration() {
    Episode e = episode("b");
    shortlist(e);
    JsonObject built = build(e);
    List<String> ids = ids(built);

    HttpResponse<Buffer> ordered = node.postJson("/api/episodes/" + e.id() + "/rundown/order",
        new JsonObject().put("entries", new JsonArray().add(ids.get(1)).add(ids.get(0)).add(ids.get(2))), editor);
    assertEquals(200, ordered.statusCode(), ordered.bodyAsString());
    assertEquals(List.of(ROAD, POWER, PERMIT), texts(ordered.bodyAsJsonObject()));
    assertEquals(List.of(1, 2, 3), ordered.bodyAsJsonObject().getJsonArray("entries").stream()
        .map(o -> ((JsonObject) o).getInteger("position")).toList());

    HttpResponse<Buffer> edited = patch(e, ids.get(2), new JsonObject().put("minutes", 40)
        .put("text", "Thủ tục cấp phép xây dựng nhà ở nông thôn mất bao lâu?").put("responderId", e.dung().toString()));
    assertEquals(200, edited.statusCode(), edited.bodyAsString());
    JsonObject now = edited.bodyAsJsonObject();
    JsonObject permit = now.getJsonArray("entries").getJsonObject(2);
    assertEquals("Thủ tục cấp phép xây dựng nhà ở nông thôn mất bao lâu?", permit.getString("text"));
    assertEquals("Phạm Quốc Dũng", permit.getString("responder"));
    assertEquals(46, now.getInteger("totalMinutes"));
    assertTrue(now.getBoolean("overDuration"));

    HttpResponse<Buffer> removed = send("DELETE", "/api/episodes/" + e.id() + "/rundown/entries/" + ids.get(1),
        null, editor);
    assertEquals(200, removed.statusCode(), removed.bodyAsString());
    JsonObject after = removed.bodyAsJsonObject();
    // the road question (ids.get(1)) is gone; the others close up
    assertEquals(List.of(POWER, "Thủ tục cấp phép xây dựng nhà ở nông thôn mất bao lâu?"), texts(after));
    assertEquals(List.of(1, 2), after.getJsonArray("entries").stream()
        .map(o -> ((JsonObject) o).getInteger("position")).toList());
    assertEquals(43, after.getInteger("totalMinutes"));
    assertFalse(after.getBoolean("overDuration"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'rundown.entry_removed' AND entity_id = ?",
        e.id()));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'rundown.ordered' AND entity_id = ?",
        e.id()));
  }

  @Test
  void badEditsNameTheirField() {
    Episode e = episode("c");
    shortlist(e);
    List<String> ids = ids(build(e));
    assertEquals("responderId", field(patch(e, ids.get(0), new JsonObject().put("responderId", e.guest().toString()))));
    assertEquals("minutes", field(patch(e, ids.get(0), new JsonObject().put("minutes", -1))));
    assertEquals("text", field(patch(e, ids.get(0), new JsonObject().put("text", "   "))));
    assertEquals("entries", field(node.postJson("/api/episodes/" + e.id() + "/rundown/order",
        new JsonObject().put("entries", new JsonArray().add(ids.get(0)).add(ids.get(1))), editor)));
    assertEquals("entries", field(node.postJson("/api/episodes/" + e.id() + "/rundown/order",
        new JsonObject().put("entries", new JsonArray().add(ids.get(0)).add(ids.get(0)).add(ids.get(1))), editor)));
    assertEquals(404, patch(e, UUID.randomUUID().toString(), new JsonObject().put("minutes", 2)).statusCode());
    assertEquals(404, node.get("/api/episodes/" + UUID.randomUUID() + "/rundown", editor).statusCode());
    String base = "/api/episodes/" + e.id() + "/rundown";
    assertEquals("signerAuthority", field(send("PATCH", base, new JsonObject().put("signerAuthority", "Trưởng ban"),
        editor)));
    assertEquals("signerName", field(send("PATCH", base, new JsonObject(), editor)));
    assertEquals("signerName", field(send("PATCH", base, new JsonObject().put("signerName", "Đ".repeat(201)), editor)));
  }

  @Test
  void theDocumentIsAVietnameseAdministrativeDocumentInTheEditorsOrder() {
    Episode e = episode("d");
    shortlist(e);
    List<String> ids = ids(build(e));
    node.postJson("/api/episodes/" + e.id() + "/rundown/order",
        new JsonObject().put("entries", new JsonArray().add(ids.get(1)).add(ids.get(0)).add(ids.get(2))), editor);
    patch(e, ids.get(2), new JsonObject().put("minutes", 5));
    String base = "/api/episodes/" + e.id() + "/rundown";
    JsonObject unsigned = node.get(base, editor).bodyAsJsonObject();
    // until the editors say who signs: on behalf of the board, by the episode's chair
    assertEquals("TM. BAN BIÊN TẬP", unsigned.getString("signerAuthority"));
    assertEquals("Trần Văn Hải", unsigned.getString("signerName"));
    HttpResponse<Buffer> signed = send("PATCH", base, new JsonObject().put("signerAuthority", "KT. Trưởng ban")
        .put("signerTitle", "Phó Trưởng ban").put("signerName", "Nguyễn Thị Hoa"), editor);
    assertEquals(200, signed.statusCode(), signed.bodyAsString());
    assertEquals("KT. Trưởng ban", signed.bodyAsJsonObject().getString("signerAuthority"));
    assertEquals("Phó Trưởng ban", signed.bodyAsJsonObject().getString("signerTitle"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'rundown.signer_set' AND entity_id = ?",
        e.id()));
    // the script's own parts: recorded on the 19th, aired on the 21st
    HttpResponse<Buffer> details = send("PATCH", base, new JsonObject()
        .put("purpose", "Giúp cử tri nắm tiến độ sửa đường và cấp điện nông thôn")
        .put("recordingAt", "2026-03-19T14:00:00+07:00").put("broadcastAt", "2026-03-21T20:00:00+07:00")
        .put("segments", new JsonArray().add(new JsonObject().put("title", "Mở đầu, giới thiệu khách mời")
            .put("minutes", 3)).add(new JsonObject().put("title", "Kết luận của chủ trì").put("minutes", 4)))
        .put("duties", new JsonArray().add("Phòng Thời sự: dàn dựng, ghi hình, phát sóng")
            .add("Văn phòng HĐND: mời đại biểu, chuẩn bị câu hỏi")), editor);
    assertEquals(200, details.statusCode(), details.bodyAsString());
    assertEquals("2026-03-19T14:00:00+07:00", details.bodyAsJsonObject().getString("recordingAt"));
    assertEquals("2026-03-21T20:00:00+07:00", details.bodyAsJsonObject().getString("broadcastAt"));
    assertEquals(7, details.bodyAsJsonObject().getInteger("segmentMinutes"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'rundown.details_set' AND entity_id = ?",
        e.id()));
    // aired before it is recorded: refused, naming the field
    HttpResponse<Buffer> backwards = send("PATCH", base, new JsonObject()
        .put("broadcastAt", "2026-03-18T20:00:00+07:00"), editor);
    assertEquals(400, backwards.statusCode(), backwards.bodyAsString());
    assertEquals("broadcastAt", field(backwards));

    HttpResponse<Buffer> r = node.get(base + ".docx", editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", r.getHeader("Content-Type"));
    assertTrue(r.getHeader("Content-Disposition").contains("kich-ban-2026-03-19.docx"));
    HttpResponse<Buffer> pdf = node.get(base + ".pdf", editor);
    assertEquals(200, pdf.statusCode(), pdf.bodyAsString());
    assertEquals("application/pdf", pdf.getHeader("Content-Type"));
    assertTrue(pdf.getHeader("Content-Disposition").contains("kich-ban-2026-03-19.pdf"));
    // kept for a look at the layout (the README's picture is its first page)
    try {
      Files.createDirectories(Path.of("target", "reports"));
      Files.write(Path.of("target", "reports", "kich-ban.pdf"), pdf.body().getBytes());
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }

    ReadBack.Expected expected = new ReadBack.Expected("ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH LONG AN", "BAN BIÊN TẬP",
        "Số: 01/KB-BBT", "Long An, ngày 05 tháng 3 năm 2026", "KỊCH BẢN",
        "Chương trình “Dân hỏi – Chính quyền trả lời”: Giao thông và điện nông thôn d",
        List.of("I. Mục đích", "Giúp cử tri nắm tiến độ sửa đường và cấp điện nông thôn.",
            "II. Thời gian, địa điểm", "Chủ đề: Hạ tầng nông thôn mới.",
            "Thời gian ghi hình: 14:00 ngày 19/03/2026.",
            "Thời gian phát sóng: 20:00 ngày 21/03/2026; thời lượng 45 phút.",
            "Địa điểm: Trường quay Đài PT-TH Long An.", "III. Diễn biến chương trình",
            "IV. Nội dung câu hỏi và phân công trả lời",
            "Tổng thời lượng dự kiến: 18 phút / thời lượng chương trình 45 phút.", "V. Thành phần trả lời",
            "VI. Phân công phối hợp", "- Phòng Thời sự: dàn dựng, ghi hình, phát sóng.",
            "- Văn phòng HĐND: mời đại biểu, chuẩn bị câu hỏi."),
        "- Lưu: VT.", List.of("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"), "Nguyễn Thị Hoa");
    for (String text : List.of(ReadBack.docx(r.body().getBytes(), expected),
        ReadBack.pdf(pdf.body().getBytes(), expected))) {
      assertTrue(text.contains("- Đ/c Nguyễn Văn Bình, Giám đốc Sở Xây dựng;"), text);
      assertTrue(text.contains(ROAD) && text.contains(POWER) && text.contains(PERMIT), text);
      assertFalse(text.contains("(Ký, ghi rõ họ tên)"), text);
      // who asked: the given name and the locality, never the full name
      assertTrue(text.contains("Hồng (Xã Phước Lợi, huyện Cần Đước) và 1 người khác"), text);
      assertFalse(text.contains("Trần Thị Hồng"), text);
      assertTrue(text.contains("Mở đầu, giới thiệu khách mời"), text);
    }
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(r.body().getBytes()))) {
      XWPFTable body = doc.getTables().get(2);
      assertEquals(5, body.getNumberOfRows());
      String place = " (Xã Phước Lợi, huyện Cần Đước)";
      assertEquals(List.of("1", ROAD, "Hồng" + place + " và 1 người khác", "Nguyễn Văn Bình, Giám đốc Sở Xây dựng",
          "3"), row(body, 1));
      assertEquals(List.of("2", POWER, "Lan" + place, "Lê Thị Cúc, Phó Giám đốc Công ty Điện lực Long An", "3"),
          row(body, 2));
      assertEquals(List.of("3", PERMIT, "Phúc" + place, "Nguyễn Văn Bình, Giám đốc Sở Xây dựng", "5"), row(body, 3));
      assertEquals("11", body.getRow(4).getCell(4).getText());
    } catch (IOException x) {
      throw new AssertionError(x);
    }
    assertEquals(2, sql.count("SELECT count(*) FROM events WHERE action = 'rundown.exported' AND entity_id = ?",
        e.id()));
  }

  @Test
  void eachResponderIsMailedOnlyTheirQuestionsAndTheSendingIsRecorded() throws Exception {
    Episode e = episode("e");
    shortlist(e);
    build(e);
    assertEquals(200, send("PATCH", "/api/episodes/" + e.id() + "/rundown", new JsonObject()
        .put("recordingAt", "2026-03-16T14:00:00+07:00").put("broadcastAt", "2026-03-21T20:00:00+07:00"), editor)
        .statusCode());
    // due five working days before the recording (Monday 16/3), not before the episode's start
    JsonObject due = node.get("/api/episodes/" + e.id() + "/deadlines", editor).bodyAsJsonObject().getJsonArray("items")
        .stream().map(o -> (JsonObject) o).filter(o -> "rundown".equals(o.getString("kind"))).findFirst().orElseThrow();
    assertEquals("2026-03-09T23:59:59+07:00", due.getString("dueAt"));

    int before = MAIL.getReceivedMessages().length;
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + e.id() + "/rundown/send", new JsonObject(), editor);

    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("sent", r.bodyAsJsonObject().getString("status"));
    assertEquals(2, r.bodyAsJsonObject().getJsonArray("sendings").size());
    MimeMessage toBinh = received("binh.e@soxd.example.vn", before + 2);
    MimeMessage toCuc = received("cuc.e@pc.example.vn", before + 2);
    assertEquals("Kịch bản chương trình “Giao thông và điện nông thôn e” – câu hỏi gửi đồng chí Nguyễn Văn Bình",
        toBinh.getSubject());
    assertTrue(toBinh.getHeader("Subject")[0].startsWith("=?UTF-8?"), "the subject travels as encoded words");
    jakarta.mail.internet.InternetAddress from = (jakarta.mail.internet.InternetAddress) toBinh.getFrom()[0];
    assertEquals("Ban Biên tập Đài PT-TH Long An", from.getPersonal());
    assertEquals("bientap@ltv.example.vn", from.getAddress());
    assertEquals(1, toBinh.getRecipients(Message.RecipientType.TO).length);
    MimeMultipart parts = (MimeMultipart) toBinh.getContent();
    String text = (String) parts.getBodyPart(0).getContent();
    assertTrue(text.startsWith("Kính gửi đồng chí Nguyễn Văn Bình, Giám đốc Sở Xây dựng,"), text);
    assertTrue(text.contains(ROAD) && text.contains(PERMIT), text);
    assertTrue(text.contains("(Hồng (Xã Phước Lợi, huyện Cần Đước) và 1 người khác; 2 người hỏi; dự kiến 3 phút)"),
        text);
    // the responder comes to the recording: its time is called the recording's, the broadcast named apart
    assertTrue(text.contains("ghi hình lúc 14:00 ngày 16/03/2026 tại Trường quay Đài PT-TH Long An "
        + "(phát sóng lúc 20:00 ngày 21/03/2026)"), text);
    assertFalse(text.contains("phát sóng lúc 14:00"), text);
    assertFalse(text.contains(POWER), text);
    MimeBodyPart attachment = (MimeBodyPart) parts.getBodyPart(1);
    assertEquals("kich-ban-2026-03-19.docx", attachment.getFileName());
    assertTrue(attachment.getContentType().startsWith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), attachment.getContentType());
    String document = docxText(attachment.getInputStream());
    assertTrue(document.contains(ROAD) && document.contains(PERMIT) && !document.contains(POWER), document);
    assertTrue(document.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), document);
    String toCucText = (String) ((MimeMultipart) toCuc.getContent()).getBodyPart(0).getContent();
    assertTrue(toCucText.contains(POWER) && !toCucText.contains(ROAD), toCucText);

    assertEquals(2, sql.count("SELECT count(*) FROM rundown_sendings WHERE episode_id = ?", UUID.fromString(e.id())));
    assertEquals(List.of("binh.e@soxd.example.vn", "cuc.e@pc.example.vn"), sql.rows("SELECT recipient FROM "
        + "rundown_sendings WHERE episode_id = ? ORDER BY recipient", UUID.fromString(e.id())).stream()
        .map(row -> (String) row.get("recipient")).toList());
    assertEquals(2, sql.count("SELECT count(*) FROM events WHERE action = 'rundown.mailed' AND entity_id = ?", e.id()));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'rundown.sent' AND entity_id = ?", e.id()));
    assertEquals("sent", node.get("/api/episodes/" + e.id() + "/rundown", editor).bodyAsJsonObject()
        .getString("status"));
  }

  /** Her numbers as people type them, her address and, last, her ID card (CCCD) number. */
  static final String CONTACTS = "0912 345 678, +84912345678, hoa.nguyen84@gmail.com, 079184001234";
  static final String FLOODED = "Đường Trần Phú ngập mỗi khi mưa, khi nào sửa?";

  /**
   * The script is read out in the studio and mailed to the responders: what the asker typed into the question,
   * the name or the locality (and what an editor typed into the entry) reaches none of the run-down's outputs
   * as a number or an address, as on the studio's screen.
   */
  @Test
  void noNumberOrAddressTypedByTheAskerReachesTheScriptItsDocumentsOrItsMail() throws Exception {
    Episode e = episode("m");
    String asked = question(e, "Nguyễn Thị Hoa " + CONTACTS, "Phường 3, " + CONTACTS,
        FLOODED + " Gọi tôi " + CONTACTS + ".");
    act(asked, new JsonObject().put("action", "shortlist").put("responder", "Nguyễn Văn Bình"));
    JsonObject built = build(e);
    HttpResponse<Buffer> edited = patch(e, ids(built).get(0), new JsonObject()
        .put("text", texts(built).get(0) + " Chị Hoa chờ máy ở số 0912.345.678."));
    assertEquals(200, edited.statusCode(), edited.bodyAsString());
    JsonObject entry = edited.bodyAsJsonObject().getJsonArray("entries").getJsonObject(0);
    assertTrue(entry.getString("text").startsWith(FLOODED + " Gọi tôi ***"), entry.encode());
    assertEquals("Hoa", entry.getString("asker"), "the given name, not the number typed after it");
    assertTrue(entry.getString("locality").startsWith("Phường 3, ***"), entry.encode());

    String base = "/api/episodes/" + e.id() + "/rundown";
    List<String> outputs = new ArrayList<>();
    // the panel's own addresses are the editors' to send with: only the entries are the asker's
    outputs.add(node.get(base, editor).bodyAsJsonObject().getJsonArray("entries").encode());
    HttpResponse<Buffer> docx = node.get(base + ".docx", editor);
    assertEquals(200, docx.statusCode(), docx.bodyAsString());
    outputs.add(docxText(new ByteArrayInputStream(docx.body().getBytes())));
    HttpResponse<Buffer> pdf = node.get(base + ".pdf", editor);
    assertEquals(200, pdf.statusCode(), pdf.bodyAsString());
    try (PDDocument doc = Loader.loadPDF(pdf.body().getBytes())) {
      outputs.add(new PDFTextStripper().getText(doc));
    }
    int before = MAIL.getReceivedMessages().length;
    HttpResponse<Buffer> sent = node.postJson(base + "/send", new JsonObject(), editor);
    assertEquals(200, sent.statusCode(), sent.bodyAsString());
    outputs.add(sent.bodyAsJsonObject().getJsonArray("entries").encode());
    MimeMultipart mail = (MimeMultipart) received("binh.m@soxd.example.vn", before + 1).getContent();
    outputs.add((String) mail.getBodyPart(0).getContent());
    outputs.add(docxText(((MimeBodyPart) mail.getBodyPart(1)).getInputStream()));

    for (String text : outputs) {
      String flat = ReadBack.flat(text);
      assertTrue(flat.contains(FLOODED) && flat.contains("Phường 3, ***"), "the question is there: " + text);
      // however the layout wrapped it: spaces, line breaks, dots and dashes gone
      String run = text.replaceAll("[\\s.\\-]", "");
      assertFalse(run.contains("912345678"), "a phone number in the run-down: " + text);
      assertFalse(run.contains("079184001234"), "an ID-card number in the run-down: " + text);
      assertFalse(run.contains("@"), "an e-mail address in the run-down: " + text);
      assertFalse(flat.contains("Nguyễn Thị Hoa"), "the full name in the run-down: " + text);
    }
  }

  @Test
  void sendingIsRefusedBeforeAnythingGoesOutWhenItCannotBeSentWhole() {
    Episode e = episode("f");
    shortlist(e);
    List<String> ids = ids(build(e));
    String send = "/api/episodes/" + e.id() + "/rundown/send";

    HttpResponse<Buffer> noSmtp = withoutMail.postJson(send, new JsonObject(), editor);
    assertEquals(503, noSmtp.statusCode(), noSmtp.bodyAsString());
    assertEquals("mail.not_configured", code(noSmtp));

    patch(e, ids.get(0), new JsonObject().putNull("responderId"));
    HttpResponse<Buffer> unassigned = node.postJson(send, new JsonObject(), editor);
    assertEquals(409, unassigned.statusCode());
    assertEquals("rundown.unassigned", code(unassigned));

    patch(e, ids.get(0), new JsonObject().put("responderId", e.dung().toString()));
    HttpResponse<Buffer> noAddress = node.postJson(send, new JsonObject(), editor);
    assertEquals(409, noAddress.statusCode());
    assertEquals("rundown.responder_email", code(noAddress));
    assertTrue(noAddress.bodyAsJsonObject().getJsonObject("error").getString("message").contains("Phạm Quốc Dũng"));

    assertEquals(0, sql.count("SELECT count(*) FROM rundown_sendings WHERE episode_id = ?", UUID.fromString(e.id())));
    assertEquals("draft", node.get("/api/episodes/" + e.id() + "/rundown", editor).bodyAsJsonObject()
        .getString("status"));
    assertEquals(0, Arrays.stream(MAIL.getReceivedMessages()).filter(m -> to(m).endsWith(".f@pc.example.vn")
        || to(m).endsWith(".f@soxd.example.vn")).count());
  }

  @Test
  void anSmtpServerThatCannotBeReachedIsReportedAndNothingIsRecorded(Vertx vertx) {
    Episode e = episode("h");
    shortlist(e);
    build(e);
    try (TestNode broken = secondNode(vertx, env -> {
      env.put("DANHOI_SMTP_HOST", "127.0.0.1");
      // a port nothing listens on: the connection is refused at once
      env.put("DANHOI_SMTP_PORT", Integer.toString(TestStores.freePort()));
      env.put("DANHOI_SMTP_SECURITY", "none");
    })) {
      HttpResponse<Buffer> r = broken.postJson("/api/episodes/" + e.id() + "/rundown/send", new JsonObject(), editor);
      assertEquals(502, r.statusCode(), r.bodyAsString());
      assertEquals("mail.failed", code(r));
      assertTrue(r.bodyAsJsonObject().getJsonObject("error").getString("message").contains("Nguyễn Văn Bình"));
    }
    assertEquals(0, sql.count("SELECT count(*) FROM rundown_sendings WHERE episode_id = ?", UUID.fromString(e.id())));
    assertEquals("draft", node.get("/api/episodes/" + e.id() + "/rundown", editor).bodyAsJsonObject()
        .getString("status"));
  }

  @Test
  void withoutAMailServerTheEditorIsToldWhatToDoNotTheSettingsName(Vertx vertx) {
    Episode e = episode("k");
    shortlist(e);
    build(e);
    try (TestNode unconfigured = secondNode(vertx, TestNode::noOutbox)) {
      HttpResponse<Buffer> r = unconfigured.postJson("/api/episodes/" + e.id() + "/rundown/send", new JsonObject(),
          editor);
      assertEquals(503, r.statusCode(), r.bodyAsString());
      assertEquals("mail.not_configured", code(r));
      String message = r.bodyAsJsonObject().getJsonObject("error").getString("message");
      assertTrue(message.contains("Chưa cấu hình máy chủ thư") && message.contains("báo quản trị hệ thống"), message);
      assertFalse(message.contains("DANHOI_") || message.contains("SMTP"), message);
    }
  }

  /** Another node on the same database and clock, with its settings changed. */
  private static TestNode secondNode(Vertx vertx, Consumer<Map<String, String>> settings) {
    Map<String, String> env = new HashMap<>(TestNode.env(db, TestStores.redisUrl(), TestStores.newPrefix()));
    settings.accept(env);
    return TestNode.start(vertx, env, Clock.fixed(NOW.toInstant(), ZoneOffset.UTC));
  }

  @Test
  void theRundownIsForEditors() {
    Episode e = episode("g");
    String operator = node.token("operator");
    String studio = node.token("studio");
    String base = "/api/episodes/" + e.id() + "/rundown";
    for (String token : List.of(operator, studio)) {
      assertEquals(403, node.get(base, token).statusCode());
      assertEquals(403, node.postJson(base + "/build", new JsonObject(), token).statusCode());
      assertEquals(403, node.get(base + ".docx", token).statusCode());
      assertEquals(403, node.get(base + ".pdf", token).statusCode());
      assertEquals(403, send("PATCH", base, new JsonObject().put("signerName", "Ai đó"), token).statusCode());
      assertEquals(403, node.postJson(base + "/send", new JsonObject(), token).statusCode());
    }
    assertEquals(401, node.get(base, null).statusCode());
    assertEquals(200, node.get(base, TestNode.ADMIN_TOKEN).statusCode());
  }

  /** The one message to the recipient, once the server holds at least {@code total} messages in all. */
  private static MimeMessage received(String recipient, int total) throws Exception {
    assertTrue(MAIL.waitForIncomingEmail(10_000, total));
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage m : MAIL.getReceivedMessages()) {
      if (to(m).equals(recipient)) {
        found.add(m);
      }
    }
    assertEquals(1, found.size(), recipient);
    return found.get(0);
  }

  private static String to(MimeMessage m) {
    try {
      return ((jakarta.mail.internet.InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PATCH and DELETE with the token, as the editors' page sends them. */
  private static HttpResponse<Buffer> send(String method, String path, JsonObject body, String token) {
    WebClient http = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(node.port()).setKeepAlive(false));
    try {
      HttpRequest<Buffer> req = http.request(HttpMethod.valueOf(method), path).bearerTokenAuthentication(token);
      return TestNode.await(body == null ? req.send()
          : req.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body.encode())));
    } finally {
      http.close();
    }
  }

  private static String docxText(InputStream in) throws IOException {
    try (XWPFDocument doc = new XWPFDocument(in); XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
      return extractor.getText();
    }
  }

  private static List<String> row(XWPFTable table, int i) {
    return table.getRow(i).getTableCells().stream().map(c -> c.getText()).toList();
  }

  private static String field(HttpResponse<Buffer> r) {
    assertEquals(400, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonObject("error").getString("field");
  }

  private static String code(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error").getString("code");
  }
}
