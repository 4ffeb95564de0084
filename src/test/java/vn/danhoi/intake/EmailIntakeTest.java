package vn.danhoi.intake;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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
import vn.danhoi.infra.FileStore;
import vn.danhoi.support.Letters;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.OfficeFiles;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * E-mailed questions end to end against an in-process IMAP + SMTP server: mail is sent over SMTP to the
 * station's mailbox, the node polls it over IMAP, and the questions land in PostgreSQL and reach the
 * moderators; a duplicate delivery or a re-poll stores nothing twice.
 */
@ExtendWith(VertxExtension.class)
class EmailIntakeTest {

  static final String MAILBOX = "hopthu@danhoi.vn";
  static final String EPISODE_ADDRESS = "nuocsach@danhoi.vn";
  static final int LIMIT = 64 * 1024;

  @RegisterExtension
  @Order(1)
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
      .withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, "hopthu", "hop-thu-Dai-2026"))
      .withPerMethodLifecycle(false);

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with(env -> {
        TestNode.mailbox(env, MAIL.getImap().getPort());
        env.put("DANHOI_MAIL_ATTACHMENT_MAX_BYTES", Integer.toString(LIMIT));
      })
      .withDataDir();

  static TestNode node;
  static Sql sql;
  static Path dataDir;
  static String episode;
  static StaffSession editor;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    dataDir = NODE.dataDir();
    episode = node.liveEpisode("8085", "NUOC");
    // addresses are matched without regard to case
    sql.rows("UPDATE episodes SET email_address = 'NuocSach@DanHoi.vn' WHERE id = ?", UUID.fromString(episode));
    editor = StaffSession.create(node, "btv.lethimai", "Lê Thị Mai (Ban biên tập)", List.of("editor"), null, null);
  }

  @AfterAll
  static void stop() {
    editor.close();
  }

  @Test
  void vietnameseSubjectInEncodedWordsIsDecodedStoredAndReachesModerators() throws Exception {
    try (SocketProbe moderator = node.moderationSocket(episode, TestNode.ADMIN_TOKEN)) {
      moderator.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      MimeMessage m = message("Nguyễn Thị Hoa", "hoa.nguyen@example.vn", "NUOCSACH@danhoi.vn",
          "Hỏi về nước sạch ở xã Mỹ Yên");
      m.setText("Kính gửi Ban biên tập,\nKhi nào xã Mỹ Yên có nước sạch sinh hoạt?\nXin cảm ơn.", "UTF-8");
      m.saveChanges();
      assertTrue(raw(m).contains("Subject: =?UTF-8?"), "the subject travels as RFC 2047 encoded words");
      deliver(m);

      JsonObject result = poll();
      assertEquals(1, result.getInteger("stored"), result.encode());

      List<Map<String, Object>> rows = sql.rows("SELECT id, channel, episode_id, asker_name, email, subject, text, "
          + "status, external_id, consent_basis, received_at FROM submissions WHERE external_id = ?", m.getMessageID());
      assertEquals(1, rows.size());
      Map<String, Object> row = rows.get(0);
      assertEquals("email", row.get("channel"));
      assertEquals(UUID.fromString(episode), row.get("episode_id"));
      assertEquals("Nguyễn Thị Hoa", row.get("asker_name"));
      assertEquals("hoa.nguyen@example.vn", row.get("email"));
      assertEquals("Hỏi về nước sạch ở xã Mỹ Yên", row.get("subject"));
      assertEquals("Kính gửi Ban biên tập,\nKhi nào xã Mỹ Yên có nước sạch sinh hoạt?\nXin cảm ơn.", row.get("text"));
      assertEquals("received", row.get("status"));
      assertEquals("email", row.get("consent_basis"));
      Instant received = ((Timestamp) row.get("received_at")).toInstant();
      assertTrue(Duration.between(received, Instant.now()).abs().toMinutes() < 5, "received time is the mailbox's");
      assertEquals(1, sql.count("SELECT count(*) FROM events WHERE entity_id = ? AND action = 'submission.received' "
          + "AND actor = 'mail-intake'", row.get("id").toString()));

      JsonObject item = moderator.awaitItem(row.get("id").toString()).getJsonObject("item");
      assertEquals("email", item.getString("channel"));
      assertEquals("hoa.nguyen@example.vn", item.getString("email"));
      assertEquals(false, item.getBoolean("verified"));

      // marked seen: the next poll reads nothing
      assertEquals(0, poll().getInteger("read"));
    }
  }

  @Test
  void aMailTitledAsAComplaintIsSuggestedAsOneByItsSubject() throws Exception {
    MimeMessage m = message("Huỳnh Văn Nghĩa", "nghia.huynh@example.vn", EPISODE_ADDRESS, "Đơn khiếu nại");
    // the body alone reads as a question; the subject says what it is
    m.setText("Kính gửi Ban Biên tập,\nGia đình tôi không đồng ý với mức bồi thường khi mở rộng đường tỉnh 827.",
        "UTF-8");
    m.saveChanges();
    deliver(m);
    assertEquals(1, poll().getInteger("stored"));
    Map<String, Object> row = sql.rows("SELECT suggested_kind, message_kind FROM submissions WHERE external_id = ?",
        m.getMessageID()).get(0);
    assertEquals("complaint", row.get("suggested_kind"));
    assertEquals("question", row.get("message_kind"), "an editor confirms it");
  }

  @Test
  void htmlOnlyMailIsStoredAsPlainTextWithoutMarkup() throws Exception {
    MimeMessage m = message("Trần Văn Bình", "binh.tran@example.vn", EPISODE_ADDRESS, "Điện ba pha cho ấp Tân Hoà");
    m.setContent("<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
        + "<p>Xin hỏi <b>Điện lực</b> khi nào ấp Tân Hoà có <i>điện ba pha</i>?</p>"
        + "<div>Trân trọng,<br>Trần Văn Bình</div><img src=\"http://example.vn/t.gif\"></body></html>",
        "text/html; charset=UTF-8");
    m.saveChanges();
    deliver(m);
    assertEquals(1, poll().getInteger("stored"));

    Map<String, Object> row = sql.rows("SELECT text, subject, episode_id FROM submissions WHERE external_id = ?",
        m.getMessageID()).get(0);
    String text = (String) row.get("text");
    assertEquals("Xin hỏi Điện lực khi nào ấp Tân Hoà có điện ba pha?\nTrân trọng,\nTrần Văn Bình", text);
    assertFalse(text.contains("<") || text.contains("alert") || text.contains("color"), text);
    assertEquals(UUID.fromString(episode), row.get("episode_id"));
  }

  @Test
  void filesAreKeptByWhatTheyContainAndTheRefusedOnesListedWithWhy() throws Exception {
    MimeMessage m = message("Lê Văn Cường", "cuong.le@example.vn", EPISODE_ADDRESS, "Gửi kèm đơn đề nghị");
    String typed = "Tôi gửi kèm đơn đề nghị lắp đồng hồ nước và ảnh chụp đường ống.\n\n\n\nTrân trọng,\nLê Văn Cường";
    byte[] program = new byte[4096];
    byte[] mz = "MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u00ff\u00ff"
        .getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(mz, 0, program, 0, mz.length);
    byte[] photo = new byte[LIMIT + 1];
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    System.arraycopy(png, 0, photo, 0, png.length);
    byte[] note = "Số đồng hồ nước: 0123. Hộ ông Lê Văn Cường, ấp 3.".getBytes(StandardCharsets.UTF_8);
    m.setContent(parts(typed,
        file("Đơn đề nghị.pdf", "application/pdf", Letters.PDF),
        // a program named and declared as a PDF: its bytes say what it is
        file("hoa-don.pdf", "application/pdf", program),
        file("anh-duong-ong.png", "image/png", photo),
        file("chay-thu.sh", "application/x-sh", "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8)),
        file("so-dong-ho.txt", "text/plain", note)));
    m.saveChanges();
    deliver(m);
    assertEquals(1, poll().getInteger("stored"));

    Map<String, Object> row = sql.rows("SELECT id, text, original_text FROM submissions WHERE external_id = ?",
        m.getMessageID()).get(0);
    assertEquals("Tôi gửi kèm đơn đề nghị lắp đồng hồ nước và ảnh chụp đường ống.\n\nTrân trọng,\nLê Văn Cường",
        row.get("text"));
    assertEquals(typed, row.get("original_text"), "the body as received, before the stored text was trimmed");
    Map<String, Map<String, Object>> files = new HashMap<>();
    sql.rows("SELECT id, file_name, media_type, size_bytes, stored_name, sha256, refused_reason FROM "
        + "submission_attachments WHERE submission_id = ?", row.get("id"))
        .forEach(f -> files.put((String) f.get("file_name"), f));
    assertEquals(5, files.size(), files.toString());

    Map<String, Object> pdf = files.get("Đơn đề nghị.pdf");
    assertEquals("application/pdf", pdf.get("media_type"));
    assertNull(pdf.get("refused_reason"));
    Path onDisk = dataDir.resolve("attachments").resolve((String) pdf.get("stored_name"));
    assertArrayEquals(Letters.PDF, Files.readAllBytes(onDisk));
    Map<String, Object> text = files.get("so-dong-ho.txt");
    assertEquals("text/plain", text.get("media_type"));
    assertArrayEquals(note, Files.readAllBytes(dataDir.resolve("attachments").resolve((String) text.get("stored_name"))));

    Map<String, Object> fake = files.get("hoa-don.pdf");
    assertNull(fake.get("stored_name"));
    assertNotEquals("application/pdf", fake.get("media_type"), "the type is the content's, not the sender's");
    assertTrue(((String) fake.get("refused_reason")).startsWith("Loại tệp không được nhận"), fake.toString());
    Map<String, Object> big = files.get("anh-duong-ong.png");
    assertNull(big.get("stored_name"));
    assertEquals((long) photo.length, ((Number) big.get("size_bytes")).longValue(), "the true size is listed");
    assertTrue(((String) big.get("refused_reason")).startsWith("Tệp quá lớn"), big.toString());
    Map<String, Object> script = files.get("chay-thu.sh");
    assertNull(script.get("stored_name"));
    assertTrue(((String) script.get("refused_reason")).startsWith("Loại tệp không được nhận"), script.toString());
    assertNoFileWithoutItsRow();

    HttpResponse<Buffer> register = editor.get("/api/register?episode=" + episode + "&q=dong%20ho%20nuoc");
    assertEquals(200, register.statusCode(), register.bodyAsString());
    JsonArray items = register.bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, items.size());
    assertEquals(typed, items.getJsonObject(0).getString("originalText"));
    long viewsBefore = sql.count("SELECT count(*) FROM events WHERE action = 'contact.viewed' "
        + "AND entity_type = 'register.attachment' AND actor = ?", editor.actor());
    for (Object o : items.getJsonObject(0).getJsonArray("attachments")) {
      JsonObject a = (JsonObject) o;
      HttpResponse<Buffer> download = editor.get("/api/register/attachments/" + a.getString("id"));
      if (a.getString("fileName").equals("Đơn đề nghị.pdf")) {
        assertEquals(true, a.getBoolean("stored"));
        assertNull(a.getString("refusedReason"));
        assertEquals(200, download.statusCode(), download.bodyAsString());
        assertEquals("application/pdf", download.getHeader("Content-Type"));
        assertArrayEquals(Letters.PDF, download.body().getBytes());
        for (String role : List.of("operator", "studio", "agency")) {
          assertEquals(403, node.get("/api/register/attachments/" + a.getString("id"), node.token(role))
              .statusCode(), role);
        }
      } else if (a.getBoolean("stored")) {
        assertEquals("so-dong-ho.txt", a.getString("fileName"));
        assertEquals(200, download.statusCode(), download.bodyAsString());
        assertArrayEquals(note, download.body().getBytes());
      } else {
        assertNotNull(a.getString("refusedReason"), a.encode());
        assertEquals(404, download.statusCode());
        assertEquals("attachment.not_stored", download.bodyAsJsonObject().getJsonObject("error").getString("code"));
      }
    }
    assertEquals(viewsBefore + 2, sql.count("SELECT count(*) FROM events WHERE action = 'contact.viewed' "
        + "AND entity_type = 'register.attachment' AND actor = ?", editor.actor()), "each download is audited");
  }

  @Test
  void erasingTheSendersDataErasesTheirFilesRowsAndOriginalText() throws Exception {
    MimeMessage m = message("Trần Thị An", "an.tran@example.vn", EPISODE_ADDRESS, "Đơn xin hỗ trợ");
    m.setContent(parts("Tôi là Trần Thị An, gửi đơn xin hỗ trợ lắp đặt nước sạch.\n\n\n\n-- \nTrần Thị An",
        file("Đơn của bà An.pdf", "application/pdf", Letters.PDF)));
    m.saveChanges();
    deliver(m);
    assertEquals(1, poll().getInteger("stored"));
    Object id = sql.rows("SELECT id FROM submissions WHERE external_id = ?", m.getMessageID()).get(0).get("id");
    Path onDisk = dataDir.resolve("attachments").resolve((String) sql.rows("SELECT stored_name FROM "
        + "submission_attachments WHERE submission_id = ?", id).get(0).get("stored_name"));
    assertTrue(Files.exists(onDisk));

    HttpResponse<Buffer> erased = node.postJson("/api/privacy/erase",
        new JsonObject().put("email", "AN.TRAN@example.vn"), TestNode.ADMIN_TOKEN);
    assertEquals(200, erased.statusCode(), erased.bodyAsString());

    assertFalse(Files.exists(onDisk), "the file is deleted from disk");
    assertEquals(0, sql.count("SELECT count(*) FROM submission_attachments WHERE submission_id = ?", id));
    Map<String, Object> row = sql.rows("SELECT text, original_text FROM submissions WHERE id = ?", id).get(0);
    assertNull(row.get("original_text"));
    assertFalse(((String) row.get("text")).contains("Trần Thị An"), (String) row.get("text"));
  }

  @Test
  void aRedeliveredMailKeepsItsFilesOnce() throws Exception {
    MimeMessage m = message("Phan Văn Tài", "tai.phan@example.vn", EPISODE_ADDRESS, "Ảnh chụp đường ống vỡ");
    m.setContent(parts("Ống nước trước nhà tôi bị vỡ, ảnh đính kèm.", file("ong-vo.pdf", "application/pdf",
        Letters.PDF)));
    m.saveChanges();
    deliver(m);
    deliver(m);
    JsonObject result = poll();
    assertEquals(1, result.getInteger("stored"), result.encode());
    assertEquals(1, result.getInteger("duplicates"), result.encode());
    assertEquals(1, sql.count("SELECT count(*) FROM submission_attachments a JOIN submissions s "
        + "ON s.id = a.submission_id WHERE s.external_id = ? AND a.stored_name IS NOT NULL", m.getMessageID()));
    assertNoFileWithoutItsRow();
  }

  /**
   * A spreadsheet or an OpenDocument text that inflates like a zip bomb is listed with why, naming what it passed
   * for, and nothing of it stays on disk; a real spreadsheet in the same mail is kept.
   */
  @Test
  void officeFilesThatInflateLikeAZipBombAreListedWithWhyAndNotKept() throws Exception {
    MimeMessage m = message("Đoàn Văn Lợi", "loi.doan@example.vn", EPISODE_ADDRESS, "Bảng kê hộ chưa có nước sạch");
    m.setContent(parts("Tôi gửi bảng kê các hộ ở ấp 4 chưa có nước sạch.",
        file("Bảng kê.xlsx", FileStore.XLSX, OfficeFiles.excelBomb(16)),
        file("Đơn.odt", FileStore.ODT, OfficeFiles.odtBomb(16)),
        file("Bảng kê ấp 4.xlsx", "application/octet-stream", OfficeFiles.xlsx("Hộ chưa có nước", "Ấp 4: 37 hộ"))));
    m.saveChanges();
    deliver(m);
    assertEquals(1, poll().getInteger("stored"));

    Map<String, Map<String, Object>> files = new HashMap<>();
    sql.rows("SELECT a.file_name, a.media_type, a.stored_name, a.refused_reason FROM submission_attachments a "
        + "JOIN submissions s ON s.id = a.submission_id WHERE s.external_id = ?", m.getMessageID())
        .forEach(f -> files.put((String) f.get("file_name"), f));
    assertEquals(3, files.size(), files.toString());
    Map<String, Object> excel = files.get("Bảng kê.xlsx");
    assertNull(excel.get("stored_name"), excel.toString());
    assertTrue(((String) excel.get("refused_reason")).startsWith("Tệp Excel giải nén ra quá lớn"), excel.toString());
    Map<String, Object> odt = files.get("Đơn.odt");
    assertNull(odt.get("stored_name"), odt.toString());
    assertTrue(((String) odt.get("refused_reason")).startsWith("Tệp văn bản OpenDocument giải nén ra quá lớn"),
        odt.toString());
    Map<String, Object> sheet = files.get("Bảng kê ấp 4.xlsx");
    assertEquals(FileStore.XLSX, sheet.get("media_type"));
    assertNotNull(sheet.get("stored_name"));
    assertNoFileWithoutItsRow();
  }

  /** Every file kept on disk is named by a row; nothing of a mail's reading is left in the upload folder. */
  private static void assertNoFileWithoutItsRow() throws Exception {
    Set<Object> named = new HashSet<>();
    sql.rows("SELECT stored_name FROM submission_attachments WHERE stored_name IS NOT NULL")
        .forEach(r -> named.add(r.get("stored_name")));
    try (Stream<Path> kept = Files.list(dataDir.resolve("attachments"))) {
      kept.filter(Files::isRegularFile).forEach(f -> assertTrue(named.contains(f.getFileName().toString()),
          "orphan file " + f));
    }
    Path incoming = dataDir.resolve("attachments").resolve("incoming");
    if (Files.isDirectory(incoming)) {
      try (Stream<Path> left = Files.list(incoming)) {
        assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith("mail-")), "a mail's part was left");
      }
    }
  }

  private static MimeMultipart parts(String text, MimeBodyPart... files) throws Exception {
    MimeBodyPart body = new MimeBodyPart();
    body.setText(text, "UTF-8");
    MimeMultipart multipart = new MimeMultipart();
    multipart.addBodyPart(body);
    for (MimeBodyPart f : files) {
      multipart.addBodyPart(f);
    }
    return multipart;
  }

  private static MimeBodyPart file(String name, String declaredType, byte[] bytes) throws Exception {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, declaredType)));
    part.setFileName(MimeUtility.encodeText(name, "UTF-8", "B"));
    part.setDisposition(MimeBodyPart.ATTACHMENT);
    // as mail programs send files: 7bit would have the SMTP hop turn the PDF's line ends into CRLF
    part.setHeader("Content-Transfer-Encoding", "base64");
    return part;
  }

  @Test
  void duplicateDeliveryAndRepollStoreOneRow() throws Exception {
    MimeMessage m = message("Phạm Thị Dung", "dung.pham@example.vn", EPISODE_ADDRESS, "Giá nước sinh hoạt");
    m.setText("Vì sao giá nước sinh hoạt ở thị trấn Bến Lức tăng?", "UTF-8");
    m.saveChanges();
    // the same message (same Message-ID) delivered twice, as a retrying mail server does
    deliver(m);
    deliver(m);

    JsonObject first = poll();
    assertEquals(2, first.getInteger("read"), first.encode());
    assertEquals(1, first.getInteger("stored"));
    assertEquals(1, first.getInteger("duplicates"));
    assertEquals(0, poll().getInteger("read"));
    assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE channel = 'email' AND external_id = ?",
        m.getMessageID()));
  }

  @Test
  void mailToNoOpenEpisodeIsKeptUnroutedUntilAnEditorAssignsIt() throws Exception {
    MimeMessage m = message("Võ Minh Đức", "duc.vo@example.vn", "hopthu-chung@danhoi.vn", "Đường giao thông nông thôn");
    m.setText("Khi nào đường liên ấp Mỹ Bình được trải nhựa?", "UTF-8");
    m.saveChanges();
    deliver(m);
    assertEquals(1, poll().getInteger("stored"));

    Map<String, Object> row = sql.rows("SELECT id, episode_id, status FROM submissions WHERE external_id = ?",
        m.getMessageID()).get(0);
    assertNull(row.get("episode_id"));
    assertEquals("unrouted", row.get("status"));
    String id = row.get("id").toString();
    JsonArray unrouted = editor.get("/api/intake/unrouted").bodyAsJsonObject().getJsonArray("items");
    assertTrue(unrouted.stream().anyMatch(o -> id.equals(((JsonObject) o).getString("id"))));

    try (SocketProbe moderator = node.moderationSocket(episode, TestNode.ADMIN_TOKEN)) {
      moderator.await(x -> "snapshot".equals(x.getString("type")), Duration.ofSeconds(10));
      HttpResponse<Buffer> assigned = editor.postJson("/api/register/" + id + "/assign",
          new JsonObject().put("episodeId", episode));
      assertEquals(200, assigned.statusCode(), assigned.bodyAsString());
      assertEquals(episode, assigned.bodyAsJsonObject().getString("episodeId"));
      // the relay's sweep brings it to the episode's moderators
      assertEquals("email", moderator.awaitItem(id).getJsonObject("item").getString("channel"));
    }
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE entity_id = ? AND action = 'submission.assigned' "
        + "AND actor = ?", id, editor.actor()));
    HttpResponse<Buffer> again = editor.postJson("/api/register/" + id + "/assign",
        new JsonObject().put("episodeId", episode));
    assertEquals(409, again.statusCode());
  }

  @Test
  void bccMailIsRoutedByItsDeliveryHeader() throws Exception {
    MimeMessage m = message("Huỳnh Thị Giang", "giang.huynh@example.vn", "ban-bien-tap@danhoi.vn",
        "Hỏi về công tơ nước");
    m.setHeader("Delivered-To", EPISODE_ADDRESS);
    m.setText("Công tơ nước nhà tôi chạy nhanh bất thường, ai kiểm định?", "UTF-8");
    m.saveChanges();
    deliver(m);
    assertEquals(1, poll().getInteger("stored"));
    assertEquals(UUID.fromString(episode), sql.rows("SELECT episode_id FROM submissions WHERE external_id = ?",
        m.getMessageID()).get(0).get("episode_id"));
  }

  @Test
  void onlyEditorsMayCheckTheMailbox() {
    for (String role : List.of("operator", "studio", "agency")) {
      assertEquals(403, node.post("/api/intake/email/poll", Buffer.buffer(), null, node.token(role),
          MultiMap.caseInsensitiveMultiMap()).statusCode(), role);
    }
    assertEquals(401, node.post("/api/intake/email/poll", Buffer.buffer(), null, null,
        MultiMap.caseInsensitiveMultiMap()).statusCode());
  }

  // ---- helpers ----

  static MimeMessage message(String name, String from, String to, String subject) throws Exception {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress(from, name, "UTF-8"));
    m.setRecipients(Message.RecipientType.TO, to);
    m.setSubject(subject, "UTF-8");
    m.setSentDate(new Date());
    return m;
  }

  /** Sends over SMTP to the station's mailbox (the envelope), whatever the To header says, like a mail alias. */
  static void deliver(MimeMessage m) throws Exception {
    int before = MAIL.getReceivedMessages().length;
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(MAIL.getSmtp().getPort()));
    Session session = Session.getInstance(p);
    MimeMessage copy = new MimeMessage(session, new ByteArrayInputStream(raw(m).getBytes(StandardCharsets.ISO_8859_1))) {
      @Override
      protected void updateMessageID() {
        // a redelivery keeps the Message-ID the message was written with
      }
    };
    Transport.send(copy, new Address[] {new InternetAddress(MAILBOX)});
    assertTrue(MAIL.waitForIncomingEmail(10_000, before + 1), "delivered");
  }

  static String raw(MimeMessage m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  JsonObject poll() {
    HttpResponse<Buffer> r = editor.postJson("/api/intake/email/poll", new JsonObject());
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }
}
