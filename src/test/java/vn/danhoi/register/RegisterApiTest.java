package vn.danhoi.register;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.audit.AuditRoutes;
import vn.danhoi.support.Letters;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The question register through HTTP: every question of an episode or a period with its asker's
 * details, accent-insensitive search, filters and paging, CSV and XLSX exports parsed back and compared
 * field by field, identity checks, the audit trail, and the roles that may not see any of it.
 */
@ExtendWith(VertxExtension.class)
class RegisterApiTest {

  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .withDataDir();

  static TestNode node;
  static Sql sql;
  static StaffSession editor;
  static String episodeA;
  static String episodeB;
  static String waterA;
  static String powerA;
  static String letterB;
  static String schoolB;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    editor = StaffSession.create(node, "btv.tranthithuy", "Trần Thị Thuỷ (Ban biên tập)", List.of("editor"), null,
        null);
    episodeA = node.liveEpisode("8085", "HOI");
    episodeB = node.liveEpisode("8086", "DIEN");

    waterA = web(episodeA, TestNode.question("Cao Thị Hường", "Khi nào xã Mỹ Yên có nước sạch sinh hoạt?")
        .put("email", "huong.cao@example.vn"));
    HttpResponse<Buffer> call = node.postJson("/api/episodes/" + episodeA + "/calls", new JsonObject()
        .put("callerName", "Kim Văn Lực").put("callerPhone", "0914 444 555").put("locality", "Ấp Tân Hoà, xã Lương Hoà")
        .put("field", "Điện").put("text", "Bao giờ ấp Tân Hoà có điện ba pha để tưới thanh long?"),
        node.token("operator"));
    assertEquals(201, call.statusCode(), call.bodyAsString());
    powerA = call.bodyAsJsonObject().getString("id");
    try (Letters letters = new Letters(node)) {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("episodeId", episodeB);
      f.put("channel", "post");
      f.put("askerName", "Đặng Văn Tư");
      f.put("address", "Số 12, ấp Bình Hoà, xã Mỹ Yên, huyện Bến Lức");
      f.put("email", "tu.dang@example.vn");
      f.put("text", "Đề nghị cho biết khi nào ấp Bình Hoà có nước máy; giếng khoan nhiễm phèn.");
      f.put("receivedAt", "2026-10-05");
      f.put("field", "Nước sạch");
      f.put("agency", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn");
      HttpResponse<Buffer> r = letters.post(editor, null, f,
          new Letters.Scan("Thư ông Tư.pdf", "application/pdf", Letters.PDF));
      assertEquals(201, r.statusCode(), r.bodyAsString());
      letterB = r.bodyAsJsonObject().getString("id");
    }
    schoolB = web(episodeB, TestNode.question("Trịnh Thị Lan", "=HYPERLINK(\"http://vidu.vn\") Học phí năm học mới có tăng không?"));
    sql.rows("UPDATE submissions SET field = 'Giáo dục', agency = 'Sở Giáo dục và Đào tạo' WHERE id = ?",
        UUID.fromString(schoolB));
    received(waterA, "2026-11-10T09:15:00+07:00");
    received(powerA, "2026-11-12T20:05:00+07:00");
    received(schoolB, "2026-11-11T10:00:00+07:00");
  }

  @AfterAll
  static void stop() {
    editor.close();
  }

  static String web(String episode, JsonObject question) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions", question, null);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  static void received(String id, String at) {
    sql.rows("UPDATE submissions SET received_at = ?::timestamptz WHERE id = ?", at, UUID.fromString(id));
  }

  static JsonObject register(String query) {
    HttpResponse<Buffer> r = editor.get("/api/register?" + query);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static List<String> ids(JsonObject page) {
    List<String> out = new ArrayList<>();
    page.getJsonArray("items").forEach(o -> out.add(((JsonObject) o).getString("id")));
    return out;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void searchWithoutAccentsFindsQuestionsTypedWithThem() {
    assertEquals(List.of(waterA), ids(register("q=" + enc("nuoc sach"))));
    assertEquals(List.of(waterA), ids(register("episode=" + episodeA + "&q=" + enc("cao thi huong"))));
    List<String> hoa = ids(register("q=" + enc("TAN HOA")));
    assertEquals(List.of(powerA), hoa);
    assertEquals(List.of(letterB), ids(register("q=" + enc("gieng khoan nhiem phen"))));
  }

  @Test
  void everyFieldSeed001AsksForIsListed() {
    JsonObject letter = register("episode=" + episodeB + "&channel=post").getJsonArray("items").getJsonObject(0);
    assertEquals(letterB, letter.getString("id"));
    assertEquals("Đặng Văn Tư", letter.getString("askerName"));
    assertEquals("Số 12, ấp Bình Hoà, xã Mỹ Yên, huyện Bến Lức", letter.getString("address"));
    assertEquals("tu.dang@example.vn", letter.getString("email"));
    assertEquals("Đề nghị cho biết khi nào ấp Bình Hoà có nước máy; giếng khoan nhiễm phèn.", letter.getString("text"));
    assertEquals("2026-10-05T00:00:00+07:00", letter.getString("receivedAt"));
    assertEquals("post", letter.getString("channel"));
    assertEquals("Nước sạch", letter.getString("field"));
    assertEquals("Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", letter.getString("agency"));
    assertEquals("received", letter.getString("status"));
    assertEquals("Dân hỏi – Chính quyền trả lời", letter.getString("episodeTitle"));
    assertEquals(1, letter.getJsonArray("attachments").size());

    JsonObject call = register("episode=" + episodeA + "&channel=hotline").getJsonArray("items").getJsonObject(0);
    assertEquals("Kim Văn Lực", call.getString("askerName"));
    assertEquals("0914444555", call.getString("phone"));
    assertEquals("Ấp Tân Hoà, xã Lương Hoà", call.getString("locality"));
    assertEquals("2026-11-12T20:05:00+07:00", call.getString("receivedAt"));
  }

  @Test
  void filtersAndPaging() {
    assertEquals(List.of(powerA), ids(register("channel=hotline")));
    assertEquals(List.of(letterB), ids(register("field=" + enc("nước sạch"))));
    assertEquals(List.of(schoolB), ids(register("agency=" + enc("Sở Giáo dục và Đào tạo"))));
    assertEquals(List.of(waterA, powerA), ids(register("episode=" + episodeA + "&status=received")));

    JsonObject second = register("episode=" + episodeA + "&size=1&page=2");
    assertEquals(2, second.getLong("total"));
    assertEquals(List.of(powerA), ids(second));
    // a page past the end is empty but still tells the pager how many there are
    JsonObject past = register("episode=" + episodeA + "&size=1&page=9");
    assertEquals(List.of(), ids(past));
    assertEquals(2, past.getLong("total"));

    // a period, across episodes: the days from and to both included
    assertEquals(List.of(waterA, schoolB), ids(register("from=2026-11-10&to=2026-11-11")));
    assertEquals(List.of(letterB, waterA, schoolB, powerA), ids(register("from=2026-10-01&to=2026-11-30")));
  }

  @Test
  void theProvinceFilterReadsLocalitiesAsTheyStandSince2025() {
    String episode = node.liveEpisode("8087", "TINH");
    String longAn = web(episode, TestNode.question("Lê Văn Bảy", "Xã Phước Lợi khi nào có nước máy?")
        .put("locality", "Xã Phước Lợi, huyện Bến Lức, tỉnh Long An"));
    String tayNinh = web(episode, TestNode.question("Lê Thị Tám", "Đường vào xã Tân Phú bao giờ sửa?")
        .put("locality", "xa tan phu, tay ninh"));
    String saigon = web(episode, TestNode.question("Võ Văn Chín", "Phường Bến Nghé ngập nước khi triều cường")
        .put("locality", "P. Hòa Bình, Q.1, TP.HCM"));
    String binhDuong = web(episode, TestNode.question("Võ Thị Mười", "Xe buýt về Dĩ An có thêm tuyến không?")
        .put("locality", "Phường Dĩ An, Bình Dương"));
    String q = "episode=" + episode + "&province=";
    assertEquals(List.of(longAn, tayNinh).stream().sorted().toList(),
        ids(register(q + enc("Tây Ninh"))).stream().sorted().toList());
    // a former province's name asks for the province it merged into
    assertEquals(List.of(longAn, tayNinh).stream().sorted().toList(),
        ids(register(q + enc("long an"))).stream().sorted().toList());
    // "Hòa Bình" is a ward here, not the former province: only the end of a locality names its province
    assertEquals(List.of(saigon, binhDuong).stream().sorted().toList(),
        ids(register(q + "TPHCM")).stream().sorted().toList());
    assertEquals(List.of(), ids(register(q + enc("Phú Thọ"))));
    assertError(editor.get("/api/register?province=Atlantis"), 400, "province.invalid");
  }

  @Test
  void badFiltersAreNamed() {
    assertError(editor.get("/api/register?channel=fax"), 400, "channel.invalid");
    assertError(editor.get("/api/register?from=2026-13-40"), 400, "from.invalid");
    assertError(editor.get("/api/register?from=2026-11-10&to=2026-11-01"), 400, "to.before_from");
    assertError(editor.get("/api/register?verified=perhaps"), 400, "verified.invalid");
    assertError(editor.get("/api/register?episode=abc"), 400, "episode.invalid");
    // the pager's parameters: whole numbers from 1, named when wrong
    assertError(editor.get("/api/register?size=0"), 400, "size.invalid");
    assertError(editor.get("/api/register?size=vài"), 400, "size.invalid");
    assertError(editor.get("/api/register?page=0"), 400, "page.invalid");
    assertError(editor.get("/api/register?page=-3"), 400, "page.invalid");
    assertEquals("size", editor.get("/api/register?size=x").bodyAsJsonObject().getJsonObject("error")
        .getString("field"));
  }

  @Test
  void viewingTheRegisterIsLogged() {
    long before = sql.count("SELECT count(*) FROM events WHERE action = 'contact.viewed' AND entity_type = "
        + "'register.list' AND actor = ?", editor.actor());
    register("episode=" + episodeA);
    assertEquals(before + 1, sql.count("SELECT count(*) FROM events WHERE action = 'contact.viewed' AND "
        + "entity_type = 'register.list' AND actor = ? AND episode_id = ?", editor.actor(), UUID.fromString(episodeA)));
  }

  @Test
  void csvExportParsesBackToTheRegister() throws Exception {
    String period = "from=2026-10-01&to=2026-11-30";
    HttpResponse<Buffer> r = editor.get("/api/register.csv?" + period);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("text/csv; charset=utf-8", r.getHeader("Content-Type"));
    assertTrue(r.getHeader("Content-Disposition").startsWith("attachment;"));
    String body = r.body().toString(StandardCharsets.UTF_8);
    assertEquals('\uFEFF', body.charAt(0), "a BOM, so Excel reads UTF-8");
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(body.substring(1)))) {
      assertEquals(RegisterExport.HEADER, parser.getHeaderNames());
      for (CSVRecord rec : parser) {
        List<String> row = new ArrayList<>();
        rec.forEach(row::add);
        rows.add(row);
      }
    }
    assertEquals(expected(register(period + "&size=200"), true), rows);
    assertTrue(body.contains("Cao Thị Hường") && body.contains("Trung tâm Nước sạch và Vệ sinh môi trường nông thôn"));
    assertTrue(body.contains("\"'=HYPERLINK(\"\"http://vidu.vn\"\") Học phí"), "no formula reaches Excel from a CSV cell");
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'register.exported' AND actor = ? "
        + "AND after->>'format' = 'csv' AND (after->>'rows')::int = 4", editor.actor()));
  }

  @Test
  void xlsxExportParsesBackToTheRegister() throws Exception {
    String period = "episode=" + episodeB;
    HttpResponse<Buffer> r = editor.get("/api/register.xlsx?" + period);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.getHeader("Content-Type"));
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body().getBytes()))) {
      Sheet sheet = book.getSheet("Sổ tiếp nhận");
      sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
      for (int i = 1; i <= sheet.getLastRowNum(); i++) {
        Row row = sheet.getRow(i);
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < RegisterExport.HEADER.size(); c++) {
          Cell cell = row.getCell(c);
          cells.add(cell == null ? "" : cell.getStringCellValue());
        }
        rows.add(cells);
      }
    }
    assertEquals(RegisterExport.HEADER, header);
    assertEquals(expected(register(period + "&size=200"), false), rows);
    assertEquals("Trịnh Thị Lan", rows.get(1).get(4));
    assertEquals("=HYPERLINK(\"http://vidu.vn\") Học phí năm học mới có tăng không?", rows.get(1).get(8));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'register.exported' AND actor = ? "
        + "AND after->>'format' = 'xlsx' AND episode_id = ?", editor.actor(), UUID.fromString(episodeB)));
  }

  /** The export's rows as the register's JSON says they must read. */
  static List<List<String>> expected(JsonObject page, boolean csv) {
    DateTimeFormatter time = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    List<List<String>> out = new ArrayList<>();
    JsonArray items = page.getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      JsonObject e = items.getJsonObject(i);
      List<String> files = new ArrayList<>();
      e.getJsonArray("attachments").forEach(a -> files.add(((JsonObject) a).getString("fileName")));
      String text = e.getString("text");
      List<String> row = new ArrayList<>(List.of(
          Integer.toString(i + 1),
          Long.toString(e.getLong("seq")),
          s(e.getString("episodeTitle")),
          RegisterExport.CHANNELS.get(e.getString("channel")),
          s(e.getString("askerName")),
          s(e.getString("address") != null ? e.getString("address") : e.getString("locality")),
          s(e.getString("phone")),
          s(e.getString("email")),
          text,
          s(e.getString("subject")),
          OffsetDateTime.parse(e.getString("receivedAt")).atZoneSameInstant(ZONE).format(time),
          s(e.getString("field")),
          s(e.getString("agency")),
          RegisterExport.STATUSES.get(e.getString("status")),
          RegisterExport.KINDS.get(e.getString("kind")),
          e.getBoolean("verified") ? "Có" : "Chưa",
          e.getString("verifiedHow") == null ? "" : RegisterExport.VERIFICATIONS.get(e.getString("verifiedHow")),
          s(e.getString("verifiedNote")),
          String.join("; ", files)));
      out.add(csv ? row.stream().map(c -> c.isEmpty() ? c : AuditRoutes.cell(c)).toList() : row);
    }
    return out;
  }

  static String s(String v) {
    return v == null ? "" : v;
  }

  @Test
  void identityCheckIsRecordedAuditedAndShownToModerators() {
    HttpResponse<Buffer> r;
    try (SocketProbe moderator = node.moderationSocket(episodeA, TestNode.ADMIN_TOKEN)) {
      moderator.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      r = editor.postJson("/api/register/" + waterA + "/verification", new JsonObject()
          .put("how", "phone_callback").put("note", "Đã gọi lại số 0912 345 678, chị Hường xác nhận."));
      assertEquals(200, r.statusCode(), r.bodyAsString());
      // the open consoles hear of it at once
      JsonObject update = moderator.await(m -> "item.updated".equals(m.getString("type"))
          && waterA.equals(m.getJsonObject("item").getString("id")), Duration.ofSeconds(10));
      assertEquals(true, update.getJsonObject("item").getBoolean("verified"));
      assertEquals("phone_callback", update.getJsonObject("item").getString("verifiedHow"));
    }
    assertEquals(true, r.bodyAsJsonObject().getBoolean("verified"));
    assertEquals("phone_callback", r.bodyAsJsonObject().getString("verifiedHow"));

    Map<String, Object> row = sql.rows("SELECT verified, verified_how, verified_note, verified_by, verified_at "
        + "FROM submissions WHERE id = ?", UUID.fromString(waterA)).get(0);
    assertEquals(true, row.get("verified"));
    assertEquals("phone_callback", row.get("verified_how"));
    assertEquals("Đã gọi lại số 0912 345 678, chị Hường xác nhận.", row.get("verified_note"));
    assertEquals(editor.actor(), row.get("verified_by"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'submission.verified' AND entity_id = ? "
        + "AND actor = ? AND after->>'how' = 'phone_callback'", waterA, editor.actor()));

    JsonObject queued = node.get("/api/episodes/" + episodeA + "/queue", TestNode.ADMIN_TOKEN).bodyAsJsonObject()
        .getJsonArray("items").stream().map(o -> (JsonObject) o).filter(o -> waterA.equals(o.getString("id")))
        .findFirst().orElseThrow();
    assertEquals(true, queued.getBoolean("verified"));
    assertEquals("phone_callback", queued.getString("verifiedHow"));

    JsonObject listed = register("episode=" + episodeA + "&verified=true").getJsonArray("items").getJsonObject(0);
    assertEquals(waterA, listed.getString("id"));
    assertEquals("Đã gọi lại số 0912 345 678, chị Hường xác nhận.", listed.getString("verifiedNote"));

    assertError(editor.postJson("/api/register/" + waterA + "/verification", new JsonObject().put("how", "đoán")),
        400, "how.invalid");
    assertError(editor.postJson("/api/register/" + waterA + "/verification", new JsonObject()), 400, "how.required");
    assertError(editor.postJson("/api/register/" + UUID.randomUUID() + "/verification",
        new JsonObject().put("how", "id_card")), 404, "item.not_found");

    HttpResponse<Buffer> withdrawn = editor.delete("/api/register/" + waterA + "/verification");
    assertEquals(200, withdrawn.statusCode());
    assertEquals(false, withdrawn.bodyAsJsonObject().getBoolean("verified"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'submission.unverified' AND entity_id = ?",
        waterA));
  }

  @Test
  void operatorStudioAgencyAndAnonymousAreRefused() {
    for (String role : List.of("operator", "studio", "agency")) {
      String token = node.token(role);
      for (String path : List.of("/api/register", "/api/register.csv", "/api/register.xlsx")) {
        assertEquals(403, node.get(path, token).statusCode(), role + " " + path);
      }
      assertEquals(403, node.postJson("/api/register/" + waterA + "/verification",
          new JsonObject().put("how", "id_card"), token).statusCode(), role);
      assertEquals(403, node.postJson("/api/register/" + waterA + "/assign",
          new JsonObject().put("episodeId", episodeB), token).statusCode(), role);
    }
    for (String path : List.of("/api/register", "/api/register.csv", "/api/register.xlsx")) {
      assertEquals(401, node.get(path, null).statusCode(), path);
    }
    assertEquals(401, node.post("/api/register/" + waterA + "/verification",
        Buffer.buffer("{\"how\":\"id_card\"}"), "application/json", null, MultiMap.caseInsensitiveMultiMap())
        .statusCode());
    assertEquals(0, sql.count("SELECT count(*) FROM events WHERE action IN ('register.exported', "
        + "'submission.verified') AND actor NOT LIKE 'staff:%'"));
  }

  static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals(code, r.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }
}
