package vn.danhoi.conclusion;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.document.ReadBack;
import vn.danhoi.support.AfterShow;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conclusion notice: drafted from a known episode, numbered per issuer, type and year, edited, exported
 * as DOCX and PDF read back with POI and PDFBox in the layout of Decree 30/2020/ND-CP (diacritics intact),
 * and its items followed up until closed, with events.
 */
@ExtendWith(VertxExtension.class)
class ConclusionApiTest {

  /** Friday 22/5/2026, 9:00 in Hậu Giang: the day after the show. */
  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-05-22T09:00:00+07:00");
  static final OffsetDateTime SHOW = OffsetDateTime.parse("2026-05-21T20:00:00+07:00");

  static final String TRAINING = "Thanh niên nông thôn học nghề có được hỗ trợ học phí không?";
  static final String LABOUR = "Xuất khẩu lao động sang Nhật Bản cần điều kiện gì?";
  static final String LAND = "Bồi thường giải phóng mặt bằng khu công nghiệp Sông Hậu khi nào chi trả?";
  static final String JOBS = "Khu công nghiệp có tuyển lao động phổ thông không?";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().clock(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC));

  static final Map<String, String> PROVINCES = Map.of("a", "Hậu Giang", "b", "Sóc Trăng", "c", "Bạc Liêu",
      "d", "Cà Mau", "k", "Kiên Giang");

  static TestNode node;
  static Sql sql;
  static AfterShow data;
  static String editor;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    data = new AfterShow(sql);
    editor = node.token("editor");
  }

  /**
   * The known data set: two questions on jobs (one answered on air, one asked by two people and assigned),
   * one on land assigned with a deadline already past, one not assigned yet, one complaint rejected.
   */
  static UUID episode(String tag) {
    // a province per test, so each notice is its issuer's first of the year
    String province = PROVINCES.get(tag);
    UUID program = data.program("Lắng nghe và Trao đổi " + tag, "Thường trực HĐND tỉnh " + province, province);
    UUID e = data.episode(program, "Việc làm và xuất khẩu lao động " + tag,
        "Đào tạo nghề, giải quyết việc làm, xuất khẩu lao động", SHOW, "Mã Thị Tươi");
    data.question(e, "Lê Văn Hùng", "0987654321", null, TRAINING, "Việc làm", "answered", true);
    UUID labour = data.question(e, "Nguyễn Thị Mai", "0912345678", null, LABOUR, "Việc làm", "deferred", true);
    sql.rows("UPDATE submissions SET asker_count = 2 WHERE id = ?", labour);
    data.assign(labour, e, "Sở Nội vụ", OffsetDateTime.parse("2026-06-12T17:00:00+07:00"), "assigned");
    UUID land = data.question(e, "Trần Văn Bảy", "0900111222", null, LAND, "Đất đai", "deferred", true);
    data.assign(land, e, "Sở Nông nghiệp và Môi trường", OffsetDateTime.parse("2026-05-15T17:00:00+07:00"),
        "assigned");
    UUID jobs = data.question(e, "Võ Văn Tám", "0900555666", null, JOBS, null, "received", true);
    sql.rows("UPDATE submissions SET agency = 'Ban Quản lý các khu công nghiệp' WHERE id = ?", jobs);
    UUID complaint = data.question(e, "Phạm Thị Gấm", "0900333444", null, "Tố cáo cán bộ ấp nhận tiền", null,
        "rejected", true);
    sql.rows("UPDATE submissions SET reject_reason = 'complaint' WHERE id = ?", complaint);
    // the editors worded every question the notice quotes (the draft never quotes a citizen's text as it came)
    sql.rows("UPDATE submissions SET edited_text = text WHERE episode_id = ? AND status <> 'rejected'", e);
    return e;
  }

  static HttpResponse<Buffer> call(String method, String path, JsonObject body) {
    return node.request(method, path, body, editor);
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static void error(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals(code, r.bodyAsJsonObject().getJsonObject("error").getString("code"), r.bodyAsString());
  }

  static JsonObject draft(UUID episode) {
    return ok(call("POST", "/api/episodes/" + episode + "/conclusion/draft", new JsonObject()), 201);
  }

  static JsonObject item(JsonObject notice, String text) {
    return notice.getJsonArray("items").stream().map(o -> (JsonObject) o).filter(i -> i.getString("text")
        .equals(text)).findFirst().orElseThrow(() -> new AssertionError(text + " not in " + notice));
  }

  @Test
  void theDraftGroupsTheIssuesAndAssignsWhatIsStillOpen() {
    UUID e = episode("a");
    JsonObject notice = draft(e);

    assertEquals("Số: 01/TB-HĐND", notice.getString("documentNumber"));
    assertEquals("TM. THƯỜNG TRỰC HĐND", notice.getString("signerAuthority"));
    assertEquals("draft", notice.getString("status"));
    assertEquals("Kết luận của Thường trực HĐND tỉnh Hậu Giang tại chương trình “Lắng nghe và Trao đổi a” về "
        + "Đào tạo nghề, giải quyết việc làm, xuất khẩu lao động", notice.getString("title"));
    String body = notice.getString("body");
    assertTrue(body.startsWith("Ngày 21/05/2026, Thường trực HĐND tỉnh Hậu Giang tổ chức chương trình"), body);
    assertTrue(body.contains("do đồng chí Mã Thị Tươi chủ trì"), body);
    assertTrue(body.contains("đã tiếp nhận 4 ý kiến, câu hỏi (5 lượt cử tri, Nhân dân); 1 ý kiến đã được trả lời"),
        body);
    assertTrue(body.contains("Việc làm (2 ý kiến, 3 lượt người hỏi):"), body);
    assertTrue(body.contains("Đất đai (1 ý kiến, 1 lượt người hỏi):"), body);
    assertTrue(body.contains("Lĩnh vực khác (1 ý kiến, 1 lượt người hỏi):"), body);
    assertTrue(body.contains("- " + LABOUR + " (2 người cùng hỏi)"), body);
    assertTrue(body.contains("II. CÁC NỘI DUNG ĐÃ ĐƯỢC TRẢ LỜI TẠI CHƯƠNG TRÌNH\n- " + TRAINING), body);
    assertFalse(body.contains("Tố cáo"), body);
    assertFalse(body.contains("Nguyễn Thị Mai"), body);

    JsonArray items = notice.getJsonArray("items");
    assertEquals(3, items.size());
    assertEquals("Sở Nội vụ", item(notice, LABOUR).getString("ownerAgency"));
    assertEquals("2026-06-12", item(notice, LABOUR).getString("dueDate"));
    assertFalse(item(notice, LABOUR).getBoolean("overdue"));
    assertTrue(item(notice, LAND).getBoolean("overdue"));
    assertEquals("Ban Quản lý các khu công nghiệp", item(notice, JOBS).getString("ownerAgency"));
    assertNull(item(notice, JOBS).getString("dueDate"));
    assertEquals(3, items.stream().map(o -> ((JsonObject) o).getString("status")).filter("open"::equals).count());
    assertEquals(1, notice.getInteger("overdueCount"));
    assertTrue(notice.getJsonArray("recipients").contains("Sở Nội vụ"));
    assertEquals("Mã Thị Tươi", notice.getString("signerName"));

    assertEquals(1, sql.count("SELECT count(*) FROM conclusions WHERE episode_id = ? AND number = 1", e));
    assertEquals(3, sql.count("SELECT count(*) FROM conclusion_items WHERE episode_id = ?", e));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'conclusion.drafted' AND entity_id = ?",
        e.toString()));
    // one notice per episode, and the refused second one spends no number: the next notice gets the next
    error(call("POST", "/api/episodes/" + e + "/conclusion/draft", new JsonObject()), 409, "conclusion.exists");
    UUID program = (UUID) sql.rows("SELECT program_id FROM episodes WHERE id = ?", e).get(0).get("program_id");
    assertEquals("Số: 02/TB-HĐND", draft(data.episode(program, "Tập sau", "", SHOW, ""))
        .getString("documentNumber"));
  }

  @Test
  void aNumberOrAnAddressInTheEditorsWordingNeverReachesTheIssuedNotice() {
    UUID e = episode("k");
    // what an editor kept of the asker's words: her number and e-mail, side by side with the question
    sql.rows("UPDATE submissions SET edited_text = ? WHERE episode_id = ? AND text = ?",
        LABOUR + " Xin gọi lại chị Mai (0912) 345 678 hoặc mai.nguyen@example.vn", e, LABOUR);
    sql.rows("UPDATE submissions SET edited_text = ? WHERE episode_id = ? AND text = ?",
        LAND + " Liên hệ 0900111222 0900111333", e, LAND);
    JsonObject notice = draft(e);
    String all = notice.encode();
    for (String trace : List.of("0912", "345 678", "mai.nguyen", "0900111", "@")) {
      assertFalse(all.contains(trace), trace + " in " + all);
    }
    String body = notice.getString("body");
    assertTrue(body.contains(LABOUR + " Xin gọi lại chị Mai *** hoặc ***"), body);
    assertTrue(all.contains(LAND + " Liên hệ *** ***"), all);
  }

  @Test
  void editedNoticeIsExportedAsDocxAndPdfInTheDecreesLayout() {
    UUID e = episode("b");
    // the standing committee under its council, as its notices are headed
    sql.rows("UPDATE programs SET parent_body = 'Hội đồng nhân dân tỉnh Sóc Trăng', issuing_body = 'Thường trực HĐND' "
        + "WHERE id = (SELECT program_id FROM episodes WHERE id = ?)", e);
    draft(e);
    String base = "/api/episodes/" + e + "/conclusion";

    StringBuilder long_ = new StringBuilder("Ngày 21/5/2026, Thường trực HĐND tỉnh tổ chức chương trình "
        + "“Lắng nghe và Trao đổi”.\n\nI. ĐÁNH GIÁ CHUNG\nCử tri quan tâm nhiều đến xuất khẩu lao động và bồi "
        + "thường đất đai.");
    // enough to go over a page: the second carries its number
    for (int i = 1; i <= 30; i++) {
      long_.append("\nÝ kiến thứ ").append(i).append(" của cử tri về đào tạo nghề, việc làm và bảo hiểm thất nghiệp ")
          .append("đã được các sở, ngành ghi nhận để giải quyết theo thẩm quyền.");
    }
    JsonObject edited = ok(call("PATCH", base, new JsonObject()
        .put("title", "Kết luận của Thường trực HĐND tỉnh về đào tạo nghề và việc làm")
        .put("body", long_.toString())
        .put("recipients", new JsonArray().add("TT. Tỉnh ủy, HĐND, UBND tỉnh").add("Sở Nội vụ")
            .add("Sở Nông nghiệp và Môi trường").add("Lưu: VT"))
        .put("signerAuthority", "KT. Chủ tịch").put("signerTitle", "Phó Chủ tịch").put("signerName", "Mã Thị Tươi")),
        200);
    assertEquals("Phó Chủ tịch", edited.getString("signerTitle"));
    assertEquals("KT. Chủ tịch", edited.getString("signerAuthority"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'conclusion.edited' AND entity_id = ?",
        e.toString()));

    // items: one added, moved to the top, one removed; positions follow
    JsonObject added = ok(call("POST", base + "/items", new JsonObject()
        .put("text", "Rà soát, hỗ trợ học nghề cho lao động nông thôn năm 2026.")
        .put("ownerAgency", "Sở Giáo dục và Đào tạo").put("dueDate", "2026-07-31")), 201);
    assertEquals(4, added.getJsonArray("items").size());
    List<String> ids = new ArrayList<>(added.getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("id")).toList());
    String newest = ids.remove(3);
    ids.add(0, newest);
    JsonObject ordered = ok(call("POST", base + "/items/order", new JsonObject().put("items", new JsonArray(ids))), 200);
    assertEquals("Rà soát, hỗ trợ học nghề cho lao động nông thôn năm 2026.",
        ordered.getJsonArray("items").getJsonObject(0).getString("text"));
    String jobs = item(ordered, JOBS).getString("id");
    JsonObject removed = ok(call("DELETE", base + "/items/" + jobs, null), 200);
    assertEquals(3, removed.getJsonArray("items").size());
    assertEquals(List.of(1, 2, 3), removed.getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getInteger("position")).toList());
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'conclusion.item_removed' "
        + "AND entity_id = ? AND before->>'text' = ?", jobs, JOBS));

    HttpResponse<Buffer> docx = node.get(base + ".docx", editor);
    assertEquals(200, docx.statusCode());
    assertTrue(docx.getHeader("Content-Disposition").contains("thong-bao-ket-luan-1.docx"));
    HttpResponse<Buffer> pdf = node.get(base + ".pdf", editor);
    assertEquals(200, pdf.statusCode());
    assertEquals("application/pdf", pdf.getHeader("Content-Type"));

    ReadBack.Expected expected = new ReadBack.Expected("HỘI ĐỒNG NHÂN DÂN TỈNH SÓC TRĂNG", "THƯỜNG TRỰC HĐND",
        "Số: 01/TB-HĐND", "Sóc Trăng, ngày 22 tháng 5 năm 2026", "THÔNG BÁO",
        "Kết luận của Thường trực HĐND tỉnh về đào tạo nghề và việc làm",
        List.of("Ngày 21/5/2026, Thường trực HĐND tỉnh tổ chức chương trình", "I. ĐÁNH GIÁ CHUNG",
            "Cử tri quan tâm nhiều đến xuất khẩu lao động và bồi thường đất đai.", "Ý kiến thứ 30 của cử tri",
            "1. Rà soát, hỗ trợ học nghề cho lao động nông thôn năm 2026. Giao: Sở Giáo dục và Đào tạo; "
                + "thời hạn: 31/07/2026.",
            LABOUR + " Giao: Sở Nội vụ; thời hạn: 12/06/2026."),
        "- Lưu: VT.", List.of("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "Mã Thị Tươi");
    String word = ReadBack.docx(docx.body().getBytes(), expected);
    String pdfText = ReadBack.pdf(pdf.body().getBytes(), expected);
    assertTrue(ReadBack.pages(pdf.body().getBytes()) >= 2, "the long notice runs over a page");
    for (String text : List.of(word, pdfText)) {
      assertTrue(text.contains("- Sở Nông nghiệp và Môi trường;"), text);
      assertFalse(text.contains(JOBS), text);
      // the issuer in capitals in the heading only
      assertEquals(text.indexOf("THƯỜNG TRỰC HĐND"), text.lastIndexOf("THƯỜNG TRỰC HĐND"), text);
    }
    assertEquals(2, sql.count("SELECT count(*) FROM events WHERE action = 'conclusion.exported' AND entity_id = ?",
        e.toString()));
  }

  @Test
  void numbersRunPerIssuerTypeAndYearAndNoTwoDraftsShareOne() throws Exception {
    String issuer = "Hội đồng nhân dân tỉnh Vĩnh Long";
    // last year's notices have their own sequence
    sql.rows("INSERT INTO document_numbers (issuer, kind, year, last) VALUES (?, 'TB', 2025, 41)", issuer);
    UUID first = data.program("Dân hỏi – Chính quyền trả lời e", issuer, "Vĩnh Long");
    UUID second = data.program("Lắng nghe và Trao đổi e", issuer, "Vĩnh Long");
    UUID one = data.episode(first, "Giáo dục e1", "", SHOW, "Nguyễn Văn Một, Phó Chủ tịch HĐND tỉnh");
    JsonObject firstNotice = draft(one);
    assertEquals("Số: 01/TB-HĐND", firstNotice.getString("documentNumber"));
    // the chair's title stays out of the signer's name
    assertEquals("Nguyễn Văn Một", firstNotice.getString("signerName"));
    assertEquals("Phó Chủ tịch HĐND tỉnh", firstNotice.getString("signerTitle"));
    assertTrue(firstNotice.getString("body").contains("do đồng chí Nguyễn Văn Một, Phó Chủ tịch HĐND tỉnh chủ trì"));
    // the issuer's, not the program's: the other program's notice follows; its chair is one of the plan's people
    UUID two = data.episode(second, "Y tế e2", "", SHOW, "");
    sql.rows("INSERT INTO episode_people (id, episode_id, role, position, person_name, title) VALUES (?, ?, 'chair', 1, "
        + "'Trần Thị Hai', 'Chủ tịch HĐND tỉnh')", UUID.randomUUID(), two);
    JsonObject secondNotice = draft(two);
    assertEquals("Số: 02/TB-HĐND", secondNotice.getString("documentNumber"));
    assertEquals("Trần Thị Hai", secondNotice.getString("signerName"));
    assertEquals("Chủ tịch HĐND tỉnh", secondNotice.getString("signerTitle"));

    List<UUID> episodes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      episodes.add(data.episode(i % 2 == 0 ? first : second, "Tập " + i, "", SHOW, ""));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<JsonObject>> drafts = new ArrayList<>();
      for (UUID e : episodes) {
        drafts.add(pool.submit(() -> draft(e)));
      }
      Set<String> numbers = new TreeSet<>();
      for (Future<JsonObject> d : drafts) {
        numbers.add(d.get().getString("documentNumber"));
      }
      assertEquals(Set.of("Số: 03/TB-HĐND", "Số: 04/TB-HĐND", "Số: 05/TB-HĐND", "Số: 06/TB-HĐND", "Số: 07/TB-HĐND",
          "Số: 08/TB-HĐND", "Số: 09/TB-HĐND", "Số: 10/TB-HĐND"), numbers);
    } finally {
      pool.shutdown();
    }
    assertEquals(10, sql.count("SELECT last FROM document_numbers WHERE issuer = ? AND kind = 'TB' AND year = 2026",
        issuer));
    assertEquals(41, sql.count("SELECT last FROM document_numbers WHERE issuer = ? AND kind = 'TB' AND year = 2025",
        issuer));
    // a run-down of the same issuer is another type, with its own sequence
    assertEquals("Số: 01/KB-HĐND", ok(call("POST", "/api/episodes/" + one + "/rundown/build", new JsonObject()), 200)
        .getString("documentNumber"));
    // a document keeps its number once given
    assertEquals("Số: 01/TB-HĐND", ok(call("POST", "/api/episodes/" + one + "/conclusion/issue", new JsonObject()), 200)
        .getString("documentNumber"));
  }

  @Test
  void itemsAreFollowedUpUntilClosedAndReported() throws Exception {
    UUID e = episode("c");
    JsonObject notice = draft(e);
    String base = "/api/episodes/" + e + "/conclusion/items/";
    String labour = item(notice, LABOUR).getString("id");
    String land = item(notice, LAND).getString("id");

    JsonObject started = ok(call("PATCH", base + labour, new JsonObject().put("status", "in_progress")
        .put("progress", "Sở Nội vụ đã làm việc với 3 doanh nghiệp xuất khẩu lao động.")), 200);
    assertEquals("in_progress", started.getString("status"));
    assertNull(started.getString("closedAt"));
    JsonObject done = ok(call("PATCH", base + labour, new JsonObject().put("status", "done")
        .put("progress", "Đã trả lời cử tri bằng văn bản ngày 20/5/2026.")), 200);
    assertEquals("done", done.getString("status"));
    assertEquals("2026-05-22T09:00:00+07:00", done.getString("closedAt"));
    ok(call("PATCH", base + land, new JsonObject().put("ownerAgency", "UBND huyện Châu Thành")
        .put("dueDate", "2026-05-20")), 200);
    assertEquals(2, sql.count("SELECT count(*) FROM events WHERE action = 'conclusion.item_status' AND entity_id = ?",
        labour));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'conclusion.item_status' AND entity_id = ? "
        + "AND before->>'status' = 'in_progress' AND after->>'status' = 'done'", labour));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'conclusion.item_edited' AND entity_id = ? "
        + "AND after->>'ownerAgency' = 'UBND huyện Châu Thành'", land));
    assertEquals(1, sql.count("SELECT count(*) FROM conclusion_items WHERE id = ?::uuid AND closed_at IS NOT NULL "
        + "AND status = 'done'", labour));

    JsonObject overdue = ok(node.get("/api/followup/conclusions?status=overdue", editor), 200);
    Set<String> overdueIds = ids(overdue);
    assertTrue(overdueIds.contains(land));
    assertFalse(overdueIds.contains(labour));
    JsonObject landRow = overdue.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(i -> land.equals(i.getString("id"))).findFirst().orElseThrow();
    assertTrue(landRow.getBoolean("overdue"));
    assertEquals("UBND huyện Châu Thành", landRow.getString("ownerAgency"));
    assertEquals("Việc làm và xuất khẩu lao động c", landRow.getString("episodeTitle"));
    assertNotNull(landRow.getString("documentNumber"));
    assertTrue(ids(ok(node.get("/api/followup/conclusions?status=done", editor), 200)).contains(labour));
    JsonObject all = ok(node.get("/api/followup/conclusions", TestNode.ADMIN_TOKEN), 200);
    assertTrue(all.getJsonObject("counts").getLong("done") >= 1);
    assertTrue(all.getJsonObject("counts").getLong("overdue") >= 1);

    HttpResponse<Buffer> xlsx = node.get("/api/followup/conclusions.xlsx", editor);
    assertEquals(200, xlsx.statusCode());
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
      Sheet summary = book.getSheet("Tổng hợp");
      assertEquals("Quá hạn", summary.getRow(1).getCell(0).getStringCellValue());
      assertTrue(summary.getRow(1).getCell(1).getNumericCellValue() >= 1);
      Sheet sheet = book.getSheet("Theo dõi kết luận");
      assertEquals("Nội dung kết luận", sheet.getRow(0).getCell(3).getStringCellValue());
      List<Row> mine = new ArrayList<>();
      sheet.forEach(r -> {
        if (r.getRowNum() > 0 && "Việc làm và xuất khẩu lao động c".equals(r.getCell(1).getStringCellValue())) {
          mine.add(r);
        }
      });
      assertEquals(3, mine.size());
      Row labourRow = mine.stream().filter(r -> LABOUR.equals(r.getCell(3).getStringCellValue())).findFirst()
          .orElseThrow();
      assertEquals("Đã hoàn thành", labourRow.getCell(6).getStringCellValue());
      assertEquals("Đã trả lời cử tri bằng văn bản ngày 20/5/2026.", labourRow.getCell(8).getStringCellValue());
      assertEquals("2026-05-22", labourRow.getCell(9).getStringCellValue());
      Row landXlsx = mine.stream().filter(r -> LAND.equals(r.getCell(3).getStringCellValue())).findFirst()
          .orElseThrow();
      assertEquals("Quá hạn", landXlsx.getCell(7).getStringCellValue());
      assertEquals("2026-05-20", landXlsx.getCell(5).getStringCellValue());
    }
  }

  static Set<String> ids(JsonObject list) {
    return list.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).collect(Collectors.toSet());
  }

  @Test
  void rolesAndBadInputAreRefusedWithTheFieldNamed() {
    UUID e = episode("d");
    String base = "/api/episodes/" + e + "/conclusion";
    assertEquals(401, node.request("POST", base + "/draft", new JsonObject(), null).statusCode());
    String agency = node.token("agency");
    assertEquals(403, node.request("POST", base + "/draft", new JsonObject(), agency).statusCode());
    assertEquals(403, node.get("/api/followup/conclusions", node.token("operator")).statusCode());
    assertEquals(403, node.get("/api/followup/conclusions.xlsx", agency).statusCode());
    error(call("GET", base, null), 404, "conclusion.not_found");
    error(call("POST", "/api/episodes/" + UUID.randomUUID() + "/conclusion/draft", new JsonObject()), 404,
        "episode.not_found");
    assertEquals(404, node.get(base + ".pdf", editor).statusCode());

    JsonObject notice = draft(e);
    String item = notice.getJsonArray("items").getJsonObject(0).getString("id");
    error(call("PATCH", base, new JsonObject()), 400, "title.required");
    error(call("PATCH", base, new JsonObject().put("title", "  ")), 400, "title.required");
    error(call("PATCH", base, new JsonObject().put("title", "Đ".repeat(501))), 400, "title.too_long");
    error(call("PATCH", base, new JsonObject().put("recipients", "Sở Nội vụ")), 400, "recipients.invalid");
    error(call("PATCH", base, new JsonObject().put("signerAuthority", "Chủ tịch")), 400, "signerAuthority.invalid");
    error(call("PATCH", base, new JsonObject().put("signerAuthority", "KT.")), 400, "signerAuthority.invalid");
    error(call("POST", base + "/items", new JsonObject().put("ownerAgency", "Sở Nội vụ")), 400, "text.required");
    error(call("POST", base + "/items", new JsonObject().put("text", "Việc mới").put("dueDate", "22/05/2026")), 400,
        "dueDate.invalid");
    error(call("PATCH", base + "/items/" + item, new JsonObject().put("status", "closed")), 400, "status.invalid");
    error(call("PATCH", base + "/items/" + item, new JsonObject()), 400, "status.required");
    error(call("PATCH", base + "/items/" + UUID.randomUUID(), new JsonObject().put("status", "done")), 404,
        "conclusion.item_not_found");
    error(call("POST", base + "/items/order", new JsonObject().put("items", new JsonArray().add(item))), 400,
        "items.mismatch");
    error(call("GET", "/api/followup/conclusions?status=xong", null), 400, "status.invalid");
    // nothing of that changed the notice
    assertEquals(notice.getString("title"), ok(call("GET", base, null), 200).getString("title"));
  }
}
