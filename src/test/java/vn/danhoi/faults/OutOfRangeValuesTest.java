package vn.danhoi.faults;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.danhoi.support.Letters;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Out-of-range dates, numbers and page sizes, endpoint family by endpoint family: each is a 400 naming the
 * field, and nothing in the database changes (every table's row count is the same before and after). Then the
 * original report: a year of +999999999 no longer becomes 'infinity' that breaks the public list for everyone.
 */
class OutOfRangeValuesTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().vertx(settings -> Vertx.vertx()).withDataDir();

  static TestNode node;
  static Sql sql;
  static String episode;

  static final String FAR = "+999999999-01-01T00:00:00Z";

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    episode = node.liveEpisode("8099", "HAN");
  }

  static JsonObject newEpisode(String field, Object value) {
    JsonObject body = new JsonObject().put("title", "Dân hỏi – Chính quyền trả lời").put("topic", "Đất đai")
        .put("startsAt", "2026-12-20T20:00:00+07:00").put("durationMinutes", 60);
    if (field.startsWith("intake.")) {
      body.put("intake", new JsonObject().put(field.substring(7), value));
    } else {
      body.put(field, value);
    }
    return body;
  }

  /** method, path (%s: the episode), JSON body or null, the field the 400 must name. */
  static Stream<Arguments> outOfRange() {
    String ep = "/api/episodes/%s";
    String any = UUID.randomUUID().toString();
    List<Arguments> cases = new ArrayList<>();
    // episodes: start, intake window, delegates' deadline, duration
    cases.add(Arguments.of("POST", "/api/episodes", newEpisode("startsAt", FAR), "startsAt"));
    cases.add(Arguments.of("POST", "/api/episodes", newEpisode("startsAt", "-999999999-01-01T00:00:00Z"), "startsAt"));
    cases.add(Arguments.of("POST", "/api/episodes", newEpisode("startsAt", "1999-12-31T20:00:00+07:00"), "startsAt"));
    cases.add(Arguments.of("POST", "/api/episodes", newEpisode("startsAt", "2101-01-01T08:00:00"), "startsAt"));
    cases.add(Arguments.of("POST", "/api/episodes", newEpisode("intake.opensAt", FAR), "opensAt"));
    cases.add(Arguments.of("POST", "/api/episodes", newEpisode("intake.closesAt", "2999-01-01T00:00:00Z"), "closesAt"));
    cases.add(Arguments.of("POST", "/api/episodes", newEpisode("delegatesDueAt", FAR), "delegatesDueAt"));
    cases.add(Arguments.of("POST", "/api/episodes", newEpisode("durationMinutes", 10_000_000), "durationMinutes"));
    cases.add(Arguments.of("POST", "/api/episodes", newEpisode("durationMinutes", 1e300), "durationMinutes"));
    cases.add(Arguments.of("PATCH", ep, new JsonObject().put("startsAt", FAR), "startsAt"));
    // a recorded episode's broadcast time (a live one airs as it starts and takes none)
    cases.add(Arguments.of("POST", "/api/episodes", newEpisode("broadcastAt", FAR).put("kind", "recorded"),
        "broadcastAt"));
    cases.add(Arguments.of("POST", "/api/episodes", newEpisode("broadcastAt", "2101-01-01T08:00:00")
        .put("kind", "recorded"), "broadcastAt"));
    // accountability sessions: the report deadline, a commitment's deadline, speakers' minutes
    cases.add(Arguments.of("POST", ep + "/accountability/agencies", new JsonObject().put("agency", "Sở Tài nguyên")
        .put("subjects", "Đất đai").put("reportDueAt", "+99999-05-10"), "reportDueAt"));
    cases.add(Arguments.of("POST", ep + "/accountability/agencies", new JsonObject().put("agency", "Sở Tài nguyên")
        .put("subjects", "Đất đai").put("reportDueAt", "1900-05-10"), "reportDueAt"));
    cases.add(Arguments.of("POST", ep + "/commitments", new JsonObject().put("text", "Cấp nước cho ấp Bình Hoà")
        .put("ownerAgency", "Sở Xây dựng").put("dueAt", FAR), "dueAt"));
    cases.add(Arguments.of("POST", ep + "/speakers", new JsonObject().put("delegateName", "Lò Văn Muôn")
        .put("room", "Phòng họp 4B").put("agency", "Sở Tài nguyên").put("subject", "Đất đai").put("minutes", 100_000), "minutes"));
    // the run-down's recording and broadcast times, and its minutes
    cases.add(Arguments.of("PATCH", ep + "/rundown", new JsonObject().put("recordingAt", FAR), "recordingAt"));
    cases.add(Arguments.of("PATCH", ep + "/rundown", new JsonObject().put("broadcastAt", "1999-12-31T20:00:00+07:00"),
        "broadcastAt"));
    cases.add(Arguments.of("PATCH", ep + "/rundown/entries/" + any, new JsonObject().put("minutes", 100_000), "minutes"));
    cases.add(Arguments.of("PATCH", ep + "/rundown/entries/" + any, new JsonObject().put("minutes", -1), "minutes"));
    // conclusion items' deadlines
    cases.add(Arguments.of("PATCH", ep + "/conclusion/items/" + any, new JsonObject().put("dueDate", "2101-01-01"),
        "dueDate"));
    cases.add(Arguments.of("PATCH", ep + "/conclusion/items/" + any, new JsonObject().put("dueDate", "+999999999-12-31"),
        "dueDate"));
    // answer deadlines in working days
    cases.add(Arguments.of("POST", "/api/items/" + any + "/assign", new JsonObject().put("agency", "Sở Xây dựng")
        .put("workingDays", 100_000), "workingDays"));
    cases.add(Arguments.of("POST", ep + "/assign-by-field", new JsonObject().put("field", "Nước sạch")
        .put("agency", "Sở Xây dựng").put("workingDays", 0), "workingDays"));
    // report periods
    cases.add(Arguments.of("GET", "/api/reports?period=2101", null, "period"));
    cases.add(Arguments.of("GET", "/api/reports?period=99999999999-11", null, "period"));
    // register filters and paging
    cases.add(Arguments.of("GET", "/api/register?from=1999-01-01", null, "from"));
    cases.add(Arguments.of("GET", "/api/register?to=%2B999999999-12-31", null, "to"));
    cases.add(Arguments.of("GET", "/api/register?page=0", null, "page"));
    cases.add(Arguments.of("GET", "/api/register?page=99999999999999999999", null, "page"));
    cases.add(Arguments.of("GET", "/api/register?size=-5", null, "size"));
    // the audit log, the calendar, the public answers, the hotline's recent calls
    cases.add(Arguments.of("GET", "/api/audit?from=2101-01-01", null, "from"));
    cases.add(Arguments.of("GET", "/api/audit?to=%2B999999999-01-01T00:00:00Z", null, "to"));
    cases.add(Arguments.of("GET", "/api/audit?limit=0", null, "limit"));
    cases.add(Arguments.of("GET", "/api/calendar?from=1900-01-01&to=1900-01-10", null, "from"));
    cases.add(Arguments.of("GET", "/api/public/answers?page=10001", null, "page"));
    cases.add(Arguments.of("GET", ep + "/calls?limit=99999999999", null, "limit"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} → 400 {3}")
  @MethodSource("outOfRange")
  void anOutOfRangeValueIsRefusedNamingItsFieldAndChangesNothing(String method, String path, JsonObject body,
                                                                 String field) {
    long before = allRows();
    String url = path.contains("%s") ? path.formatted(episode) : path;
    HttpResponse<Buffer> r = method.equals("GET") ? node.get(url, TestNode.ADMIN_TOKEN)
        : node.request(method, url, body, TestNode.ADMIN_TOKEN);
    assertEquals(400, r.statusCode(), r.bodyAsString());
    assertEquals(field, r.bodyAsJsonObject().getJsonObject("error").getString("field"), r.bodyAsString());
    assertEquals(before, allRows(), "no row written for a refused request");
  }

  @Test
  void aLetterReceivedOutOfRangeIsRefusedAndChangesNothing() {
    long before = allRows();
    try (Letters letters = new Letters(node)) {
      for (String day : new String[] {"1999-12-31", "+999999999-01-01T00:00:00Z"}) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("channel", "post");
        f.put("askerName", "Đặng Văn Tư");
        f.put("address", "Số 12, ấp Bình Hoà, xã Mỹ Yên");
        f.put("text", "Khi nào ấp Bình Hoà có nước máy?");
        f.put("receivedAt", day);
        HttpResponse<Buffer> r = letters.post(null, TestNode.ADMIN_TOKEN, f,
            new Letters.Scan("Thư.pdf", "application/pdf", Letters.PDF));
        assertEquals(400, r.statusCode(), r.bodyAsString());
        assertEquals("receivedAt", r.bodyAsJsonObject().getJsonObject("error").getString("field"));
      }
    }
    assertEquals(before, allRows());
  }

  @Test
  void theBoundsThemselvesAreAccepted() {
    HttpResponse<Buffer> last = node.postJson("/api/episodes", newEpisode("startsAt", "2100-12-31T20:00:00+07:00")
        .put("intake", new JsonObject().put("closesAt", "2100-12-31T23:59:59+07:00")), TestNode.ADMIN_TOKEN);
    assertEquals(201, last.statusCode(), last.bodyAsString());
    HttpResponse<Buffer> first = node.postJson("/api/episodes", newEpisode("startsAt", "2000-01-01T00:00:00+07:00")
        .put("intake", new JsonObject().put("opensAt", "2000-01-01T00:00:00+07:00")
            .put("closesAt", "2000-01-01T02:00:00+07:00")), TestNode.ADMIN_TOKEN);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    assertEquals(200, node.get("/api/register?from=2000-01-01&to=2100-12-31&size=100000", TestNode.ADMIN_TOKEN)
        .statusCode(), "a page size above the cap is served at the cap");
  }

  @Test
  void theYearThatBrokeThePublicListIsRefusedAndTheListStillAnswers() {
    HttpResponse<Buffer> r = node.postJson("/api/episodes", newEpisode("startsAt", FAR), TestNode.ADMIN_TOKEN);
    assertEquals(400, r.statusCode(), r.bodyAsString());
    HttpResponse<Buffer> list = node.get("/api/episodes", null);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    assertTrue(list.bodyAsJsonArray() instanceof JsonArray);
    // whatever writes the row, PostgreSQL itself now keeps 'infinity' out of every date a request sets: the
    // episode's (V19, and its broadcast time, V28) and its run-down's recording and broadcast times (V28)
    assertEquals(200, node.postJson("/api/episodes/" + episode + "/rundown/build", new JsonObject(),
        TestNode.ADMIN_TOKEN).statusCode(), "the episode has a run-down row to update");
    for (String column : new String[] {"episodes.starts_at", "episodes.intake_opens_at", "episodes.intake_closes_at",
        "episodes.delegates_due_at", "episodes.broadcast_at", "rundowns.recording_at", "rundowns.broadcast_at"}) {
      String table = column.substring(0, column.indexOf('.'));
      String name = column.substring(column.indexOf('.') + 1);
      String key = table.equals("rundowns") ? "episode_id" : "id";
      RuntimeException refused = assertThrows(RuntimeException.class, () -> sql.rows(
          "UPDATE " + table + " SET " + name + " = 'infinity' WHERE " + key + " = ?", UUID.fromString(episode)),
          column);
      // a range CHECK (for the intake's opening, the older one keeping it before the closing may answer first);
      // the three later dates had none before V28, and 'infinity' is after any start or recording
      assertTrue(String.valueOf(refused.getMessage()).contains("check constraint"), refused.toString());
    }
    assertEquals(200, node.get("/api/episodes", null).statusCode());
    assertEquals(200, node.get("/api/episodes/" + episode, null).statusCode());
  }

  /** Every row of every table: what a refused request must leave as it was. */
  static long allRows() {
    return sql.count("SELECT sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I',"
        + " table_schema, table_name), false, true, '')))[1]::text::bigint) FROM information_schema.tables"
        + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'");
  }
}
