package vn.danhoi.deadline;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deadlines in working days with the node's clock held on Wednesday 10/2/2027, a compensatory day of Tết
 * Đinh Mùi: questions passed to their unit within 3 working days, the run-down 5 working days before the
 * recording, delegates' questions by the plan's date.
 */
@ExtendWith(VertxExtension.class)
class DeadlinesApiTest {

  static final OffsetDateTime NOW = OffsetDateTime.parse("2027-02-10T09:00:00+07:00");

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().clock(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC));

  static TestNode node;
  static Sql sql;
  static String editor;
  static String operator;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    editor = node.token("editor");
    operator = node.token("operator");
  }

  /** An episode recorded on Monday 22/2/2027 at 20:00. */
  static String episode(String delegatesDueAt) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes", new JsonObject()
        .put("title", "Dân hỏi – Chính quyền trả lời: đất đai sau Tết")
        .put("startsAt", "2027-02-22T20:00:00+07:00").put("durationMinutes", 60), TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String id = r.bodyAsJsonObject().getString("id");
    if (delegatesDueAt != null) {
      sql.rows("UPDATE episodes SET delegates_due_at = ?::timestamptz WHERE id = ?", delegatesDueAt, UUID.fromString(id));
    }
    return id;
  }

  static UUID question(String episodeId, String text, String receivedAt, String status, String agency) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO submissions (id, episode_id, channel, asker_name, locality, email, text, consent, "
            + "consent_basis, received_at, status, agency) VALUES (?, ?, 'email', 'Trần Thị Hồng', "
            + "'Phường 4, TP Tân An', 'hong.tran@example.vn', ?, true, 'email', ?::timestamptz, ?, ?)",
        id, UUID.fromString(episodeId), text, receivedAt, status, agency);
    return id;
  }

  @Test
  void deadlinesCountWorkingDaysAcrossTetAndFlagWhatIsOverdue() {
    String ep = episode("2027-02-19T17:00:00+07:00");
    UUID beforeTet = question(ep, "Khi nào cấp giấy chứng nhận quyền sử dụng đất cho hộ dân xã Mỹ Yên?",
        "2027-01-28T10:00:00+07:00", "received", null);
    UUID justBefore = question(ep, "Đường vào ấp 3 xã Lợi Bình Nhơn bao giờ được sửa?",
        "2027-02-03T10:00:00+07:00", "shortlisted", "Sở Xây dựng");
    question(ep, "Tin rác quảng cáo", "2027-01-20T10:00:00+07:00", "rejected", null);

    HttpResponse<Buffer> r = node.get("/api/episodes/" + ep + "/deadlines", editor);

    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(Set.of("items", "overdueCount"), body.fieldNames());
    JsonArray items = body.getJsonArray("items");
    assertEquals(4, items.size(), items.encodePrettily());
    // received Thursday 28/1: due Tuesday 2/2, two working days (3/2, 4/2) before Tết ago
    JsonObject overdue = items.getJsonObject(0);
    assertEquals(Set.of("kind", "label", "dueAt", "workingDaysLeft", "overdue", "submissionId", "agency"),
        overdue.fieldNames());
    assertNull(overdue.getString("agency"));
    assertEquals("forward", overdue.getString("kind"));
    assertEquals(beforeTet.toString(), overdue.getString("submissionId"));
    assertEquals("2027-02-02T23:59:59+07:00", overdue.getString("dueAt"));
    assertEquals(-2, overdue.getInteger("workingDaysLeft"));
    assertTrue(overdue.getBoolean("overdue"));
    assertTrue(overdue.getString("label").contains("giấy chứng nhận quyền sử dụng đất"), overdue.getString("label"));
    // received Wednesday 3/2: 4/2, then Tết and its compensatory days, then 12/2 and 15/2
    JsonObject forward = byKindAndSubmission(items, "forward", justBefore.toString());
    assertEquals("2027-02-15T23:59:59+07:00", forward.getString("dueAt"));
    // the agency an editor set, so the episode page can group the questions by whom they go to
    assertEquals("Sở Xây dựng", forward.getString("agency"));
    assertEquals(2, forward.getInteger("workingDaysLeft"));
    assertFalse(forward.getBoolean("overdue"));
    // recording Monday 22/2: the run-down goes out by Monday 15/2 (five working days: 15–19/2)
    JsonObject rundown = byKindAndSubmission(items, "rundown", null);
    assertEquals("2027-02-15T23:59:59+07:00", rundown.getString("dueAt"));
    assertEquals(2, rundown.getInteger("workingDaysLeft"));
    assertFalse(rundown.getBoolean("overdue"));
    assertNull(rundown.getString("submissionId"));
    JsonObject delegates = byKindAndSubmission(items, "delegates", null);
    assertEquals("2027-02-19T17:00:00+07:00", delegates.getString("dueAt"));
    assertEquals(6, delegates.getInteger("workingDaysLeft"));
    assertFalse(delegates.getBoolean("overdue"));
    assertEquals(1, body.getInteger("overdueCount"));
  }

  @Test
  void forwardingAQuestionMeetsItsDeadlineAndIsLogged() {
    String ep = episode(null);
    UUID late = question(ep, "Xin hỏi tiến độ dự án nước sạch liên xã Thạnh Lợi?", "2027-01-27T08:00:00+07:00",
        "received", null);

    HttpResponse<Buffer> r = node.postJson("/api/items/" + late + "/forward",
        new JsonObject().put("agency", "Sở Nông nghiệp và Môi trường"), editor);

    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("Sở Nông nghiệp và Môi trường", r.bodyAsJsonObject().getString("forwardedTo"));
    assertEquals("2027-02-10T09:00:00+07:00", r.bodyAsJsonObject().getString("forwardedAt"));
    Map<String, Object> row = sql.rows("SELECT forwarded_at, forwarded_by, forwarded_to, agency FROM submissions "
        + "WHERE id = ?", late).get(0);
    assertEquals(NOW.toInstant(), ((Timestamp) row.get("forwarded_at")).toInstant());
    assertTrue(((String) row.get("forwarded_by")).startsWith("token:"), row.toString());
    assertEquals("Sở Nông nghiệp và Môi trường", row.get("agency"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'item.forwarded' AND entity_id = ? "
        + "AND after->>'forwardedTo' = 'Sở Nông nghiệp và Môi trường'", late.toString()));
    JsonObject deadlines = node.get("/api/episodes/" + ep + "/deadlines", editor).bodyAsJsonObject();
    assertEquals(0, deadlines.getInteger("overdueCount"), deadlines.encodePrettily());
    assertEquals(List.of("rundown"), deadlines.getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("kind")).toList());

    HttpResponse<Buffer> again = node.postJson("/api/items/" + late + "/forward", new JsonObject(), editor);
    assertEquals(409, again.statusCode());
    assertEquals("item.already_forwarded", again.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  void forwardingUsesTheAgencyAlreadySetOrAsksForOne() {
    String ep = episode(null);
    UUID categorised = question(ep, "Hỗ trợ học phí cho con hộ nghèo năm học mới thế nào?",
        "2027-02-08T08:00:00+07:00", "received", "Sở Giáo dục và Đào tạo");
    UUID bare = question(ep, "Giá điện sinh hoạt bậc thang có thay đổi không?", "2027-02-08T08:00:00+07:00",
        "received", null);

    HttpResponse<Buffer> noBody = node.post("/api/items/" + categorised + "/forward", Buffer.buffer(), null, editor,
        MultiMap.caseInsensitiveMultiMap());
    assertEquals(200, noBody.statusCode(), noBody.bodyAsString());
    assertEquals("Sở Giáo dục và Đào tạo", noBody.bodyAsJsonObject().getString("forwardedTo"));

    HttpResponse<Buffer> missing = node.postJson("/api/items/" + bare + "/forward", new JsonObject(), editor);
    assertEquals(400, missing.statusCode());
    assertEquals("agency", missing.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(404, node.postJson("/api/items/" + UUID.randomUUID() + "/forward", new JsonObject(), editor)
        .statusCode());
  }

  @Test
  void calendarShowsEachDayWithItsReason() {
    HttpResponse<Buffer> r = node.get("/api/calendar?from=2027-02-04&to=2027-02-12", operator);

    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(9, body.getJsonArray("days").size());
    assertEquals(2, body.getInteger("workingDays"));
    JsonObject tet = body.getJsonArray("days").getJsonObject(2);
    assertEquals("2027-02-06", tet.getString("date"));
    assertEquals("holiday", tet.getString("kind"));
    assertEquals("Tết Nguyên đán", tet.getString("name"));
    assertFalse(tet.getBoolean("working"));
    assertEquals("compensatory", body.getJsonArray("days").getJsonObject(6).getString("kind"));

    HttpResponse<Buffer> bad = node.get("/api/calendar?from=10/02/2027&to=2027-02-12", editor);
    assertEquals(400, bad.statusCode());
    assertEquals("from", bad.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(400, node.get("/api/calendar?from=2027-01-01&to=2029-01-01", editor).statusCode());
    assertEquals(401, node.get("/api/calendar?from=2027-02-04&to=2027-02-12", null).statusCode());
  }

  @Test
  void deadlinesAndForwardingAreForEditorsOnly() {
    String ep = episode(null);
    UUID q = question(ep, "Câu hỏi về bảo hiểm y tế học sinh", "2027-02-08T08:00:00+07:00", "received", null);
    assertEquals(401, node.get("/api/episodes/" + ep + "/deadlines", null).statusCode());
    assertEquals(403, node.get("/api/episodes/" + ep + "/deadlines", operator).statusCode());
    assertEquals(403, node.postJson("/api/items/" + q + "/forward", new JsonObject().put("agency", "Sở Y tế"),
        operator).statusCode());
    assertEquals(200, node.get("/api/episodes/" + ep + "/deadlines", TestNode.ADMIN_TOKEN).statusCode());
    assertEquals(404, node.get("/api/episodes/" + UUID.randomUUID() + "/deadlines", editor).statusCode());
  }

  private static JsonObject byKindAndSubmission(JsonArray items, String kind, String submissionId) {
    for (Object o : items) {
      JsonObject item = (JsonObject) o;
      if (kind.equals(item.getString("kind")) && Objects.equals(submissionId, item.getString("submissionId"))) {
        return item;
      }
    }
    throw new AssertionError(kind + " " + submissionId + " not in " + items.encodePrettily());
  }
}
