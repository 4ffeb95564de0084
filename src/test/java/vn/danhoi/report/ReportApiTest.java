package vn.danhoi.report;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.extractor.XSSFExcelExtractor;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import vn.danhoi.document.ReadBack;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports against a known data set written into PostgreSQL: five episodes around the fourth quarter
 * of 2026 (one a dialogue, one at 00:30 on 1 October that a UTC count would put in September, one cancelled),
 * fifteen submissions, assignments answered on time, late, overdue, not yet due and sent back. Every figure is
 * checked in the JSON, then read back from the XLSX (POI) and the PDF (PDFBox); the charts parse as SVG.
 */
@ExtendWith(VertxExtension.class)
class ReportApiTest {

  /** Saturday 5/12/2026, 9:00 in Hậu Giang. */
  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-05T09:00:00+07:00");
  static final String TNMT = "Sở Tài nguyên và Môi trường";
  static final String GTVT = "Sở Giao thông vận tải";
  static final String MARKUP = "<script>alert(1)</script>";
  static final String PHONE = "0912345678";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().clock(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC));

  static TestNode node;
  static Sql sql;
  static String editor;
  static UUID november;
  static UUID program;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    editor = node.token("editor");

    UUID october = episode("Đất đai tháng 10", "2026-10-15T20:00:00+07:00", "live", "planned");
    november = episode("Giao thông tháng 11", "2026-11-20T20:00:00+07:00", "live", "planned");
    UUID dialogue = episode("Đối thoại xã Phước Lợi", "2026-11-25T08:00:00+07:00", "dialogue", "planned");
    UUID midnight = episode("Tọa đàm y tế", "2026-10-01T00:30:00+07:00", "live", "planned");
    UUID september = episode("Y tế tháng 9", "2026-09-30T23:00:00+07:00", "live", "planned");
    UUID cancelled = episode("Chương trình đã hủy", "2026-11-10T20:00:00+07:00", "live", "cancelled");

    UUID q1 = question(october, "web", "Nguyễn Văn An", "Xã Vị Thanh", "Đất đai", "answered", 3);
    UUID q2 = question(october, "sms", "Trần Thị Bình", "Xã Vị Thanh", "Đất đai", "received", 1);
    UUID q3 = question(october, "hotline", "Lê Văn Cường", "Phường 5", "Đất đai", "received", 1);
    UUID q4 = question(october, "web", "Phạm Thị Dung", "Phường 5", null, "merged", 1);
    sql.rows("UPDATE submissions SET merged_into = ? WHERE id = ?", q1, q4);
    question(october, "web", "Hồ Văn Em", "Phường 5", "Đất đai", "rejected", 1);
    UUID q6 = question(november, "web", "Võ Thị Giang", "Xã Phước Lợi", "Giao thông", "received", 1);
    UUID q7 = question(november, "email", "Đặng Văn Hải", "Xã Phước Lợi", "Giao thông", "received", 1);
    UUID q8 = question(november, "sms", null, null, "Giao thông", "received", 1);
    question(november, "hotline", "Bùi Thị Lan", "Xã Phước Lợi", "Giao thông", "answered", 1);
    question(dialogue, "form", "Ngô Văn Minh", "Xã Phước Lợi", "Giao thông", "answered", 1);
    // typed another way: counted with "Xã Phước Lợi"
    question(dialogue, "form", "Dương Thị Nga", " xã  Phước Lợi", "Đất đai", "received", 1);
    question(midnight, "web", "Lý Văn Phúc", MARKUP, MARKUP, "received", 1);
    question(september, "web", "Mai Thị Quyên", "Phường 5", "Y tế", "answered", 1);
    question(cancelled, "web", "Tạ Văn Sơn", "Phường 5", "Y tế", "received", 1);

    // q2 on time (10 days), q3 late (25 days), both approved; only q2 published
    answer(assign(q2, october, TNMT, "2026-10-16T09:00:00+07:00", "2026-11-06T23:59:59+07:00", "approved"), q2,
        "2026-10-26T09:00:00+07:00", "approved", true);
    answer(assign(q3, october, TNMT, "2026-10-16T09:00:00+07:00", "2026-11-06T23:59:59+07:00", "approved"), q3,
        "2026-11-10T09:00:00+07:00", "approved", false);
    // q6 answered but not yet approved and past its deadline; q7 not due yet
    answer(assign(q6, november, GTVT, "2026-11-21T09:00:00+07:00", "2026-11-30T23:59:59+07:00", "answered"), q6,
        "2026-12-01T09:00:00+07:00", "pending", false);
    assign(q7, november, GTVT, "2026-11-21T09:00:00+07:00", "2026-12-12T23:59:59+07:00", "assigned");
    // q8 sent back by TNMT, then answered in 2 days by GTVT
    assign(q8, november, TNMT, "2026-11-21T09:00:00+07:00", "2026-12-12T23:59:59+07:00", "sent_back");
    answer(assign(q8, november, GTVT, "2026-11-22T09:00:00+07:00", "2026-12-12T23:59:59+07:00", "approved"), q8,
        "2026-11-24T09:00:00+07:00", "approved", false);

    // January 2027: one program's episode, and one outside it; each route by which a question gets a field
    program = UUID.randomUUID();
    sql.rows("INSERT INTO programs (id, name, parent_body, issuing_body, place) VALUES (?, 'Dân hỏi – Chính quyền "
        + "trả lời', 'Hội đồng nhân dân tỉnh Hậu Giang', 'Thường trực HĐND tỉnh Hậu Giang', 'Hậu Giang')", program);
    UUID january = episode("Dân hỏi tháng 1", "2027-01-14T20:00:00+07:00", "live", "planned");
    sql.rows("UPDATE episodes SET program_id = ? WHERE id = ?", program, january);
    UUID outside = episode("Ngoài chương trình", "2027-01-20T20:00:00+07:00", "live", "planned");
    question(outside, "web", "Cao Văn Tài", "Phường 5", "Đất đai", "received", 1);
    // categorised by the editors
    question(january, "web", "Lâm Thị Hoa", "Phường 5", "Đất đai", "received", 1);
    // suggested at intake and taken: its agency is the suggested one; assigned Monday, answered Wednesday
    UUID suggested = question(january, "sms", "Kiều Văn Tú", "Phường 5", null, "received", 1);
    sql.rows("UPDATE submissions SET suggested_field = 'Giao thông', suggested_agency = ?, agency = ? WHERE id = ?",
        GTVT, GTVT, suggested);
    answer(assign(suggested, january, GTVT, "2027-01-18T09:00:00+07:00", "2027-02-05T23:59:59+07:00", "approved"),
        suggested, "2027-01-20T09:00:00+07:00", "approved", false);
    // suggested, but the editors gave it to another agency: the suggestion does not count
    UUID declined = question(january, "web", "Hà Thị Mai", "Phường 5", null, "received", 1);
    sql.rows("UPDATE submissions SET suggested_field = 'Y tế', suggested_agency = 'Sở Y tế', agency = ? WHERE id = ?",
        TNMT, declined);
    // assigned by field in the follow-up (the field travels in the assignment's event); answered a week later,
    // five working days
    UUID byField = question(january, "web", "Đỗ Văn Khoa", "Phường 5", null, "received", 1);
    UUID assignment = assign(byField, january, TNMT, "2027-01-18T09:00:00+07:00", "2027-02-05T23:59:59+07:00",
        "approved");
    sql.rows("INSERT INTO events (actor, action, entity_type, entity_id, episode_id, after) VALUES ('kiem-thu', "
        + "'item.assigned', 'submission', ?, ?, ?::jsonb)", byField.toString(), january,
        new JsonObject().put("assignment", assignment.toString()).put("byField", "Đất đai").encode());
    answer(assignment, byField, "2027-01-25T09:00:00+07:00", "approved", false);
  }

  static UUID episode(String title, String startsAt, String kind, String status) {
    UUID id = UUID.randomUUID();
    OffsetDateTime at = OffsetDateTime.parse(startsAt);
    sql.rows("INSERT INTO episodes (id, title, starts_at, duration_minutes, intake_opens_at, intake_closes_at, kind, "
        + "status) VALUES (?, ?, ?, 90, ?, ?, ?, ?)", id, title, at, at.minusDays(15), at.plusMinutes(90), kind, status);
    return id;
  }

  static UUID question(UUID episode, String channel, String asker, String locality, String field, String status,
                       int askers) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO submissions (id, episode_id, channel, asker_name, locality, phone, address, text, consent, "
            + "consent_basis, status, field, asker_count) VALUES (?, ?, ?, ?, ?, ?, 'Số 7 đường Hòa Bình', ?, true, "
            + "'consent-v1', ?, ?, ?)", id, episode, channel, asker, locality, PHONE,
        "Câu hỏi qua " + channel + " về " + (field == null ? "việc khác" : field),
        status, field, askers);
    return id;
  }

  static UUID assign(UUID submission, UUID episode, String agency, String assignedAt, String due, String status) {
    UUID id = UUID.randomUUID();
    OffsetDateTime dueAt = OffsetDateTime.parse(due);
    sql.rows("INSERT INTO assignments (id, submission_id, episode_id, agency, due_at, escalate_at, status, assigned_by, "
            + "assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'kiem-thu', ?)", id, submission, episode, agency, dueAt,
        dueAt.plusDays(7), status, OffsetDateTime.parse(assignedAt));
    return id;
  }

  static void answer(UUID assignment, UUID submission, String answeredAt, String review, boolean published) {
    OffsetDateTime at = OffsetDateTime.parse(answeredAt);
    sql.rows("INSERT INTO answers (id, assignment_id, submission_id, text, answered_by, answered_at, review, "
            + "published_at) VALUES (?, ?, ?, 'Trả lời của cơ quan', 'staff:can-bo', ?, ?, ?)", UUID.randomUUID(),
        assignment, submission, at, review, published ? at.plusDays(1) : null);
  }

  static JsonObject figures(String query) {
    HttpResponse<Buffer> r = node.get("/api/reports?" + query, editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static Map<String, JsonObject> byKey(JsonArray rows, String key) {
    Map<String, JsonObject> out = new HashMap<>();
    rows.forEach(o -> out.put(((JsonObject) o).getString(key), (JsonObject) o));
    return out;
  }

  static void row(JsonObject row, long questions, long onAir, long after, long pending) {
    assertEquals(questions, row.getLong("questions"), row.encode());
    assertEquals(onAir, row.getLong("onAir"), row.encode());
    assertEquals(after, row.getLong("after"), row.encode());
    assertEquals(pending, row.getLong("pending"), row.encode());
  }

  @Test
  void aReportQuotesTheQuestionWithoutTheNumberOrAddressTypedIntoIt() {
    Map<String, Object> quyen = sql.rows("SELECT id, episode_id FROM submissions WHERE asker_name = 'Mai Thị Quyên'")
        .get(0);
    // the text only: the counts the other tests read stay as they are
    sql.rows("UPDATE submissions SET text = text || ' Gọi lại 0912 345 678 hoặc quyen.mai@example.vn' WHERE id = ?",
        quyen.get("id"));
    String report = figures("episode=" + quyen.get("episode_id")).getJsonObject("questions").encode();
    assertTrue(report.contains("Gọi lại *** hoặc ***"), report);
    assertFalse(report.contains("0912") || report.contains("quyen.mai") || report.contains("Mai Thị"), report);
  }

  @Test
  void theQuarterAddsUpByChannelFieldLocalityAndAgency() {
    JsonObject r = figures("period=2026-Q4");
    assertEquals("Quý IV/2026", r.getJsonObject("scope").getString("title"));
    assertEquals("2026-12-31", r.getJsonObject("scope").getString("to"));
    // the 00:30 show of 1 October is in the quarter; September's and the cancelled one are not
    assertEquals(4, r.getJsonArray("episodes").size());
    JsonObject t = r.getJsonObject("totals");
    assertEquals(12, t.getLong("received"));
    assertEquals(1, t.getLong("merged"));
    assertEquals(1, t.getLong("rejected"));
    assertEquals(10, t.getLong("questions"));
    assertEquals(12, t.getLong("askers"));
    assertEquals(3, t.getLong("onAir"));
    assertEquals(3, t.getLong("after"));
    assertEquals(1, t.getLong("published"));
    assertEquals(4, t.getLong("pending"));
    assertEquals(10.0, t.getDouble("medianDaysToAnswer"));

    JsonObject by = r.getJsonObject("by");
    Map<String, JsonObject> channel = byKey(by.getJsonArray("channel"), "key");
    assertEquals(5, channel.size());
    row(channel.get("web"), 3, 1, 0, 2);
    row(channel.get("sms"), 2, 0, 2, 0);
    row(channel.get("hotline"), 2, 1, 1, 0);
    row(channel.get("email"), 1, 0, 0, 1);
    row(channel.get("form"), 2, 1, 0, 1);
    assertEquals("Đường dây nóng", channel.get("hotline").getString("label"));
    assertEquals(5, channel.get("web").getLong("askers"));

    Map<String, JsonObject> field = byKey(by.getJsonArray("field"), "key");
    row(field.get("Đất đai"), 4, 1, 2, 1);
    row(field.get("Giao thông"), 5, 2, 1, 2);
    row(field.get(MARKUP), 1, 0, 0, 1);

    Map<String, JsonObject> locality = byKey(by.getJsonArray("locality"), "key");
    row(locality.get("Xã Vị Thanh"), 2, 1, 1, 0);
    row(locality.get("Phường 5"), 1, 0, 1, 0);
    row(locality.get("Xã Phước Lợi"), 5, 2, 0, 3);
    // markup and nothing at all are no place: one row, last
    row(locality.get(null), 2, 0, 1, 1);
    assertEquals("Không rõ địa bàn", locality.get(null).getString("label"));
    assertEquals(4, by.getJsonArray("locality").size());
    assertNull(by.getJsonArray("locality").getJsonObject(3).getString("key"));
    // no province was typed in this quarter
    row(by.getJsonArray("province").getJsonObject(0), 10, 3, 3, 4);
    assertEquals(1, by.getJsonArray("province").size());

    Map<String, JsonObject> agency = byKey(by.getJsonArray("agency"), "key");
    row(agency.get(TNMT), 2, 0, 2, 0);
    row(agency.get(GTVT), 3, 0, 1, 2);
    row(agency.get(null), 5, 3, 0, 2);

    Map<String, JsonObject> timely = byKey(r.getJsonArray("agencies"), "agency");
    JsonObject tnmt = timely.get(TNMT);
    assertEquals(new JsonObject().put("agency", TNMT).put("assigned", 2L).put("onTime", 1L).put("late", 1L)
        .put("overdue", 0L).put("notDue", 0L).put("sentBack", 1L).put("medianDays", 17.5)
        .put("medianWorkingDays", 11.5), tnmt);
    assertEquals(new JsonObject().put("agency", GTVT).put("assigned", 3L).put("onTime", 1L).put("late", 0L)
        .put("overdue", 1L).put("notDue", 1L).put("sentBack", 0L).put("medianDays", 2.0)
        .put("medianWorkingDays", 2.0), timely.get(GTVT));
    JsonObject all = r.getJsonObject("allAgencies");
    assertEquals(5, all.getLong("assigned"));
    assertEquals(2, all.getLong("onTime"));
    assertEquals(1, all.getLong("late"));
    assertEquals(1, all.getLong("overdue"));
    assertEquals(1, all.getLong("notDue"));
    assertEquals(1, all.getLong("sentBack"));

    JsonArray questions = r.getJsonObject("questions").getJsonArray("items");
    assertEquals(10, questions.size());
    Map<String, JsonObject> byAsker = byKey(questions, "asker");
    assertEquals("after", byAsker.get("Cường").getString("outcome"));
    assertTrue(byAsker.get("Cường").getBoolean("late"));
    assertEquals("2026-11-10T09:00:00+07:00", byAsker.get("Cường").getString("answeredAt"));
    assertEquals("on_air", byAsker.get("An").getString("outcome"));
    assertEquals("pending", byAsker.get("Giang").getString("outcome"));
    // every chart comes drawn in both languages, the data escaped
    JsonObject charts = r.getJsonObject("charts");
    assertTrue(charts.getJsonObject("vi").getString("field").contains("&lt;script&gt;"));
    assertFalse(charts.getJsonObject("vi").getString("field").contains("<script"));
    assertTrue(charts.getJsonObject("vi").getString("province").contains("Không rõ địa bàn"));
    assertTrue(charts.getJsonObject("en").getString("timeliness").contains("On time"));
    assertTrue(charts.getJsonObject("vi").getString("channel").contains("Đường dây nóng"));
    // given names only, never a full name, phone or address
    String body = r.encode();
    assertFalse(body.contains(PHONE));
    assertFalse(body.contains("Hòa Bình"));
    assertFalse(body.contains("Nguyễn Văn An"));
  }

  @Test
  void monthsYearsAndOneEpisodeCountTheirOwnEpisodes() {
    JsonObject october = figures("period=2026-10");
    assertEquals("Tháng 10/2026", october.getJsonObject("scope").getString("title"));
    assertEquals(4, october.getJsonObject("totals").getLong("questions"));
    assertEquals(6, october.getJsonObject("totals").getLong("received"));
    JsonObject novemberMonth = figures("period=2026-11").getJsonObject("totals");
    assertEquals(6, novemberMonth.getLong("questions"));
    assertEquals(2, novemberMonth.getLong("onAir"));
    JsonObject q3 = figures("period=2026-Q3").getJsonObject("totals");
    assertEquals(1, q3.getLong("questions"));
    assertEquals(1, q3.getLong("onAir"));
    assertEquals(11, figures("period=2026").getJsonObject("totals").getLong("questions"));
    JsonObject empty = figures("period=2025-Q1");
    assertEquals(0, empty.getJsonObject("totals").getLong("questions"));
    assertNull(empty.getJsonObject("totals").getDouble("medianDaysToAnswer"));

    JsonObject episode = figures("episode=" + november);
    assertEquals("Giao thông tháng 11", episode.getJsonObject("scope").getString("title"));
    JsonObject t = episode.getJsonObject("totals");
    assertEquals(4, t.getLong("questions"));
    assertEquals(1, t.getLong("onAir"));
    assertEquals(1, t.getLong("after"));
    assertEquals(2, t.getLong("pending"));
    assertEquals(2.0, t.getDouble("medianDaysToAnswer"));
  }

  @Test
  void localitiesTypedManyWaysAreCountedByCommuneAndByProvinceAsTheyStandSince2025() throws Exception {
    UUID ward = episode("Đối thoại với cử tri phường Bến Nghé", "2024-03-10T08:00:00+07:00", "dialogue", "planned");
    for (String typed : new String[] {"P Ben Nghe, Q1, TPHCM", "Phường Bến Nghé, TP. Hồ Chí Minh",
        Normalizer.normalize("Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh", Normalizer.Form.NFD),
        "phuong ben nghe quan 1 tp ho chi minh", "Xã Phước Lợi, huyện Bến Lức, tỉnh Long An",
        "x. phuoc loi h. ben luc t. long an", "Xã Tân Phú, Tây Ninh", "Phường Dĩ An, TX Dĩ An, Bình Dương",
        "ở gần chợ", null}) {
      question(ward, "form", "Người hỏi", typed, "Đất đai", "received", 1);
    }
    JsonObject by = figures("episode=" + ward).getJsonObject("by");
    JsonArray communes = by.getJsonArray("locality");
    assertEquals(List.of("Phường Bến Nghé, Thành phố Hồ Chí Minh", "Xã Phước Lợi, Tỉnh Tây Ninh",
        "Phường Dĩ An, Thành phố Hồ Chí Minh", "Xã Tân Phú, Tỉnh Tây Ninh", "Không rõ địa bàn"),
        communes.stream().map(o -> ((JsonObject) o).getString("label")).toList());
    assertEquals(List.of(4L, 2L, 1L, 1L, 2L), communes.stream().map(o -> ((JsonObject) o).getLong("questions")).toList());
    JsonArray provinces = by.getJsonArray("province");
    assertEquals(List.of("Thành phố Hồ Chí Minh", "Tỉnh Tây Ninh", "Không rõ địa bàn"),
        provinces.stream().map(o -> ((JsonObject) o).getString("label")).toList());
    assertEquals(List.of(5L, 3L, 2L), provinces.stream().map(o -> ((JsonObject) o).getLong("questions")).toList());

    // the same rows in the workbook and the report's document
    HttpResponse<Buffer> sheet = node.get("/api/reports.xlsx?episode=" + ward, editor);
    assertEquals(200, sheet.statusCode(), sheet.bodyAsString());
    try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(sheet.body().getBytes()))) {
      assertEquals(5.0, find(book.getSheet("Theo tỉnh, thành phố"), "Thành phố Hồ Chí Minh").getCell(1)
          .getNumericCellValue());
      assertEquals(4.0, find(book.getSheet("Theo xã, phường, đặc khu"), "Phường Bến Nghé, Thành phố Hồ Chí Minh")
          .getCell(1).getNumericCellValue());
      assertEquals(2.0, find(book.getSheet("Theo xã, phường, đặc khu"), "Không rõ địa bàn").getCell(1)
          .getNumericCellValue());
    }
    HttpResponse<Buffer> pdf = node.get("/api/reports.pdf?episode=" + ward, editor);
    assertEquals(200, pdf.statusCode(), pdf.bodyAsString());
    String text;
    try (PDDocument doc = Loader.loadPDF(pdf.body().getBytes())) {
      text = ReadBack.flat(Normalizer.normalize(new PDFTextStripper().getText(doc), Normalizer.Form.NFC));
    }
    assertTrue(text.contains("Theo tỉnh, thành phố"), text);
    assertTrue(text.contains("Tỉnh Tây Ninh 3"), text);
    assertFalse(text.contains("Long An 1"), text);
  }

  @Test
  void theWorkbookCarriesTheSameFigures() throws Exception {
    HttpResponse<Buffer> r = node.get("/api/reports.xlsx?period=2026-Q4", editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Disposition").contains("bao-cao-2026-Q4.xlsx"));
    try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body().getBytes()))) {
      Map<String, Object> summary = sheet(book.getSheet("Tổng hợp"));
      assertEquals(10.0, summary.get("Số câu hỏi"));
      assertEquals(3.0, summary.get("Trả lời tại chương trình"));
      assertEquals(3.0, summary.get("Trả lời sau chương trình"));
      assertEquals(4.0, summary.get("Chưa trả lời"));
      assertEquals(10.0, summary.get("Trung vị số ngày cơ quan trả lời"));
      Row sms = find(book.getSheet("Theo kênh"), "SMS");
      assertEquals(2.0, sms.getCell(1).getNumericCellValue());
      assertEquals(2.0, sms.getCell(4).getNumericCellValue());
      Row land = find(book.getSheet("Theo lĩnh vực"), "Đất đai");
      assertEquals(4.0, land.getCell(1).getNumericCellValue());
      Row tnmt = find(book.getSheet("Đúng hạn - trễ hạn"), TNMT);
      double[] expected = {2, 1, 1, 0, 0, 1, 17.5};
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], tnmt.getCell(i + 1).getNumericCellValue(), "column " + (i + 1));
      }
      assertEquals(11, book.getSheet("Câu hỏi").getPhysicalNumberOfRows());
      String all = new XSSFExcelExtractor((XSSFWorkbook) book).getText();
      assertFalse(all.contains(PHONE));
      assertFalse(all.contains("Hòa Bình"));
    }
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'report.exported' AND entity_id = '2026-Q4' "
        + "AND after->>'format' = 'xlsx' AND actor LIKE 'token:%'"));
  }

  @Test
  void thePdfReadsBackWithTheFiguresAndTheDiacritics() throws Exception {
    HttpResponse<Buffer> r = node.get("/api/reports.pdf?period=2026-Q4", editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("application/pdf", r.getHeader("Content-Type"));
    // kept for a look at the layout, as the browser tests keep their screenshots
    Files.createDirectories(Path.of("target", "reports"));
    Files.write(Path.of("target", "reports", "bao-cao-2026-Q4.pdf"), r.body().getBytes());
    String lines;
    try (PDDocument pdf = Loader.loadPDF(r.body().getBytes())) {
      lines = Normalizer.normalize(new PDFTextStripper().getText(pdf), Normalizer.Form.NFC);
    }
    // every date whole on its line, however narrow its column
    assertFalse(lines.matches("(?s).*\\b\\d{1,2}/\\d{1,2}/\\d{0,3}\\R.*"), lines);
    assertTrue(lines.contains("\n26/10/2026\n"), lines);
    String text = ReadBack.flat(lines);
    // episodes of no program: the council's standing committee reports
    assertTrue(text.matches("(?s).*Số: \\d{2}/BC-HĐND\\s.*"), text);
    assertTrue(text.contains("BÁO CÁO Kết quả tiếp nhận và trả lời câu hỏi của Nhân dân quý IV/2026"), text);
    assertTrue(text.contains("Số câu hỏi 10"), text);
    assertTrue(text.contains("Trả lời sau chương trình 3"), text);
    // working days from assignment to the approved answer: TNMT 6 and 17, GTVT 2
    assertTrue(text.contains("Trung vị số ngày làm việc cơ quan trả lời 6,0"), text);
    assertTrue(text.contains("Tất cả cơ quan 5 2 1 1 1 1 6,0"), text);
    assertTrue(text.contains("2 1 1 0 0 1 11,5"), text);
    assertTrue(text.contains("Câu hỏi qua hotline về Đất đai"), text);
    assertFalse(text.contains(PHONE));
    assertTrue(text.contains("Trả lời sau chương trình 26/10/2026"), text);
  }

  @Test
  void oneProgramsReportIsABaoCaoInTheDecreesLayoutNumberedInTurn() throws Exception {
    String query = "period=2027-01&program=" + program + "&signerAuthority=KT.%20CH%E1%BB%A6%20T%E1%BB%8ACH"
        + "&signerTitle=PH%C3%93%20CH%E1%BB%A6%20T%E1%BB%8ACH&signerName=Tr%E1%BA%A7n%20V%C4%83n%20B%C3%ACnh";
    HttpResponse<Buffer> r = node.get("/api/reports.pdf?" + query, editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    Files.createDirectories(Path.of("target", "reports"));
    Files.write(Path.of("target", "reports", "bao-cao-chuong-trinh-2027-01.pdf"), r.body().getBytes());
    ReadBack.Expected expected = new ReadBack.Expected("HỘI ĐỒNG NHÂN DÂN TỈNH HẬU GIANG",
        "THƯỜNG TRỰC HĐND TỈNH HẬU GIANG", "Số: 01/BC-HĐND", "Hậu Giang, ngày 05 tháng 12 năm 2026", "BÁO CÁO",
        "Kết quả tiếp nhận và trả lời câu hỏi của Nhân dân tháng 1/2027",
        List.of("Thường trực HĐND tỉnh Hậu Giang báo cáo kết quả tiếp nhận và trả lời câu hỏi của Nhân dân tháng "
                + "1/2027 (1 chương trình) như sau:", "I. Kết quả tiếp nhận và trả lời",
            "II. Câu hỏi theo kênh, lĩnh vực, địa bàn và cơ quan trả lời", "III. Sự phối hợp của các cơ quan trả lời",
            "IV. Danh sách câu hỏi", "Thường trực HĐND tỉnh Hậu Giang kính báo cáo./."),
        "- Lưu: VT.", List.of("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "Trần Văn Bình");
    String text = ReadBack.pdf(r.body().getBytes(), expected);
    // only the program's episode: four questions, the one outside left out
    assertTrue(text.contains("Số câu hỏi 4"), text);
    assertFalse(text.contains("Ngoài chương trình"), text);
    assertTrue(text.contains("Trung vị số ngày làm việc cơ quan trả lời 3,5"), text);
    assertTrue(text.contains("Trả lời sau chương trình 20/01/2027"), text);
    assertTrue(text.contains("Trả lời sau chương trình 25/01/2027"), text);

    // the same in Word, with the next number of the issuer's year
    HttpResponse<Buffer> docx = node.get("/api/reports.docx?" + query, editor);
    assertEquals(200, docx.statusCode(), docx.bodyAsString());
    ReadBack.docx(docx.body().getBytes(), new ReadBack.Expected(expected.parentBody(), expected.issuer(),
        "Số: 02/BC-HĐND", expected.placeAndDate(), expected.type(), expected.summary(), expected.body(),
        expected.lastRecipient(), expected.signature(), expected.signerName()));
    assertEquals(2, sql.count("SELECT count(*) FROM events WHERE action = 'report.exported' AND after->>'program' = '"
        + program + "' AND after->>'symbol' LIKE '0_/BC-HĐND'"));
  }

  @Test
  void aQuestionHasItsFieldByAnyRouteAndTheMedianIsInWorkingDays() {
    JsonObject r = figures("period=2027-01&program=" + program);
    Map<String, JsonObject> fields = byKey(r.getJsonObject("by").getJsonArray("field"), "label");
    assertEquals(2, fields.get("Đất đai").getLong("questions"), fields.toString());
    assertEquals(1, fields.get("Giao thông").getLong("questions"), fields.toString());
    assertEquals(1, fields.get("(chưa xác định)").getLong("questions"), fields.toString());
    assertNull(fields.get("Y tế"));
    JsonObject totals = r.getJsonObject("totals");
    assertEquals(4, totals.getLong("questions"));
    // 2 and 7 calendar days; 2 and 5 working days
    assertEquals(4.5, totals.getDouble("medianDaysToAnswer"));
    assertEquals(3.5, totals.getDouble("medianWorkingDaysToAnswer"));
    // without the program, the month holds the episode outside it too
    JsonObject month = figures("period=2027-01");
    assertEquals(3, byKey(month.getJsonObject("by").getJsonArray("field"), "label").get("Đất đai")
        .getLong("questions"));
  }

  @Test
  void chartsAreWellFormedSvgWithTheDataEscaped() throws Exception {
    for (String by : new String[] {"channel", "field", "locality", "province", "agency", "timeliness"}) {
      HttpResponse<Buffer> r = node.get("/api/reports/chart.svg?period=2026-Q4&by=" + by, editor);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      assertTrue(r.getHeader("Content-Type").startsWith("image/svg+xml"));
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document svg = factory.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes()));
      assertEquals("svg", svg.getDocumentElement().getTagName());
      assertFalse(r.bodyAsString().contains("<script"), by);
    }
    String field = node.get("/api/reports/chart.svg?period=2026-Q4&by=field", editor).bodyAsString();
    assertTrue(field.contains("&lt;script&gt;"), field);
    String locality = node.get("/api/reports/chart.svg?period=2026-Q4&by=locality", editor).bodyAsString();
    assertTrue(locality.contains(">Xã Phước Lợi</text>"), locality);
    String english = node.get("/api/reports/chart.svg?period=2026-Q4&by=timeliness&lang=en", editor).bodyAsString();
    assertTrue(english.contains("On time"), english);
  }

  @Test
  void badScopesAreFourHundredsNamingTheField() {
    for (String[] c : new String[][] {{"period=2026-13", "period"}, {"period=2026-Q5", "period"},
        {"period=1999", "period"}, {"period=q4", "period"}, {"", "period"},
        {"period=2026&episode=" + november, "period"}, {"episode=khong-phai-ma", "episode"},
        {"period=2026&program=khong-phai-ma", "program"}, {"episode=" + november + "&program=" + program,
        "program"}}) {
      HttpResponse<Buffer> r = node.get("/api/reports?" + c[0], editor);
      assertEquals(400, r.statusCode(), c[0] + " " + r.bodyAsString());
      assertEquals(c[1], r.bodyAsJsonObject().getJsonObject("error").getString("field"), r.bodyAsString());
    }
    HttpResponse<Buffer> chart = node.get("/api/reports/chart.svg?period=2026&by=pie", editor);
    assertEquals(400, chart.statusCode());
    assertEquals("by", chart.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(404, node.get("/api/reports?episode=" + UUID.randomUUID(), editor).statusCode());
  }

  @Test
  void onlyEditorsAndAdminsReadReports() {
    for (String path : new String[] {"/api/reports?period=2026", "/api/reports.xlsx?period=2026",
        "/api/reports.pdf?period=2026", "/api/reports.docx?period=2026",
        "/api/reports/chart.svg?period=2026&by=field"}) {
      assertEquals(401, node.get(path, null).statusCode(), path);
      for (String role : new String[] {"agency", "operator", "studio"}) {
        assertEquals(403, node.get(path, node.token(role)).statusCode(), path + " " + role);
      }
      assertEquals(200, node.get(path, node.token("admin")).statusCode(), path);
    }
  }

  /** Label in column A, number in column B. */
  static Map<String, Object> sheet(Sheet s) {
    Map<String, Object> out = new HashMap<>();
    for (Row row : s) {
      if (row.getCell(0) != null && row.getCell(1) != null) {
        out.put(row.getCell(0).getStringCellValue(), switch (row.getCell(1).getCellType()) {
          case NUMERIC -> row.getCell(1).getNumericCellValue();
          default -> row.getCell(1).getStringCellValue();
        });
      }
    }
    return out;
  }

  static Row find(Sheet s, String first) {
    for (Row row : s) {
      if (row.getCell(0) != null && first.equals(row.getCell(0).getStringCellValue())) {
        return row;
      }
    }
    throw new AssertionError("no row " + first + " in " + s.getSheetName());
  }
}
