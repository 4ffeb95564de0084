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
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  @RegisterExtension
  @Order(1)
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
      .withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, "hopthu", "hop-thu-Dai-2026"))
      .withPerMethodLifecycle(false);

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with(env -> TestNode.mailbox(env, MAIL.getImap().getPort()))
      .withDataDir();

  static TestNode node;
  static Sql sql;
  static String episode;
  static StaffSession editor;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
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
  void attachmentsAreListedNeverKeptOrServed() throws Exception {
    MimeMessage m = message("Lê Văn Cường", "cuong.le@example.vn", EPISODE_ADDRESS, "Gửi kèm đơn đề nghị");
    MimeBodyPart body = new MimeBodyPart();
    body.setText("Tôi gửi kèm đơn đề nghị lắp đồng hồ nước và ảnh chụp đường ống.", "UTF-8");
    byte[] pdf = "%PDF-1.4\n% đơn đề nghị\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
    MimeBodyPart letter = new MimeBodyPart();
    letter.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
    letter.setFileName(jakarta.mail.internet.MimeUtility.encodeText("Đơn đề nghị.pdf", "UTF-8", "B"));
    letter.setDisposition(MimeBodyPart.ATTACHMENT);
    byte[] script = "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8);
    MimeBodyPart shell = new MimeBodyPart();
    shell.setDataHandler(new DataHandler(new ByteArrayDataSource(script, "application/x-sh")));
    shell.setFileName("chay-thu.sh");
    MimeMultipart multipart = new MimeMultipart();
    multipart.addBodyPart(body);
    multipart.addBodyPart(letter);
    multipart.addBodyPart(shell);
    m.setContent(multipart);
    m.saveChanges();
    deliver(m);
    assertEquals(1, poll().getInteger("stored"));

    Map<String, Object> row = sql.rows("SELECT id, text FROM submissions WHERE external_id = ?", m.getMessageID()).get(0);
    assertEquals("Tôi gửi kèm đơn đề nghị lắp đồng hồ nước và ảnh chụp đường ống.", row.get("text"));
    List<Map<String, Object>> files = sql.rows("SELECT file_name, media_type, size_bytes, stored_name FROM "
        + "submission_attachments WHERE submission_id = ? ORDER BY file_name", row.get("id"));
    assertEquals(2, files.size());
    assertEquals("chay-thu.sh", files.get(0).get("file_name"));
    assertEquals("application/x-sh", files.get(0).get("media_type"));
    assertEquals((long) script.length, ((Number) files.get(0).get("size_bytes")).longValue());
    assertNull(files.get(0).get("stored_name"));
    assertEquals("Đơn đề nghị.pdf", files.get(1).get("file_name"));
    assertEquals("application/pdf", files.get(1).get("media_type"));
    assertEquals((long) pdf.length, ((Number) files.get(1).get("size_bytes")).longValue());
    assertNull(files.get(1).get("stored_name"));

    HttpResponse<Buffer> register = editor.get("/api/register?episode=" + episode + "&q=dong%20ho%20nuoc");
    assertEquals(200, register.statusCode(), register.bodyAsString());
    JsonArray items = register.bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, items.size());
    JsonArray listed = items.getJsonObject(0).getJsonArray("attachments");
    assertEquals(2, listed.size());
    for (Object o : listed) {
      JsonObject a = (JsonObject) o;
      assertEquals(false, a.getBoolean("stored"));
      HttpResponse<Buffer> download = editor.get("/api/register/attachments/" + a.getString("id"));
      assertEquals(404, download.statusCode());
      assertEquals("attachment.not_stored", download.bodyAsJsonObject().getJsonObject("error").getString("code"));
    }
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
