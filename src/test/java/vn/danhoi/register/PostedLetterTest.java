package vn.danhoi.register;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.Letters;
import vn.danhoi.support.UploadsFolder;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Letters and delegates' question forms entered by an editor with their scans: type checked by content, size
 * limited, kept outside the webroot under a random name, served back only to editors as a download.
 */
@ExtendWith(VertxExtension.class)
class PostedLetterTest {

  static final int SCAN_MAX = 200_000;

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .withDataDir()
      .with("DANHOI_SCAN_MAX_BYTES", Integer.toString(SCAN_MAX));

  static TestNode node;
  static Sql sql;
  static Path dataDir;
  static String episode;
  static StaffSession editor;
  static Letters letters;

  @BeforeAll
  static void start() {
    dataDir = NODE.dataDir();
    node = NODE.node();
    sql = NODE.sql();
    episode = node.liveEpisode("8085", "HOI");
    editor = StaffSession.create(node, "btv.hoangvanson", "Hoàng Văn Sơn (Ban biên tập)", List.of("editor"), null,
        null);
    letters = new Letters(node);
  }

  @AfterAll
  static void stop() {
    letters.close();
    editor.close();
  }

  static Map<String, String> letter(String channel, String name, String text) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("episodeId", episode);
    f.put("channel", channel);
    f.put("askerName", name);
    f.put("address", "Số 12, ấp Bình Hoà, xã Mỹ Yên, huyện Bến Lức, tỉnh Long An");
    f.put("phone", "0913 456 789");
    f.put("text", text);
    f.put("receivedAt", "2026-11-18");
    f.put("field", "Nước sạch");
    f.put("agency", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn");
    return f;
  }

  @Test
  void postedLetterWithPdfScanIsStoredOutsideTheWebrootAndServedOnlyToEditors() throws Exception {
    String text = "Kính gửi chương trình, đề nghị cho biết khi nào ấp Bình Hoà có nước máy?";
    HttpResponse<Buffer> r = letters.post(editor, null, letter("post", "Đặng Văn Tư", text),
        new Letters.Scan("Thư ông Tư.pdf", "application/pdf", Letters.PDF));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    JsonObject item = r.bodyAsJsonObject();
    String id = item.getString("id");
    assertEquals("post", item.getString("channel"));
    assertEquals(episode, item.getString("episodeId"));
    assertEquals("Đặng Văn Tư", item.getString("askerName"));
    JsonObject scan = item.getJsonArray("attachments").getJsonObject(0);
    assertEquals("Thư ông Tư.pdf", scan.getString("fileName"));
    assertEquals("application/pdf", scan.getString("mediaType"));
    assertEquals(Letters.PDF.length, scan.getLong("size"));

    Map<String, Object> row = sql.rows("SELECT channel, asker_name, address, phone, text, field, agency, status, "
        + "received_at, logged_by, consent_basis FROM submissions WHERE id = ?", UUID.fromString(id)).get(0);
    assertEquals("Số 12, ấp Bình Hoà, xã Mỹ Yên, huyện Bến Lức, tỉnh Long An", row.get("address"));
    assertEquals("0913456789", row.get("phone"));
    assertEquals(text, row.get("text"));
    assertEquals("Nước sạch", row.get("field"));
    assertEquals("Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", row.get("agency"));
    assertEquals("received", row.get("status"));
    assertEquals(editor.actor(), row.get("logged_by"));
    assertEquals("post", row.get("consent_basis"));
    assertEquals(LocalDate.of(2026, 11, 18).atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant(),
        ((Timestamp) row.get("received_at")).toInstant());

    Map<String, Object> file = sql.rows("SELECT stored_name, sha256, media_type FROM submission_attachments "
        + "WHERE submission_id = ?", UUID.fromString(id)).get(0);
    String stored = (String) file.get("stored_name");
    assertTrue(stored.matches("[0-9a-f]{32}"), stored);
    Path onDisk = dataDir.resolve("attachments").resolve(stored);
    assertArrayEquals(Letters.PDF, Files.readAllBytes(onDisk));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Letters.PDF)), file.get("sha256"));
    assertEquals(404, node.get("/" + stored, null).statusCode(), "never under the webroot");

    HttpResponse<Buffer> download = editor.get("/api/register/attachments/" + scan.getString("id"));
    assertEquals(200, download.statusCode());
    assertArrayEquals(Letters.PDF, download.body().getBytes());
    assertEquals("application/pdf", download.getHeader("Content-Type"));
    assertTrue(download.getHeader("Content-Disposition").startsWith("attachment; filename=\"thu_ong_tu.pdf\""),
        download.getHeader("Content-Disposition"));
    assertTrue(download.getHeader("Content-Disposition").contains("filename*=UTF-8''Th%C6%B0%20%C3%B4ng%20T%C6%B0.pdf"));
    assertEquals("nosniff", download.getHeader("X-Content-Type-Options"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'contact.viewed' "
        + "AND entity_type = 'register.attachment' AND actor = ?", editor.actor()));

    for (String role : List.of("operator", "studio", "agency")) {
      assertEquals(403, node.get("/api/register/attachments/" + scan.getString("id"), node.token(role)).statusCode());
    }
    assertEquals(401, node.get("/api/register/attachments/" + scan.getString("id"), null).statusCode());

    // it reaches the moderators like any other channel's question
    HttpResponse<Buffer> queue = node.get("/api/episodes/" + episode + "/queue", TestNode.ADMIN_TOKEN);
    assertTrue(queue.bodyAsJsonObject().getJsonArray("items").stream()
        .anyMatch(o -> id.equals(((JsonObject) o).getString("id"))));
  }

  @Test
  void erasingTheAskersDataErasesTheirScanFileAndRow() throws Exception {
    Map<String, String> form = letter("post", "Hồ Thị Xuân", "Xin hỏi về hồ sơ cấp sổ đỏ cho đất thừa kế.");
    form.put("phone", "0987 111 222");
    HttpResponse<Buffer> r = letters.post(editor, null, form,
        new Letters.Scan("Đơn của bà Hồ Thị Xuân.pdf", "application/pdf", Letters.PDF));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String attachment = r.bodyAsJsonObject().getJsonArray("attachments").getJsonObject(0).getString("id");
    String stored = (String) sql.rows("SELECT stored_name FROM submission_attachments WHERE id = ?",
        UUID.fromString(attachment)).get(0).get("stored_name");
    Path onDisk = dataDir.resolve("attachments").resolve(stored);
    assertTrue(Files.exists(onDisk));

    HttpResponse<Buffer> erased = node.postJson("/api/privacy/erase", new JsonObject().put("phone", "0987111222"),
        TestNode.ADMIN_TOKEN);
    assertEquals(200, erased.statusCode(), erased.bodyAsString());
    assertEquals(1, erased.bodyAsJsonObject().getInteger("erased"));

    assertFalse(Files.exists(onDisk), "the scan is deleted from disk");
    assertTrue(sql.rows("SELECT 1 FROM submission_attachments WHERE id = ?", UUID.fromString(attachment)).isEmpty(),
        "the scan's row, its name included, is gone");
    assertEquals(404, editor.get("/api/register/attachments/" + attachment).statusCode());
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'privacy.erased' AND (after->>'files')::int = 1"));
  }

  @Test
  void delegatesQuestionFormWithJpegScan() {
    byte[] jpeg = new byte[2048];
    byte[] head = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00};
    System.arraycopy(head, 0, jpeg, 0, head.length);
    HttpResponse<Buffer> r = letters.post(editor, null, letter("form", "Đại biểu Lý Thị Nga",
        "Đề nghị làm rõ tiến độ kéo điện ba pha cho vùng trồng thanh long."),
        new Letters.Scan("phieu-cau-hoi.jpg", "image/jpeg", jpeg));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    assertEquals("form", r.bodyAsJsonObject().getString("channel"));
    assertEquals("image/jpeg", r.bodyAsJsonObject().getJsonArray("attachments").getJsonObject(0).getString("mediaType"));
  }

  @Test
  void pdfThatIsReallyHtmlIsRefusedAndNothingIsKept() throws Exception {
    long before = sql.submissions();
    long files = storedFiles();
    byte[] html = "<html><body><script>alert('xin chào')</script>Thư giả</body></html>".getBytes();
    HttpResponse<Buffer> r = letters.post(editor, null, letter("post", "Ngô Văn Giả", "Câu hỏi kèm tệp giả PDF"),
        new Letters.Scan("thu-that.pdf", "application/pdf", html));
    assertEquals(415, r.statusCode(), r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertEquals("scan", error.getString("field"));
    assertEquals("scan.unsupported_type", error.getString("code"));
    assertEquals(before, sql.submissions());
    assertEquals(files, storedFiles(), "no file is left behind");
    UploadsFolder.awaitEmpty(dataDir);
  }

  @Test
  void oversizedScanIsRefusedWith413() {
    long before = sql.submissions();
    byte[] big = new byte[SCAN_MAX + 100_000];
    System.arraycopy(Letters.PDF, 0, big, 0, Letters.PDF.length);
    HttpResponse<Buffer> r = letters.post(editor, null, letter("post", "Bùi Thị Lớn", "Thư kèm bản quét quá lớn"),
        new Letters.Scan("ban-quet-lon.pdf", "application/pdf", big));
    assertEquals(413, r.statusCode(), r.bodyAsString());
    assertEquals("scan", r.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(before, sql.submissions());
  }

  @Test
  void missingFieldsAreNamed() {
    Map<String, String> f = letter("post", "", "Câu hỏi không có tên người hỏi");
    HttpResponse<Buffer> r = letters.post(editor, null, f);
    assertEquals(400, r.statusCode());
    assertEquals("askerName", r.bodyAsJsonObject().getJsonObject("error").getString("field"));
    f = letter("fax", "Trương Văn Tám", "Kênh không hợp lệ");
    assertEquals("channel.invalid", letters.post(editor, null, f).bodyAsJsonObject().getJsonObject("error")
        .getString("code"));
  }

  @Test
  void onlyEditorsMayEnterLetters() {
    long before = sql.submissions();
    for (String role : List.of("operator", "studio", "agency")) {
      HttpResponse<Buffer> r = letters.post(null, node.token(role), letter("post", "Đỗ Văn Chín", "Thư của tổng đài"),
          new Letters.Scan("thu.pdf", "application/pdf", Letters.PDF));
      assertEquals(403, r.statusCode(), role);
    }
    assertEquals(401, letters.post(null, null, letter("post", "Đỗ Văn Chín", "Thư vô danh")).statusCode());
    // a large upload is refused before its body is read, and the answer still arrives
    byte[] large = new byte[SCAN_MAX - 1000];
    System.arraycopy(Letters.PDF, 0, large, 0, Letters.PDF.length);
    assertEquals(401, letters.post(null, null, letter("post", "Đỗ Văn Chín", "Thư vô danh, tệp lớn"),
        new Letters.Scan("lon.pdf", "application/pdf", large)).statusCode());
    assertEquals(before, sql.submissions());
  }

  static long storedFiles() throws Exception {
    Path dir = dataDir.resolve("attachments");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
