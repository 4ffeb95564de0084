package vn.danhoi.privacy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Law 91/2025/QH15: a citizen's personal data is erased on request (by phone or e-mail) and when the
 * retention period after the episode ends; the questions stay, the erasure is in the append-only log.
 * Every check reads PostgreSQL directly; "no trace" means no row of submissions, cast whole to text,
 * contains the value.
 */
@ExtendWith(VertxExtension.class)
class ErasureTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with("DANHOI_RETENTION_DAYS", "30")
      // the node sits behind the station's proxy, so each citizen's address is told apart in the data
      .with("DANHOI_TRUST_PROXY", "true");

  static TestNode node;
  static Sql sql;
  static String operator;
  static String editor;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    operator = node.token("operator");
    editor = node.token("editor");
  }

  // ---- erasure on request ----

  @Test
  void erasureByPhoneLeavesNoTraceOfThePersonAndKeepsTheQuestions() {
    String episode = node.liveEpisode("8085", "HOI");
    String waterQuestion = "Khi nào xã Mỹ Yên có nước sạch sinh hoạt?";
    String smsQuestion = "Đường điện hạ thế ấp 4 chập chờn cả tuần nay";
    String callQuestion = "Giá điện kinh doanh cho tiệm nhỏ tính thế nào?";
    // Võ Thị Thu Hà asks on the web, by SMS (from her number written +84…) and on the hotline
    String web = web(episode, "Võ Thị Thu Hà", "0912 345 678", "vothuha.bl@gmail.com", waterQuestion,
        "113.172.45.67");
    // her family's numbers typed side by side: a stretch no single number pattern takes whole
    String sms = sms("+84912345678", "8085", smsQuestion + ". Goi 0903111222 0903111333");
    String call = call(episode, new JsonObject().put("callerName", "Võ Thị Thu Hà")
        .put("callerPhone", "0912.345.678").put("locality", "Thị trấn Bến Lức").put("text", callQuestion)
        .put("readyForAir", true).put("callbackPhone", "0283 8221 456")
        .put("notes", "Chị Hà bán tạp hoá cạnh chợ Bến Lức, gọi lại sau 20 giờ"), "10.20.0.15");
    // Trần Văn Bình, another citizen, on the same episode
    String otherWeb = web(episode, "Trần Văn Bình", "0987 654 321", "tranbinh.cantho@yahoo.com",
        "Xin hỏi về hỗ trợ lắp đồng hồ nước cho hộ nghèo", "27.72.100.8");
    String otherCall = call(episode, new JsonObject().put("callerName", "Trần Văn Bình")
        .put("callerPhone", "0987654321").put("locality", "Phường An Hoà, Ninh Kiều")
        .put("text", "Công tơ điện nhà tôi chạy nhanh bất thường").put("readyForAir", true)
        .put("callbackPhone", "0292 3812 345").put("notes", "Anh Bình làm ca đêm, chỉ gọi sau 7 giờ sáng"),
        "10.20.0.15");
    String otherBefore = personal(otherWeb) + personal(otherCall);
    List<String> herTraces = List.of("Võ Thị Thu Hà", "vo thi thu ha", "0912345678", "912345678", "02838221456",
        "2838221456", "vothuha", "tạp hoá cạnh chợ", "113.172.45.67", "0903111222", "0903111333");
    for (String id : List.of(web, sms, call)) {
      assertTrue(herTraces.stream().anyMatch(rowText(id)::contains), "the data is there before: " + rowText(id));
    }
    long erasedEventsBefore = sql.count("SELECT count(*) FROM events WHERE action = 'privacy.erased'");
    // a reply to her lookup SMS still waiting in the queue (due tomorrow): it must never go out
    UUID waiting = UUID.randomUUID();
    sql.rows("INSERT INTO notifications (id, kind, channel, recipient, subject, body, submission_id, status, "
        + "next_attempt_at) VALUES (?, 'track.reply', 'sms', '0912345678', 'Tình trạng câu hỏi', "
        + "'Kính gửi Ông/Bà: câu hỏi đã nhận', ?, 'queued', now() + interval '1 day')", waiting, UUID.fromString(sms));

    HttpResponse<Buffer> r = erase(new JsonObject().put("phone", "0912 345 678"), TestNode.ADMIN_TOKEN,
        "14.241.120.5");

    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(3, r.bodyAsJsonObject().getInteger("erased"), "her web question, SMS and call");
    for (Map<String, Object> row : sql.rows("SELECT id, s::text AS t FROM submissions s")) {
      String text = (String) row.get("t");
      for (String trace : herTraces) {
        assertFalse(text.contains(trace), "'" + trace + "' is still in " + text);
      }
    }
    // her receipts and the queued reply keep no contact, and the reply is cancelled
    for (Map<String, Object> row : sql.rows("SELECT n::text AS t FROM notifications n WHERE submission_id IN (?, ?, ?)",
        UUID.fromString(web), UUID.fromString(sms), UUID.fromString(call))) {
      for (String trace : herTraces) {
        assertFalse(((String) row.get("t")).contains(trace), "'" + trace + "' is still in " + row);
      }
    }
    assertEquals(1, sql.count("SELECT count(*) FROM notifications WHERE id = ? AND status = 'cancelled'", waiting));
    assertTrue(sql.count("SELECT count(*) FROM notifications WHERE kind = 'submission.receipt' AND submission_id "
        + "IN (?, ?, ?)", UUID.fromString(web), UUID.fromString(sms), UUID.fromString(call)) >= 3);
    // her questions stay, anonymised
    Map<UUID, Map<String, Object>> hers = byId(sql.rows("SELECT id, text, asker_name, phone, email, address, "
        + "callback_phone, notes, client_address, personal_erased_at FROM submissions WHERE id IN (?, ?, ?)",
        UUID.fromString(web), UUID.fromString(sms), UUID.fromString(call)));
    assertEquals(waterQuestion, hers.get(UUID.fromString(web)).get("text"));
    assertTrue(((String) hers.get(UUID.fromString(sms)).get("text")).startsWith(smsQuestion + ". Goi (đã xoá)"),
        hers.get(UUID.fromString(sms)).toString());
    assertEquals(callQuestion, hers.get(UUID.fromString(call)).get("text"));
    for (Map<String, Object> row : hers.values()) {
      for (String column : List.of("asker_name", "phone", "email", "address", "callback_phone", "notes",
          "client_address")) {
        assertNull(row.get(column), column + " of " + row);
      }
      assertNotNull(row.get("personal_erased_at"));
    }
    // the other citizen is untouched
    assertEquals(otherBefore, personal(otherWeb) + personal(otherCall));
    for (String his : List.of("Trần Văn Bình", "0987654321", "tranbinh.cantho@yahoo.com", "27.72.100.8",
        "02923812345", "Anh Bình làm ca đêm")) {
      assertTrue(otherBefore.contains(his), his + " in " + otherBefore);
    }

    // the erasure is logged, by whom and from where, without the number itself
    assertEquals(erasedEventsBefore + 1, sql.count("SELECT count(*) FROM events WHERE action = 'privacy.erased'"));
    Map<String, Object> event = sql.rows("SELECT actor, entity_type, entity_id, address, after::text AS after "
        + "FROM events WHERE action = 'privacy.erased' ORDER BY id DESC LIMIT 1").get(0);
    assertEquals("admin", event.get("actor"));
    assertEquals("14.241.120.5", event.get("address"));
    assertEquals(3, new JsonObject((String) event.get("after")).getInteger("submissions"));
    for (Map<String, Object> row : sql.rows("SELECT e::text AS t FROM events e")) {
      String text = (String) row.get("t");
      for (String trace : List.of("912345678", "2838221456", "vothuha", "Thu Hà", "tạp hoá")) {
        assertFalse(text.contains(trace), "the log holds '" + trace + "': " + text);
      }
    }

    // the questions can still be found without accents; not by her name any more
    assertEquals(List.of(web), queueIds(episode, "nuoc sach sinh hoat"));
    assertEquals(List.of(), queueIds(episode, "vo thi thu ha"));
    assertEquals(List.of(otherWeb), queueIds(episode, "dong ho nuoc"));
    assertEquals(List.of(otherWeb, otherCall), queueIds(episode, "tran van binh"));

    // asked again: nothing left to erase, and the request itself is still logged
    HttpResponse<Buffer> again = erase(new JsonObject().put("phone", "+84 912 345 678"), TestNode.ADMIN_TOKEN,
        "14.241.120.5");
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(0, again.bodyAsJsonObject().getInteger("erased"));
    assertEquals(erasedEventsBefore + 2, sql.count("SELECT count(*) FROM events WHERE action = 'privacy.erased'"));
  }

  @Test
  void erasureByEmailIgnoresCaseAndMatchesTheWholeAddress() {
    String episode = node.liveEpisode(null, null);
    String first = web(episode, "Lê Minh Khoa", "0935 111 222", "Khoa.LeMinh@Gmail.com",
        "Thủ tục chuyển mục đích sử dụng đất vườn sang đất ở mất bao lâu?", "42.116.8.21");
    String second = webWithoutPhone(episode, "Lê Minh Khoa", "khoa.leminh@gmail.com",
        "Phí trước bạ khi tách thửa là bao nhiêu?", "42.116.8.22");
    // a different address that merely starts alike belongs to someone else
    String other = web(episode, "Đặng Thị Mỹ Linh", "0939 808 707", "khoa.leminh.cu@gmail.com",
        "Xin hỏi về cấp đổi sổ đỏ bị rách", "42.116.9.30");
    String otherBefore = personal(other);

    HttpResponse<Buffer> r = erase(new JsonObject().put("email", "KHOA.LEMINH@GMAIL.COM"), TestNode.ADMIN_TOKEN,
        "14.241.120.5");

    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(2, r.bodyAsJsonObject().getInteger("erased"));
    for (Map<String, Object> row : sql.rows("SELECT s::text AS t FROM submissions s")) {
      String text = ((String) row.get("t")).toLowerCase(Locale.ROOT);
      for (String trace : List.of("khoa.leminh@gmail.com", "lê minh khoa", "le minh khoa", "935111222",
          "42.116.8.21", "42.116.8.22")) {
        assertFalse(text.contains(trace), "'" + trace + "' is still in " + text);
      }
    }
    assertEquals("Thủ tục chuyển mục đích sử dụng đất vườn sang đất ở mất bao lâu?", textOf(first));
    assertEquals("Phí trước bạ khi tách thửa là bao nhiêu?", textOf(second));
    assertEquals(otherBefore, personal(other));
    assertTrue(otherBefore.contains("khoa.leminh.cu@gmail.com") && otherBefore.contains("Đặng Thị Mỹ Linh"));
    for (Map<String, Object> row : sql.rows("SELECT e::text AS t FROM events e")) {
      assertFalse(((String) row.get("t")).toLowerCase(Locale.ROOT).contains("khoa.leminh@"),
          "the log holds the e-mail: " + row.get("t"));
    }
    Map<String, Object> event = sql.rows("SELECT actor, after::text AS after FROM events "
        + "WHERE action = 'privacy.erased' ORDER BY id DESC LIMIT 1").get(0);
    assertEquals("admin", event.get("actor"));
    assertEquals(2, new JsonObject((String) event.get("after")).getInteger("submissions"));
  }

  @Test
  void onlyTheCouncilOfficeMayEraseOrRunRetention() {
    String episode = node.liveEpisode(null, null);
    String id = web(episode, "Hồ Thị Xuân Mai", "0977 246 810", "xuanmai.ho@gmail.com",
        "Khi nào sửa xong cây cầu khỉ qua kênh Xáng?", "171.244.3.9");
    String before = personal(id);
    long events = sql.count("SELECT count(*) FROM events WHERE action LIKE 'privacy.%'");
    try (StaffSession editorSession = StaffSession.create(node, "btv.hoa", "Biên tập viên Nguyễn Thị Hoa",
        List.of("editor"), null, "14.241.120.30")) {
      JsonObject byPhone = new JsonObject().put("phone", "0977246810");
      assertError(erase(byPhone, editor, null), 403, "auth.forbidden");
      assertError(erase(byPhone, operator, null), 403, "auth.forbidden");
      assertError(erase(byPhone, node.token("agency"), null), 403, "auth.forbidden");
      assertError(erase(byPhone, node.token("studio"), null), 403, "auth.forbidden");
      assertError(erase(byPhone, null, null), 401, "auth.required");
      assertError(editorSession.postJson("/api/privacy/erase", byPhone), 403, "auth.forbidden");
      assertError(node.postJson("/api/privacy/retention/run", new JsonObject(), editor), 403, "auth.forbidden");
      assertError(node.postJson("/api/privacy/agency-grants", new JsonObject().put("agency", "Sở Y tế"), editor),
          403, "auth.forbidden");
    }
    assertEquals(before, personal(id), "nothing erased");
    assertTrue(before.contains("0977246810") && before.contains("Hồ Thị Xuân Mai"));
    assertEquals(events, sql.count("SELECT count(*) FROM events WHERE action LIKE 'privacy.%'"));
    assertEquals(0, sql.count("SELECT count(*) FROM agency_contact_grants"));
    // the admin may; and a request naming nobody is refused
    assertError(erase(new JsonObject(), TestNode.ADMIN_TOKEN, null), 400, "phone.required");
    HttpResponse<Buffer> ok = erase(new JsonObject().put("phone", "0977246810"), TestNode.ADMIN_TOKEN, null);
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    assertEquals(1, ok.bodyAsJsonObject().getInteger("erased"));
    assertFalse(rowText(id).contains("0977246810"));
  }

  // ---- retention ----

  @Test
  void retentionErasesEpisodesEndedLongerAgoThanTheConfiguredDaysOnly() {
    HttpResponse<Buffer> settings = node.get("/api/privacy/retention", TestNode.ADMIN_TOKEN);
    assertEquals(200, settings.statusCode(), settings.bodyAsString());
    assertEquals(30, settings.bodyAsJsonObject().getInteger("days"));

    String ended400 = pastEpisode("Dân hỏi – Bộ trưởng trả lời (năm ngoái)", 400, "8070");
    String ended100 = pastEpisode("Dân hỏi – Giám đốc Sở trả lời (ba tháng trước)", 100, "8071");
    String ended10 = pastEpisode("Dân hỏi – Chủ tịch xã trả lời (tuần trước)", 10, "8072");
    String lateIntake = pastEpisode("Dân hỏi – Hỏi tiếp sau chương trình", 400, "8074");
    String live = node.liveEpisode("8073", "SONG");

    List<String> old = new ArrayList<>();
    old.add(web(ended400, "Phan Văn Lợi", "0911 400 401", "phanloi@gmail.com",
        "Tiền đền bù giải toả đường tỉnh 830 bao giờ chi trả?", "113.160.40.1"));
    old.add(sms("0911400402", "8070", "Cầu Long Kim bao giờ khởi công?"));
    old.add(call(ended400, new JsonObject().put("callerName", "Lâm Thị Cúc").put("callerPhone", "0911400403")
        .put("locality", "Xã Long Hiệp").put("text", "Đèn đường ấp Chợ tắt cả tháng").put("readyForAir", true)
        .put("callbackPhone", "0272 3500 404").put("notes", "Bà Cúc nghe kém, nói chậm"), "10.20.0.16"));
    old.add(web(ended100, "Quách Văn Đạt", "0911 100 101", "quachdat@gmail.com",
        "Học phí trường mầm non công lập năm nay bao nhiêu?", "113.160.10.1"));
    old.add(call(ended100, new JsonObject().put("callerName", "Mạc Thị Duyên").put("callerPhone", "0911100102")
        .put("locality", "Xã Tân Bửu").put("text", "Trường học thiếu nhà vệ sinh").put("readyForAir", false)
        .put("notes", "Chị Duyên là giáo viên, xin giấu tên khi lên sóng"), "10.20.0.16"));
    String recent = web(ended10, "Tô Văn Hải", "0911 010 011", "tohai@gmail.com",
        "Lịch cắt điện tuần tới ở ấp 2?", "113.160.1.1");
    String late = web(lateIntake, "Diệp Thị Thắm", "0911 004 005", "diepthitham@gmail.com",
        "Hỏi thêm sau chương trình: hồ sơ tái định cư nộp ở đâu?", "113.160.4.1");
    String current = web(live, "Kha Thị Yến", "0911 000 001", "khayen@gmail.com",
        "Xin hỏi về chợ tạm trong lúc xây chợ mới", "113.160.0.1");
    // the shows ended 400, 100 and 10 days ago, the intake an hour after each; the questions came during
    for (String episode : List.of(ended400, ended100, ended10)) {
      sql.rows("UPDATE episodes SET intake_closes_at = starts_at + make_interval(mins => duration_minutes) "
          + "+ interval '1 hour' WHERE id = ?", UUID.fromString(episode));
      sql.rows("UPDATE submissions s SET received_at = e.starts_at + interval '20 minutes' FROM episodes e "
          + "WHERE e.id = s.episode_id AND e.id = ?", UUID.fromString(episode));
    }
    assertEquals(0, sql.count("SELECT count(*) FROM episodes WHERE id IN (?, ?, ?) AND intake_closes_at > now()",
        UUID.fromString(ended400), UUID.fromString(ended100), UUID.fromString(ended10)));
    // a show that ended 400 days ago whose intake stayed open for follow-up questions until a moment ago:
    // the 30 days run from the close of the intake, so a question sent just now is not erased
    sql.rows("UPDATE episodes SET intake_closes_at = now() - interval '1 second' WHERE id = ?",
        UUID.fromString(lateIntake));
    // what the live chats brought during the shows: an author's name and platform id with each comment
    for (String episode : List.of(ended400, ended10)) {
      UUID stream = UUID.randomUUID();
      sql.rows("INSERT INTO platform_streams (id, episode_id, platform, source_id, credential, created_by) "
          + "VALUES (?, ?, 'youtube', ?, 'AIzaSy-retention-test', 'admin')", stream, UUID.fromString(episode),
          "vid" + episode.substring(0, 8));
      sql.rows("INSERT INTO live_comments (id, stream_id, episode_id, platform, external_id, author_name, author_id, "
          + "text) VALUES (?, ?, ?, 'youtube', ?, 'Phan Văn Lợi', 'UCphanvanloi', 'Chào chương trình, xem từ Long Hiệp')",
          UUID.randomUUID(), stream, UUID.fromString(episode), "LCC." + episode);
    }
    String recentBefore = personal(recent);
    String lateBefore = personal(late);
    String currentBefore = personal(current);

    HttpResponse<Buffer> run = node.postJson("/api/privacy/retention/run", new JsonObject(), TestNode.ADMIN_TOKEN);

    assertEquals(200, run.statusCode(), run.bodyAsString());
    // the hourly job may have got there first: together they erased exactly the five old submissions
    long bySchedule = retentionCount("system:retention");
    assertEquals(old.size(), run.bodyAsJsonObject().getInteger("erased") + bySchedule, run.bodyAsString());
    assertEquals(old.size(), retentionCount(null));
    List<String> traces = List.of("Phan Văn Lợi", "0911400401", "phanloi", "113.160.40.1", "0911400402",
        "Lâm Thị Cúc", "0911400403", "02723500404", "nghe kém", "Quách Văn Đạt", "0911100101", "quachdat",
        "113.160.10.1", "Mạc Thị Duyên", "0911100102", "giấu tên");
    for (Map<String, Object> row : sql.rows("SELECT s::text AS t FROM submissions s")) {
      for (String trace : traces) {
        assertFalse(((String) row.get("t")).contains(trace), "'" + trace + "' is still in " + row.get("t"));
      }
    }
    assertEquals(0, sql.count("SELECT count(*) FROM live_comments WHERE episode_id = ?", UUID.fromString(ended400)));
    assertEquals(1, sql.count("SELECT count(*) FROM live_comments WHERE episode_id = ?", UUID.fromString(ended10)));
    Map<String, String> texts = new HashMap<>();
    for (String id : old) {
      Map<String, Object> row = sql.rows("SELECT text, personal_erased_at FROM submissions WHERE id = ?",
          UUID.fromString(id)).get(0);
      assertNotNull(row.get("personal_erased_at"));
      texts.put(id, (String) row.get("text"));
    }
    assertEquals("Tiền đền bù giải toả đường tỉnh 830 bao giờ chi trả?", texts.get(old.get(0)));
    assertEquals("Cầu Long Kim bao giờ khởi công?", texts.get(old.get(1)));
    assertEquals("Trường học thiếu nhà vệ sinh", texts.get(old.get(4)));
    // ten days ago is within the 30 days; a live episode is not over at all
    assertEquals(recentBefore, personal(recent));
    assertEquals(currentBefore, personal(current));
    assertEquals(lateBefore, personal(late));
    assertTrue(recentBefore.contains("0911010011") && currentBefore.contains("Kha Thị Yến")
        && lateBefore.contains("Diệp Thị Thắm"));
    Map<String, Object> event = sql.rows("SELECT after::text AS after FROM events WHERE action = 'privacy.retention' "
        + "ORDER BY id DESC LIMIT 1").get(0);
    assertEquals(30, new JsonObject((String) event.get("after")).getInteger("days"));

    HttpResponse<Buffer> again = node.postJson("/api/privacy/retention/run", new JsonObject(), TestNode.ADMIN_TOKEN);
    assertEquals(200, again.statusCode());
    assertEquals(0, again.bodyAsJsonObject().getInteger("erased"));
    assertEquals(recentBefore, personal(recent));
  }

  // ---- the audit log ----

  @Test
  void auditCsvParsesBackWithVietnameseIntactAndHoldsTheErasure() throws IOException {
    String title = "Đối thoại: Đất đai, nhà ở – Người dân hỏi, Chủ tịch UBND tỉnh trả lời";
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    HttpResponse<Buffer> created = node.postJson("/api/episodes", new JsonObject().put("title", title)
        .put("topic", "Cấp sổ đỏ, tranh chấp ranh đất, \"quy hoạch treo\"").put("startsAt", now.minusMinutes(5).toString())
        .put("durationMinutes", 90), TestNode.ADMIN_TOKEN);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String episode = created.bodyAsJsonObject().getString("id");
    web(episode, "Huỳnh Thị Ngọc Ánh", "0868 135 792", null, "Đất nông nghiệp xen kẹt trong khu dân cư có được "
        + "chuyển lên thổ cư không, giá bao nhiêu?", "116.108.7.7");
    HttpResponse<Buffer> erased = erase(new JsonObject().put("phone", "0868135792"), TestNode.ADMIN_TOKEN,
        "14.241.120.77");
    assertEquals(200, erased.statusCode(), erased.bodyAsString());

    assertEquals(403, node.get("/api/audit.csv", editor).statusCode());
    HttpResponse<Buffer> r = node.get("/api/audit.csv", TestNode.ADMIN_TOKEN);

    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("text/csv"), r.getHeader("Content-Type"));
    String body = r.body().toString(StandardCharsets.UTF_8);
    assertTrue(body.startsWith("\uFEFF"), "a BOM so Excel reads UTF-8");
    assertFalse(body.contains("868135792"), "the export never holds the erased number");
    List<CSVRecord> records;
    try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(body.substring(1)))) {
      assertEquals(List.of("id", "at", "actor", "action", "entity_type", "entity_id", "episode_id", "address",
          "before", "after"), parser.getHeaderNames());
      records = parser.getRecords();
    }
    assertEquals(sql.count("SELECT count(*) FROM events"), records.size(), "one row per event");
    CSVRecord episodeRow = records.stream().filter(c -> "episode.created".equals(c.get("action"))
        && episode.equals(c.get("entity_id"))).findFirst().orElseThrow(() -> new AssertionError(body));
    assertEquals(title, new JsonObject(episodeRow.get("after")).getString("title"));
    assertEquals(episode, episodeRow.get("episode_id"));
    List<CSVRecord> erasures = records.stream().filter(c -> "privacy.erased".equals(c.get("action"))
        && "14.241.120.77".equals(c.get("address"))).collect(Collectors.toList());
    assertEquals(1, erasures.size(), body);
    CSVRecord erasure = erasures.get(0);
    assertEquals("admin", erasure.get("actor"));
    assertEquals("person", erasure.get("entity_type"));
    assertEquals(1, new JsonObject(erasure.get("after")).getInteger("submissions"));
    assertFalse(erasure.get("entity_id").isBlank(), "a fingerprint of whom it concerned");
    OffsetDateTime at = OffsetDateTime.parse(erasure.get("at"));
    assertTrue(at.isAfter(now.minusMinutes(1)) && at.isBefore(OffsetDateTime.now().plusMinutes(1)), at.toString());
    long id = Long.parseLong(erasure.get("id"));
    assertEquals("privacy.erased", sql.rows("SELECT action FROM events WHERE id = ?", id).get(0).get("action"));
  }

  @Test
  void theEventLogRefusesUpdatesDeletesAndTruncation() {
    node.liveEpisode(null, null);
    long events = sql.count("SELECT count(*) FROM events");
    assertTrue(events > 0);
    String before = sql.rows("SELECT string_agg(e::text, '|' ORDER BY id) AS t FROM events e").get(0).get("t")
        .toString();

    AppendOnly.assertRefused(sql, "UPDATE events SET actor = 'kẻ xoá dấu vết', after = NULL");
    AppendOnly.assertRefused(sql, "DELETE FROM events WHERE action = 'episode.created'");
    AppendOnly.assertRefused(sql, "TRUNCATE events");

    assertEquals(events, sql.count("SELECT count(*) FROM events"));
    assertEquals(before, sql.rows("SELECT string_agg(e::text, '|' ORDER BY id) AS t FROM events e").get(0).get("t")
        .toString());
    // appending still works
    node.liveEpisode(null, null);
    assertEquals(events + 1, sql.count("SELECT count(*) FROM events"));
  }

  // ---- helpers ----

  private static long retentionCount(String actor) {
    long total = 0;
    for (Map<String, Object> row : sql.rows("SELECT actor, after::text AS after FROM events "
        + "WHERE action = 'privacy.retention'")) {
      if (actor == null || actor.equals(row.get("actor"))) {
        total += new JsonObject((String) row.get("after")).getInteger("submissions");
      }
    }
    return total;
  }

  /** An episode that went out {@code daysAgo} days ago and, for now, still takes questions. */
  private static String pastEpisode(String title, int daysAgo, String smsNumber) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    JsonObject body = new JsonObject().put("title", title).put("topic", "Dịch vụ công")
        .put("startsAt", now.minusDays(daysAgo).toString()).put("durationMinutes", 60)
        .put("intake", new JsonObject().put("opensAt", now.minusDays(daysAgo + 1).toString())
            .put("closesAt", now.plusMinutes(10).toString()).put("smsNumber", smsNumber));
    HttpResponse<Buffer> r = node.postJson("/api/episodes", body, TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private static List<String> queueIds(String episode, String q) {
    HttpResponse<Buffer> r = node.get("/api/episodes/" + episode + "/queue?q="
        + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20"), editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonArray items = r.bodyAsJsonObject().getJsonArray("items");
    List<String> ids = new ArrayList<>();
    items.forEach(i -> ids.add(((JsonObject) i).getString("id")));
    return ids;
  }

  private static String rowText(String id) {
    List<Map<String, Object>> rows = sql.rows("SELECT s::text AS t FROM submissions s WHERE id = ?",
        UUID.fromString(id));
    assertEquals(1, rows.size(), "the row of " + id + " is still there");
    return (String) rows.get(0).get("t");
  }

  /** Everything personal in the row, and what is derived from it (the relay may still mark it queued). */
  private static String personal(String id) {
    List<Map<String, Object>> rows = sql.rows("SELECT (asker_name, locality, phone, email, address, text, "
        + "callback_phone, notes, client_address, sms_to, search_text, personal_erased_at)::text AS t "
        + "FROM submissions WHERE id = ?", UUID.fromString(id));
    assertEquals(1, rows.size(), "the row of " + id + " is still there");
    return (String) rows.get(0).get("t");
  }

  private static String textOf(String id) {
    return (String) sql.rows("SELECT text FROM submissions WHERE id = ?", UUID.fromString(id)).get(0).get("text");
  }

  private static Map<UUID, Map<String, Object>> byId(List<Map<String, Object>> rows) {
    Map<UUID, Map<String, Object>> out = new HashMap<>();
    rows.forEach(r -> out.put((UUID) r.get("id"), r));
    return out;
  }

  private static MultiMap from(String address) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (address != null) {
      headers.add("X-Forwarded-For", address);
    }
    return headers;
  }

  private static HttpResponse<Buffer> erase(JsonObject body, String token, String address) {
    return node.post("/api/privacy/erase", Buffer.buffer(body.encode()), "application/json", token, from(address));
  }

  private static String web(String episode, String name, String phone, String email, String text, String address) {
    JsonObject q = new JsonObject().put("name", name).put("locality", "Xã Mỹ Yên, huyện Bến Lức").put("phone", phone)
        .put("text", text).put("consent", true);
    if (email != null) {
      q.put("email", email);
    }
    return submitWeb(episode, q, address);
  }

  private static String webWithoutPhone(String episode, String name, String email, String text, String address) {
    return submitWeb(episode, new JsonObject().put("name", name).put("locality", "Phường 3, TP Tân An")
        .put("email", email).put("text", text).put("consent", true), address);
  }

  private static String submitWeb(String episode, JsonObject q, String address) {
    HttpResponse<Buffer> r = node.post("/api/episodes/" + episode + "/questions", Buffer.buffer(q.encode()),
        "application/json", null, from(address));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private static String sms(String from, String to, String text) {
    byte[] body = new JsonObject().put("from", from).put("to", to).put("text", text)
        .put("messageId", "gw-" + UUID.randomUUID()).encode().getBytes(StandardCharsets.UTF_8);
    MultiMap headers = from("203.162.4.190");
    headers.add("X-Signature-256", SmsSignature.sign(TestNode.SMS_SECRET, body));
    HttpResponse<Buffer> r = node.post("/api/intake/sms", Buffer.buffer(body), "application/json", null, headers);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertNotNull(r.bodyAsJsonObject().getString("episodeId"), "routed: " + r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private static String call(String episode, JsonObject call, String address) {
    HttpResponse<Buffer> r = node.post("/api/episodes/" + episode + "/calls", Buffer.buffer(call.encode()),
        "application/json", operator, from(address));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals(code, r.bodyAsJsonObject().getJsonObject("error").getString("code"), r.bodyAsString());
  }
}
