package vn.danhoi.session;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.Letters;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.OfficeFiles;
import vn.danhoi.support.RawHttp;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 002, an accountability session of the council's standing committee: three agencies called to account,
 * two file their written reports in the agency portal, the third is late and reminded by e-mail (GreenMail);
 * delegates register to speak and the office orders them; the chair's screen and a district room's read-only
 * view follow the speaker changes; the agencies' commitments become conclusion items.
 */
@ExtendWith(VertxExtension.class)
class AccountabilitySessionTest {

  @RegisterExtension
  @Order(1)
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withPerMethodLifecycle(false);

  /**
   * Wednesday 12/5/2027, 9:00 in Điện Biên: reports were due before Monday 10/5 (a clock ahead of the real
   * one, so the staff sessions it starts have not expired for the database).
   */
  static final OffsetDateTime NOW = OffsetDateTime.parse("2027-05-12T09:00:00+07:00");

  static final String LAND = "Sở Tài nguyên và Môi trường";
  static final String IT = "Sở Thông tin và Truyền thông";
  static final String RUBBER = "Công ty cổ phần Cao su Điện Biên";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().clock(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC))
      .with(env -> TestNode.outbox(env, MAIL.getSmtp().getPort(),
          "Văn phòng HĐND tỉnh Điện Biên <vanphong@hdnd.example.vn>"));

  static TestNode node;
  static Sql sql;
  static String editor;
  static StaffSession landOfficer;
  static StaffSession itOfficer;
  static StaffSession rubberOfficer;
  static WebClient http;

  @BeforeAll
  static void start(Vertx vertx) {
    node = NODE.node();
    sql = NODE.sql();
    editor = node.token("editor");
    sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, ?, '{}'), (?, ?, '{}'), (?, ?, ?::text[])",
        UUID.randomUUID(), LAND, UUID.randomUUID(), IT, UUID.randomUUID(), RUBBER, "{caosu@caosudienbien.example.vn}");
    landOfficer = StaffSession.create(node, "stnmt", "Lò Thị Hoa", List.of("agency"), LAND, null);
    itOfficer = StaffSession.create(node, "stttt", "Quàng Văn Minh", List.of("agency"), IT, null);
    rubberOfficer = StaffSession.create(node, "caosu", "Vì Văn Thắng", List.of("agency"), RUBBER, null);
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(node.port())
        .setKeepAlive(false));
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  static String episode(String kind, String title) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes", new JsonObject().put("title", title)
        .put("topic", "Giải trình tại phiên họp Thường trực HĐND tỉnh").put("startsAt", "2027-05-20T08:00:00+07:00")
        .put("durationMinutes", 180), TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String id = r.bodyAsJsonObject().getString("id");
    sql.rows("UPDATE episodes SET kind = ?, venue = 'Phòng họp trực tuyến 4B', chair = 'Lò Văn Muôn' WHERE id = ?",
        kind, UUID.fromString(id));
    return id;
  }

  static String call(String episode, String agency, String subjects) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/accountability/agencies", new JsonObject()
        .put("agency", agency).put("subjects", subjects).put("reportDueAt", "2027-05-10"), editor);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  static HttpResponse<Buffer> upload(StaffSession officer, String episode, String fileName, String type, byte[] bytes) {
    MultipartForm form = MultipartForm.create().binaryFileUpload("report", fileName, Buffer.buffer(bytes), type);
    return TestNode.await(http.post("/api/episodes/" + episode + "/accountability/report")
        .putHeader("Cookie", officer.cookieHeader()).putHeader("X-CSRF-Token", officer.csrfToken())
        .sendMultipartForm(form));
  }

  @Test
  void threeAgenciesFileOrAreRemindedAndStaffDownloadTheReports() throws Exception {
    String ep = episode("accountability", "Phiên giải trình quý II năm 2027");
    call(ep, LAND, "Cấp giấy chứng nhận quyền sử dụng đất cho cộng đồng thôn, bản");
    call(ep, IT, "Ứng dụng công nghệ thông tin, cải cách thủ tục hành chính, an toàn thông tin mạng");
    String rubber = call(ep, RUBBER, "Thanh toán góp đất trồng cao su");

    // a fake PDF: a text file named .pdf, declared application/pdf
    HttpResponse<Buffer> fake = upload(landOfficer, ep, "bao-cao.pdf", "application/pdf",
        "Đây không phải là tệp PDF".getBytes(StandardCharsets.UTF_8));
    assertEquals(415, fake.statusCode(), fake.bodyAsString());
    assertEquals("report", fake.bodyAsJsonObject().getJsonObject("error").getString("field"));

    HttpResponse<Buffer> pdf = upload(landOfficer, ep, "Báo cáo Sở TN&MT.pdf", "application/pdf", Letters.PDF);
    assertEquals(201, pdf.statusCode(), pdf.bodyAsString());
    assertEquals("application/pdf", pdf.bodyAsJsonObject().getString("mediaType"));
    byte[] word = OfficeFiles.docx("Báo cáo giải trình về ứng dụng công nghệ thông tin");
    // the name says PDF, the content is a Word document: the content decides
    HttpResponse<Buffer> doc = upload(itOfficer, ep, "bao-cao-stttt.pdf", "application/octet-stream", word);
    assertEquals(201, doc.statusCode(), doc.bodyAsString());
    assertEquals(ReportFiles.DOCX, doc.bodyAsJsonObject().getString("mediaType"));

    // an agency not called to this session cannot file in it; an editor is not an agency
    String other = episode("accountability", "Phiên giải trình khác");
    assertEquals(403, upload(landOfficer, other, "x.pdf", "application/pdf", Letters.PDF).statusCode());

    JsonObject overview = node.get("/api/episodes/" + ep + "/accountability", editor).bodyAsJsonObject();
    JsonArray agencies = overview.getJsonArray("agencies");
    assertEquals(3, agencies.size());
    JsonObject land = find(agencies, LAND);
    assertTrue(land.getBoolean("filed"));
    assertFalse(land.getBoolean("late"));
    JsonObject late = find(agencies, RUBBER);
    assertFalse(late.getBoolean("filed"));
    assertTrue(late.getBoolean("late"));
    // due before Monday 10/5; Wednesday 12/5: Monday, Tuesday and Wednesday are working days late
    assertEquals(3, late.getInteger("workingDaysLate"));

    HttpResponse<Buffer> remind = node.postJson("/api/episodes/" + ep + "/accountability/agencies/" + rubber
        + "/remind", new JsonObject(), editor);
    assertEquals(200, remind.statusCode(), remind.bodyAsString());
    assertEquals("email", remind.bodyAsJsonObject().getString("channel"));
    MimeMessage[] mails = MAIL.getReceivedMessages();
    assertEquals(1, mails.length);
    // due "2027-05-10" is due before that day: the last day to file is the 9th, said as "chậm nhất ngày"
    assertEquals("Đề nghị gửi báo cáo giải trình chậm nhất ngày 09/05/2027", mails[0].getSubject());
    String reminder = (String) mails[0].getContent();
    assertTrue(reminder.contains("Thanh toán góp đất trồng cao su"), reminder);
    assertTrue(reminder.contains("Quý cơ quan") && reminder.contains("/agency.html"), reminder);
    assertFalse(reminder.contains("danhoi") || reminder.contains("trước ngày") || reminder.contains("quý cơ quan"),
        reminder);
    assertEquals(1, sql.count("SELECT count(*) FROM notifications WHERE kind = 'session.report_reminder' "
        + "AND channel = 'email' AND status = 'sent' AND recipient = 'caosu@caosudienbien.example.vn'"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'session.report_reminded' AND episode_id = ?",
        UUID.fromString(ep)));
    assertEquals(2, sql.count("SELECT count(*) FROM events WHERE action = 'session.report_filed' AND episode_id = ?",
        UUID.fromString(ep)));
    // one that filed is not reminded
    String landId = land.getString("id");
    assertEquals(409, node.postJson("/api/episodes/" + ep + "/accountability/agencies/" + landId + "/remind",
        new JsonObject(), editor).statusCode());

    // staff download the reports; the agency sees its own sessions in the portal, never the overview
    String download = find(node.get("/api/episodes/" + ep + "/accountability", editor).bodyAsJsonObject()
        .getJsonArray("agencies"), IT).getJsonArray("reports").getJsonObject(0).getString("download");
    HttpResponse<Buffer> file = node.get(download, editor);
    assertEquals(200, file.statusCode());
    assertEquals(ReportFiles.DOCX, file.getHeader("Content-Type"));
    // named by its content's type, as every stored file is, whatever extension it was sent with
    assertTrue(file.getHeader("Content-Disposition").startsWith("attachment; filename=\"bao-cao-stttt.docx\""),
        file.getHeader("Content-Disposition"));
    assertArrayEquals(word, file.bodyAsBuffer().getBytes());
    assertEquals(404, landOfficer.get(download).statusCode());
    assertEquals(403, landOfficer.get("/api/episodes/" + ep + "/accountability").statusCode());
    JsonArray portal = rubberOfficer.get("/api/agency/accountability").bodyAsJsonArray();
    assertEquals(1, portal.size());
    assertEquals(0L, portal.getJsonObject(0).getLong("reports"));
    assertTrue(sql.rows("SELECT stored_name FROM session_reports").stream()
        .allMatch(r -> ((String) r.get("stored_name")).matches("^[0-9a-f]{32}$")));
  }

  @Test
  void aWordReportThatInflatesLikeAZipBombIsRefusedAndNotKept() throws Exception {
    String ep = episode("accountability", "Phiên giải trình kiểm tra tệp nén");
    call(ep, LAND, "Thu hồi đất dự án đường tránh");
    HttpResponse<Buffer> bomb = upload(landOfficer, ep, "bao-cao.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", OfficeFiles.wordBomb(64));
    assertEquals(413, bomb.statusCode(), bomb.bodyAsString());
    assertEquals("report", bomb.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertTrue(bomb.bodyAsJsonObject().getJsonObject("error").getString("message").startsWith("Tệp Word "),
        bomb.bodyAsString());
    assertEquals(0, sql.count("SELECT count(*) FROM session_reports WHERE episode_id = ?", UUID.fromString(ep)));
    // a real Word document still goes through the same check
    HttpResponse<Buffer> word = upload(landOfficer, ep, "bao-cao.docx", "application/octet-stream",
        OfficeFiles.docx("Báo cáo giải trình về thu hồi đất"));
    assertEquals(201, word.statusCode(), word.bodyAsString());
  }

  @Test
  void callingAnAgencyNamesTheFieldAndNeedsTheOffice() {
    String ep = episode("accountability", "Phiên giải trình kiểm tra dữ liệu");
    HttpResponse<Buffer> missing = node.postJson("/api/episodes/" + ep + "/accountability/agencies",
        new JsonObject().put("agency", LAND).put("reportDueAt", "2027-05-10"), editor);
    assertEquals(400, missing.statusCode());
    assertEquals("subjects", missing.bodyAsJsonObject().getJsonObject("error").getString("field"));
    HttpResponse<Buffer> badDate = node.postJson("/api/episodes/" + ep + "/accountability/agencies",
        new JsonObject().put("agency", LAND).put("subjects", "Đất đai").put("reportDueAt", "10/5"), editor);
    assertEquals("reportDueAt", badDate.bodyAsJsonObject().getJsonObject("error").getString("field"));
    HttpResponse<Buffer> unknown = node.postJson("/api/episodes/" + ep + "/accountability/agencies",
        new JsonObject().put("agency", "Sở Không Có").put("subjects", "Đất đai").put("reportDueAt", "2027-05-10"), editor);
    assertEquals("agency", unknown.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(403, node.postJson("/api/episodes/" + ep + "/accountability/agencies", new JsonObject()
        .put("agency", LAND).put("subjects", "Đất đai").put("reportDueAt", "2027-05-10"), node.token("operator"))
        .statusCode());
    // a TV show has no speakers' list or chair's screen
    String show = episode("live", "Dân hỏi – Chính quyền trả lời");
    HttpResponse<Buffer> tv = node.get("/api/episodes/" + show + "/chair", editor);
    assertEquals(409, tv.statusCode());
    assertEquals("episode.wrong_kind", tv.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  void anAgencyWithoutAnAddressIsRemindedThroughTheLog() {
    String ep = episode("accountability", "Phiên giải trình về an toàn thông tin mạng");
    String it = call(ep, IT, "Công tác quản lý an toàn thông tin mạng");
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + ep + "/accountability/agencies/" + it + "/remind",
        new JsonObject(), editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("log", r.bodyAsJsonObject().getString("channel"));
    assertEquals(1, sql.count("SELECT count(*) FROM notifications WHERE channel = 'log' AND recipient = ? "
        + "AND body LIKE '%an toàn thông tin mạng%'", IT));
    assertTrue(sql.count("SELECT count(*) FROM session_agencies WHERE id = ? AND reminded_at IS NOT NULL",
        UUID.fromString(it)) == 1);
  }

  static String speaker(String ep, String name, String room, String subject, String agency) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + ep + "/speakers", new JsonObject()
        .put("delegateName", name).put("room", room).put("subject", subject).put("agency", agency), editor);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  @Test
  void delegatesRegisterTheOfficeOrdersAndTheChairAndADistrictViewFollow() {
    String ep = episode("accountability", "Phiên giải trình về đất đai và cao su");
    String a = speaker(ep, "Đại biểu Lường Văn Dũng", "Phòng họp trực tuyến tỉnh", "Tiến độ cấp giấy chứng nhận", LAND);
    String b = speaker(ep, "Đại biểu Giàng Thị Mai", "Điểm cầu huyện Mường Nhé", "Thanh toán tiền góp đất", RUBBER);
    String c = speaker(ep, "Đại biểu Tòng Văn Hùng", "Điểm cầu thành phố Điện Biên Phủ", "Dịch vụ công trực tuyến", IT);
    HttpResponse<Buffer> bad = node.postJson("/api/episodes/" + ep + "/speakers", new JsonObject()
        .put("delegateName", "Đại biểu Lò Văn Sơn").put("room", "Điểm cầu huyện Tủa Chùa").put("subject", "Đất")
        .put("agency", LAND).put("minutes", 0), editor);
    assertEquals("minutes", bad.bodyAsJsonObject().getJsonObject("error").getString("field"));

    // the office puts the district delegate first and gives her five minutes
    HttpResponse<Buffer> order = node.postJson("/api/episodes/" + ep + "/speakers/order", new JsonObject()
        .put("speakers", new JsonArray().add(new JsonObject().put("id", b).put("minutes", 5))
            .add(new JsonObject().put("id", a)).add(new JsonObject().put("id", c).put("minutes", 4))), editor);
    assertEquals(200, order.statusCode(), order.bodyAsString());
    assertEquals(List.of("Đại biểu Giàng Thị Mai", "Đại biểu Lường Văn Dũng", "Đại biểu Tòng Văn Hùng"),
        sql.rows("SELECT delegate_name FROM speakers WHERE episode_id = ? ORDER BY position", UUID.fromString(ep))
            .stream().map(r -> r.get("delegate_name")).toList());
    assertEquals(400, node.postJson("/api/episodes/" + ep + "/speakers/order", new JsonObject()
        .put("speakers", new JsonArray().add(new JsonObject().put("id", a))), editor).statusCode());

    HttpResponse<Buffer> view = node.postJson("/api/episodes/" + ep + "/chair/views",
        new JsonObject().put("label", "Điểm cầu huyện Mường Nhé"), editor);
    assertEquals(201, view.statusCode(), view.bodyAsString());
    String token = view.bodyAsJsonObject().getString("token");
    // only its hash is kept (counted for this episode: other tests make links too)
    assertEquals(1, sql.count("SELECT count(*) FROM chair_views WHERE episode_id = ? AND token_hash <> ?",
        UUID.fromString(ep), token));

    try (SocketProbe chair = SocketProbe.bearer(node.vertx(), node.port(), "/ws/chair/" + ep, editor);
         SocketProbe district = SocketProbe.connect(node.vertx(), node.port(), "/ws/chair-view/" + token, Map.of())) {
      chair.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      JsonObject first = district.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      assertNull(first.getJsonObject("speaker"));
      assertEquals("Đại biểu Giàng Thị Mai", first.getJsonArray("next").getJsonObject(0).getString("delegateName"));

      assertEquals(200, node.postJson("/api/episodes/" + ep + "/chair", new JsonObject().put("action", "next"), editor)
          .statusCode());
      for (SocketProbe p : List.of(chair, district)) {
        JsonObject m = p.await(x -> "chair.update".equals(x.getString("type")) && x.getJsonObject("speaker") != null
            && b.equals(x.getJsonObject("speaker").getString("id")), Duration.ofSeconds(10));
        assertEquals(300, m.getInteger("remainingSeconds"));
        assertTrue(m.getBoolean("running"));
        assertEquals("Đại biểu Lường Văn Dũng", m.getJsonArray("next").getJsonObject(0).getString("delegateName"));
      }
      node.postJson("/api/episodes/" + ep + "/chair", new JsonObject().put("action", "answering").put("agency", RUBBER),
          editor);
      district.await(x -> RUBBER.equals(x.getString("answeringAgency")), Duration.ofSeconds(10));
      node.postJson("/api/episodes/" + ep + "/chair", new JsonObject().put("action", "pause"), editor);
      district.await(x -> "chair.update".equals(x.getString("type")) && Boolean.FALSE.equals(x.getBoolean("running")),
          Duration.ofSeconds(10));
      node.postJson("/api/episodes/" + ep + "/chair", new JsonObject().put("action", "next"), editor);
      JsonObject second = district.await(x -> x.getJsonObject("speaker") != null
          && a.equals(x.getJsonObject("speaker").getString("id")), Duration.ofSeconds(10));
      assertNull(second.getString("answeringAgency"));
      chair.await(x -> x.getJsonObject("speaker") != null && a.equals(x.getJsonObject("speaker").getString("id")),
          Duration.ofSeconds(10));
      // the read-only view never carries contact data
      assertFalse(district.raw().stream().anyMatch(t -> t.contains("phone") || t.contains("email")));
    }
    assertEquals("done", sql.rows("SELECT status FROM speakers WHERE id = ?", UUID.fromString(b)).get(0).get("status"));
    assertEquals(2, sql.count("SELECT count(*) FROM events WHERE action = 'session.chair_next' AND episode_id = ?",
        UUID.fromString(ep)));

    // only the office drives; a wrong or missing token opens nothing
    HttpResponse<Buffer> studio = node.postJson("/api/episodes/" + ep + "/chair", new JsonObject().put("action", "next"),
        node.token("studio"));
    assertEquals(403, studio.statusCode());
    HttpResponse<Buffer> nonsense = node.postJson("/api/episodes/" + ep + "/chair",
        new JsonObject().put("action", "nhảy"), editor);
    assertEquals("action", nonsense.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertThrows(Throwable.class, () -> SocketProbe.connect(node.vertx(), node.port(),
        "/ws/chair-view/" + "x".repeat(43), Map.of()));
    assertThrows(Throwable.class, () -> SocketProbe.connect(node.vertx(), node.port(), "/ws/chair/" + ep, Map.of()));
  }

  /**
   * A remote room's link that is malformed, was never made or was revoked gets one answer, the same to the byte
   * but for the request's id: someone trying links learns neither which exist nor which once did.
   */
  @Test
  void aMalformedAnUnknownAndARevokedChairLinkGetTheSame404AndAValidOneOpens() throws Exception {
    String ep = episode("accountability", "Phiên giải trình kiểm tra liên kết điểm cầu");
    String revoked = chairView(ep, "Điểm cầu xã Mường Phăng");
    String valid = chairView(ep, "Điểm cầu xã Thanh Nưa");
    // the link to be revoked did open: what follows is its revocation and nothing else
    try (SocketProbe room = SocketProbe.connect(node.vertx(), node.port(), "/ws/chair-view/" + revoked, Map.of())) {
      room.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
    }
    // no route revokes a link yet: revoked_at is what the office's revocation sets and the lookup reads
    sql.rows("UPDATE chair_views SET revoked_at = now() WHERE episode_id = ? AND label = ?", UUID.fromString(ep),
        "Điểm cầu xã Mường Phăng");
    // the same shape as a real link, one character off
    String unknown = valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A");

    RawHttp.Answer malformed = chairViewUpgrade("abc$def");
    assertEquals(404, malformed.status(), malformed.head());
    assertEquals("chair_view.not_found", malformed.errorCode(), malformed.head());
    String expected = withoutRequestId(malformed);
    assertEquals(expected, withoutRequestId(chairViewUpgrade(unknown)), "an unknown link");
    assertEquals(expected, withoutRequestId(chairViewUpgrade(revoked)), "a revoked link");

    try (SocketProbe room = SocketProbe.connect(node.vertx(), node.port(), "/ws/chair-view/" + valid, Map.of())) {
      JsonObject snapshot = room.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      assertNull(snapshot.getJsonObject("speaker"));
    }
  }

  static String chairView(String ep, String label) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + ep + "/chair/views", new JsonObject().put("label", label),
        editor);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("token");
  }

  /** The WebSocket handshake a district room's browser sends, answered on a socket of its own. */
  static RawHttp.Answer chairViewUpgrade(String token) throws IOException {
    try (RawHttp raw = new RawHttp(node.port())) {
      return raw.send(RawHttp.head("GET", "/ws/chair-view/" + token, "Upgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13")).answer();
    }
  }

  /** The status line, headers and JSON body of an answer, less what differs per request (its id, the date). */
  static String withoutRequestId(RawHttp.Answer a) {
    String head = Arrays.stream(a.head().split("\r\n")).filter(line -> !line.toLowerCase(Locale.ROOT)
        .startsWith("x-request-id:") && !line.toLowerCase(Locale.ROOT).startsWith("date:"))
        .collect(Collectors.joining("\n"));
    JsonObject body = a.json() == null ? null : a.json().copy();
    if (body != null && body.getJsonObject("error") != null) {
      body.getJsonObject("error").remove("requestId");
    }
    return head + "\n\n" + body;
  }

  @Test
  void commitmentsBecomeConclusionItemsAndDelegatesQuestionsAreCollected() {
    String ep = episode("accountability", "Phiên giải trình về chính quyền điện tử");
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + ep + "/commitments", new JsonObject()
        .put("text", "Hoàn thành cấp giấy chứng nhận cho cộng đồng thôn, bản trong quý III")
        .put("ownerAgency", LAND).put("dueAt", "2027-09-30"), editor);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    node.postJson("/api/episodes/" + ep + "/commitments", new JsonObject()
        .put("text", "Đưa 100% thủ tục hành chính đủ điều kiện lên dịch vụ công trực tuyến").put("ownerAgency", IT),
        editor);
    UUID id = UUID.fromString(ep);
    assertEquals(1, sql.count("SELECT count(*) FROM conclusions WHERE episode_id = ? AND status = 'draft'", id));
    List<Map<String, Object>> items = sql.rows("SELECT position, owner_agency, due_at FROM conclusion_items "
        + "WHERE episode_id = ? ORDER BY position", id);
    assertEquals(2, items.size());
    assertEquals(LAND, items.get(0).get("owner_agency"));
    assertEquals(2, items.get(1).get("position"));
    JsonObject notice = node.get("/api/episodes/" + ep + "/conclusion", editor).bodyAsJsonObject();
    assertEquals(2, notice.getJsonArray("items").size(), notice.encode());
    HttpResponse<Buffer> noOwner = node.postJson("/api/episodes/" + ep + "/commitments",
        new JsonObject().put("text", "Rà soát"), editor);
    assertEquals("ownerAgency", noOwner.bodyAsJsonObject().getJsonObject("error").getString("field"));

    // a delegate's written question is collected like an opinion, tied to the session
    HttpResponse<Buffer> q = node.postJson("/api/episodes/" + ep + "/opinions", new JsonObject()
        .put("stage", "before").put("topic", "Chính quyền điện tử").put("askerName", "Đại biểu Lò Thị Lan")
        .put("text", "Vì sao tỷ lệ hồ sơ trực tuyến toàn trình còn thấp?"), editor);
    assertEquals(201, q.statusCode(), q.bodyAsString());
    assertEquals("form", sql.rows("SELECT channel FROM submissions WHERE id = ?",
        UUID.fromString(q.bodyAsJsonObject().getString("id"))).get(0).get("channel"));
  }

  static JsonObject find(JsonArray agencies, String name) {
    return agencies.stream().map(JsonObject.class::cast).filter(a -> name.equals(a.getString("agency"))).findFirst()
        .orElseThrow();
  }
}
