package vn.danhoi.episode;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.Api;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.support.Api.error;

/**
 * What citizens read of an episode (issue 18, point 5): every channel the office announced, the intake window and
 * whether it is open, what kind of event it is and when it is on air; nothing of the panel or of any citizen.
 */
@ExtendWith(VertxExtension.class)
class PublicEpisodeTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;
  static Sql sql;
  static Api api;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    api = new Api(node);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static String at(OffsetDateTime t) {
    return t.withOffsetSameInstant(ZoneOffset.ofHours(7)).truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  static final OffsetDateTime RECORDING = OffsetDateTime.now(ZoneOffset.UTC).plusDays(10).truncatedTo(ChronoUnit.HOURS);
  static final OffsetDateTime OPENS = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.HOURS);

  static JsonObject recorded(String title) {
    return new JsonObject().put("title", title).put("topic", "Đất đai, giải phóng mặt bằng")
        .put("startsAt", at(RECORDING)).put("durationMinutes", 30).put("kind", "recorded")
        .put("platforms", new JsonArray().add("tv").add("youtube"))
        .put("venue", "Trường quay Đài PT-TH Kiên Giang")
        .put("broadcastAt", at(RECORDING.plusDays(3).plusHours(12)))
        .put("chair", "Ông Nguyễn Văn Chủ, Phó Chủ tịch HĐND tỉnh")
        .put("intake", new JsonObject().put("opensAt", at(OPENS)).put("closesAt", at(RECORDING.minusDays(2)))
            .put("hotline", new JsonArray().add("0297 3862 111").add("0297 3862 222"))
            .put("smsNumber", "8085").put("smsKeyword", "DT")
            .put("emailAddress", "danhoi@kiengiang.gov.vn")
            .put("postalAddress", "Văn phòng Đoàn ĐBQH và HĐND tỉnh, số 6 Nguyễn Công Trứ, phường Rạch Giá"));
  }

  @Test
  void aRecordedProgramShowsEveryChannelTheWindowAndItsBroadcastTime() {
    String program = api.expect(201, HttpMethod.POST, "/api/programs",
        new JsonObject().put("name", "Chính quyền trả lời cử tri Kiên Giang"), TestNode.ADMIN_TOKEN).getString("id");
    String id = api.expect(201, HttpMethod.POST, "/api/episodes", recorded("Dân hỏi – Chính quyền trả lời kỳ 1")
        .put("programId", program), TestNode.ADMIN_TOKEN).getString("id");
    assertEquals(202, node.postJson("/api/episodes/" + id + "/questions", new JsonObject()
        .put("name", "Lê Thị Thu").put("locality", "Ấp Tà Lóc, xã Hòn Đất").put("phone", "0912345678")
        .put("email", "thu.le@example.vn").put("text", "Khi nào bồi thường đất làm đường?").put("consent", true), null)
        .statusCode());

    JsonObject one = api.expect(200, HttpMethod.GET, "/api/episodes/" + id, null, null);
    JsonObject listed = api.get("/api/episodes", null).bodyAsJsonArray().stream().map(o -> (JsonObject) o)
        .filter(o -> id.equals(o.getString("id"))).findFirst().orElseThrow();
    assertEquals(one, listed, "the home page's list says what the episode's page says");

    // every staff page about the episode heads with the program's name and the episode's title (issue 19.7)
    assertEquals("Chính quyền trả lời cử tri Kiên Giang", one.getString("programName"));
    assertEquals(program, one.getString("programId"));
    assertEquals("recorded", one.getString("kind"));
    assertTrue(one.getBoolean("broadcast"));
    assertEquals(at(RECORDING), one.getString("recordingAt"));
    assertEquals(at(RECORDING.plusDays(3).plusHours(12)), one.getString("broadcastAt"));
    assertEquals(new JsonArray().add("tv").add("youtube"), one.getJsonArray("platforms"));
    assertEquals("Trường quay Đài PT-TH Kiên Giang", one.getString("venue"));
    JsonObject intake = one.getJsonObject("intake");
    assertEquals(new JsonArray().add("0297 3862 111").add("0297 3862 222"), intake.getJsonArray("hotline"));
    assertEquals("8085", intake.getString("smsNumber"));
    assertEquals("DT", intake.getString("smsKeyword"));
    assertEquals("danhoi@kiengiang.gov.vn", intake.getString("emailAddress"));
    assertEquals("Văn phòng Đoàn ĐBQH và HĐND tỉnh, số 6 Nguyễn Công Trứ, phường Rạch Giá",
        intake.getString("postalAddress"));
    assertEquals("/?episode=" + id, intake.getString("webForm"));
    assertEquals(at(OPENS), intake.getString("opensAt"));
    assertEquals(at(RECORDING.minusDays(2)), intake.getString("closesAt"));
    assertTrue(intake.getBoolean("open"));
    assertEquals("open", intake.getString("state"));

    String text = one.encode();
    for (String personal : new String[] {"0912345678", "thu.le@example.vn", "Lê Thị Thu", "Tà Lóc", "Nguyễn Văn Chủ"}) {
      assertFalse(text.contains(personal), "the public view holds no one's name or contact: " + personal);
    }
    assertFalse(one.containsKey("people") || one.containsKey("chair") || one.containsKey("hosts"));
  }

  @Test
  void anAccountabilitySessionIsNotBroadcastUnlessItHasPlatformsAndAClosedWindowSaysSo() {
    JsonObject body = recorded("Phiên giải trình về giải phóng mặt bằng").put("kind", "accountability")
        .put("platforms", new JsonArray()).put("venue", "Hội trường HĐND tỉnh").putNull("broadcastAt");
    body.getJsonObject("intake").put("opensAt", at(OPENS.minusDays(5))).put("closesAt", at(OPENS))
        .putNull("smsNumber").putNull("smsKeyword").put("hotline", new JsonArray());
    String id = api.expect(201, HttpMethod.POST, "/api/episodes", body, TestNode.ADMIN_TOKEN).getString("id");

    JsonObject session = api.expect(200, HttpMethod.GET, "/api/episodes/" + id, null, null);
    assertEquals("accountability", session.getString("kind"));
    assertFalse(session.getBoolean("broadcast"));
    assertNull(session.getString("broadcastAt"));
    assertNull(session.getString("recordingAt"));
    assertEquals("Hội trường HĐND tỉnh", session.getString("venue"));
    assertEquals("closed", session.getJsonObject("intake").getString("state"));
    assertFalse(session.getJsonObject("intake").getBoolean("open"));
    assertEquals("danhoi@kiengiang.gov.vn", session.getJsonObject("intake").getString("emailAddress"),
        "the office can still be reached by mail after the window");

    JsonObject carried = api.expect(200, HttpMethod.PATCH, "/api/episodes/" + id,
        new JsonObject().put("platforms", new JsonArray().add("tv")), TestNode.ADMIN_TOKEN);
    assertEquals(new JsonArray().add("tv"), carried.getJsonArray("platforms"));
    JsonObject onAir = api.expect(200, HttpMethod.GET, "/api/episodes/" + id, null, null);
    assertTrue(onAir.getBoolean("broadcast"));
    assertEquals(at(RECORDING), onAir.getString("broadcastAt"), "a session carried on TV airs as it is held");
  }

  @Test
  void theOfficeSetsTheBroadcastTimeAndItCannotPrecedeTheRecording() {
    String id = api.expect(201, HttpMethod.POST, "/api/episodes", recorded("Dân hỏi – Chính quyền trả lời kỳ 2")
        .putNull("broadcastAt"), TestNode.ADMIN_TOKEN).getString("id");
    assertNull(api.expect(200, HttpMethod.GET, "/api/episodes/" + id, null, null).getString("broadcastAt"),
        "not announced yet");
    error(api.send(HttpMethod.PATCH, "/api/episodes/" + id,
        new JsonObject().put("broadcastAt", at(RECORDING.minusHours(1))), TestNode.ADMIN_TOKEN),
        400, "broadcastAt.before_start", "broadcastAt");
    error(api.send(HttpMethod.PATCH, "/api/episodes/" + id, new JsonObject().put("broadcastAt", "thứ Bảy"),
        TestNode.ADMIN_TOKEN), 400, "broadcastAt.invalid", "broadcastAt");
    JsonObject set = api.expect(200, HttpMethod.PATCH, "/api/episodes/" + id,
        new JsonObject().put("broadcastAt", at(RECORDING.plusDays(2))), TestNode.ADMIN_TOKEN);
    assertEquals(at(RECORDING.plusDays(2)), set.getString("broadcastAt"));
    assertEquals(at(RECORDING.plusDays(2)), api.expect(200, HttpMethod.GET, "/api/episodes/" + id, null, null)
        .getString("broadcastAt"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'episode.updated' AND entity_id = ? "
        + "AND before->>'broadcastAt' IS NULL AND after->>'broadcastAt' IS NOT NULL", id));
    assertEquals(1, sql.count("SELECT count(*) FROM episodes WHERE id = ? AND broadcast_at IS NOT NULL",
        UUID.fromString(id)));
  }
}
