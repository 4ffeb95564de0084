package vn.danhoi.privacy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.danhoi.infra.Database;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events written before the log stopped holding personal data (commit ff106e0) are rewritten by migration V29:
 * a database at V28 is given events as the old code wrote them (a verification note with her phone and ID-card
 * numbers, the editors' wording, an instruction, an agency's answer and its file, a notice's recipient…), then
 * migrated to the latest version. Checked in PostgreSQL, through the audit page, on a second run, on a failure
 * half-way and on a fresh database.
 */
@ExtendWith(VertxExtension.class)
class OldEventsRewrittenTest {

  private static final String V29 = "db/migration/V29__old_events_without_personal_data.sql";
  private static final String EPISODE = "6f1c2a9e-3b7d-4c51-9a2e-0d8b1f4c7e21";

  /** What the old events held of Võ Thị Thu Hà, and of the citizens around her, in clear. */
  private static final List<String> PERSONAL = List.of(
      "CCCD 079185012345, gọi lại số 0912 345 678",
      "Chị Võ Thị Thu Hà ở ấp 4, xã Mỹ Yên hỏi khi nào có nước sạch",
      "Liên hệ chị Hà theo số 0912345678 trước khi trả lời",
      "Kính gửi bà Võ Thị Thu Hà, số 12 đường Trần Phú, thị trấn Bến Lức",
      "tra-loi-ba-Vo-Thi-Thu-Ha.pdf",
      "Chưa trả lời đúng câu hỏi của bà Hà",
      "Bỏ số CCCD khỏi văn bản gửi bà Hà",
      "vanthu.soxaydung@longan.gov.vn",
      "Trả lời bà Võ Thị Thu Hà trước ngày 20/12",
      "Câu hỏi của chị Hà, nhà số 12 Trần Phú",
      "Đã trả lời trực tiếp ông Trần Văn Bình, số nhà 45 đường Lê Lợi",
      "Gọi lại cho chị Hà sau chương trình",
      "Võ Thị Thu Hà",
      "113.172.45.67",
      "203.113.24.9");

  private static final List<String> DATABASES = new ArrayList<>();

  @AfterAll
  static void dropDatabases() {
    DATABASES.forEach(TestStores::dropDatabase);
  }

  @Test
  void oldEventsKeepNoPersonalDataAndTakeTheNewForm(Vertx vertx) {
    String db = databaseAtV28();
    Sql sql = new Sql(db);
    Map<String, Long> old = writeOldEvents(sql);
    assertTrue(logText(sql).contains("079185012345"), "the old events hold her ID-card number before");

    migrate(db, null);

    String log = logText(sql);
    for (String personal : PERSONAL) {
      assertFalse(log.contains(personal), "'" + personal + "' is still in the event log");
    }
    String digits = log.replaceAll("[\\s.]", "");
    assertFalse(digits.contains("912345678"), "her phone number, in any spacing");
    assertFalse(digits.contains("079185012345"), "her ID-card number");

    // each old event now reads as the new code writes it: that there was a note, a wording, an instruction…
    assertEquals(new JsonObject().put("verified", true).put("how", "id_card").put("noteGiven", true),
        after(sql, old.get("verified")));
    assertEquals(new JsonObject().put("verified", false).putNull("how").put("noteGiven", false),
        after(sql, old.get("unverified")));
    JsonObject moderation = new JsonObject().put("status", "shortlisted").put("field", "Cấp nước")
        .put("agency", "Sở Xây dựng").putNull("responder").put("position", 3).putNull("mergedInto")
        .put("askerCount", 1).put("claimedBy", "staff:5d0c").putNull("rejectReason");
    assertEquals(moderation.copy().put("edited", false).putNull("editedLength"), before(sql, old.get("edit")));
    assertEquals(moderation.copy().put("edited", true).put("editedLength", PERSONAL.get(1).length()),
        after(sql, old.get("edit")));
    assertEquals(new JsonObject().put("assignment", "a1").put("agency", "Sở Xây dựng").put("instructionGiven", true)
        .put("dueAt", "2026-11-30T17:00:00Z").put("escalateAt", "2026-11-23T17:00:00Z").putNull("byField"),
        after(sql, old.get("assigned")));
    assertEquals(new JsonObject().put("answer", "n1").put("agency", "Sở Xây dựng").put("attachment", true),
        after(sql, old.get("answered")));
    assertEquals(new JsonObject().put("answer", "n2").put("agency", "Sở Xây dựng").put("attachment", false),
        after(sql, old.get("answeredWithoutFile")));
    assertEquals(new JsonObject().put("agency", "Sở Xây dựng").put("reasonGiven", true).put("submission", "s1"),
        after(sql, old.get("sentBack")));
    assertEquals(new JsonObject().put("assignment", "a1").put("agency", "Sở Xây dựng").put("commentGiven", true),
        after(sql, old.get("returned")));
    assertEquals(new JsonObject().put("assignment", "a1").put("agency", "Sở Xây dựng").put("commentGiven", false),
        after(sql, old.get("approved")));
    assertEquals(new JsonObject().put("channel", "email").put("status", "sent").put("assignment", "a1"),
        after(sql, old.get("notice")));
    assertEquals(new JsonObject().put("entry", "r1").put("position", 2).put("textLength", PERSONAL.get(9).length())
        .put("minutes", 4).putNull("responderId"), after(sql, old.get("entryEdited")));
    assertEquals(new JsonObject().put("entry", "r1").put("position", 2).put("submissionId", "s1"),
        after(sql, old.get("entryRemoved")));
    assertEquals(new JsonObject().put("answeredBy", "Giám đốc Sở Xây dựng").put("answerGiven", true),
        after(sql, old.get("answeredInRoom")));
    assertEquals(new JsonObject().put("length", PERSONAL.get(11).length()), after(sql, old.get("producerNote")));
    assertEquals(Boolean.TRUE, after(sql, old.get("exported")).getJsonObject("filter").getBoolean("queryGiven"));
    assertFalse(after(sql, old.get("exported")).getJsonObject("filter").containsKey("q"));
    // a citizen's network address is gone; a staff member's, on the same action and elsewhere, stays
    assertEquals(null, address(sql, old.get("webQuestion")));
    assertEquals(null, address(sql, old.get("smsQuestion")));
    assertEquals("10.20.0.15", address(sql, old.get("hotlineCall")));
    assertEquals("10.20.0.7", address(sql, old.get("episodeCreated")));
    assertEquals(new JsonObject().put("title", "Dân hỏi – Bộ trưởng trả lời, số 48"),
        after(sql, old.get("episodeCreated")));

    // the rewrite is in the log, with how many rows of which actions
    List<Map<String, Object>> rewrites = sql.rows("SELECT actor, entity_type, entity_id, after::text AS after "
        + "FROM events WHERE action = 'privacy.events_rewritten'");
    assertEquals(1, rewrites.size());
    assertEquals("system:migration", rewrites.get(0).get("actor"));
    JsonObject rewrite = new JsonObject((String) rewrites.get(0).get("after"));
    assertEquals(17, rewrite.getInteger("rows"), rewrite.encode());
    assertEquals(2, rewrite.getJsonObject("actions").getInteger("submission.received"), rewrite.encode());
    assertEquals(2, rewrite.getJsonObject("actions").getInteger("assignment.answered"), rewrite.encode());

    assertTheLogIsAppendOnly(sql);

    // the admin's audit page shows the old events without it, and the rewrite
    try (TestNode node = TestNode.start(vertx, TestNode.env(db, TestStores.redisUrl(), TestStores.newPrefix()))) {
      HttpResponse<Buffer> audit = node.get("/api/audit?limit=500", TestNode.ADMIN_TOKEN);
      assertEquals(200, audit.statusCode(), audit.bodyAsString());
      String page = audit.bodyAsString();
      assertTrue(page.contains("privacy.events_rewritten") && page.contains("submission.verified"), page);
      for (String personal : PERSONAL) {
        assertFalse(page.contains(personal), "'" + personal + "' is shown on the audit page");
      }
    }
  }

  @Test
  void runningTheRewriteAgainChangesNothingAndRecordsNothing() throws Exception {
    String db = databaseAtV28();
    Sql sql = new Sql(db);
    writeOldEvents(sql);
    migrate(db, null);
    String once = logText(sql);

    try (Connection c = connect(db); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute(script());
      c.commit();
    }

    assertEquals(once, logText(sql));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'privacy.events_rewritten'"));
    assertTheLogIsAppendOnly(sql);
  }

  @Test
  void aRewriteThatFailsHalfWayLeavesTheLogAsItWasAndStillAppendOnly() {
    String db = databaseAtV28();
    Sql sql = new Sql(db);
    writeOldEvents(sql);
    // a fault on one of the rows to rewrite (the producer's note), whichever are rewritten before it
    sql.rows("CREATE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + "RAISE EXCEPTION 'test fault'; END $$");
    sql.rows("CREATE TRIGGER test_fault BEFORE UPDATE ON events FOR EACH ROW "
        + "WHEN (OLD.action = 'studio.message') EXECUTE FUNCTION test_fault()");
    String before = logText(sql);

    FlywayException failed = assertThrows(FlywayException.class, () -> migrate(db, null));
    assertTrue(failed.getMessage().contains("test fault"), failed.getMessage());

    assertEquals(before, logText(sql));
    assertEquals(0, sql.count("SELECT count(*) FROM flyway_schema_history WHERE version = '29'"));
    assertTheLogIsAppendOnly(sql);

    // once the fault is gone, the next start-up's migration does the whole rewrite
    sql.rows("DROP TRIGGER test_fault ON events");
    migrate(db, null);
    assertFalse(logText(sql).contains("079185012345"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'privacy.events_rewritten'"));
    assertTheLogIsAppendOnly(sql);
  }

  @Test
  void aFreshDatabaseHasNothingToRewriteAndRecordsNothing() {
    String db = TestStores.newDatabase();
    DATABASES.add(db);
    Sql sql = new Sql(db);

    migrate(db, null);

    assertEquals(1, sql.count("SELECT count(*) FROM flyway_schema_history WHERE version = '29' AND success"));
    assertEquals(0, sql.count("SELECT count(*) FROM events"));
    assertTheLogIsAppendOnly(sql);
  }

  // ---- the old events, as the code before ff106e0 wrote them ----

  /**
   * One event of each kind that held personal data, with the payload its writer put then (RegisterStore.verify,
   * ModerationStore.audit, FollowupStore, RundownStore, OpinionStore.answered, StudioStore, RegisterFilter,
   * SubmissionStore before 1d7c7c6), and two events that held none. Keyed by a name for the assertions.
   */
  private static Map<String, Long> writeOldEvents(Sql sql) {
    Map<String, Long> ids = new LinkedHashMap<>();
    String editor = "staff:5d0c";
    ids.put("webQuestion", event(sql, "public:web", "submission.received", "submission", "s1", null,
        new JsonObject().put("channel", "web").put("status", "received"), "113.172.45.67"));
    ids.put("smsQuestion", event(sql, "sms-gateway", "submission.received", "submission", "s2", null,
        new JsonObject().put("channel", "sms").put("status", "received"), "203.113.24.9"));
    ids.put("hotlineCall", event(sql, "staff:77aa", "submission.received", "submission", "s3", null,
        new JsonObject().put("channel", "hotline").put("status", "received"), "10.20.0.15"));
    ids.put("verified", event(sql, editor, "submission.verified", "submission", "s1",
        new JsonObject().put("verified", false).putNull("how"),
        new JsonObject().put("verified", true).put("how", "id_card").put("note", "Đã đối chiếu "
            + PERSONAL.get(0) + " xác nhận"), "10.20.0.7"));
    ids.put("unverified", event(sql, editor, "submission.unverified", "submission", "s2",
        new JsonObject().put("verified", true).put("how", "phone_callback"),
        new JsonObject().put("verified", false).putNull("how").putNull("note"), "10.20.0.7"));
    JsonObject moderation = new JsonObject().put("status", "shortlisted").put("field", "Cấp nước")
        .put("agency", "Sở Xây dựng").putNull("responder").put("position", 3).putNull("mergedInto")
        .put("askerCount", 1).put("claimedBy", editor).putNull("rejectReason");
    ids.put("edit", event(sql, editor, "item.edit", "submission", "s1", moderation.copy().putNull("editedText"),
        moderation.copy().put("editedText", PERSONAL.get(1)), "10.20.0.7"));
    ids.put("assigned", event(sql, editor, "item.assigned", "submission", "s1", null,
        new JsonObject().put("assignment", "a1").put("agency", "Sở Xây dựng").put("instruction", PERSONAL.get(2))
            .put("dueAt", "2026-11-30T17:00:00Z").put("escalateAt", "2026-11-23T17:00:00Z").putNull("byField"),
        "10.20.0.7"));
    ids.put("answered", event(sql, "staff:sxd1", "assignment.answered", "assignment", "a1", null,
        new JsonObject().put("answer", "n1").put("agency", "Sở Xây dựng").put("text", PERSONAL.get(3)
            + ". Sở Xây dựng trả lời như sau…").put("attachment", PERSONAL.get(4)), "10.30.1.2"));
    ids.put("answeredWithoutFile", event(sql, "staff:sxd1", "assignment.answered", "assignment", "a2", null,
        new JsonObject().put("answer", "n2").put("agency", "Sở Xây dựng").put("text", "Đã lắp đặt xong.")
            .putNull("attachment"), "10.30.1.2"));
    ids.put("sentBack", event(sql, editor, "assignment.sent_back", "assignment", "a1", null,
        new JsonObject().put("agency", "Sở Xây dựng").put("reason", PERSONAL.get(5) + " (0912 345 678)")
            .put("submission", "s1"), "10.20.0.7"));
    ids.put("returned", event(sql, editor, "answer.returned", "answer", "n1", null,
        new JsonObject().put("assignment", "a1").put("agency", "Sở Xây dựng").put("comment", PERSONAL.get(6)),
        "10.20.0.7"));
    ids.put("approved", event(sql, editor, "answer.approved", "answer", "n1", null,
        new JsonObject().put("assignment", "a1").put("agency", "Sở Xây dựng").putNull("comment"), "10.20.0.7"));
    ids.put("notice", event(sql, "system:followup", "notification.assignment", "notification", "m1", null,
        new JsonObject().put("channel", "email").put("recipient", PERSONAL.get(7)).put("subject", PERSONAL.get(8))
            .put("status", "sent").put("assignment", "a1"), null));
    ids.put("entryEdited", event(sql, editor, "rundown.entry_edited", "rundown", EPISODE, null,
        new JsonObject().put("entry", "r1").put("position", 2).put("text", PERSONAL.get(9)).put("minutes", 4)
            .putNull("responderId"), "10.20.0.7"));
    ids.put("entryRemoved", event(sql, editor, "rundown.entry_removed", "rundown", EPISODE, null,
        new JsonObject().put("entry", "r1").put("position", 2).put("text", PERSONAL.get(9))
            .put("submissionId", "s1"), "10.20.0.7"));
    ids.put("answeredInRoom", event(sql, editor, "opinion.answered_in_room", "submission", "s4", null,
        new JsonObject().put("answeredBy", "Giám đốc Sở Xây dựng").put("answer", PERSONAL.get(10)), "10.20.0.7"));
    ids.put("producerNote", event(sql, "staff:prod", "studio.message", "episode", EPISODE, null,
        new JsonObject().put("message", PERSONAL.get(11)), "10.20.0.9"));
    ids.put("exported", event(sql, editor, "register.exported", "register", "-", null,
        new JsonObject().put("format", "xlsx").put("rows", 3).put("filter", new JsonObject().putNull("episodeId")
            .putNull("from").putNull("to").put("q", PERSONAL.get(12)).putNull("channel").putNull("status")
            .putNull("field").putNull("agency").putNull("verified")), "10.20.0.7"));
    ids.put("episodeCreated", event(sql, "staff:admin", "episode.created", "episode", EPISODE, null,
        new JsonObject().put("title", "Dân hỏi – Bộ trưởng trả lời, số 48"), "10.20.0.7"));
    return ids;
  }

  private static long event(Sql sql, String actor, String action, String entityType, String entityId,
                            JsonObject before, JsonObject after, String address) {
    return ((Number) sql.rows("INSERT INTO events (actor, action, entity_type, entity_id, episode_id, before, "
            + "after, address) VALUES (?, ?, ?, ?, ?::uuid, ?::jsonb, ?::jsonb, ?) RETURNING id", actor, action,
        entityType, entityId, EPISODE, before == null ? null : before.encode(), after.encode(), address)
        .get(0).get("id")).longValue();
  }

  // ---- reading the log ----

  /** The whole log as text, every column of every row. */
  private static String logText(Sql sql) {
    return String.valueOf(sql.rows("SELECT string_agg(e::text, '|' ORDER BY id) AS t FROM events e").get(0).get("t"));
  }

  private static JsonObject after(Sql sql, long id) {
    return new JsonObject((String) sql.rows("SELECT after::text AS j FROM events WHERE id = ?", id).get(0).get("j"));
  }

  private static JsonObject before(Sql sql, long id) {
    return new JsonObject((String) sql.rows("SELECT before::text AS j FROM events WHERE id = ?", id).get(0).get("j"));
  }

  private static String address(Sql sql, long id) {
    return (String) sql.rows("SELECT address FROM events WHERE id = ?", id).get(0).get("address");
  }

  /** V1's trigger is on again: updates and deletes are refused, as before the migration. */
  private static void assertTheLogIsAppendOnly(Sql sql) {
    assertEquals("O", String.valueOf(sql.rows("SELECT tgenabled FROM pg_trigger "
        + "WHERE tgrelid = 'events'::regclass AND tgname = 'events_no_update'").get(0).get("tgenabled")));
    sql.rows("INSERT INTO events (actor, action, entity_type, entity_id) "
        + "VALUES ('staff:admin', 'episode.created', 'episode', 'x')");
    AppendOnly.assertRefused(sql, "UPDATE events SET after = NULL WHERE entity_id = 'x'");
    AppendOnly.assertRefused(sql, "DELETE FROM events WHERE entity_id = 'x'");
  }

  // ---- databases at a version ----

  private static String databaseAtV28() {
    String db = TestStores.newDatabase();
    DATABASES.add(db);
    migrate(db, "28");
    return db;
  }

  /**
   * Flyway as the server runs it at start-up (infra/Database), up to the target, or the latest when null. A
   * target the branch does not have yet (V28 is another branch's) means the last migration below it: Flyway's
   * "?" after the version.
   */
  private static void migrate(String db, String target) {
    var config = Flyway.configure()
        .dataSource(Database.jdbcUrl(db), Database.user(db), Database.password(db))
        .locations("classpath:db/migration");
    (target == null ? config : config.target(target + "?")).load().migrate();
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(Database.jdbcUrl(db), Database.user(db), Database.password(db));
  }

  private static String script() throws IOException {
    try (InputStream in = OldEventsRewrittenTest.class.getClassLoader().getResourceAsStream(V29)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
