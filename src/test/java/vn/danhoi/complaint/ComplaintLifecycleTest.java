package vn.danhoi.complaint;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A complaint or denunciation from intake to the reports, through the running server: the kind suggested on every
 * channel, an editor's confirmation, the formal reply sent once, and every place it must stay out of.
 */
@ExtendWith(VertxExtension.class)
class ComplaintLifecycleTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static final String COMPLAINT = "Tôi làm đơn khiếu nại quyết định thu hồi đất của Ủy ban nhân dân xã đối với "
      + "thửa đất số 215 của gia đình tôi.";
  static final String DENUNCIATION = "Tôi tố cáo cán bộ địa chính xã nhận tiền để làm sổ đỏ nhanh.";
  static final String QUESTION = "Khi nào ấp Bình Hòa có nước sạch sinh hoạt?";
  static final Pattern BAN = Pattern.compile("(?iu)(^|[^\\p{L}])bạn([^\\p{L}]|$)");

  static TestNode node;
  static Sql sql;
  static String editor;
  static String otherEditor;
  String episode;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    editor = node.token("editor");
    otherEditor = node.token("editor");
  }

  @BeforeEach
  void freshEpisode() {
    episode = node.liveEpisode(null, null);
  }

  @Test
  void everyChannelStoresTheKindTheRulesSuggest() {
    String sms = node.liveEpisode("8096", "KN");
    String web = ask("Nguyễn Văn Khánh", null, COMPLAINT);
    String plain = ask("Lê Thị Hoa", null, QUESTION);
    HttpResponse<Buffer> texted = node.sms("0912000111", "8096", "KN to cao truong ap thu tien ho tro sai quy dinh");
    assertEquals(200, texted.statusCode() / 100 * 100, texted.bodyAsString());
    HttpResponse<Buffer> called = node.postJson("/api/episodes/" + episode + "/calls", new JsonObject()
        .put("callerName", "Trần Văn Bảy").put("callerPhone", "0903123456").put("locality", "Ấp 3, xã Tân Phú Đông")
        .put("text", "Ông Bảy gọi điện khiếu nại việc xã chậm bồi thường giải phóng mặt bằng."),
        node.token("operator"));
    assertEquals(201, called.statusCode(), called.bodyAsString());

    assertEquals("complaint", suggested(web));
    assertEquals("question", suggested(plain));
    assertEquals("complaint", suggested(called.bodyAsJsonObject().getString("id")));
    assertEquals("denunciation", sql.rows("SELECT suggested_kind FROM submissions WHERE episode_id = ? "
        + "AND channel = 'sms'", UUID.fromString(sms)).get(0).get("suggested_kind"));
    // a suggestion only: nothing is a complaint until an editor says so
    assertEquals(0, sql.count("SELECT count(*) FROM submissions WHERE episode_id IN (?, ?) "
        + "AND (message_kind <> 'question' OR kind_confirmed_at IS NOT NULL)", UUID.fromString(episode),
        UUID.fromString(sms)));
    JsonObject queued = item(web);
    assertEquals("complaint", queued.getString("suggestedKind"));
    assertEquals("question", queued.getString("kind"));
  }

  @Test
  void aConfirmedComplaintLeavesTheQueueForTheRegisterAndItsAskerIsRepliedToOnce() {
    String id = ask("Nguyễn Văn Khánh", "khanh.nguyen@example.vn", COMPLAINT);
    WebClient client = WebClient.create(node.vertx());
    // two editors confirm at once: one reply all the same
    List<Future<HttpResponse<Buffer>>> race = List.of(editor, otherEditor).stream()
        .map(token -> client.post(node.port(), "localhost", "/api/items/" + id + "/actions")
            .bearerTokenAuthentication(token).putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(new JsonObject().put("action", "classify").put("kind", "complaint").encode())))
        .toList();
    TestNode.await(Future.join(race));
    client.close();
    assertTrue(race.stream().anyMatch(f -> f.result().statusCode() == 200),
        race.stream().map(f -> f.result().bodyAsString()).toList().toString());

    Map<String, Object> row = sql.rows("SELECT status, message_kind, kind_confirmed_by, kind_confirmed_at, "
        + "reject_reason, position FROM submissions WHERE id = ?", UUID.fromString(id)).get(0);
    assertEquals("referred", row.get("status"), "out of the live queue");
    assertNull(row.get("reject_reason"), "not rejected");
    assertEquals("complaint", row.get("message_kind"));
    assertTrue(String.valueOf(row.get("kind_confirmed_by")).startsWith("token:"));
    assertNotNull(row.get("kind_confirmed_at"));
    assertTrue(sql.count("SELECT count(*) FROM events WHERE entity_id = ? AND action = 'item.classify' "
        + "AND actor LIKE 'token:%' AND after->>'kind' = 'complaint' AND before->>'kind' = 'question'", id) >= 1,
        "the confirmation is in the audit log");

    // confirmed again, as a denunciation this time: still one reply
    assertEquals(200, act(id, "classify", new JsonObject().put("kind", "denunciation"), editor).statusCode());
    List<Map<String, Object>> replies = sql.rows("SELECT channel, recipient, subject, body, status FROM notifications "
        + "WHERE submission_id = ? AND kind = 'complaint.reply'", UUID.fromString(id));
    assertEquals(1, replies.size(), replies.toString());
    Map<String, Object> reply = replies.get(0);
    assertEquals("khanh.nguyen@example.vn", reply.get("recipient"));
    assertEquals("sent", reply.get("status"));
    String body = (String) reply.get("body");
    assertTrue(body.startsWith("Kính gửi Ông/Bà Nguyễn Văn Khánh,"), body);
    for (String needed : List.of("Ban Tiếp công dân", "Địa chỉ:", "Thời gian tiếp công dân:",
        "Luật Khiếu nại năm 2011", "Luật Tố cáo năm 2018", "Luật Tiếp công dân năm 2013", "đơn khiếu nại",
        "Điều 9 Luật Khiếu nại")) {
      assertTrue(body.contains(needed), needed + " missing from:\n" + body);
    }
    assertFalse(BAN.matcher(body).find(), "the state's register: Ông/Bà, never 'bạn'\n" + body);
    assertFalse(BAN.matcher((String) reply.get("subject")).find());
    assertFalse(body.contains("{{"), body);
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE entity_id = ? AND action = 'complaint.reply_sent'",
        id));

    JsonObject page = ok(node.get("/api/register?episode=" + episode + "&kind=denunciation", editor));
    assertEquals(1, page.getJsonArray("items").size(), page.encode());
    JsonObject entry = page.getJsonArray("items").getJsonObject(0);
    assertEquals(id, entry.getString("id"));
    assertEquals("denunciation", entry.getString("kind"));
    assertEquals("referred", entry.getString("status"));
    assertEquals(0, ok(node.get("/api/register?episode=" + episode + "&kind=question", editor))
        .getJsonArray("items").size());
    HttpResponse<Buffer> csv = node.get("/api/register.csv?episode=" + episode, editor);
    assertEquals(200, csv.statusCode());
    assertTrue(csv.bodyAsString().contains("Loại đơn") && csv.bodyAsString().contains("Tố cáo")
        && csv.bodyAsString().contains("Chuyển Ban Tiếp công dân"), csv.bodyAsString());
    HttpResponse<Buffer> bad = node.get("/api/register?kind=khieunai", editor);
    assertEquals(400, bad.statusCode());
    assertEquals("kind", bad.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  void anSmsAskerGetsAShortReplyWithoutDiacritics() {
    String id = ask("Phạm Thị Gấm", null, DENUNCIATION);
    assertEquals(200, act(id, "classify", new JsonObject().put("kind", "denunciation"), editor).statusCode());
    // queued, then sent by the notices' queue, which folds it for the provider
    Map<String, Object> reply = sql.awaitRows(java.time.Duration.ofSeconds(20), "SELECT recipient, body FROM "
        + "notifications WHERE submission_id = ? AND kind = 'complaint.reply' AND status = 'sent'",
        UUID.fromString(id)).get(0);
    assertEquals("0912345678", reply.get("recipient"));
    String body = ((String) reply.get("body")).strip();
    assertTrue(body.contains("Ban Tiep cong dan") && body.contains("Luat To cao 2018"), body);
    assertTrue(body.chars().allMatch(c -> c < 128), "no diacritics on the SMS path: " + body);
  }

  @Test
  void aComplaintNeverGoesOnAirAndASuggestionIsSettledFirst() {
    String id = ask("Đỗ Văn Hùng", null, COMPLAINT);
    error(act(id, "on-air", new JsonObject(), editor), 409, "item.complaint_unconfirmed");
    error(act(id, "next", new JsonObject(), editor), 409, "item.complaint_unconfirmed");
    assertEquals(200, act(id, "classify", new JsonObject().put("kind", "complaint"), editor).statusCode());
    error(act(id, "on-air", new JsonObject(), editor), 409, "item.complaint");
    error(act(id, "shortlist", new JsonObject(), editor), 409, "item.complaint");
    assertEquals("referred", status(id));

    // the editor reads it again: a question after all, back in the queue and free to go on air
    HttpResponse<Buffer> back = act(id, "classify", new JsonObject().put("kind", "question"), editor);
    assertEquals(200, back.statusCode(), back.bodyAsString());
    assertEquals("received", back.bodyAsJsonObject().getString("status"));
    assertEquals(200, act(id, "on-air", new JsonObject(), editor).statusCode());
    assertEquals("on_air", status(id));
  }

  @Test
  void forwardingAndFollowUpRefuseComplaintsAndRunNoClockForThem() {
    String suggestedOnly = ask("Võ Văn Tám", null, COMPLAINT);
    error(node.postJson("/api/items/" + suggestedOnly + "/assign", new JsonObject().put("agency", "Sở Xây dựng"),
        editor), 409, "item.complaint_unconfirmed");
    String id = ask("Võ Thị Sáu", null, DENUNCIATION);
    assertEquals(200, act(id, "classify", new JsonObject().put("kind", "denunciation"), editor).statusCode());
    error(node.postJson("/api/items/" + id + "/assign", new JsonObject().put("agency", "Sở Xây dựng"), editor), 409,
        "item.complaint");
    error(node.postJson("/api/items/" + id + "/forward", new JsonObject().put("agency", "Sở Xây dựng"), editor), 409,
        "item.complaint");
    assertEquals(0, sql.count("SELECT count(*) FROM assignments WHERE submission_id = ?", UUID.fromString(id)));
    assertNull(sql.rows("SELECT forwarded_at FROM submissions WHERE id = ?", UUID.fromString(id)).get(0)
        .get("forwarded_at"));
    String question = ask("Lê Văn Tư", null, QUESTION);
    HttpResponse<Buffer> deadlines = node.get("/api/episodes/" + episode + "/deadlines", editor);
    assertEquals(200, deadlines.statusCode(), deadlines.bodyAsString());
    assertTrue(deadlines.bodyAsString().contains(question), "the clock runs for the question");
    assertFalse(deadlines.bodyAsString().contains(id), "and not for the denunciation");
  }

  @Test
  void theConclusionNoticeAndTheReportsLeaveComplaintsOutAndCountThemApart() {
    String question = ask("Lê Văn Tư", null, QUESTION);
    String complaint = ask("Nguyễn Văn Khánh", null, COMPLAINT);
    String denunciation = ask("Phạm Thị Gấm", null, DENUNCIATION);
    assertEquals(200, act(question, "edit", new JsonObject().put("text", "Khi nào ấp Bình Hòa có nước sạch?"),
        editor).statusCode());
    assertEquals(200, act(complaint, "edit", new JsonObject().put("text", "Khiếu nại thu hồi thửa đất 215"),
        editor).statusCode());
    assertEquals(200, act(complaint, "classify", new JsonObject().put("kind", "complaint"), editor).statusCode());
    assertEquals(200, act(denunciation, "classify", new JsonObject().put("kind", "denunciation"), editor)
        .statusCode());

    HttpResponse<Buffer> draft = node.request("POST", "/api/episodes/" + episode + "/conclusion/draft",
        new JsonObject(), editor);
    assertEquals(201, draft.statusCode(), draft.bodyAsString());
    assertTrue(draft.bodyAsString().contains("Khi nào ấp Bình Hòa có nước sạch?"), draft.bodyAsString());
    assertFalse(draft.bodyAsString().contains("thửa đất 215"), "a complaint is never in the notice");

    JsonObject report = ok(node.get("/api/reports?episode=" + episode, editor));
    JsonObject totals = report.getJsonObject("totals");
    assertEquals(3, totals.getLong("received"));
    assertEquals(1, totals.getLong("questions"), report.encode());
    JsonObject apart = report.getJsonObject("complaints");
    assertEquals("Đơn khiếu nại, tố cáo (chuyển Ban Tiếp công dân)", apart.getString("label"));
    assertEquals(2, apart.getLong("total"));
    assertEquals(1, apart.getLong("complaint"));
    assertEquals(1, apart.getLong("denunciation"));
    assertFalse(report.getJsonObject("questions").encode().contains("Khiếu nại thu hồi"));
  }

  @Test
  void erasingTheAskersDataErasesTheReplyToo() {
    String id = ask("Nguyễn Thị Erasa", "erasa.nguyen@example.vn", COMPLAINT);
    assertEquals(200, act(id, "classify", new JsonObject().put("kind", "complaint"), editor).statusCode());
    HttpResponse<Buffer> erased = node.postJson("/api/privacy/erase",
        new JsonObject().put("email", "erasa.nguyen@example.vn"), TestNode.ADMIN_TOKEN);
    assertEquals(200, erased.statusCode(), erased.bodyAsString());
    Map<String, Object> reply = sql.rows("SELECT recipient, body FROM notifications WHERE submission_id = ? "
        + "AND kind = 'complaint.reply'", UUID.fromString(id)).get(0);
    assertFalse(String.valueOf(reply.get("recipient")).contains("erasa"), reply.toString());
    assertFalse(String.valueOf(reply.get("body")).contains("Erasa"), reply.toString());
  }

  @Test
  void onlyEditorsClassify() {
    String id = ask("Trần Thị Lan", null, COMPLAINT);
    JsonObject body = new JsonObject().put("kind", "complaint");
    assertEquals(403, act(id, "classify", body, node.token("operator")).statusCode());
    assertEquals(401, act(id, "classify", body, null).statusCode());
    error(act(id, "classify", new JsonObject().put("kind", "khieu_nai"), editor), 400, "kind.invalid");
    assertEquals("received", status(id));
    assertEquals(0, sql.count("SELECT count(*) FROM notifications WHERE submission_id = ? AND kind = 'complaint.reply'",
        UUID.fromString(id)));
  }

  private String ask(String name, String email, String text) {
    JsonObject q = TestNode.question(name, text);
    if (email != null) {
      q.put("email", email);
    }
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions", q, null);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private JsonObject item(String id) {
    return ok(node.get("/api/episodes/" + episode + "/queue", editor)).getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(i -> id.equals(i.getString("id"))).findFirst().orElseThrow();
  }

  private static String suggested(String id) {
    return (String) sql.rows("SELECT suggested_kind FROM submissions WHERE id = ?", UUID.fromString(id)).get(0)
        .get("suggested_kind");
  }

  private static String status(String id) {
    return (String) sql.rows("SELECT status FROM submissions WHERE id = ?", UUID.fromString(id)).get(0).get("status");
  }

  private static HttpResponse<Buffer> act(String item, String action, JsonObject extra, String token) {
    return node.postJson("/api/items/" + item + "/actions", extra.copy().put("action", action), token);
  }

  private static JsonObject ok(HttpResponse<Buffer> r) {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static void error(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertEquals(code, error.getString("code"), r.bodyAsString());
    assertFalse(error.getString("message").isBlank());
  }
}
