package vn.danhoi.message;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.support.Api.error;

/**
 * The council office's wording of every message danhoi sends: each template, filled, speaks in the state's
 * register; an admin's edit is what the next message says (the answer notice recorded by the real publish
 * path), a reset brings the default back; a template the senders could not fill is refused naming the field;
 * nobody but an admin reads or changes them; every change is in the audit log.
 */
@ExtendWith(VertxExtension.class)
class MessageTemplatesTest {

  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-07T09:00:00+07:00");
  static final String PATH = "/api/admin/messages";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().clock(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC))
      .with("DANHOI_PUBLIC_URL", "https://hdnd.haugiang.example.vn");

  static TestNode node;
  static Sql sql;
  static AfterShow data;
  static UUID program;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    data = new AfterShow(sql);
    program = data.program("Lắng nghe và Trao đổi", "Thường trực HĐND tỉnh Hậu Giang", "Hậu Giang");
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static JsonObject item(String key) {
    return ok(node.get(PATH + "/" + key, TestNode.ADMIN_TOKEN), 200);
  }

  @Test
  void everyTemplateFilledSpeaksInTheStatesRegister() {
    JsonArray items = ok(node.get(PATH, TestNode.ADMIN_TOKEN), 200).getJsonArray("items");
    Set<String> keys = new HashSet<>();
    items.forEach(o -> keys.add(((JsonObject) o).getString("key")));
    assertTrue(keys.containsAll(List.of("answer-notice-email", "answer-notice-sms", "session-report-reminder",
        "followup-assignment", "followup-reminder", "followup-escalation", "rundown-letter")), keys.toString());
    for (Object o : items) {
      JsonObject t = (JsonObject) o;
      String key = t.getString("key");
      assertFalse(t.getString("title").isBlank(), key);
      assertTrue(List.of("citizen", "agency", "council", "official").contains(t.getString("audience")), key);
      assertTrue(List.of("email", "sms", "zalo").contains(t.getString("channel")), key);
      assertFalse(t.getJsonArray("variables").isEmpty(), key);
      Set<String> names = new HashSet<>();
      for (Object v : t.getJsonArray("variables")) {
        JsonObject variable = (JsonObject) v;
        names.add(variable.getString("name"));
        assertFalse(variable.getString("description").isBlank(), key + " " + variable);
      }
      // the default uses only what the list shows
      String text = t.getJsonObject("default").getString("subject") + "\n" + t.getJsonObject("default").getString("body");
      assertTrue(names.containsAll(TemplateText.placeholders(text)), key + ": " + TemplateText.placeholders(text));

      JsonObject shown = ok(node.request("POST", PATH + "/" + key + "/preview", new JsonObject(),
          TestNode.ADMIN_TOKEN), 200);
      String message = shown.getString("subject") + "\n" + shown.getString("body");
      String lower = message.toLowerCase(Locale.ROOT);
      assertFalse(message.contains("{{") || message.contains("}}"), key + ":\n" + message);
      assertFalse(lower.contains("bạn") || lower.contains("chào") || lower.contains("danhoi")
          || lower.contains("dân hỏi") || lower.contains("trước ngày"), key + ":\n" + message);
      assertFalse(message.contains("quý cơ quan") || message.contains("ông/bà"), key + ":\n" + message);
      if (names.stream().anyMatch(n -> n.startsWith("han_"))) {
        assertTrue(message.contains("chậm nhất ngày"), key + ":\n" + message);
      }
      if (t.getString("audience").equals("citizen")) {
        assertTrue(message.contains("Kính gửi Ông/Bà"), key + ":\n" + message);
      }
    }
  }

  @Test
  void anAdminsEditIsWhatTheNextNoticeSaysAndAResetBringsBackTheDefault() {
    String key = "answer-notice-email";
    JsonObject before = item(key);
    assertFalse(before.getBoolean("edited"));
    String subject = "Kết quả trả lời câu hỏi gửi chương trình {{chuong_trinh}}";
    String body = "Kính gửi Ông/Bà {{ho_ten}},\n\nThường trực HĐND tỉnh xin thông báo: {{co_quan}} đã trả lời "
        + "câu hỏi của Ông/Bà.\n\n{{noi_dung_tra_loi}}\n\nXem tại: {{duong_dan}}\n\nBAN BIÊN TẬP";
    JsonObject saved = ok(node.request("PUT", PATH + "/" + key, new JsonObject().put("subject", subject)
        .put("body", body), TestNode.ADMIN_TOKEN), 200);
    assertTrue(saved.getBoolean("edited"));
    assertEquals(body, saved.getJsonObject("current").getString("body"));
    assertEquals(before.getJsonObject("default"), saved.getJsonObject("default"));
    assertNotNull(saved.getString("updatedBy"));
    assertEquals(1, sql.count("SELECT count(*) FROM message_templates WHERE key = ? AND body = ?", key, body));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'message_template.updated' "
        + "AND entity_type = 'message_template' AND entity_id = ? AND after->>'body' = ? "
        + "AND before->>'body' = ?", key, body, before.getJsonObject("current").getString("body")));

    String edited = noticeBody("sửa");
    assertTrue(edited.startsWith("Kính gửi Ông/Bà Trần Văn Hùng,\n\nThường trực HĐND tỉnh xin thông báo: "
        + "Sở Xây dựng đã trả lời"), edited);
    assertTrue(edited.contains("https://hdnd.haugiang.example.vn/answers.html?episode="), edited);
    assertEquals(1, sql.count("SELECT count(*) FROM notifications WHERE body = ? "
        + "AND subject = 'Kết quả trả lời câu hỏi gửi chương trình “Đường giao thông nông thôn sửa”'", edited));

    JsonObject reset = ok(node.request("DELETE", PATH + "/" + key, null, TestNode.ADMIN_TOKEN), 200);
    assertFalse(reset.getBoolean("edited"));
    assertEquals(reset.getJsonObject("default"), reset.getJsonObject("current"));
    assertEquals(0, sql.count("SELECT count(*) FROM message_templates WHERE key = ?", key));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'message_template.reset' "
        + "AND entity_id = ? AND before->>'body' = ?", key, body));

    String again = noticeBody("mặc định");
    assertTrue(again.startsWith("Kính gửi Ông/Bà Trần Văn Hùng,\n\nBan Biên tập chương trình “Đường giao thông "
        + "nông thôn mặc định” của Thường trực HĐND tỉnh Hậu Giang trân trọng thông báo"), again);
  }

  /** Publishes an approved answer to a question of an episode titled with {@code tag}; the notice's body. */
  static String noticeBody(String tag) {
    UUID episode = data.episode(program, "Đường giao thông nông thôn " + tag, "Giao thông",
        NOW.minusDays(3), "Mã Thị Tươi");
    UUID q = data.question(episode, "Trần Văn Hùng", "0912345679", "hung.tran@example.vn",
        "Khi nào đường liên ấp Phú Lợi được trải nhựa?", "Giao thông", "deferred", true);
    UUID a = data.assign(q, episode, "Sở Xây dựng", NOW.plusDays(10), "approved");
    UUID answer = data.answer(a, q, "Đường liên ấp Phú Lợi được trải nhựa trong quý II năm 2027.", "approved");
    ok(node.postJson("/api/answers/" + answer + "/publish", new JsonObject(), node.token("editor")), 200);
    List<Map<String, Object>> rows = sql.rows("SELECT body FROM notifications WHERE answer_id = ?", answer);
    assertEquals(1, rows.size());
    return (String) rows.get(0).get("body");
  }

  @Test
  void aTemplateTheSendersCannotFillIsRefusedNamingTheField() {
    String key = "followup-assignment";
    JsonObject t = item(key);
    String subject = t.getJsonObject("default").getString("subject");
    String body = t.getJsonObject("default").getString("body");

    error(put(key, subject, body.replace("{{co_quan}}", "{{ten_co_quan}}")), 400, "body.unknown_variable", "body");
    error(put(key, subject + " {{so_dien_thoai}}", body), 400, "subject.unknown_variable", "subject");
    error(put(key, subject, body.replace("{{danh_sach}}", "{{danh_sach}")), 400, "body.unbalanced_braces", "body");
    error(put(key, subject.replace("{{han_tra_loi}}", "{han_tra_loi}}"), body), 400, "subject.unbalanced_braces",
        "subject");
    error(put(key, subject, body.replace("{{cong_tra_loi}}", "Cổng trả lời của cơ quan")), 400,
        "body.missing_variable", "body");
    error(put(key, "", body), 400, "subject.required", "subject");
    error(put(key, subject + "\nmột dòng nữa", body), 400, "subject.invalid", "subject");
    error(node.request("POST", PATH + "/" + key + "/preview", new JsonObject().put("body", "{{x"),
        TestNode.ADMIN_TOKEN), 400, "body.unbalanced_braces", "body");
    error(node.request("PUT", PATH + "/khong-co", new JsonObject().put("subject", "a").put("body", "b"),
        TestNode.ADMIN_TOKEN), 404, "message.not_found", null);
    // nothing of it was stored
    assertEquals(0, sql.count("SELECT count(*) FROM message_templates WHERE key = ?", key));
    assertFalse(item(key).getBoolean("edited"));
  }

  static HttpResponse<Buffer> put(String key, String subject, String body) {
    return node.request("PUT", PATH + "/" + key, new JsonObject().put("subject", subject).put("body", body),
        TestNode.ADMIN_TOKEN);
  }

  @Test
  void onlyAnAdminReadsOrChangesTheTemplates() {
    String key = "followup-reminder";
    JsonObject t = item(key);
    JsonObject change = new JsonObject().put("subject", t.getJsonObject("default").getString("subject"))
        .put("body", "Kính gửi: {{co_quan}}\n\n{{danh_sach}}\nHạn: chậm nhất ngày {{han_tra_loi}}.");
    for (String role : List.of("editor", "operator", "agency")) {
      String token = node.token(role);
      assertEquals(403, node.get(PATH, token).statusCode(), role);
      assertEquals(403, node.request("PUT", PATH + "/" + key, change, token).statusCode(), role);
      assertEquals(403, node.request("DELETE", PATH + "/" + key, null, token).statusCode(), role);
      assertEquals(403, node.request("POST", PATH + "/" + key + "/preview", new JsonObject(), token).statusCode(),
          role);
    }
    assertEquals(401, node.get(PATH, null).statusCode());
    assertEquals(0, sql.count("SELECT count(*) FROM message_templates WHERE key = ?", key));
    assertNull(item(key).getValue("updatedBy"));
  }
}
