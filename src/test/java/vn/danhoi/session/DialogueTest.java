package vn.danhoi.session;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 004, the district chairman's direct dialogue in a commune hall: opinions the commune collected before
 * and those raised at the meeting, grouped by topic, answered in the room or assigned to an agency with a
 * working-day deadline, the report for the standing committee; and the weak connection: an opinion sent
 * again with the same Idempotency-Key is stored once.
 */
@ExtendWith(VertxExtension.class)
class DialogueTest {

  /** Wednesday 12/5/2027, 8:30 in Sơn Động. */
  static final OffsetDateTime NOW = OffsetDateTime.parse("2027-05-12T08:30:00+07:00");

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().clock(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC));

  static TestNode node;
  static Sql sql;
  static String editor;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    editor = node.token("editor");
    sql.rows("INSERT INTO agencies (id, name) VALUES (?, 'Phòng Tài nguyên và Môi trường huyện Sơn Động'), "
        + "(?, 'Phòng Kinh tế và Hạ tầng huyện Sơn Động')", UUID.randomUUID(), UUID.randomUUID());
  }

  static String dialogue(String title) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes", new JsonObject().put("title", title)
        .put("topic", "Tiếp xúc, đối thoại trực tiếp với Nhân dân").put("startsAt", "2027-05-12T08:00:00+07:00")
        .put("durationMinutes", 180), TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String id = r.bodyAsJsonObject().getString("id");
    sql.rows("UPDATE episodes SET kind = 'dialogue', venue = 'Hội trường UBND xã An Bá', chair = 'Đỗ Văn Cẩm' "
        + "WHERE id = ?", UUID.fromString(id));
    return id;
  }

  static HttpResponse<Buffer> opinion(String ep, JsonObject body, String key) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (key != null) {
      headers.add("Idempotency-Key", key);
    }
    return node.post("/api/episodes/" + ep + "/opinions", Buffer.buffer(body.encode()), "application/json", editor,
        headers);
  }

  static String add(String ep, String stage, String topic, String name, String text) {
    HttpResponse<Buffer> r = opinion(ep, new JsonObject().put("stage", stage).put("topic", topic)
        .put("commune", "Xã An Bá").put("askerName", name).put("locality", "Thôn Đồng Băm").put("text", text), null);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  @Test
  void fromCollectedOpinionsToAnswersInTheRoomAssignmentsAndTheReport() throws Exception {
    String ep = dialogue("Đối thoại quý II tại xã An Bá");
    String land = add(ep, "before", "Đất đai", "Hoàng Văn Tư", "Đề nghị cấp giấy chứng nhận đất rừng cho các hộ thôn Đồng Băm.");
    String road = add(ep, "before", "Giao thông", "Nguyễn Thị Lý", "Đường liên thôn xuống cấp, đề nghị sửa chữa trước mùa mưa.");
    String raised = add(ep, "meeting", "Đất đai", "Vi Văn Sáu", "Việc đo đạc lại ranh giới đất còn chậm.");

    JsonObject listed = node.get("/api/episodes/" + ep + "/opinions", editor).bodyAsJsonObject();
    assertEquals(3, listed.getInteger("count"));
    JsonArray topics = listed.getJsonArray("topics");
    assertEquals("Đất đai", topics.getJsonObject(0).getString("topic"));
    assertEquals(2, topics.getJsonObject(0).getJsonArray("opinions").size());

    HttpResponse<Buffer> answered = node.postJson("/api/opinions/" + raised + "/answered", new JsonObject()
        .put("answeredBy", "Trưởng phòng Tài nguyên và Môi trường").put("answer", "Sẽ hoàn thành đo đạc trong tháng 6."),
        editor);
    assertEquals(200, answered.statusCode(), answered.bodyAsString());
    assertEquals("answered", answered.bodyAsJsonObject().getString("status"));

    HttpResponse<Buffer> assigned = node.postJson("/api/opinions/" + land + "/assign", new JsonObject()
        .put("agency", "phòng tài nguyên và môi trường huyện sơn động").put("instruction", "Rà soát và trả lời cử tri"),
        editor);
    assertEquals(200, assigned.statusCode(), assigned.bodyAsString());
    // 15 working days from Wednesday 12/5/2027: Wednesday 2/6, to the end of that day
    assertTrue(assigned.bodyAsJsonObject().getString("dueAt").startsWith("2027-06-02T23:59:59"),
        assigned.bodyAsString());
    List<Map<String, Object>> rows = sql.rows("SELECT agency, status, episode_id, assigned_by, "
        + "to_char(escalate_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS escalate FROM assignments "
        + "WHERE submission_id = ?", UUID.fromString(land));
    assertEquals(1, rows.size());
    assertEquals("Phòng Tài nguyên và Môi trường huyện Sơn Động", rows.get(0).get("agency"));
    assertEquals("assigned", rows.get(0).get("status"));
    assertEquals("2027-06-09", rows.get(0).get("escalate"));

    // neither answered twice nor assigned after being answered in the room
    assertEquals(409, node.postJson("/api/opinions/" + land + "/assign", new JsonObject()
        .put("agency", "Phòng Kinh tế và Hạ tầng huyện Sơn Động"), editor).statusCode());
    assertEquals(409, node.postJson("/api/opinions/" + raised + "/assign", new JsonObject()
        .put("agency", "Phòng Kinh tế và Hạ tầng huyện Sơn Động"), editor).statusCode());
    HttpResponse<Buffer> noAgency = node.postJson("/api/opinions/" + road + "/assign", new JsonObject()
        .put("agency", "Phòng Không Tồn Tại"), editor);
    assertEquals("agency", noAgency.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(0, sql.count("SELECT count(*) FROM assignments WHERE submission_id = ?", UUID.fromString(road)));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'opinion.answered_in_room' AND episode_id = ?",
        UUID.fromString(ep)));

    HttpResponse<Buffer> xlsx = node.get("/api/episodes/" + ep + "/dialogue-report.xlsx", editor);
    assertEquals(200, xlsx.statusCode());
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bodyAsBuffer().getBytes()))) {
      Sheet summary = book.getSheet("Tổng hợp");
      assertEquals("Đất đai", summary.getRow(3).getCell(0).getStringCellValue());
      assertEquals(2, (int) summary.getRow(3).getCell(1).getNumericCellValue());
      assertEquals(1, (int) summary.getRow(3).getCell(2).getNumericCellValue());
      assertEquals(1, (int) summary.getRow(3).getCell(3).getNumericCellValue());
      Sheet all = book.getSheet("Ý kiến");
      assertEquals(3, all.getLastRowNum());
      assertEquals("Đã trả lời tại hội nghị", all.getRow(2).getCell(6).getStringCellValue());
    }

    // the conclusion notice after the dialogue, as after a show: the assigned opinion is an item with its deadline
    HttpResponse<Buffer> draft = node.postJson("/api/episodes/" + ep + "/conclusion/draft", new JsonObject(), editor);
    assertEquals(201, draft.statusCode(), draft.bodyAsString());
    List<Map<String, Object>> items = sql.rows("SELECT owner_agency, to_char(due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', "
        + "'YYYY-MM-DD') AS due FROM conclusion_items WHERE episode_id = ? AND due_at IS NOT NULL", UUID.fromString(ep));
    assertEquals(1, items.size(), items.toString());
    assertEquals("Phòng Tài nguyên và Môi trường huyện Sơn Động", items.get(0).get("owner_agency"));
    assertEquals("2027-06-02", items.get(0).get("due"));
  }

  @Test
  void anOpinionSentAgainAfterTheNetworkDroppedIsStoredOnce() {
    String ep = dialogue("Đối thoại đột xuất tại thị trấn An Châu");
    JsonObject body = new JsonObject().put("stage", "meeting").put("topic", "Môi trường")
        .put("commune", "Thị trấn An Châu").put("askerName", "Lăng Thị Thu")
        .put("text", "Bãi rác tạm gây ô nhiễm khu dân cư.");
    String key = "op-" + UUID.randomUUID();
    HttpResponse<Buffer> first = opinion(ep, body, key);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    assertFalse(first.bodyAsJsonObject().getBoolean("duplicate"));
    HttpResponse<Buffer> again = opinion(ep, body, key);
    assertEquals(201, again.statusCode());
    assertTrue(again.bodyAsJsonObject().getBoolean("duplicate"));
    assertEquals(first.bodyAsJsonObject().getString("id"), again.bodyAsJsonObject().getString("id"));
    assertEquals(1, sql.count("SELECT count(*) FROM opinions WHERE episode_id = ?", UUID.fromString(ep)));

    HttpResponse<Buffer> other = opinion(ep, body.copy().put("text", "Một ý kiến khác."), key);
    assertEquals(422, other.statusCode());
    assertEquals("Idempotency-Key", other.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE episode_id = ?", UUID.fromString(ep)));
  }

  @Test
  void entryNamesTheFieldAndNeedsStaff() {
    String ep = dialogue("Đối thoại quý III tại xã Vĩnh An");
    HttpResponse<Buffer> noTopic = opinion(ep, new JsonObject().put("text", "Điện yếu."), null);
    assertEquals(400, noTopic.statusCode());
    assertEquals("topic", noTopic.bodyAsJsonObject().getJsonObject("error").getString("field"));
    HttpResponse<Buffer> badStage = opinion(ep, new JsonObject().put("topic", "Điện").put("text", "Điện yếu.")
        .put("stage", "sau"), null);
    assertEquals("stage", badStage.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(403, node.post("/api/episodes/" + ep + "/opinions", Buffer.buffer(new JsonObject()
        .put("topic", "Điện").put("text", "Điện yếu.").encode()), "application/json", node.token("studio"),
        MultiMap.caseInsensitiveMultiMap()).statusCode());
    assertEquals(401, node.postJson("/api/episodes/" + ep + "/opinions", new JsonObject()
        .put("topic", "Điện").put("text", "Điện yếu."), null).statusCode());
    // a TV show takes no dialogue opinions
    String show = dialogue("Dân hỏi – Chính quyền trả lời");
    sql.rows("UPDATE episodes SET kind = 'live' WHERE id = ?", UUID.fromString(show));
    assertEquals(409, opinion(show, new JsonObject().put("topic", "Điện").put("text", "Điện yếu."), null).statusCode());
  }
}
