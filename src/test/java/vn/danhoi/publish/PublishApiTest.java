package vn.danhoi.publish;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.AfterShow;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publication of approved answers: 409 before approval, the public list and the archive of a past episode
 * (given name and locality only, never contact data), and the citizen told once, through the log-only sender
 * and through SMTP (GreenMail).
 */
@ExtendWith(VertxExtension.class)
class PublishApiTest {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withPerMethodLifecycle(false);

  /** Friday 22/5/2026, 9:00 in Hậu Giang: the day after the show. */
  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-05-22T09:00:00+07:00");
  static final OffsetDateTime SHOW = OffsetDateTime.parse("2026-05-21T20:00:00+07:00");

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().clock(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC))
      .with("DANHOI_PUBLIC_URL", "https://danhoi.haugiang.example.vn");

  static TestNode node;
  static TestNode mailing;
  static Sql sql;
  static AfterShow data;
  static String editor;
  static UUID program;

  @BeforeAll
  static void start() {
    node = NODE.node();
    mailing = NODE.another(env -> TestNode.outbox(env, MAIL.getSmtp().getPort(),
        "Ban Biên tập Đài PT-TH Hậu Giang <bientap@thhg.example.vn>"));
    sql = NODE.sql();
    data = new AfterShow(sql);
    editor = node.token("editor");
    program = data.program("Lắng nghe và Trao đổi", "Thường trực HĐND tỉnh", "Hậu Giang");
  }

  static final String WATER = "Khi nào nước sạch về ấp 3 xã Vị Thanh? Gia đình tôi vẫn dùng nước giếng khoan.";
  static final String WATER_ANSWER = "Trung tâm Nước sạch sẽ kéo tuyến ống về ấp 3 trong quý III năm 2026.";

  /** One question answered by the water agency, its answer in {@code review}; returns {episode, question, answer}. */
  static UUID[] answered(String tag, String review, String email, boolean consent) {
    UUID episode = data.episode(program, "Nước sạch nông thôn " + tag, "Nước sạch và vệ sinh môi trường", SHOW,
        "Mã Thị Tươi");
    UUID q = data.question(episode, "Nguyễn Thị Mai", "0912345678", email, WATER, "Nước sạch", "deferred", consent);
    UUID a = data.assign(q, episode, "Sở Nông nghiệp và Môi trường", NOW.plusDays(20), "approved");
    UUID answer = data.answer(a, q, WATER_ANSWER, review);
    return new UUID[] {episode, q, answer};
  }

  static HttpResponse<Buffer> publish(TestNode on, UUID answer, String token) {
    return on.postJson("/api/answers/" + answer + "/publish", new JsonObject(), token);
  }

  /** Nothing that identifies the asker beyond the given name and locality. */
  static void noContactData(String body) {
    for (String secret : List.of("0912345678", "mai.nguyen@example.vn", "Trần Hưng Đạo", "Nguyễn Thị Mai",
        "Nguyễn Thị", "address", "phone", "email")) {
      assertFalse(body.contains(secret), secret + " leaked: " + body);
    }
  }

  @Test
  void anAnswerIsPublishedOnlyOnceApprovedAndTheCitizenIsToldOnce() {
    UUID[] x = answered("a", "pending", "mai.nguyen@example.vn", true);
    UUID answer = x[2];

    HttpResponse<Buffer> early = publish(node, answer, editor);
    assertEquals(409, early.statusCode(), early.bodyAsString());
    assertEquals("answer.not_approved", early.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(0, sql.count("SELECT count(*) FROM notifications WHERE answer_id = ?", answer));

    sql.rows("UPDATE answers SET review = 'approved', reviewed_by = 'staff:bien-tap', reviewed_at = now() "
        + "WHERE id = ?", answer);
    HttpResponse<Buffer> r = publish(node, answer, editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertFalse(body.getBoolean("alreadyPublished"));
    assertEquals(new JsonObject().put("channel", "log").put("status", "sent"), body.getJsonObject("notice"));
    assertEquals(1, sql.count("SELECT count(*) FROM answers WHERE id = ? AND published_at = ? "
        + "AND published_by LIKE 'token:%'", answer, NOW));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'answer.published' AND entity_id = ? "
        + "AND episode_id = ?", answer.toString(), x[0]));

    // the log sender recorded the notice: to the e-mail the citizen gave, with the answer and the link
    List<Map<String, Object>> notices = sql.rows("SELECT kind, channel, recipient, subject, body, status, "
        + "submission_id FROM notifications WHERE answer_id = ?", answer);
    assertEquals(1, notices.size());
    Map<String, Object> n = notices.get(0);
    assertEquals("log", n.get("channel"));
    assertEquals("answer.published", n.get("kind"));
    assertEquals("mai.nguyen@example.vn", n.get("recipient"));
    assertEquals("sent", n.get("status"));
    assertEquals(x[1], n.get("submission_id"));
    // the state's register: the asker addressed as Ông/Bà by full name, the program's body speaking
    assertTrue(((String) n.get("body")).startsWith("Kính gửi Ông/Bà Nguyễn Thị Mai,"), (String) n.get("body"));
    assertTrue(((String) n.get("body")).contains("Ban Biên tập chương trình “Nước sạch nông thôn a”"),
        (String) n.get("body"));
    assertFalse(((String) n.get("body")).contains("bạn"), (String) n.get("body"));
    assertTrue(((String) n.get("body")).contains(WATER_ANSWER));
    assertTrue(((String) n.get("body")).contains("https://danhoi.haugiang.example.vn/answers.html?episode=" + x[0]));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'answer.citizen_notified' "
        + "AND entity_id = ?", answer.toString()));

    // publishing again (a retry, a second editor) changes nothing and tells nobody twice
    HttpResponse<Buffer> again = publish(node, answer, editor);
    assertEquals(200, again.statusCode());
    assertTrue(again.bodyAsJsonObject().getBoolean("alreadyPublished"));
    assertNull(again.bodyAsJsonObject().getValue("notice"));
    assertEquals(1, sql.count("SELECT count(*) FROM notifications WHERE answer_id = ?", answer));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'answer.published' AND entity_id = ?",
        answer.toString()));

    // the asker asks to be forgotten: the notice that named them and held their address goes too
    HttpResponse<Buffer> erased = node.postJson("/api/privacy/erase",
        new JsonObject().put("email", "mai.nguyen@example.vn"), TestNode.ADMIN_TOKEN);
    assertEquals(200, erased.statusCode(), erased.bodyAsString());
    assertEquals(List.of(), sql.rows("SELECT recipient, body FROM notifications WHERE answer_id = ? "
        + "AND (recipient LIKE '%mai.nguyen%' OR body LIKE '%Mai%')", answer));
  }

  @Test
  void theCitizenIsToldByEmailThroughSmtp() throws Exception {
    UUID[] x = answered("b", "approved", "mai.tran@example.vn", true);
    int before = MAIL.getReceivedMessages().length;

    HttpResponse<Buffer> r = publish(mailing, x[2], mailing.token("editor"));

    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("email", r.bodyAsJsonObject().getJsonObject("notice").getString("channel"));
    MimeMessage[] all = MAIL.getReceivedMessages();
    assertEquals(before + 1, all.length);
    MimeMessage m = all[all.length - 1];
    assertEquals("mai.tran@example.vn", m.getAllRecipients()[0].toString().replaceAll(".*<|>.*", ""));
    assertEquals("Thông báo kết quả trả lời câu hỏi gửi chương trình “Nước sạch nông thôn b”", m.getSubject());
    String text = (String) m.getContent();
    assertTrue(text.contains(WATER_ANSWER), GreenMailUtil.getBody(m));
    assertTrue(text.contains("Sở Nông nghiệp và Môi trường"));
    assertEquals(1, sql.count("SELECT count(*) FROM notifications WHERE answer_id = ? AND channel = 'email' "
        + "AND status = 'sent'", x[2]));
  }

  @Test
  void withoutConsentOrContactNobodyIsTold() {
    UUID[] x = answered("c", "approved", null, false);
    HttpResponse<Buffer> r = publish(node, x[2], editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertNull(r.bodyAsJsonObject().getValue("notice"));
    assertEquals(0, sql.count("SELECT count(*) FROM notifications WHERE answer_id = ?", x[2]));

    // consent and only a phone: an SMS, queued, then sent by the queue through the log provider (none is
    // configured), to the phone, without marks
    UUID[] y = answered("c2", "approved", null, true);
    HttpResponse<Buffer> bySms = publish(node, y[2], editor);
    assertEquals(200, bySms.statusCode());
    assertEquals(new JsonObject().put("channel", "sms").put("status", "queued"),
        bySms.bodyAsJsonObject().getJsonObject("notice"));
    sql.awaitRows(java.time.Duration.ofSeconds(20), "SELECT 1 FROM notifications WHERE answer_id = ? "
        + "AND channel = 'sms' AND status = 'sent' AND provider = 'log' AND recipient = '0912345678' "
        + "AND body LIKE 'Kinh gui Ong/Ba Nguyen Thi Mai: Ban Bien tap chuong trinh \"Nuoc sach nong thon c2\"%'",
        y[2]);
  }

  @Test
  void thePublicSeesTheGivenNameAndLocalityOnlyAndSearchesWithoutAccents() {
    UUID[] x = answered("d", "approved", "mai.nguyen@example.vn", true);
    sql.rows("UPDATE submissions SET edited_text = 'Khi nào nước sạch về ấp 3 xã Vị Thanh?' WHERE id = ?", x[1]);
    assertEquals(200, publish(node, x[2], editor).statusCode());

    HttpResponse<Buffer> r = node.get("/api/public/answers?episode=" + x[0], null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    noContactData(r.bodyAsString());
    JsonObject page = r.bodyAsJsonObject();
    assertEquals(1, page.getLong("total"));
    JsonObject a = page.getJsonArray("items").getJsonObject(0);
    assertEquals("Khi nào nước sạch về ấp 3 xã Vị Thanh?", a.getString("question"));
    assertEquals("Mai", a.getString("asker"));
    assertEquals("Xã Vị Thanh, huyện Vị Thủy", a.getString("locality"));
    assertEquals("Sở Nông nghiệp và Môi trường", a.getString("agency"));
    assertEquals(WATER_ANSWER, a.getString("answer"));
    assertEquals("2026-05-22T09:00:00+07:00", a.getString("publishedAt"));
    assertEquals(x[0].toString(), a.getString("episodeId"));
    assertEquals("Nước sạch nông thôn d", a.getString("episodeTitle"));

    JsonArray found = node.get("/api/public/answers?q=nuoc%20sach%20ve%20ap%203", null).bodyAsJsonObject()
        .getJsonArray("items");
    assertTrue(found.stream().anyMatch(o -> x[2].toString().equals(((JsonObject) o).getString("id"))));
    assertEquals(0, node.get("/api/public/answers?q=hoc%20phi%20dai%20hoc", null).bodyAsJsonObject()
        .getLong("total"));
    // a pending answer is not public
    UUID[] hidden = answered("e", "pending", null, true);
    assertEquals(0, node.get("/api/public/answers?episode=" + hidden[0], null).bodyAsJsonObject().getLong("total"));

    HttpResponse<Buffer> html = node.get("/answers.html?episode=" + x[0], null);
    assertEquals(200, html.statusCode());
    assertTrue(html.bodyAsString().contains("Câu trả lời"));
    noContactData(html.bodyAsString().replace("type=\"email\"", ""));
  }

  @Test
  void thePastEpisodeBecomesItsArchive() {
    UUID episode = data.episode(program, "Việc làm cho thanh niên", "Đào tạo nghề và việc làm", SHOW, "Mã Thị Tươi");
    UUID onAir = data.question(episode, "Lê Văn Hùng", "0987654321", null,
        "Thanh niên nông thôn học nghề có được hỗ trợ học phí không?", "Việc làm", "answered", true);
    sql.rows("UPDATE submissions SET answered_at = ? WHERE id = ?", SHOW.plusMinutes(20), onAir);
    UUID after = data.question(episode, "Nguyễn Thị Mai", "0912345678", "mai.nguyen@example.vn",
        "Xuất khẩu lao động sang Nhật Bản cần điều kiện gì?", "Việc làm", "deferred", true);
    UUID asg = data.assign(after, episode, "Sở Nội vụ", NOW.plusDays(20), "approved");
    assertEquals(200, publish(node, data.answer(asg, after, "Người lao động cần đủ 18 tuổi và có sức khỏe tốt.",
        "approved"), editor).statusCode());
    UUID pending = data.question(episode, "Trần Văn Bảy", "0900111222", null,
        "Khu công nghiệp Sông Hậu có tuyển lao động phổ thông không?", "Việc làm", "deferred", true);
    data.assign(pending, episode, "Ban Quản lý các khu công nghiệp", OffsetDateTime.parse("2026-06-12T17:00:00+07:00"),
        "assigned");
    data.question(episode, "Phạm Thị Gấm", "0900333444", null, "Tố cáo cán bộ ấp nhận tiền", null, "rejected", true);
    data.question(episode, "Võ Văn Tám", "0900555666", null, "Câu hỏi chưa ai xem tới", null, "received", true);

    HttpResponse<Buffer> r = node.get("/api/public/episodes/" + episode + "/archive", null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    String text = r.bodyAsString();
    for (String secret : List.of("0987654321", "0900111222", "mai.nguyen@example.vn", "Trần Hưng Đạo",
        "Lê Văn Hùng", "Trần Văn Bảy", "Tố cáo", "chưa ai xem")) {
      assertFalse(text.contains(secret), secret + " leaked: " + text);
    }
    JsonObject archive = r.bodyAsJsonObject();
    JsonObject air = archive.getJsonObject("answeredOnAir");
    assertEquals(1, air.getInteger("count"));
    assertEquals("Hùng", air.getJsonArray("items").getJsonObject(0).getString("asker"));
    JsonObject afterShow = archive.getJsonObject("answeredAfter");
    assertEquals(1, afterShow.getInteger("count"));
    assertEquals("Mai", afterShow.getJsonArray("items").getJsonObject(0).getString("asker"));
    assertEquals("Sở Nội vụ", afterShow.getJsonArray("items").getJsonObject(0).getString("agency"));
    JsonObject open = archive.getJsonObject("pending");
    assertEquals(2, open.getInteger("count"));
    assertEquals(1, open.getInteger("unreviewed"));
    JsonObject p = open.getJsonArray("items").getJsonObject(0);
    assertEquals("Bảy", p.getString("asker"));
    assertEquals("Ban Quản lý các khu công nghiệp", p.getString("agency"));
    assertEquals("2026-06-12", p.getString("dueDate"));

    // an episode still to come has no archive yet
    UUID coming = data.episode(program, "Hậu Giang xanh", "Môi trường", NOW.plusDays(30), "Mã Thị Tươi");
    HttpResponse<Buffer> early = node.get("/api/public/episodes/" + coming + "/archive", null);
    assertEquals(409, early.statusCode());
    assertEquals("episode.not_ended", early.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(404, node.get("/api/public/episodes/" + UUID.randomUUID() + "/archive", null).statusCode());
  }

  @Test
  void onlyEditorsPublishAndBadInputIsNamed() {
    UUID[] x = answered("f", "approved", null, true);
    assertEquals(401, publish(node, x[2], null).statusCode());
    assertEquals(403, publish(node, x[2], node.token("agency")).statusCode());
    assertEquals(403, publish(node, x[2], node.token("operator")).statusCode());
    assertEquals(404, publish(node, UUID.randomUUID(), editor).statusCode());
    assertEquals(200, publish(node, x[2], TestNode.ADMIN_TOKEN).statusCode());

    HttpResponse<Buffer> badEpisode = node.get("/api/public/answers?episode=tap-1", null);
    assertEquals(400, badEpisode.statusCode());
    assertEquals("episode", badEpisode.bodyAsJsonObject().getJsonObject("error").getString("field"));
    HttpResponse<Buffer> badPage = node.get("/api/public/answers?page=0", null);
    assertEquals(400, badPage.statusCode());
    assertEquals("page.invalid", badPage.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertNotNull(node.get("/api/public/answers?q=" + "a".repeat(201), null).bodyAsJsonObject().getJsonObject("error"));
  }
}
