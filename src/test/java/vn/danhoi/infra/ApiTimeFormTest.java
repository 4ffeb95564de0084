package vn.danhoi.infra;

import io.vertx.core.Vertx;
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
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API writes every instant one way (README, "API conventions"): ISO-8601 in the council's time, +07:00,
 * never UTC "Z" nor another offset; calendar days as YYYY-MM-DD. Walks the main responses as the admin sees
 * them on a node with a live show, a dialogue, an accountability session, a conclusion and follow-up, and the
 * moderation, studio and chair sockets.
 */
@ExtendWith(VertxExtension.class)
class ApiTimeFormTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().with("DANHOI_DEMO", "on");

  /** Anything that starts like a date and a time of day. */
  private static final Pattern LOOKS_LIKE_INSTANT = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*");
  private static final Pattern COUNCIL_FORM = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?\\+07:00$");
  private static final Pattern LOOKS_LIKE_DAY = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}.*");
  private static final Pattern DAY = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

  static TestNode node;
  static Sql sql;
  static String editor;
  static String live;
  static String session;
  static final List<String> paths = new ArrayList<>();

  @BeforeAll
  static void seed() {
    node = NODE.node();
    sql = NODE.sql();
    String admin = TestNode.ADMIN_TOKEN;
    editor = node.token("editor");
    StaffSession.create(node, "bientap-thoigian", "Trần Thị Thu", List.of("editor"), null, null);
    ok(node.postJson("/api/privacy/agency-grants", new JsonObject().put("agency", "Sở Xây dựng"), admin), 200);

    live = sql.rows("SELECT id::text FROM episodes WHERE kind = 'live'").get(0).get("id").toString();
    HttpResponse<Buffer> q = node.postJson("/api/episodes/" + live + "/questions",
        TestNode.question("Nguyễn Văn Bình", "Bao giờ đường vào ấp Bình Hòa được sửa?").put("consent", true), null);
    assertTrue(q.statusCode() < 300, q.bodyAsString());

    // a dialogue with opinions answered and assigned, and its conclusion drafted
    String dialogue = episode("Đối thoại với Nhân dân xã Bến Lức", "dialogue");
    String opinion = ok(node.postJson("/api/episodes/" + dialogue + "/opinions", new JsonObject().put("stage", "before")
        .put("topic", "Đất đai").put("commune", "Xã Bến Lức").put("askerName", "Lê Văn Tám").put("locality", "Ấp 3")
        .put("text", "Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất."), editor), 201).getString("id");
    ok(node.postJson("/api/opinions/" + opinion + "/assign", new JsonObject().put("agency", "Sở Nông nghiệp và Môi trường"),
        editor), 200);
    ok(node.postJson("/api/episodes/" + dialogue + "/conclusion/draft", new JsonObject(), editor), 201);

    // an accountability session: an agency called, a delegate registered, the chair's clock started
    session = episode("Phiên giải trình về xây dựng nông thôn mới", "accountability");
    ok(node.postJson("/api/episodes/" + session + "/accountability/agencies", new JsonObject().put("agency", "Sở Xây dựng")
        .put("subjects", "Tiến độ đường giao thông nông thôn").put("reportDueAt", "2027-05-10"), editor), 201);
    ok(node.postJson("/api/episodes/" + session + "/speakers", new JsonObject().put("delegateName", "Võ Thị Hồng")
        .put("room", "Hội trường tỉnh").put("subject", "Đường liên xã").put("agency", "Sở Xây dựng"), editor), 201);
    ok(node.postJson("/api/episodes/" + session + "/chair", new JsonObject().put("action", "next"), editor), 200);
    ok(node.postJson("/api/episodes/" + session + "/chair", new JsonObject().put("action", "start"), editor), 200);

    // after a past show: a question assigned to an agency and answered
    AfterShow after = new AfterShow(sql);
    UUID program = after.program("Dân hỏi – Chính quyền trả lời", "HĐND tỉnh Tây Ninh", "Tây Ninh");
    UUID past = after.episode(program, "Chợ và an toàn thực phẩm", "Chợ truyền thống",
        OffsetDateTime.parse("2026-11-20T20:00:00+07:00"), "Phạm Văn Hùng");
    UUID item = after.question(past, "Đỗ Thị Mai", "0912345678", "mai@example.vn", "Chợ Bến Lức bao giờ sửa mái?",
        "Xây dựng", "answered", true);
    UUID assignment = after.assign(item, past, "Sở Xây dựng", OffsetDateTime.parse("2026-12-20T17:00:00+07:00"), "answered");
    after.answer(assignment, item, "Quý I năm 2027 sẽ sửa mái chợ.", "pending");

    for (String ep : List.of(live, dialogue, session, past.toString())) {
      for (String tail : List.of("", "/details", "/summary", "/queue", "/calls", "/deadlines", "/followup", "/opinions",
          "/conclusion", "/rundown", "/people", "/accountability", "/chair")) {
        paths.add("/api/episodes/" + ep + tail);
      }
      paths.add("/api/public/episodes/" + ep + "/archive");
      paths.add("/api/audit?entity=" + ep);
    }
    paths.addAll(List.of("/api/episodes", "/api/register", "/api/followup/conclusions", "/api/followup/overdue",
        "/api/audit", "/api/tokens", "/api/staff", "/api/privacy/agency-grants", "/api/privacy/retention",
        "/api/reports", "/api/answers", "/api/public/answers", "/api/programs", "/api/agencies", "/api/fields",
        "/api/calendar", "/api/admin/messages", "/api/admin/intake-rules", "/api/intake/unrouted",
        "/api/console/settings", "/api/auth/me", "/api/agency/items", "/api/agency/accountability"));
  }

  static String episode(String title, String kind) {
    String id = ok(node.postJson("/api/episodes", new JsonObject().put("title", title)
        .put("topic", "Nông thôn mới").put("startsAt", "2027-05-12T08:00:00+07:00").put("durationMinutes", 180),
        TestNode.ADMIN_TOKEN), 201).getString("id");
    sql.rows("UPDATE episodes SET kind = ?, venue = 'Hội trường UBND tỉnh', chair = 'Nguyễn Văn Chủ' WHERE id = ?",
        kind, UUID.fromString(id));
    return id;
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  @Test
  void everyInstantInTheMainResponsesIsInTheCouncilsTimeAndEveryDayIsYyyyMmDd() {
    List<String> wrong = new ArrayList<>();
    int instants = 0;
    int read = 0;
    for (String path : paths) {
      HttpResponse<Buffer> r = node.get(path, TestNode.ADMIN_TOKEN);
      String type = r.getHeader("Content-Type");
      if (r.statusCode() != 200 || type == null || !type.startsWith("application/json")) {
        continue;
      }
      read++;
      instants += walk(path, "", r.bodyAsString().trim().startsWith("[") ? r.bodyAsJsonArray() : r.bodyAsJsonObject(),
          wrong);
    }
    assertTrue(read >= 40, "responses read: " + read);
    assertTrue(instants >= 60, "instants seen: " + instants);
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void theSocketsSendTheirInstantsInTheSameForm(Vertx vertx) {
    HttpResponse<Buffer> asked = node.postJson("/api/episodes/" + live + "/questions",
        TestNode.question("Trương Thị Lan", "Khi nào có nước sạch về ấp Tân Lập?").put("consent", true), null);
    String item = asked.bodyAsJsonObject().getString("id");
    for (String action : List.of("shortlist", "next", "on-air")) {
      HttpResponse<Buffer> r = node.postJson("/api/items/" + item + "/actions", new JsonObject().put("action", action),
          editor);
      assertEquals(200, r.statusCode(), action + ": " + r.bodyAsString());
    }
    List<String> wrong = new ArrayList<>();
    int instants = 0;
    try (SocketProbe moderation = node.moderationSocket(live, editor);
         SocketProbe studio = SocketProbe.bearer(vertx, node.port(), "/ws/studio/" + live, editor);
         SocketProbe chair = SocketProbe.bearer(vertx, node.port(), "/ws/chair/" + session, editor)) {
      JsonObject snapshot = moderation.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      instants += walk("/ws/moderation", "", snapshot, wrong);
      JsonObject onAir = studio.await(m -> m.encode().contains("onAirAt\":\"2"), Duration.ofSeconds(10));
      instants += walk("/ws/studio", "", onAir, wrong);
      JsonObject clock = chair.await(m -> m.containsKey("serverTime") || m.encode().contains("serverTime"),
          Duration.ofSeconds(10));
      instants += walk("/ws/chair", "", clock, wrong);
    }
    assertTrue(instants >= 4, "instants seen: " + instants);
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  private static int walk(String path, String at, Object value, List<String> wrong) {
    int seen = 0;
    if (value instanceof JsonObject o) {
      for (String k : o.fieldNames()) {
        seen += walk(path, at + "." + k, o.getValue(k), wrong);
      }
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        seen += walk(path, at + "[" + i + "]", a.getValue(i), wrong);
      }
    } else if (value instanceof String s) {
      if (LOOKS_LIKE_INSTANT.matcher(s).matches()) {
        seen++;
        if (!COUNCIL_FORM.matcher(s).matches()) {
          wrong.add(path + " " + at + " = " + s);
        }
      } else if (LOOKS_LIKE_DAY.matcher(s).matches() && !DAY.matcher(s).matches()) {
        wrong.add(path + " " + at + " = " + s);
      }
    }
    return seen;
  }
}
