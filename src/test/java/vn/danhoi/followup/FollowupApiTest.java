package vn.danhoi.followup;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.Letters;
import vn.danhoi.support.MovableClock;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.OfficeFiles;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.UploadsFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After the show: the unanswered questions listed and assigned (one, and all of a field), the agencies told by
 * e-mail (GreenMail), answered in the portal, returned and approved by the editors, sent back and reassigned,
 * reminded and escalated exactly once as a clock the test moves crosses working days; agencies kept apart.
 */
@ExtendWith(VertxExtension.class)
class FollowupApiTest {

  @RegisterExtension
  @Order(1)
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withPerMethodLifecycle(false);

  static final String TNMT = "Sở Tài nguyên và Môi trường";
  static final String POWER = "Công ty Điện lực Kiên Giang";
  static final String BUILD = "Sở Xây dựng";
  static final String DISTRICT = "UBND huyện Châu Thành";
  static final String COUNCIL = "thuongtruc@hdnd.kiengiang.example.vn";

  static final MovableClock clock = new MovableClock(OffsetDateTime.parse("2026-03-09T21:00:00+07:00"));

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().clock(clock)
      .with(env -> TestNode.outbox(env, MAIL.getSmtp().getPort(),
          "Ban Biên tập Đài PT-TH Kiên Giang <bientap@kgtv.example.vn>"))
      .with("DANHOI_FOLLOWUP_ESCALATION_EMAIL", COUNCIL).withDataDir();

  static TestNode node;
  static TestNode withoutMail;
  static Sql sql;
  static StaffSession editor;
  static StaffSession power;
  static StaffSession tnmt;
  static StaffSession build;
  static WebClient http;

  @BeforeAll
  static void start(Vertx vertx) {
    node = NODE.node();
    withoutMail = NODE.another(env -> {
      TestNode.noOutbox(env);
      env.remove("DANHOI_FOLLOWUP_ESCALATION_EMAIL");
    });
    sql = NODE.sql();
    agency(TNMT, "vanthu@stnmt.kiengiang.example.vn");
    agency(POWER, "cskh@pckiengiang.example.vn", "vanphong@pckiengiang.example.vn");
    agency(BUILD, "soxd@kiengiang.example.vn");
    agency(DISTRICT, "ubnd@chauthanh.example.vn");
    editor = StaffSession.create(node, "bientap.hoa", "Nguyễn Thị Hoa", List.of("editor"), null, null);
    power = StaffSession.create(node, "dienluc.khanh", "Trần Văn Khánh", List.of("agency"), POWER, null);
    tnmt = StaffSession.create(node, "stnmt.lan", "Lê Thị Lan", List.of("agency"), TNMT, null);
    build = StaffSession.create(node, "soxd.phuc", "Huỳnh Văn Phúc", List.of("agency"), BUILD, null);
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(node.port())
        .setKeepAlive(false));
  }

  /** Each test counts only the mail it caused: they share one SMTP server, and their order is not fixed. */
  @BeforeEach
  void freshMailboxes() throws Exception {
    MAIL.purgeEmailFromAllMailboxes();
  }

  @AfterAll
  static void stop() {
    http.close();
    for (StaffSession s : List.of(editor, power, tnmt, build)) {
      s.close();
    }
  }

  static void agency(String name, String... emails) {
    sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, ?, string_to_array(?, ','))", UUID.randomUUID(), name,
        String.join(",", emails));
  }

  /** A program answering in 3 working days, escalated 2 more after; its episode on that evening, 45 minutes. */
  static String episode(String tag, String startsAt) {
    UUID program = UUID.randomUUID();
    sql.rows("INSERT INTO programs (id, name, answer_working_days, escalation_working_days) VALUES (?, ?, 3, 2)",
        program, "Dân hỏi – Chính quyền trả lời " + tag);
    UUID id = UUID.randomUUID();
    OffsetDateTime start = OffsetDateTime.parse(startsAt);
    sql.rows("INSERT INTO episodes (id, program_id, title, starts_at, duration_minutes, intake_opens_at, "
        + "intake_closes_at) VALUES (?, ?, ?, ?, 45, ?, ?)", id, program, "Nông thôn mới " + tag, start,
        start.minusDays(15), start.plusMinutes(45));
    return id.toString();
  }

  static String question(String episode, String channel, String status, String field, String suggestedField,
                         String asker, String text) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO submissions (id, episode_id, channel, asker_name, locality, phone, text, consent, "
        + "consent_basis, status, field, suggested_field) VALUES (?, ?, ?, ?, 'Xã Vĩnh Hòa Hiệp, huyện Châu Thành', "
        + "'0912345678', ?, true, 'consent-v1', ?, ?, ?)", id, UUID.fromString(episode), channel, asker, text, status,
        field, suggestedField);
    return id.toString();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static void error(HttpResponse<Buffer> r, int status, String code, String field) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    JsonObject e = r.bodyAsJsonObject().getJsonObject("error");
    assertEquals(code, e.getString("code"), r.bodyAsString());
    assertEquals(field, e.getString("field"), r.bodyAsString());
  }

  static List<String> ids(JsonArray items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(((JsonObject) i).getString("id")));
    return out;
  }

  /** The agency's answer as the portal's form sends it: multipart, the text and an optional file. */
  static HttpResponse<Buffer> answer(StaffSession officer, String assignment, String text, Letters.Scan file) {
    MultipartForm form = MultipartForm.create().attribute("text", text);
    if (file != null) {
      form.binaryFileUpload("attachment", file.fileName(), Buffer.buffer(file.bytes()), file.contentType());
    }
    HttpRequest<Buffer> req = http.post("/api/agency/assignments/" + assignment + "/answer")
        .putHeader("Cookie", officer.cookieHeader()).putHeader("X-CSRF-Token", officer.csrfToken());
    return TestNode.await(req.sendMultipartForm(form));
  }

  static List<MimeMessage> mailTo(String address) throws Exception {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : MAIL.getReceivedMessages()) {
      if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))
          && !out.stream().anyMatch(o -> sameMessage(o, m))) {
        out.add(m);
      }
    }
    return out;
  }

  /** GreenMail keeps one copy per recipient of a message sent to several. */
  private static boolean sameMessage(MimeMessage a, MimeMessage b) {
    try {
      return a.getMessageID().equals(b.getMessageID());
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }

  /** Every open question of the episode in that field given to the agency; the assignments by question. */
  static Map<String, JsonObject> assignField(String episode, String field, String agency) {
    JsonArray made = ok(editor.postJson("/api/episodes/" + episode + "/assign-by-field", new JsonObject()
        .put("field", field).put("agency", agency)), 201).getJsonArray("assignments");
    Map<String, JsonObject> out = new HashMap<>();
    made.forEach(o -> out.put(((JsonObject) o).getString("submissionId"), (JsonObject) o));
    return out;
  }

  static JsonObject assignment(JsonObject list, String submissionId) {
    for (Object o : list.getJsonArray("items")) {
      JsonObject a = (JsonObject) o;
      if (a.getString("submissionId").equals(submissionId)) {
        return a;
      }
    }
    return null;
  }

  static final String SENT_TO_POWER_AND_LAND = "SELECT count(*) AS n FROM notifications WHERE kind = 'assignment' AND channel = 'email' "
        + "AND status = 'sent' AND (recipient LIKE '%pckiengiang%' OR recipient LIKE '%stnmt%')";

  @Test
  void fullFlowFromTheShowsEndToPublicationAndTheReport() throws Exception {
    String ep = episode("toàn trình", "2026-03-09T20:00:00+07:00");
    String web = question(ep, "web", "received", "Điện", null, "Nguyễn Văn An",
        "Điện ở ấp Phước Lập chập chờn mỗi tối, khi nào ngành điện nâng cấp trạm biến áp?");
    String sms = question(ep, "sms", "deferred", null, "Điện", "Trần Thị Bé",
        "Hóa đơn tiền điện tháng 2 tăng gấp đôi, xin giải thích.");
    String hotline = question(ep, "hotline", "received", "Đất đai", null, "Phạm Văn Cường",
        "Gia đình tôi xin cấp giấy chứng nhận quyền sử dụng đất đã 6 tháng chưa có kết quả.");
    String email = question(ep, "email", "shortlisted", "Nước sạch", null, "Lê Thị Dung",
        "Xã Vĩnh Hòa Hiệp khi nào có nước sạch?");
    String post = question(ep, "post", "received", null, null, "Võ Văn Em", "Đề nghị làm đường vào ấp 3.");
    String onAir = question(ep, "hotline", "answered", "Điện", null, "Đỗ Văn Giàu", "Đã trả lời trực tiếp.");
    String rejected = question(ep, "web", "rejected", null, null, "Ngô Thị Hạnh", "Khiếu nại vụ việc cụ thể.");
    String merged = question(ep, "sms", "merged", "Điện", null, "Lý Văn Ích", "Điện chập chờn.");

    clock.set(OffsetDateTime.parse("2026-03-09T20:30:00+07:00"));
    error(editor.get("/api/episodes/" + ep + "/followup"), 409, "episode.not_ended", null);

    clock.set(OffsetDateTime.parse("2026-03-09T21:00:00+07:00"));
    JsonObject list = ok(editor.get("/api/episodes/" + ep + "/followup"), 200);
    List<String> open = ids(list.getJsonArray("unassigned"));
    assertEquals(List.of(web, sms, hotline, email, post).stream().sorted().toList(), open.stream().sorted().toList());
    assertFalse(open.contains(onAir) || open.contains(rejected) || open.contains(merged));
    JsonObject smsItem = list.getJsonArray("unassigned").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("id").equals(sms)).findFirst().orElseThrow();
    assertEquals("Điện", smsItem.getString("field"));
    assertTrue(smsItem.getBoolean("suggested"));
    assertEquals("Bé", smsItem.getString("askerName"));
    assertFalse(smsItem.encode().contains("0912345678"), "no phone number in the editors' list");

    // other tests may have written to these agencies already: this one counts what it adds
    long sentBefore = sql.count(SENT_TO_POWER_AND_LAND);
    // one question, the program's 3 working days: Monday evening -> Thursday
    JsonObject one = ok(editor.postJson("/api/items/" + hotline + "/assign", new JsonObject().put("agency", TNMT)
        .put("instruction", "Kiểm tra hồ sơ tại Văn phòng đăng ký đất đai, trả lời bằng văn bản.")), 201);
    JsonObject land = one.getJsonArray("assignments").getJsonObject(0);
    assertEquals("2026-03-12T23:59:59+07:00", land.getString("dueAt"));
    assertEquals("2026-03-16T23:59:59+07:00", land.getString("escalateAt"));
    assertEquals(3, land.getInteger("workingDaysLeft"));
    Map<String, Object> row = sql.rows("SELECT agency, forwarded_to, forwarded_by, forwarded_at FROM submissions "
        + "WHERE id = ?", UUID.fromString(hotline)).get(0);
    assertEquals(TNMT, row.get("agency"));
    assertEquals(TNMT, row.get("forwarded_to"));
    assertEquals(editor.actor(), row.get("forwarded_by"));
    assertNotNull(row.get("forwarded_at"));
    error(editor.postJson("/api/items/" + hotline + "/assign", new JsonObject().put("agency", POWER)), 409,
        "item.already_assigned", null);

    // the field "Điện": the editors' choice and the intake's suggestion alike, 5 working days
    JsonObject bulk = ok(editor.postJson("/api/episodes/" + ep + "/assign-by-field", new JsonObject()
        .put("field", "điện").put("agency", POWER).put("workingDays", 5)), 201);
    assertEquals(2, bulk.getInteger("count"));
    assertEquals("2026-03-16T23:59:59+07:00", bulk.getJsonArray("assignments").getJsonObject(0).getString("dueAt"));
    list = ok(editor.get("/api/episodes/" + ep + "/followup"), 200);
    assertEquals(List.of(email, post).stream().sorted().toList(),
        ids(list.getJsonArray("unassigned")).stream().sorted().toList());
    assertEquals(3, list.getJsonArray("assignments").size());
    assertEquals(3L, sql.rows("SELECT count(*) AS n FROM events WHERE action = 'item.assigned' AND episode_id = ?",
        UUID.fromString(ep)).get(0).get("n"));

    // one message per agency per batch, listing its questions and the deadline
    List<MimeMessage> toPower = mailTo("cskh@pckiengiang.example.vn");
    assertEquals(1, toPower.size());
    String body = text(toPower.get(0));
    assertEquals(2, toPower.get(0).getRecipients(Message.RecipientType.TO).length);
    assertTrue(toPower.get(0).getSubject().contains("2 câu hỏi"), toPower.get(0).getSubject());
    assertTrue(toPower.get(0).getSubject().contains("16/03/2026"), toPower.get(0).getSubject());
    assertEquals(1, mailTo("vanthu@stnmt.kiengiang.example.vn").size());
    assertEquals(sentBefore + 2, sql.count(SENT_TO_POWER_AND_LAND));
    assertTrue(body.contains("Hóa đơn tiền điện tháng 2") && body.contains("Điện ở ấp Phước Lập"), body);
    // the deadline is the end of 16/03: "chậm nhất ngày", never "trước ngày"; the agency as Quý cơ quan
    assertTrue(body.contains("chậm nhất ngày 16/03/2026"), body);
    assertTrue(toPower.get(0).getSubject().contains("chậm nhất ngày 16/03/2026"), toPower.get(0).getSubject());
    assertTrue(body.contains("Quý cơ quan") && body.contains("/agency.html"), body);
    assertFalse(body.contains("trước ngày") || body.contains("danhoi"), body);

    // the power company's officer sees its two questions, contact data masked
    JsonObject portal = ok(power.get("/api/agency/assignments"), 200);
    assertFalse(portal.getBoolean("contactsVisible"));
    JsonObject first = assignment(portal, web);
    assertNotNull(first);
    assertNotNull(assignment(portal, sms));
    assertNull(assignment(portal, hotline));
    assertEquals("*******678", first.getJsonObject("question").getString("phone"));
    String aid = first.getString("id");

    // answers with a PDF; the editors return it with a comment; the agency answers again; approved
    JsonObject answered = ok(answer(power, aid, "Công ty đã lên kế hoạch thay máy biến áp ấp Phước Lập trong quý II.",
        new Letters.Scan("Công văn trả lời.pdf", "application/pdf", Letters.PDF)), 201);
    assertEquals("pending", answered.getString("review"));
    String fileId = answered.getJsonArray("attachments").getJsonObject(0).getString("id");
    assertEquals("application/pdf", answered.getJsonArray("attachments").getJsonObject(0).getString("mediaType"));
    error(answer(power, aid, "Trả lời lần hai khi chưa duyệt.", null), 409, "assignment.not_open", null);
    HttpResponse<Buffer> download = editor.get("/api/answers/attachments/" + fileId);
    assertEquals(200, download.statusCode());
    assertEquals("application/pdf", download.getHeader("Content-Type"));
    assertEquals(404, tnmt.get("/api/answers/attachments/" + fileId).statusCode());

    JsonObject pending = ok(editor.get("/api/answers?review=pending"), 200);
    String answerId = answered.getString("id");
    assertTrue(ids(pending.getJsonArray("items")).contains(answerId));
    error(editor.postJson("/api/answers/" + answerId + "/return", new JsonObject()), 400, "comment.required",
        "comment");
    ok(editor.postJson("/api/answers/" + answerId + "/return", new JsonObject()
        .put("comment", "Đề nghị nêu rõ thời gian hoàn thành và số điện thoại liên hệ.")), 200);
    JsonObject back = ok(power.get("/api/agency/assignments/" + aid), 200);
    assertEquals("returned", back.getString("status"));
    assertEquals("Đề nghị nêu rõ thời gian hoàn thành và số điện thoại liên hệ.",
        back.getJsonArray("answers").getJsonObject(0).getString("reviewComment"));

    JsonObject again = ok(power.postJson("/api/agency/assignments/" + aid + "/answer", new JsonObject()
        .put("text", "Trạm biến áp ấp Phước Lập sẽ được thay trước 30/6/2026; liên hệ tổng đài 19001006.")), 201);
    ok(editor.postJson("/api/answers/" + again.getString("id") + "/approve", new JsonObject()), 200);
    error(editor.postJson("/api/answers/" + again.getString("id") + "/approve", new JsonObject()), 409,
        "answer.already_reviewed", null);
    assertEquals("approved", sql.rows("SELECT status FROM assignments WHERE id = ?", UUID.fromString(aid))
        .get(0).get("status"));
    assertEquals(List.of("returned", "approved"), sql.rows("SELECT review FROM answers WHERE assignment_id = ? "
        + "ORDER BY answered_at, review DESC", UUID.fromString(aid)).stream().map(r -> r.get("review")).toList());
    List<Object> steps = sql.rows("SELECT action FROM events WHERE entity_id IN (?, ?, ?) ORDER BY id", aid,
        answerId, again.getString("id")).stream().map(r -> r.get("action")).toList();
    assertEquals(List.of("assignment.answered", "answer.returned", "assignment.answered", "answer.approved"), steps);
    assertEquals(1L, sql.rows("SELECT count(*) AS n FROM answer_attachments WHERE answer_id = ? AND stored_name IS NOT NULL",
        UUID.fromString(answerId)).get(0).get("n"));

    // published, the asker told once (a phone and consent: by SMS), and in the episode's report
    JsonObject published = ok(editor.postJson("/api/answers/" + again.getString("id") + "/publish",
        new JsonObject()), 200);
    // an SMS: queued with the publication, then sent by the notices' queue (the log provider here)
    assertEquals("queued", published.getJsonObject("notice").getString("status"));
    sql.awaitRows(java.time.Duration.ofSeconds(20), "SELECT 1 FROM notifications WHERE answer_id = ? "
        + "AND kind = 'answer.published' AND status = 'sent'", UUID.fromString(again.getString("id")));
    assertEquals(1, sql.count("SELECT count(*) FROM notifications WHERE answer_id = ? AND kind = 'answer.published'",
        UUID.fromString(again.getString("id"))));
    JsonObject report = ok(editor.get("/api/reports?episode=" + ep), 200);
    JsonObject totals = report.getJsonObject("totals");
    assertEquals(8, totals.getLong("received"));
    assertEquals(1, totals.getLong("merged"));
    assertEquals(1, totals.getLong("rejected"));
    assertEquals(6, totals.getLong("questions"));
    assertEquals(1, totals.getLong("onAir"));
    assertEquals(1, totals.getLong("after"));
    assertEquals(1, totals.getLong("published"));
    assertEquals(4, totals.getLong("pending"));
    Map<String, JsonObject> agencies = new HashMap<>();
    report.getJsonArray("agencies").forEach(o -> agencies.put(((JsonObject) o).getString("agency"), (JsonObject) o));
    assertEquals(2, agencies.get(POWER).getLong("assigned"));
    assertEquals(1, agencies.get(POWER).getLong("onTime"));
    assertEquals(1, agencies.get(POWER).getLong("notDue"));
    assertEquals(1, agencies.get(TNMT).getLong("notDue"));
  }

  @Test
  void anApprovedAnswerWaitsInToPublishUntilAnEditorPublishesIt() {
    clock.set(OffsetDateTime.parse("2026-03-09T21:00:00+07:00"));
    String ep = episode("công bố", "2026-03-09T20:00:00+07:00");
    String bridge = question(ep, "hotline", "received", "Xây dựng", null, "Đoàn Văn Hậu",
        "Cầu Kênh Xáng sụt lún, khi nào sửa?");
    String road = question(ep, "web", "received", "Xây dựng", null, "Lý Thị Thu",
        "Đường vào ấp Hòa Lợi ngập mỗi mùa mưa, có nâng cấp không?");
    Map<String, JsonObject> made = assignField(ep, "Xây dựng", BUILD);
    String approved = ok(answer(build, made.get(bridge).getString("id"),
        "Sở đã bố trí vốn sửa cầu Kênh Xáng trong tháng 6.", null), 201).getString("id");
    String pending = ok(answer(build, made.get(road).getString("id"), "Sở đang khảo sát tuyến đường ấp Hòa Lợi.",
        null), 201).getString("id");
    ok(editor.postJson("/api/answers/" + approved + "/approve", new JsonObject()), 200);

    JsonObject before = ok(editor.get("/api/episodes/" + ep + "/followup"), 200);
    assertEquals(List.of(approved), ids(before.getJsonArray("toPublish")));
    assertEquals(List.of(pending), ids(before.getJsonArray("pendingAnswers")));
    JsonObject waiting = before.getJsonArray("toPublish").getJsonObject(0);
    assertEquals(BUILD, waiting.getString("agency"));
    assertEquals("Cầu Kênh Xáng sụt lún, khi nào sửa?", waiting.getString("question"));
    assertEquals("approved", waiting.getString("review"));
    assertNull(waiting.getString("publishedAt"));

    ok(editor.postJson("/api/answers/" + approved + "/publish", new JsonObject()), 200);

    JsonObject after = ok(editor.get("/api/episodes/" + ep + "/followup"), 200);
    assertEquals(List.of(), ids(after.getJsonArray("toPublish")));
    assertEquals(List.of(pending), ids(after.getJsonArray("pendingAnswers")));
    assertNotNull(sql.rows("SELECT published_at FROM answers WHERE id = ?", UUID.fromString(approved)).get(0)
        .get("published_at"));
  }

  @Test
  void aSentBackQuestionReturnsToTheListAndIsReassigned() {
    clock.set(OffsetDateTime.parse("2026-03-09T21:00:00+07:00"));
    String ep = episode("chuyển lại", "2026-03-09T20:00:00+07:00");
    String q = question(ep, "hotline", "received", "Giao thông", null, "Trương Văn Lộc",
        "Cầu Kênh Xáng bị sụt lún, khi nào sửa chữa?");
    JsonObject a = ok(editor.postJson("/api/items/" + q + "/assign", new JsonObject().put("agency", TNMT)), 201)
        .getJsonArray("assignments").getJsonObject(0);
    String id = a.getString("id");
    error(tnmt.postJson("/api/agency/assignments/" + id + "/send-back", new JsonObject().put("reason", "  ")), 400,
        "reason.required", "reason");
    JsonObject sent = ok(tnmt.postJson("/api/agency/assignments/" + id + "/send-back", new JsonObject()
        .put("reason", "Cầu thuộc huyện quản lý, không thuộc thẩm quyền của Sở.")), 200);
    assertEquals("sent_back", sent.getString("status"));
    assertNull(assignment(ok(tnmt.get("/api/agency/assignments"), 200), q));

    JsonObject item = ok(editor.get("/api/episodes/" + ep + "/followup"), 200).getJsonArray("unassigned")
        .getJsonObject(0);
    assertEquals(q, item.getString("id"));
    assertEquals(TNMT, item.getJsonObject("sentBack").getString("agency"));
    assertEquals("Cầu thuộc huyện quản lý, không thuộc thẩm quyền của Sở.",
        item.getJsonObject("sentBack").getString("reason"));

    ok(editor.postJson("/api/items/" + q + "/assign", new JsonObject().put("agency", DISTRICT)), 201);
    assertEquals(List.of("sent_back:" + TNMT, "assigned:" + DISTRICT), sql.rows("SELECT status || ':' || agency AS s "
        + "FROM assignments WHERE submission_id = ? ORDER BY assigned_at, status DESC", UUID.fromString(q)).stream()
        .map(r -> r.get("s")).toList());
    assertEquals(DISTRICT, sql.rows("SELECT agency FROM submissions WHERE id = ?", UUID.fromString(q)).get(0)
        .get("agency"));
    assertEquals(1L, sql.rows("SELECT count(*) AS n FROM events WHERE action = 'assignment.sent_back' "
        + "AND entity_id = ?", id).get(0).get("n"));
  }

  /** Issue #19: what the list proposes is marked as a proposal, and never the agency that sent the question back. */
  @Test
  void anAgencyThatSentAQuestionBackIsNeverProposedForItAgain() {
    clock.set(OffsetDateTime.parse("2026-03-09T21:00:00+07:00"));
    String ep = episode("không đề xuất lại", "2026-03-09T20:00:00+07:00");
    sql.rows("INSERT INTO fields (id, name, agency_id) SELECT ?, 'Cầu đường nông thôn', id FROM agencies "
        + "WHERE name = ?", UUID.randomUUID(), DISTRICT);
    String bridge = question(ep, "hotline", "received", "Cầu đường nông thôn", null, "Trương Văn Lộc",
        "Cầu Kênh Xáng bị sụt lún, khi nào sửa chữa?");
    sql.rows("UPDATE submissions SET suggested_agency = ? WHERE id = ?", TNMT, UUID.fromString(bridge));
    String lamp = question(ep, "web", "received", null, null, "Mai Thị Xuân",
        "Đèn đường ấp Phước Hòa tắt cả tháng nay.");
    String road = question(ep, "sms", "received", "Cầu đường nông thôn", null, "Lâm Văn Sáu",
        "Đường ấp 3 lầy lội mùa mưa.");

    Map<String, JsonObject> before = unassigned(ep);
    // no suggestion at all: nothing proposed, the editor chooses
    assertNull(before.get(lamp).getString("agency"));
    assertFalse(before.get(lamp).getBoolean("agencySuggested"));
    // the intake's keyword suggestion, then the catalogue agency of the field, each marked as a suggestion
    assertEquals(TNMT, before.get(bridge).getString("agency"));
    assertEquals("suggested", before.get(bridge).getString("agencySource"));
    assertTrue(before.get(bridge).getBoolean("agencySuggested"));
    assertEquals(DISTRICT, before.get(road).getString("agency"));
    assertEquals("field", before.get(road).getString("agencySource"));

    String id = ok(editor.postJson("/api/items/" + bridge + "/assign", new JsonObject().put("agency", TNMT)), 201)
        .getJsonArray("assignments").getJsonObject(0).getString("id");
    ok(tnmt.postJson("/api/agency/assignments/" + id + "/send-back", new JsonObject()
        .put("reason", "Cầu thuộc huyện quản lý, không thuộc thẩm quyền của Sở.")), 200);

    JsonObject back = unassigned(ep).get(bridge);
    assertEquals(TNMT, back.getJsonObject("sentBack").getString("agency"));
    assertEquals(List.of(TNMT), back.getJsonArray("excludedAgencies").getList());
    // the editor's assignment and the intake both named the Sở: the next proposal is the field's agency
    assertEquals(DISTRICT, back.getString("agency"));
    assertEquals("field", back.getString("agencySource"));

    // by hand, one question or the whole field, it does not go back to the agency that refused it
    error(editor.postJson("/api/items/" + bridge + "/assign", new JsonObject().put("agency", TNMT.toUpperCase())),
        400, "agency.sent_back", "agency");
    sql.rows("UPDATE submissions SET field = 'Đất đai' WHERE id = ?", UUID.fromString(road));
    error(editor.postJson("/api/episodes/" + ep + "/assign-by-field", new JsonObject()
        .put("field", "Cầu đường nông thôn").put("agency", TNMT)), 400, "field.nothing_to_assign", "field");
    assertEquals(1L, sql.rows("SELECT count(*) AS n FROM assignments WHERE submission_id = ?",
        UUID.fromString(bridge)).get(0).get("n"));
    ok(editor.postJson("/api/items/" + bridge + "/assign", new JsonObject().put("agency", DISTRICT)), 201);
  }

  static Map<String, JsonObject> unassigned(String episode) {
    Map<String, JsonObject> out = new HashMap<>();
    ok(editor.get("/api/episodes/" + episode + "/followup"), 200).getJsonArray("unassigned")
        .forEach(o -> out.put(((JsonObject) o).getString("id"), (JsonObject) o));
    return out;
  }

  @Test
  void aMessageReferredAsAComplaintAfterItWasAssignedRunsNoClock() {
    clock.set(OffsetDateTime.parse("2026-03-11T21:00:00+07:00"));
    String ep = episode("khiếu nại sau giao", "2026-03-11T20:00:00+07:00");
    String question = question(ep, "web", "received", "Xây dựng", null, "Lâm Văn Phúc",
        "Thủ tục cấp phép sửa chữa nhà ở gồm những gì?");
    String referred = question(ep, "web", "received", "Xây dựng", null, "Lâm Thị Quyên",
        "Hàng xóm xây lấn sang đất nhà tôi, xã không giải quyết.");
    Map<String, JsonObject> both = assignField(ep, "Xây dựng", BUILD);
    // the editors read it again: a complaint about a specific case, for the citizen reception office
    ok(editor.postJson("/api/items/" + referred + "/actions", new JsonObject().put("action", "classify")
        .put("kind", "complaint")), 200);

    clock.set(OffsetDateTime.parse("2026-03-19T07:30:00+07:00"));
    ok(node.postJson("/api/followup/run", new JsonObject(), TestNode.ADMIN_TOKEN), 200);
    assertEquals(1, notices(both.get(question).getString("id"), "reminder"));
    assertEquals(0, notices(both.get(referred).getString("id"), "reminder"));
    assertEquals(0, notices(both.get(referred).getString("id"), "escalation"));
    List<String> overdue = ids(ok(editor.get("/api/followup/overdue"), 200).getJsonArray("items"));
    assertTrue(overdue.contains(both.get(question).getString("id")));
    assertFalse(overdue.contains(both.get(referred).getString("id")));
  }

  @Test
  void overdueIsRemindedThenEscalatedExactlyOnceAcrossWorkingDays() throws Exception {
    // Wednesday evening: 3 working days run to Monday (the weekend does not count), escalation 2 more: Wednesday
    clock.set(OffsetDateTime.parse("2026-03-11T21:00:00+07:00"));
    String ep = episode("quá hạn", "2026-03-11T20:00:00+07:00");
    String late = question(ep, "web", "received", "Xây dựng", null, "Mai Văn Nam",
        "Cấp phép xây dựng nhà ở nông thôn mất bao lâu?");
    String prompt = question(ep, "web", "received", "Xây dựng", null, "Mai Thị Oanh",
        "Nhà trong hẻm 2 mét có được cấp phép không?");
    Map<String, JsonObject> both = assignField(ep, "Xây dựng", BUILD);
    assertEquals("2026-03-16T23:59:59+07:00", both.get(late).getString("dueAt"));
    assertEquals("2026-03-18T23:59:59+07:00", both.get(late).getString("escalateAt"));
    String lateId = both.get(late).getString("id");
    String promptId = both.get(prompt).getString("id");
    // one answered in time: the agency owes nothing more on it
    ok(build.postJson("/api/agency/assignments/" + promptId + "/answer", new JsonObject()
        .put("text", "Nhà trong hẻm 2 mét vẫn được cấp phép nếu bảo đảm khoảng lùi theo quy định.")), 201);

    clock.set(OffsetDateTime.parse("2026-03-16T22:00:00+07:00"));
    ok(node.postJson("/api/followup/run", new JsonObject(), TestNode.ADMIN_TOKEN), 200);
    assertEquals(0, notices(lateId, "reminder"));
    assertFalse(ids(ok(editor.get("/api/followup/overdue"), 200).getJsonArray("items")).contains(lateId));

    clock.set(OffsetDateTime.parse("2026-03-17T08:00:00+07:00"));
    ok(node.postJson("/api/followup/run", new JsonObject(), TestNode.ADMIN_TOKEN), 200);
    ok(node.postJson("/api/followup/run", new JsonObject(), TestNode.ADMIN_TOKEN), 200);
    assertEquals(1, notices(lateId, "reminder"));
    assertEquals(0, notices(promptId, "reminder"));
    List<MimeMessage> reminders = mailTo("soxd@kiengiang.example.vn").stream()
        .filter(m -> subject(m).startsWith("Nhắc thời hạn")).toList();
    assertEquals(1, reminders.size());
    String reminder = text(reminders.get(0));
    assertTrue(reminder.contains("Cấp phép xây dựng nhà ở nông thôn"), reminder);
    assertTrue(reminder.contains("chậm nhất ngày 16/03/2026") && reminder.contains("đến hết ngày 18/03/2026"),
        reminder);
    JsonObject overdue = ok(editor.get("/api/followup/overdue"), 200);
    assertTrue(ids(overdue.getJsonArray("items")).contains(lateId));
    JsonObject mine = assignment(ok(build.get("/api/agency/assignments"), 200), late);
    assertTrue(mine.getBoolean("overdue"));
    assertEquals(-1, mine.getInteger("workingDaysLeft"));

    clock.set(OffsetDateTime.parse("2026-03-18T23:00:00+07:00"));
    ok(node.postJson("/api/followup/run", new JsonObject(), TestNode.ADMIN_TOKEN), 200);
    assertEquals(0, notices(lateId, "escalation"));

    clock.set(OffsetDateTime.parse("2026-03-19T07:30:00+07:00"));
    ok(node.postJson("/api/followup/run", new JsonObject(), TestNode.ADMIN_TOKEN), 200);
    ok(node.postJson("/api/followup/run", new JsonObject(), TestNode.ADMIN_TOKEN), 200);
    assertEquals(1, notices(lateId, "escalation"));
    assertEquals(1, notices(lateId, "reminder"));
    assertEquals(0, notices(promptId, "escalation"));
    List<MimeMessage> escalations = mailTo(COUNCIL).stream().filter(m -> subject(m).contains(BUILD)).toList();
    assertEquals(1, escalations.size());
    String escalation = text(escalations.get(0));
    assertTrue(escalation.startsWith("Kính gửi: Thường trực Hội đồng nhân dân"), escalation);
    assertTrue(escalation.contains("chậm nhất ngày 16/03/2026"), escalation);
    Map<String, Object> row = sql.rows("SELECT reminded_at, escalated_at FROM assignments WHERE id = ?",
        UUID.fromString(lateId)).get(0);
    assertNotNull(row.get("reminded_at"));
    assertNotNull(row.get("escalated_at"));
  }

  static int notices(String assignment, String kind) {
    return ((Number) sql.rows("SELECT count(*) AS n FROM notifications WHERE assignment_id = ? AND kind = ?",
        UUID.fromString(assignment), kind).get(0).get("n")).intValue();
  }

  static String text(MimeMessage m) {
    try {
      return (String) m.getContent();
    } catch (jakarta.mail.MessagingException | IOException e) {
      throw new AssertionError(e);
    }
  }

  static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anAgencyCanNeitherSeeNorAnswerAnotherAgencysQuestions() {
    clock.set(OffsetDateTime.parse("2026-03-09T21:00:00+07:00"));
    String ep = episode("cách ly", "2026-03-09T20:00:00+07:00");
    String q = question(ep, "sms", "received", "Điện", null, "Phan Văn Quý", "Cột điện nghiêng trước nhà số 12.");
    String id = ok(editor.postJson("/api/items/" + q + "/assign", new JsonObject().put("agency", POWER)), 201)
        .getJsonArray("assignments").getJsonObject(0).getString("id");

    assertNull(assignment(ok(tnmt.get("/api/agency/assignments"), 200), q));
    error(tnmt.get("/api/agency/assignments/" + id), 404, "assignment.not_found", null);
    error(answer(tnmt, id, "Trả lời thay cơ quan khác.", null), 404, "assignment.not_found", null);
    error(tnmt.postJson("/api/agency/assignments/" + id + "/answer", new JsonObject().put("text", "Thử JSON.")), 404,
        "assignment.not_found", null);
    error(tnmt.postJson("/api/agency/assignments/" + id + "/send-back", new JsonObject().put("reason", "Không phải.")),
        404, "assignment.not_found", null);
    assertEquals(0L, sql.rows("SELECT count(*) AS n FROM answers WHERE assignment_id = ?", UUID.fromString(id))
        .get(0).get("n"));
    assertEquals("assigned", sql.rows("SELECT status FROM assignments WHERE id = ?", UUID.fromString(id)).get(0)
        .get("status"));
    // the right agency and the council office do see it
    assertNotNull(assignment(ok(power.get("/api/agency/assignments"), 200), q));
    assertNotNull(assignment(ok(node.get("/api/agency/assignments", TestNode.ADMIN_TOKEN), 200), q));
  }

  @Test
  void rolesAndValidationErrorsNameTheField() {
    clock.set(OffsetDateTime.parse("2026-03-09T21:00:00+07:00"));
    String ep = episode("kiểm tra", "2026-03-09T20:00:00+07:00");
    String q = question(ep, "web", "received", "Y tế", null, "Cao Thị Rạng", "Trạm y tế xã thiếu thuốc.");
    String operator = node.token("operator");

    error(editor.postJson("/api/items/" + q + "/assign", new JsonObject()), 400, "agency.required", "agency");
    error(editor.postJson("/api/items/" + q + "/assign", new JsonObject().put("agency", "Sở Không Có")), 400,
        "agency.not_found", "agency");
    error(editor.postJson("/api/items/" + q + "/assign", new JsonObject().put("agency", TNMT).put("workingDays", 0)),
        400, "workingDays.invalid", "workingDays");
    error(editor.postJson("/api/episodes/" + ep + "/assign-by-field", new JsonObject().put("agency", TNMT)), 400,
        "field.required", "field");
    error(editor.postJson("/api/episodes/" + ep + "/assign-by-field", new JsonObject().put("field", "Thủy lợi")
        .put("agency", TNMT)), 400, "field.nothing_to_assign", "field");
    error(editor.postJson("/api/items/" + UUID.randomUUID() + "/assign", new JsonObject().put("agency", TNMT)), 404,
        "item.not_found", null);

    // roles: agencies and operators do not assign, editors do not run the pass, agencies do not review
    assertEquals(403, power.postJson("/api/items/" + q + "/assign", new JsonObject().put("agency", POWER)).statusCode());
    assertEquals(403, power.get("/api/episodes/" + ep + "/followup").statusCode());
    assertEquals(403, node.get("/api/episodes/" + ep + "/followup", operator).statusCode());
    assertEquals(403, power.get("/api/answers?review=pending").statusCode());
    assertEquals(403, editor.postJson("/api/followup/run", new JsonObject()).statusCode());
    assertEquals(403, editor.get("/api/agency/assignments").statusCode());
    assertEquals(401, node.get("/api/agency/assignments", null).statusCode());
    error(editor.get("/api/answers?review=maybe"), 400, "review.invalid", "review");

    String id = ok(editor.postJson("/api/items/" + q + "/assign", new JsonObject().put("agency", TNMT)
        .put("workingDays", 10)), 201).getJsonArray("assignments").getJsonObject(0).getString("id");
    error(answer(tnmt, id, " ", null), 400, "text.required", "text");
    error(answer(tnmt, id, "Đã bổ sung thuốc.", new Letters.Scan("tra-loi.pdf", "application/pdf",
        "đây không phải PDF".getBytes(StandardCharsets.UTF_8))), 415,
        "attachment.unsupported_type", "attachment");
    assertEquals(0L, sql.rows("SELECT count(*) AS n FROM answers WHERE assignment_id = ?", UUID.fromString(id))
        .get(0).get("n"));
    // a Word document is recognised by what is inside the archive, whatever it is called
    JsonObject docx = ok(answer(tnmt, id, "Sở Y tế đã cấp bổ sung thuốc cho trạm y tế xã.",
        new Letters.Scan("cong-van.bin", "application/octet-stream", OfficeFiles.docx("Công văn số 123/SYT-NVY"))),
        201);
    assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        docx.getJsonArray("attachments").getJsonObject(0).getString("mediaType"));
  }

  @Test
  void aWordAnswerThatInflatesLikeAZipBombIsRefusedAndNotKept() throws Exception {
    String id = assignedQuestion("bom nén", TNMT, "Y tế", "Châu Thị Mỹ", "Trạm y tế xã Bình An thiếu bác sĩ trực đêm.")
        .getString("id");
    long keptBefore = keptFiles();

    HttpResponse<Buffer> bomb = answer(tnmt, id, "Sở đã bố trí bác sĩ trực đêm tại trạm y tế xã Bình An.",
        new Letters.Scan("cong-van.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            OfficeFiles.wordBomb(64)));
    error(bomb, 413, "attachment.unsafe_archive", "attachment");
    assertTrue(bomb.bodyAsJsonObject().getJsonObject("error").getString("message").startsWith("Tệp Word "),
        bomb.bodyAsString());
    // neither the answer nor its file: the assignment is still the agency's to answer
    assertEquals(0L, sql.rows("SELECT count(*) AS n FROM answers WHERE assignment_id = ?", UUID.fromString(id))
        .get(0).get("n"));
    assertEquals("assigned", sql.rows("SELECT status FROM assignments WHERE id = ?", UUID.fromString(id)).get(0)
        .get("status"));
    UploadsFolder.awaitEmpty(NODE.dataDir());
    assertEquals(keptBefore, keptFiles());

    // a real Word document still goes through the same check
    JsonObject word = ok(answer(tnmt, id, "Sở đã bố trí bác sĩ trực đêm tại trạm y tế xã Bình An.",
        new Letters.Scan("cong-van.docx", "application/octet-stream", OfficeFiles.docx("Công văn số 45/SYT-NVY"))),
        201);
    assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        word.getJsonArray("attachments").getJsonObject(0).getString("mediaType"));
    assertEquals(keptBefore + 1, keptFiles());
  }

  /** A web question of a new episode that ended on Monday 9/3 at 20:45, assigned to the agency that evening. */
  static JsonObject assignedQuestion(String tag, String agency, String field, String asker, String text) {
    clock.set(OffsetDateTime.parse("2026-03-09T21:00:00+07:00"));
    String ep = episode(tag, "2026-03-09T20:00:00+07:00");
    String q = question(ep, "web", "received", field, null, asker, text);
    return ok(editor.postJson("/api/items/" + q + "/assign", new JsonObject().put("agency", agency)), 201)
        .getJsonArray("assignments").getJsonObject(0);
  }

  /** The files kept in the node's data folder (not the uploads still arriving). */
  static long keptFiles() throws IOException {
    Path dir = NODE.dataDir().resolve("attachments");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> kept = Files.list(dir)) {
      return kept.filter(Files::isRegularFile).count();
    }
  }

  /**
   * The assignment mail leaves our hands and is read without the portal's grant check: it carries the
   * question, with any number or address in its words hidden, and nothing of the asker's contact data.
   */
  @Test
  void theMailAnAgencyReceivesCarriesTheQuestionAndNothingOfTheAsker() throws Exception {
    clock.set(OffsetDateTime.parse("2026-03-09T21:00:00+07:00"));
    String ep = episode("thư không lộ", "2026-03-09T20:00:00+07:00");
    // the ways people write one mobile number, each as the redaction rule documents them
    String text = "Cột điện trước nhà tôi nghiêng sắp đổ, xin gọi lại số 0912.345.678 (hoặc 0912-345-678, "
        + "+84 912 345 678, 84912345678, 091 234 5678, 0912 34 56 78, 0912345678) hay thư kimphuong.huynh@gmail.com.";
    UUID q = UUID.randomUUID();
    sql.rows("INSERT INTO submissions (id, episode_id, channel, asker_name, locality, phone, email, address, text, "
        + "consent, consent_basis, status, field) VALUES (?, ?, 'web', 'Huỳnh Thị Kim Phượng', 'Xã Vĩnh Hòa Hiệp', "
        + "'0912 345 678', 'kimphuong.huynh@gmail.com', 'Số 45 đường Mạc Cửu, khu phố Vĩnh Thanh', ?, true, "
        + "'consent-v1', 'received', 'Điện')", q, UUID.fromString(ep), text);
    ok(editor.postJson("/api/items/" + q + "/assign", new JsonObject().put("agency", POWER)
        .put("instruction", "Gọi lại cho người hỏi theo số 0912 345 678 trước khi trả lời bằng văn bản.")), 201);

    List<MimeMessage> mails = mailTo("cskh@pckiengiang.example.vn");
    assertEquals(1, mails.size());
    String mail = subject(mails.get(0)) + "\n" + text(mails.get(0));
    assertTrue(mail.contains("Cột điện trước nhà tôi nghiêng sắp đổ, xin gọi lại số *** (hoặc ***, ***, ***, ***, "
        + "***, ***) hay thư ***."), mail);
    assertTrue(mail.contains("Ý kiến chỉ đạo: Gọi lại cho người hỏi theo số *** trước khi trả lời bằng văn bản."),
        mail);
    // the number whatever separates its digits, the address, the name whole or as family and middle names
    assertFalse(mail.replaceAll("[^0-9]", "").contains("912345678"), mail);
    for (String kept : List.of("kimphuong", "@gmail", "Mạc Cửu", "Số 45", "Vĩnh Thanh", "Huỳnh Thị Kim Phượng",
        "Huỳnh Thị", "Kim Phượng")) {
      assertFalse(mail.contains(kept), kept + " in " + mail);
    }
  }

  @Test
  void withoutAnSmtpServerTheNoticeIsLoggedAndTheAssignmentStands() {
    clock.set(OffsetDateTime.parse("2026-03-09T21:00:00+07:00"));
    String ep = episode("không SMTP", "2026-03-09T20:00:00+07:00");
    String q = question(ep, "post", "received", "Môi trường", null, "Tạ Văn Sơn", "Bãi rác xã gây ô nhiễm.");
    StaffSession local = StaffSession.create(withoutMail, "bientap.son", "Tạ Văn Sơn", List.of("editor"), null, null);
    try {
      String id = ok(local.postJson("/api/items/" + q + "/assign", new JsonObject().put("agency", TNMT)), 201)
          .getJsonArray("assignments").getJsonObject(0).getString("id");
      assertEquals(List.of("log:sent"), sql.rows("SELECT channel || ':' || status AS s FROM notifications "
          + "WHERE assignment_id = ? AND kind = 'assignment'", UUID.fromString(id)).stream().map(r -> r.get("s")).toList());
      assertNotNull(sql.rows("SELECT notified_at FROM assignments WHERE id = ?", UUID.fromString(id)).get(0)
          .get("notified_at"));
    } finally {
      local.close();
    }
  }
}
