package vn.danhoi.episode;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.support.Api;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.support.Api.error;

/**
 * Programs and episodes as the council office plans them: every field of the plan
 * round-trips, the panel keeps its order, changes are logged, the intake window opens and closes on time,
 * and the episode page's counters add up by channel.
 */
@ExtendWith(VertxExtension.class)
class EpisodePlanTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;
  static Sql sql;
  static Api api;
  static String editor;
  static String operator;
  static String studio;
  static String agencyPower;
  static String agencyWater;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    api = new Api(node);
    editor = node.token("editor");
    operator = node.token("operator");
    studio = node.token("studio");
    agencyPower = api.expect(201, HttpMethod.POST, "/api/agencies", new JsonObject()
        .put("name", "Công ty Điện lực Hậu Giang").put("kind", "utility")
        .put("emails", new JsonArray().add("pchaugiang@evnspc.vn")), TestNode.ADMIN_TOKEN).getString("id");
    agencyWater = api.expect(201, HttpMethod.POST, "/api/agencies", new JsonObject()
        .put("name", "Sở Xây dựng tỉnh Hậu Giang").put("kind", "department"), TestNode.ADMIN_TOKEN).getString("id");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  // ---- programs ----

  @Test
  void adminCreatesAndEditsAProgramAndEditorsReadIt() {
    JsonObject created = api.expect(201, HttpMethod.POST, "/api/programs", program("Lắng nghe và Trao đổi"),
        TestNode.ADMIN_TOKEN);
    String id = created.getString("id");
    assertEquals("Thường trực HĐND tỉnh Hậu Giang", created.getString("organiser"));
    assertEquals("Đài Phát thanh và Truyền hình Hậu Giang", created.getString("broadcaster"));
    assertEquals("HỘI ĐỒNG NHÂN DÂN TỈNH HẬU GIANG", created.getString("issuingBody"));
    assertEquals("", created.getString("parentBody"));
    assertEquals("Hậu Giang", created.getString("place"));
    JsonObject headed = api.expect(200, HttpMethod.PATCH, "/api/programs/" + id, new JsonObject()
        .put("parentBody", "Hội đồng nhân dân tỉnh Hậu Giang").put("issuerAbbreviation", "hđnd"), TestNode.ADMIN_TOKEN);
    assertEquals("Hội đồng nhân dân tỉnh Hậu Giang", headed.getString("parentBody"));
    assertEquals("HĐND", headed.getString("issuerAbbreviation"));
    assertTrue(created.getBoolean("active"));

    JsonObject changed = api.expect(200, HttpMethod.PATCH, "/api/programs/" + id,
        new JsonObject().put("description", "Phát sóng trực tiếp 60 phút, tối thứ Năm cuối tháng").put("active", false),
        TestNode.ADMIN_TOKEN);
    assertEquals("Phát sóng trực tiếp 60 phút, tối thứ Năm cuối tháng", changed.getString("description"));
    assertFalse(changed.getBoolean("active"));
    assertEquals("Hậu Giang", changed.getString("place"), "untouched fields stay");

    assertEquals(changed, api.expect(200, HttpMethod.GET, "/api/programs/" + id, null, editor));
    assertTrue(api.expect(200, HttpMethod.GET, "/api/programs", null, editor).getJsonArray("items").stream()
        .anyMatch(p -> id.equals(((JsonObject) p).getString("id"))));
    assertEquals("HỘI ĐỒNG NHÂN DÂN TỈNH HẬU GIANG", sql.rows("SELECT issuing_body FROM programs WHERE id = ?",
        UUID.fromString(id)).get(0).get("issuing_body"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'program.created' AND entity_id = ?", id));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'program.updated' AND entity_id = ? "
        + "AND before->>'active' = 'true' AND after->>'active' = 'false'", id));
  }

  @Test
  void invalidProgramsAreRefusedNamingTheField() {
    api.expect(201, HttpMethod.POST, "/api/programs", program("Dân hỏi – Chính quyền trả lời"), TestNode.ADMIN_TOKEN);
    long before = sql.count("SELECT count(*) FROM programs");
    error(api.send(HttpMethod.POST, "/api/programs", new JsonObject().put("description", "Không tên"),
        TestNode.ADMIN_TOKEN), 400, "name.required", "name");
    error(api.send(HttpMethod.POST, "/api/programs", program("DÂN HỎI – CHÍNH QUYỀN TRẢ LỜI"), TestNode.ADMIN_TOKEN),
        409, "name.taken", "name");
    error(api.send(HttpMethod.POST, "/api/programs", program("Chương trình mới").put("active", "có"),
        TestNode.ADMIN_TOKEN), 400, "active.invalid", "active");
    error(api.send(HttpMethod.POST, "/api/programs", program("Chương trình mới").put("place", "x".repeat(121)),
        TestNode.ADMIN_TOKEN), 400, "place.too_long", "place");
    // the abbreviation goes into "Số: 01/TB-HĐND": no spaces, no slash
    error(api.send(HttpMethod.POST, "/api/programs", program("Chương trình mới").put("issuerAbbreviation", "HĐ ND"),
        TestNode.ADMIN_TOKEN), 400, "issuerAbbreviation.invalid", "issuerAbbreviation");
    error(api.send(HttpMethod.POST, "/api/programs", program("Chương trình mới").put("issuerAbbreviation", "TB/HĐND"),
        TestNode.ADMIN_TOKEN), 400, "issuerAbbreviation.invalid", "issuerAbbreviation");
    assertEquals(before, sql.count("SELECT count(*) FROM programs"));
  }

  // ---- episodes ----

  @Test
  void everyFieldOfAnEpisodeRoundTrips() {
    String programId = api.expect(201, HttpMethod.POST, "/api/programs", program("Chương trình Đối thoại"),
        TestNode.ADMIN_TOKEN).getString("id");
    JsonObject body = fullEpisode(programId);

    JsonObject created = api.expect(201, HttpMethod.POST, "/api/episodes", body, TestNode.ADMIN_TOKEN);
    String id = created.getString("id");
    JsonObject details = api.expect(200, HttpMethod.GET, "/api/episodes/" + id + "/details", null, editor);

    assertEquals(programId, details.getString("programId"));
    assertEquals("Chương trình Đối thoại lần thứ hai", details.getString("title"));
    assertEquals("Cung cấp nước sạch và điện cho khu vực nông thôn", details.getString("topic"));
    assertEquals("2030-09-12T20:00:00+07:00", details.getString("startsAt"));
    assertEquals(90, details.getInteger("durationMinutes"));
    assertEquals("planned", details.getString("status"));
    assertEquals("upcoming", details.getString("liveStatus"));
    assertEquals("accountability", details.getString("kind"));
    assertEquals(new JsonArray().add("tv").add("youtube").add("fanpage").add("website"),
        details.getJsonArray("platforms"), "in the fixed order");
    assertEquals("Hội trường HĐND tỉnh, số 2 đường Trần Hưng Đạo", details.getString("venue"));
    assertEquals("Ông Trần Văn Huyến, Chủ tịch HĐND tỉnh", details.getString("chair"));
    assertEquals(new JsonArray().add("Nguyễn Thu Hà").add("Lê Minh Đức"), details.getJsonArray("hosts"));
    assertEquals("2030-09-05T17:00:00+07:00", details.getString("delegatesDueAt"));
    JsonObject intake = details.getJsonObject("intake");
    assertEquals("2030-08-28T08:00:00+07:00", intake.getString("opensAt"));
    assertEquals("2030-09-12T21:30:00+07:00", intake.getString("closesAt"));
    assertEquals("8085", intake.getString("smsNumber"));
    assertEquals("DT", intake.getString("smsKeyword"));
    assertEquals(new JsonArray().add("0293 3876 111").add("1800 1091"), intake.getJsonArray("hotline"));
    assertEquals("doithoai@haugiang.gov.vn", intake.getString("emailAddress"));
    assertEquals("Văn phòng HĐND tỉnh, số 2 Trần Hưng Đạo, phường 5, TP Vị Thanh", intake.getString("postalAddress"));
    JsonArray people = details.getJsonArray("people");
    assertEquals(3, people.size());
    assertEquals(List.of("Phạm Văn Điện", "Võ Thị Nước", "Đặng Văn Khách"),
        people.stream().map(p -> ((JsonObject) p).getString("name")).toList(), "in the order given");
    JsonObject first = people.getJsonObject(0);
    assertEquals("responder", first.getString("role"));
    assertEquals("Giám đốc", first.getString("title"));
    assertEquals(agencyPower, first.getString("agencyId"));
    assertEquals("Công ty Điện lực Hậu Giang", first.getString("agencyName"));
    assertEquals("giamdoc@pchaugiang.vn", first.getString("email"));
    assertEquals("guest", people.getJsonObject(2).getString("role"));

    Map<String, Object> row = sql.rows("SELECT kind, array_to_string(platforms, ',') AS platforms, venue, chair, "
        + "array_to_string(hosts, ',') AS hosts, email_address, postal_address, delegates_due_at "
        + "FROM episodes WHERE id = ?", UUID.fromString(id)).get(0);
    assertEquals("accountability", row.get("kind"));
    assertEquals("tv,youtube,fanpage,website", row.get("platforms"));
    assertEquals("Nguyễn Thu Hà,Lê Minh Đức", row.get("hosts"));
    assertEquals("doithoai@haugiang.gov.vn", row.get("email_address"));
    assertEquals(3, sql.count("SELECT count(*) FROM episode_people WHERE episode_id = ?", UUID.fromString(id)));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'episode.created' AND entity_id = ?", id));

    // the public view is unchanged by the plan
    JsonObject pub = node.get("/api/episodes/" + id, null).bodyAsJsonObject();
    assertEquals("upcoming", pub.getString("status"));
    assertFalse(pub.containsKey("people"), "the panel's e-mails are not public");
  }

  @Test
  void patchChangesOnlyWhatItNamesAndLogsBeforeAndAfter() {
    String id = api.expect(201, HttpMethod.POST, "/api/episodes", fullEpisode(null), TestNode.ADMIN_TOKEN)
        .getString("id");
    JsonObject changed = api.expect(200, HttpMethod.PATCH, "/api/episodes/" + id, new JsonObject()
        .put("venue", "Trường quay Đài PT-TH Hậu Giang").put("platforms", new JsonArray().add("radio"))
        .put("intake", new JsonObject().put("emailAddress", "dantraloi@haugiang.gov.vn")), TestNode.ADMIN_TOKEN);

    assertEquals("Trường quay Đài PT-TH Hậu Giang", changed.getString("venue"));
    assertEquals(new JsonArray().add("radio"), changed.getJsonArray("platforms"));
    assertEquals("dantraloi@haugiang.gov.vn", changed.getJsonObject("intake").getString("emailAddress"));
    assertEquals("8085", changed.getJsonObject("intake").getString("smsNumber"), "intake's other fields stay");
    assertEquals("2030-08-28T08:00:00+07:00", changed.getJsonObject("intake").getString("opensAt"));
    assertEquals("Ông Trần Văn Huyến, Chủ tịch HĐND tỉnh", changed.getString("chair"));
    assertEquals(3, changed.getJsonArray("people").size(), "the panel stays when not named");

    Map<String, Object> event = sql.rows("SELECT actor, before->>'venue' AS b, after->>'venue' AS a FROM events "
        + "WHERE action = 'episode.updated' AND entity_id = ?", id).get(0);
    assertEquals("admin", event.get("actor"));
    assertEquals("Hội trường HĐND tỉnh, số 2 đường Trần Hưng Đạo", event.get("b"));
    assertEquals("Trường quay Đài PT-TH Hậu Giang", event.get("a"));

    JsonObject cancelled = api.expect(200, HttpMethod.PATCH, "/api/episodes/" + id,
        new JsonObject().put("status", "cancelled"), TestNode.ADMIN_TOKEN);
    assertEquals("cancelled", cancelled.getString("status"));
    assertEquals("cancelled", node.get("/api/episodes/" + id, null).bodyAsJsonObject().getString("status"));
  }

  @Test
  void thePanelIsReplacedInOrderAndItsAgenciesMustExist() {
    String id = api.expect(201, HttpMethod.POST, "/api/episodes", fullEpisode(null), TestNode.ADMIN_TOKEN)
        .getString("id");
    JsonArray panel = new JsonArray()
        .add(new JsonObject().put("role", "chair").put("name", "Trần Văn Huyến").put("title", "Chủ tịch HĐND tỉnh"))
        .add(new JsonObject().put("role", "responder").put("name", "Huỳnh Thị Xây").put("title", "Giám đốc Sở")
            .put("agencyId", agencyWater).put("email", "giamdoc.sxd@haugiang.gov.vn"))
        .add(new JsonObject().put("role", "host").put("name", "Nguyễn Thu Hà"));
    JsonObject after = api.expect(200, HttpMethod.PUT, "/api/episodes/" + id + "/people",
        new JsonObject().put("people", panel), TestNode.ADMIN_TOKEN);
    JsonArray people = after.getJsonArray("people");
    assertEquals(List.of("chair", "responder", "host"), people.stream().map(p -> ((JsonObject) p).getString("role"))
        .toList());
    assertEquals("Sở Xây dựng tỉnh Hậu Giang", people.getJsonObject(1).getString("agencyName"));
    assertEquals(List.of(0, 1, 2), people.stream().map(p -> ((JsonObject) p).getInteger("position")).toList());
    assertEquals(3, sql.count("SELECT count(*) FROM episode_people WHERE episode_id = ?", UUID.fromString(id)));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'episode.updated' AND entity_id = ? "
        + "AND jsonb_array_length(after->'people') = 3", id));

    long events = sql.count("SELECT count(*) FROM events");
    panel.getJsonObject(1).put("agencyId", UUID.randomUUID().toString());
    error(api.send(HttpMethod.PUT, "/api/episodes/" + id + "/people", new JsonObject().put("people", panel),
        TestNode.ADMIN_TOKEN), 400, "people[1].agencyId.not_found", "people[1].agencyId");
    error(api.send(HttpMethod.PUT, "/api/episodes/" + id + "/people", new JsonObject().put("people",
        new JsonArray().add(new JsonObject().put("role", "khách").put("name", "Ai đó"))), TestNode.ADMIN_TOKEN),
        400, "people[0].role.invalid", "people[0].role");
    error(api.send(HttpMethod.PUT, "/api/episodes/" + id + "/people", new JsonObject().put("people",
        new JsonArray().add(new JsonObject().put("role", "guest").put("name", "Khách").put("email", "khách@"))),
        TestNode.ADMIN_TOKEN), 400, "people[0].email.invalid", "people[0].email");
    error(api.send(HttpMethod.PUT, "/api/episodes/" + id + "/people", new JsonObject().put("people",
        new JsonArray().add(new JsonObject().put("role", "guest"))), TestNode.ADMIN_TOKEN),
        400, "people[0].name.required", "people[0].name");
    assertEquals(3, sql.count("SELECT count(*) FROM episode_people WHERE episode_id = ?", UUID.fromString(id)));
    assertEquals(events, sql.count("SELECT count(*) FROM events"));
  }

  @Test
  void invalidPlanFieldsAreRefusedNamingTheFieldAndNothingStored() {
    long episodes = sql.count("SELECT count(*) FROM episodes");
    error(send(fullEpisode(null).put("kind", "talkshow")), 400, "kind.invalid", "kind");
    error(send(fullEpisode(null).put("platforms", new JsonArray().add("tiktok"))), 400, "platforms.invalid",
        "platforms");
    error(send(fullEpisode(null).put("delegatesDueAt", "trước 5/9")), 400, "delegatesDueAt.invalid", "delegatesDueAt");
    JsonObject badEmail = fullEpisode(null);
    badEmail.getJsonObject("intake").put("emailAddress", "doithoai@haugiang");
    error(send(badEmail), 400, "intake.emailAddress.invalid", "intake.emailAddress");
    JsonObject badSms = fullEpisode(null);
    badSms.getJsonObject("intake").put("smsNumber", "tám không tám năm");
    error(send(badSms), 400, "intake.smsNumber.invalid", "intake.smsNumber");
    error(send(fullEpisode(UUID.randomUUID().toString())), 400, "programId.not_found", "programId");
    error(send(fullEpisode(null).put("status", "postponed")), 400, "status.invalid", "status");
    assertEquals(episodes, sql.count("SELECT count(*) FROM episodes"));

    String id = api.expect(201, HttpMethod.POST, "/api/episodes", fullEpisode(null), TestNode.ADMIN_TOKEN)
        .getString("id");
    error(api.send(HttpMethod.PATCH, "/api/episodes/" + id, new JsonObject().put("durationMinutes", 0),
        TestNode.ADMIN_TOKEN), 400, "durationMinutes.invalid", "durationMinutes");
    error(api.send(HttpMethod.PATCH, "/api/episodes/" + id, new JsonObject().put("intake",
        new JsonObject().put("closesAt", "2030-08-01T08:00:00+07:00")), TestNode.ADMIN_TOKEN),
        400, "intake.closesAt.invalid", "intake.closesAt");
    error(api.send(HttpMethod.PATCH, "/api/episodes/" + UUID.randomUUID(), new JsonObject().put("venue", "x"),
        TestNode.ADMIN_TOKEN), 404, "episode.not_found", null);
    assertEquals(90, ((Number) sql.rows("SELECT duration_minutes FROM episodes WHERE id = ?", UUID.fromString(id))
        .get(0).get("duration_minutes")).intValue());
  }

  @Test
  void onlyAdminsPlanEpisodesAndOnlyEditorsAndAdminsReadThePlan() {
    String id = api.expect(201, HttpMethod.POST, "/api/episodes", fullEpisode(null), TestNode.ADMIN_TOKEN)
        .getString("id");
    long events = sql.count("SELECT count(*) FROM events");
    JsonObject change = new JsonObject().put("venue", "Nơi khác");
    JsonObject panel = new JsonObject().put("people", new JsonArray());
    for (String token : List.of(editor, operator, studio)) {
      error(api.send(HttpMethod.PATCH, "/api/episodes/" + id, change, token), 403, "auth.forbidden", null);
      error(api.send(HttpMethod.PUT, "/api/episodes/" + id + "/people", panel, token), 403, "auth.forbidden", null);
      error(api.send(HttpMethod.POST, "/api/programs", program("Không được tạo"), token), 403, "auth.forbidden", null);
    }
    error(api.send(HttpMethod.PATCH, "/api/episodes/" + id, change, null), 401, "auth.required", null);
    for (String path : List.of("/api/episodes/" + id + "/details", "/api/episodes/" + id + "/summary",
        "/api/programs")) {
      error(api.get(path, operator), 403, "auth.forbidden", null);
      error(api.get(path, studio), 403, "auth.forbidden", null);
      error(api.get(path, null), 401, "auth.required", null);
      api.expect(200, HttpMethod.GET, path, null, editor);
    }
    assertEquals(events, sql.count("SELECT count(*) FROM events"));
    assertEquals("Hội trường HĐND tỉnh, số 2 đường Trần Hưng Đạo",
        sql.rows("SELECT venue FROM episodes WHERE id = ?", UUID.fromString(id)).get(0).get("venue"));
  }

  // ---- the intake window ----

  @Test
  void thePublicFormTakesQuestionsOnlyWhileTheWindowIsOpen() {
    // announced 15 days before the show; the window here has not opened yet
    OffsetDateTime show = OffsetDateTime.now(ZoneOffset.UTC).plusDays(20).truncatedTo(ChronoUnit.MINUTES);
    String id = api.expect(201, HttpMethod.POST, "/api/episodes", new JsonObject()
        .put("title", "Lắng nghe và Trao đổi – kỳ tháng Mười Hai").put("startsAt", show.toString())
        .put("durationMinutes", 60).put("intake", new JsonObject().put("opensAt", show.minusDays(15).toString())),
        TestNode.ADMIN_TOKEN).getString("id");
    String path = "/api/episodes/" + id + "/questions";
    JsonObject question = TestNode.question("Trương Thị Mai", "Khi nào nâng cấp đường Vị Thanh – Vị Thủy?");
    long before = sql.submissions();

    error(node.postJson(path, question, null), 409, "episode.intake_closed", null);
    assertEquals(before, sql.submissions());

    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    api.expect(200, HttpMethod.PATCH, "/api/episodes/" + id, new JsonObject().put("intake",
        new JsonObject().put("opensAt", now.minusMinutes(1).toString())), TestNode.ADMIN_TOKEN);
    assertEquals(202, node.postJson(path, question, null).statusCode());
    assertEquals(before + 1, sql.submissions());

    api.expect(200, HttpMethod.PATCH, "/api/episodes/" + id, new JsonObject().put("intake",
        new JsonObject().put("closesAt", now.toString())), TestNode.ADMIN_TOKEN);
    error(node.postJson(path, question, null), 409, "episode.intake_closed", null);
    assertEquals(before + 1, sql.submissions());
  }

  // ---- the episode page's counters ----

  @Test
  void summaryCountsQuestionsByChannelAndStatus() {
    String id = node.liveEpisode("8096", "HG");
    for (String text : List.of("Đường về xã Vị Đông lầy lội", "Xin hỏi về học phí mầm non")) {
      assertEquals(202, node.postJson("/api/episodes/" + id + "/questions",
          TestNode.question("Lâm Văn Hỏi", text), null).statusCode());
    }
    JsonObject sms = new JsonObject().put("from", "0987000456").put("to", "8096")
        .put("text", "HG Cầu Cái Tư bao giờ sửa?").put("messageId", "plan-sms-1");
    HttpResponse<Buffer> r = node.post("/api/intake/sms", sms.toBuffer(), "application/json", null,
        MultiMap.caseInsensitiveMultiMap().add("X-Signature-256",
            SmsSignature.sign(TestNode.SMS_SECRET, sms.toBuffer().getBytes())));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    HttpResponse<Buffer> call = node.postJson("/api/episodes/" + id + "/calls", new JsonObject()
        .put("callerName", "Lê Văn Tám").put("callerPhone", "0987654321").put("locality", "Xã Hỏa Lựu")
        .put("text", "Điện chập chờn ở ấp 4"), operator);
    assertEquals(201, call.statusCode(), call.bodyAsString());
    api.expect(200, HttpMethod.POST, "/api/items/" + call.bodyAsJsonObject().getString("id") + "/actions",
        new JsonObject().put("action", "reject").put("reason", "off_topic"), TestNode.ADMIN_TOKEN);

    JsonObject summary = api.expect(200, HttpMethod.GET, "/api/episodes/" + id + "/summary", null, editor);

    assertEquals(new JsonObject().put("web", 2).put("sms", 1).put("hotline", 1).put("email", 0).put("post", 0)
        .put("form", 0), summary.getJsonObject("channels"));
    assertEquals(4, summary.getInteger("total"));
    assertEquals(3, summary.getJsonObject("statuses").getInteger("received"));
    assertEquals(1, summary.getJsonObject("statuses").getInteger("rejected"));
    assertEquals("open", summary.getJsonObject("intake").getString("state"));
    assertTrue(summary.getJsonObject("intake").getBoolean("open"));
    assertEquals("live", summary.getString("liveStatus"));
    assertEquals(sql.count("SELECT count(*) FROM submissions WHERE episode_id = ?", UUID.fromString(id)),
        summary.getInteger("total").longValue());
    error(api.get("/api/episodes/" + UUID.randomUUID() + "/summary", editor), 404, "episode.not_found", null);
  }

  // ---- helpers ----

  static HttpResponse<Buffer> send(JsonObject episode) {
    return api.send(HttpMethod.POST, "/api/episodes", episode, TestNode.ADMIN_TOKEN);
  }

  static JsonObject program(String name) {
    return new JsonObject().put("name", name)
        .put("description", "Chương trình phát sóng trực tiếp trên truyền hình, YouTube, fanpage và website")
        .put("organiser", "Thường trực HĐND tỉnh Hậu Giang")
        .put("broadcaster", "Đài Phát thanh và Truyền hình Hậu Giang")
        .put("issuingBody", "HỘI ĐỒNG NHÂN DÂN TỈNH HẬU GIANG").put("place", "Hậu Giang");
  }

  static JsonObject fullEpisode(String programId) {
    return new JsonObject()
        .put("programId", programId)
        .put("title", "Chương trình Đối thoại lần thứ hai")
        .put("topic", "Cung cấp nước sạch và điện cho khu vực nông thôn")
        .put("startsAt", "2030-09-12T20:00:00+07:00")
        .put("durationMinutes", 90)
        .put("kind", "accountability")
        .put("platforms", new JsonArray().add("website").add("tv").add("fanpage").add("youtube"))
        .put("venue", "Hội trường HĐND tỉnh, số 2 đường Trần Hưng Đạo")
        .put("chair", "Ông Trần Văn Huyến, Chủ tịch HĐND tỉnh")
        .put("hosts", new JsonArray().add("Nguyễn Thu Hà").add("Lê Minh Đức"))
        .put("delegatesDueAt", "2030-09-05T17:00:00+07:00")
        .put("intake", new JsonObject()
            .put("opensAt", "2030-08-28T08:00:00+07:00")
            .put("closesAt", "2030-09-12T21:30:00+07:00")
            .put("smsNumber", "8085").put("smsKeyword", "DT")
            .put("hotline", new JsonArray().add("0293 3876 111").add("1800 1091"))
            .put("emailAddress", "doithoai@haugiang.gov.vn")
            .put("postalAddress", "Văn phòng HĐND tỉnh, số 2 Trần Hưng Đạo, phường 5, TP Vị Thanh"))
        .put("people", new JsonArray()
            .add(new JsonObject().put("role", "responder").put("name", "Phạm Văn Điện").put("title", "Giám đốc")
                .put("agencyId", agencyPower).put("email", "giamdoc@pchaugiang.vn"))
            .add(new JsonObject().put("role", "responder").put("name", "Võ Thị Nước").put("title", "Phó Giám đốc Sở")
                .put("agencyId", agencyWater))
            .add(new JsonObject().put("role", "guest").put("name", "Đặng Văn Khách")
                .put("title", "Chuyên gia cấp nước")));
  }
}
