package vn.danhoi.episode;

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

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Episodes: created by the council office (admin), listed publicly with the contract's fields. */
@ExtendWith(VertxExtension.class)
class EpisodeApiTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static String prefix;
  static TestNode node;
  static Sql sql;

  @BeforeAll
  static void start() {
    prefix = NODE.prefix();
    node = NODE.node();
    sql = NODE.sql();
  }

  @Test
  void adminCreatesAnEpisodeWithTheContractFieldsAndALocalOffset() {
    JsonObject body = episode("Dân hỏi – Bộ trưởng trả lời: nước sạch nông thôn", "2030-03-15T20:00:00+07:00", 90)
        .put("intake", new JsonObject()
            .put("opensAt", "2030-03-14T08:00:00+07:00")
            .put("closesAt", "2030-03-15T21:30:00+07:00")
            .put("smsNumber", "8085")
            .put("smsKeyword", "NUOC")
            .put("hotline", new JsonArray().add("0272 3826 111").add("1800 1091")));

    HttpResponse<Buffer> r = node.postJson("/api/episodes", body, TestNode.ADMIN_TOKEN);

    assertEquals(201, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
    JsonObject e = r.bodyAsJsonObject();
    UUID.fromString(e.getString("id"));
    assertEquals("Dân hỏi – Bộ trưởng trả lời: nước sạch nông thôn", e.getString("title"));
    assertEquals("Cấp nước sạch và điện cho vùng nông thôn", e.getString("topic"));
    assertEquals("2030-03-15T20:00:00+07:00", e.getString("startsAt"));
    assertEquals(90, e.getInteger("durationMinutes"));
    assertEquals("upcoming", e.getString("status"));
    JsonObject intake = e.getJsonObject("intake");
    assertNotNull(intake);
    assertEquals("2030-03-14T08:00:00+07:00", intake.getString("opensAt"));
    assertEquals("2030-03-15T21:30:00+07:00", intake.getString("closesAt"));
    assertEquals("8085", intake.getString("smsNumber"));
    assertEquals("NUOC", intake.getString("smsKeyword"));
    assertEquals(new JsonArray().add("0272 3826 111").add("1800 1091"), intake.getJsonArray("hotline"));
  }

  @Test
  void startsAtInAnotherOffsetIsShownInVietnamTime() {
    HttpResponse<Buffer> r = node.postJson("/api/episodes",
        episode("Dân hỏi – Giám đốc Sở trả lời", "2030-05-01T13:00:00Z", 60), TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    assertEquals("2030-05-01T20:00:00+07:00", r.bodyAsJsonObject().getString("startsAt"));
    assertEquals(OffsetDateTime.parse("2030-05-01T13:00:00Z").toInstant(),
        OffsetDateTime.parse(r.bodyAsJsonObject().getString("startsAt")).toInstant());
  }

  @Test
  void intakeWindowDefaultsToOpenNowUntilTheEndOfTheBroadcast() {
    OffsetDateTime startsAt = OffsetDateTime.parse("2030-06-10T20:00:00+07:00");
    OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    HttpResponse<Buffer> r = node.postJson("/api/episodes",
        episode("Dân hỏi – Điện nông thôn", startsAt.toString(), 75), TestNode.ADMIN_TOKEN);
    OffsetDateTime after = OffsetDateTime.now(ZoneOffset.UTC);

    assertEquals(201, r.statusCode(), r.bodyAsString());
    JsonObject intake = r.bodyAsJsonObject().getJsonObject("intake");
    OffsetDateTime opensAt = OffsetDateTime.parse(intake.getString("opensAt"));
    OffsetDateTime closesAt = OffsetDateTime.parse(intake.getString("closesAt"));
    assertFalse(opensAt.isBefore(before), "opensAt " + opensAt + " before the request " + before);
    assertFalse(opensAt.isAfter(after), "opensAt " + opensAt + " after the request " + after);
    assertTrue(intake.getString("opensAt").endsWith("+07:00"), intake.getString("opensAt"));
    assertEquals(startsAt.plusMinutes(75).toInstant(), closesAt.toInstant());
    assertEquals("2030-06-10T21:15:00+07:00", intake.getString("closesAt"));
  }

  @Test
  void createdEpisodeIsListedAndReadableAndLogged() {
    HttpResponse<Buffer> created = node.postJson("/api/episodes",
        episode("Dân hỏi – Chủ tịch tỉnh trả lời", "2030-07-20T19:30:00+07:00", 60), TestNode.ADMIN_TOKEN);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject e = created.bodyAsJsonObject();
    String id = e.getString("id");

    HttpResponse<Buffer> list = node.get("/api/episodes", null);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    JsonArray all = list.bodyAsJsonArray();
    JsonObject listed = null;
    for (int i = 0; i < all.size(); i++) {
      if (id.equals(all.getJsonObject(i).getString("id"))) {
        listed = all.getJsonObject(i);
      }
    }
    assertNotNull(listed, "not listed: " + list.bodyAsString());
    assertContractFields(listed);
    assertEquals("Dân hỏi – Chủ tịch tỉnh trả lời", listed.getString("title"));

    HttpResponse<Buffer> one = node.get("/api/episodes/" + id, null);
    assertEquals(200, one.statusCode(), one.bodyAsString());
    assertContractFields(one.bodyAsJsonObject());
    assertEquals(e.getString("startsAt"), one.bodyAsJsonObject().getString("startsAt"));
    assertEquals(e.getJsonObject("intake").getString("opensAt"),
        one.bodyAsJsonObject().getJsonObject("intake").getString("opensAt"));

    List<Map<String, Object>> events = sql.rows("SELECT actor, entity_type FROM events "
        + "WHERE action = 'episode.created' AND entity_id = ?", id);
    assertEquals(1, events.size());
    assertEquals("admin", events.get(0).get("actor"));
    assertEquals("episode", events.get(0).get("entity_type"));
  }

  @Test
  void unknownEpisodeIsAJson404() {
    HttpResponse<Buffer> r = node.get("/api/episodes/" + UUID.randomUUID(), null);
    assertEquals(404, r.statusCode());
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
    assertEquals("episode.not_found", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertFalse(r.bodyAsJsonObject().getJsonObject("error").getString("message").isBlank());

    HttpResponse<Buffer> notAnId = node.get("/api/episodes/tap-dac-biet", null);
    assertEquals(404, notAnId.statusCode());
    assertEquals("episode.not_found", notAnId.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  // ---- who may create ----

  @Test
  void creatingWithoutATokenIsRefusedAndNothingStored() {
    refusedWithoutEpisode(() -> node.postJson("/api/episodes",
        episode("Không có mã", "2030-08-01T20:00:00+07:00", 60), null), 401, "auth.required", null);
  }

  @Test
  void creatingWithAnOperatorTokenIsForbiddenAndNothingStored() {
    String operator = node.token("operator");
    refusedWithoutEpisode(() -> node.postJson("/api/episodes",
        episode("Tổng đài viên không được tạo", "2030-08-01T20:00:00+07:00", 60), operator),
        403, "auth.forbidden", null);
  }

  // ---- invalid fields ----

  @Test
  void missingTitleIsRefusedAndNothingStored() {
    JsonObject body = episode("x", "2030-08-01T20:00:00+07:00", 60);
    body.remove("title");
    refusedWithoutEpisode(() -> node.postJson("/api/episodes", body, TestNode.ADMIN_TOKEN),
        400, "title.required", "title");
  }

  @Test
  void badStartsAtIsRefusedAndNothingStored() {
    refusedWithoutEpisode(() -> node.postJson("/api/episodes",
        episode("Dân hỏi – Giờ sai", "tối thứ Bảy 20 giờ", 60), TestNode.ADMIN_TOKEN),
        400, "startsAt.invalid", "startsAt");
  }

  @Test
  void missingStartsAtIsRefusedAndNothingStored() {
    JsonObject body = episode("Dân hỏi – Thiếu giờ", "2030-08-01T20:00:00+07:00", 60);
    body.remove("startsAt");
    refusedWithoutEpisode(() -> node.postJson("/api/episodes", body, TestNode.ADMIN_TOKEN),
        400, "startsAt.required", "startsAt");
  }

  @Test
  void zeroDurationIsRefusedAndNothingStored() {
    refusedWithoutEpisode(() -> node.postJson("/api/episodes",
        episode("Dân hỏi – Không phút nào", "2030-08-01T20:00:00+07:00", 0), TestNode.ADMIN_TOKEN),
        400, "durationMinutes.invalid", "durationMinutes");
  }

  @Test
  void textDurationIsRefusedAndNothingStored() {
    JsonObject body = episode("Dân hỏi – Thời lượng chữ", "2030-08-01T20:00:00+07:00", 60)
        .put("durationMinutes", "abc");
    refusedWithoutEpisode(() -> node.postJson("/api/episodes", body, TestNode.ADMIN_TOKEN),
        400, "durationMinutes.invalid", "durationMinutes");
  }

  @Test
  void closesAtBeforeOpensAtIsRefusedAndNothingStored() {
    JsonObject body = episode("Dân hỏi – Cửa sổ ngược", "2030-08-01T20:00:00+07:00", 60)
        .put("intake", new JsonObject()
            .put("opensAt", "2030-08-01T18:00:00+07:00")
            .put("closesAt", "2030-08-01T17:00:00+07:00"));
    refusedWithoutEpisode(() -> node.postJson("/api/episodes", body, TestNode.ADMIN_TOKEN),
        400, "intake.closesAt.invalid", "intake.closesAt");
  }

  @Test
  void invalidJsonIsRefusedAndNothingStored() {
    refusedWithoutEpisode(() -> node.post("/api/episodes", Buffer.buffer("{\"title\": \"Dân hỏi"),
        "application/json", TestNode.ADMIN_TOKEN, MultiMap.caseInsensitiveMultiMap()),
        400, "body.invalid_json", null);
  }

  // ---- helpers ----

  private static JsonObject episode(String title, String startsAt, int minutes) {
    return new JsonObject().put("title", title).put("topic", "Cấp nước sạch và điện cho vùng nông thôn")
        .put("startsAt", startsAt).put("durationMinutes", minutes);
  }

  private static void assertContractFields(JsonObject e) {
    for (String key : List.of("id", "title", "topic", "startsAt", "durationMinutes", "status", "intake")) {
      assertTrue(e.containsKey(key), "missing " + key + " in " + e.encode());
    }
    OffsetDateTime.parse(e.getString("startsAt"));
    assertTrue(e.getString("startsAt").matches(".*[+-]\\d\\d:\\d\\d$"), e.getString("startsAt"));
    JsonObject intake = e.getJsonObject("intake");
    for (String key : List.of("opensAt", "closesAt", "smsNumber", "smsKeyword", "hotline")) {
      assertTrue(intake.containsKey(key), "missing intake." + key + " in " + e.encode());
    }
    OffsetDateTime.parse(intake.getString("opensAt"));
    OffsetDateTime.parse(intake.getString("closesAt"));
  }

  private static void refusedWithoutEpisode(Supplier<HttpResponse<Buffer>> send, int status, String code,
                                            String field) {
    long episodes = sql.count("SELECT count(*) FROM episodes");
    long events = sql.count("SELECT count(*) FROM events WHERE action = 'episode.created'");
    HttpResponse<Buffer> r = send.get();
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertNotNull(error, r.bodyAsString());
    assertEquals(code, error.getString("code"), r.bodyAsString());
    if (field != null) {
      assertEquals(field, error.getString("field"), r.bodyAsString());
    }
    assertFalse(error.getString("message", "").isBlank());
    assertEquals(episodes, sql.count("SELECT count(*) FROM episodes"), "a refused episode must not leave a row");
    assertEquals(events, sql.count("SELECT count(*) FROM events WHERE action = 'episode.created'"));
  }
}
