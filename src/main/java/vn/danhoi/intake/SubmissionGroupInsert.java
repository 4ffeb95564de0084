package vn.danhoi.intake;

import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.EventLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The statement that stores submissions, one or a group: the rows as one VALUES list, inserted with each row's
 * "received" event, outbox row and receipt notice.
 * <p>
 * Why a group is not a single-row statement run once per row, pipelined: PostgreSQL then starts an executor per
 * row, and each start reads the tables' CHECK constraints back from their stored form and opens every index; a
 * profile of intake put a quarter of PostgreSQL's CPU per submission there (docs/BENCHMARKS.md). One statement
 * pays it once per group.
 * <p>
 * The statement comes in a few sizes only (powers of two), the group padded with rows marked not real, so
 * each connection prepares at most a handful and PostgreSQL keeps one generic plan for each.
 */
final class SubmissionGroupInsert {

  /** Statement sizes stop here: 35 parameters a row, and PostgreSQL takes at most 65,535 per statement. */
  static final int MAX_ROWS = 1024;

  /** The VALUES columns: the parameter each is read from and its SQL type. */
  private record Column(String name, String param, String type) {
  }

  private static final List<Column> ROW = List.of(
      new Column("id", "id", "uuid"), new Column("episode_id", "episodeId", "uuid"),
      new Column("channel", "channel", "text"), new Column("asker_name", "askerName", "text"),
      new Column("locality", "locality", "text"), new Column("phone", "phone", "text"),
      new Column("email", "email", "text"), new Column("text", "text", "text"),
      new Column("consent", "consent", "boolean"), new Column("consent_basis", "consentBasis", "text"),
      new Column("sent_at", "sentAt", "timestamptz"), new Column("field", "field", "text"),
      new Column("status", "status", "text"), new Column("external_id", "externalId", "text"),
      new Column("sms_to", "smsTo", "text"), new Column("idempotency_key", "idempotencyKey", "text"),
      new Column("request_hash", "requestHash", "text"), new Column("client_address", "clientAddress", "text"),
      new Column("ready_for_air", "readyForAir", "boolean"), new Column("callback_phone", "callbackPhone", "text"),
      new Column("notes", "notes", "text"), new Column("logged_by", "loggedBy", "text"),
      new Column("search_text", "searchText", "text"), new Column("address", "address", "text"),
      new Column("subject", "subject", "text"), new Column("received_at", "receivedAt", "timestamptz"),
      new Column("agency", "agency", "text"), new Column("suggested_field", "suggestedField", "text"),
      new Column("suggested_agency", "suggestedAgency", "text"), new Column("original_text", "originalText", "text"),
      new Column("suggested_kind", "suggestedKind", "text"), new Column("platform_user", "platformUser", "text"),
      new Column("actor", "actor", "text"), new Column("receipt", "receipt", "boolean"));

  /** The columns stored in submissions: all of ROW but the actor and the receipt flag. */
  private static final List<Column> STORED = ROW.subList(0, ROW.size() - 2);

  /** By size: built once each. */
  private static final Map<Integer, String> STATEMENTS = new ConcurrentHashMap<>();

  private SubmissionGroupInsert() {
  }

  /** The statement size for a group of n (1 ≤ n ≤ MAX_ROWS): the next power of two. */
  static int rowsFor(int n) {
    return Math.max(1, Integer.highestOneBit(n - 1) << 1);
  }

  static String sql(int rows) {
    return STATEMENTS.computeIfAbsent(rows, SubmissionGroupInsert::build);
  }

  private static String build(int rows) {
    int width = ROW.size() + 1;
    String values = IntStream.range(0, rows).mapToObj(r -> IntStream.range(0, width)
            .mapToObj(c -> "$" + (r * width + c + 1) + "::" + (c < ROW.size() ? ROW.get(c).type() : "boolean"))
            .collect(Collectors.joining(", ", "(", ")")))
        .collect(Collectors.joining(", "));
    String stored = STORED.stream().map(Column::name).collect(Collectors.joining(", "));
    String selected = STORED.stream()
        .map(c -> c.name().equals("received_at") ? "coalesce(received_at, now())" : c.name())
        .collect(Collectors.joining(", "));
    String zaloUser = "CASE WHEN s.channel = 'zalo' THEN s.platform_user END";
    return "WITH v (" + ROW.stream().map(Column::name).collect(Collectors.joining(", ")) + ", real) AS (VALUES "
        + values + "), "
        // VALUES are read in order, so the rows' seq follows the group's arrival order
        + "s AS (INSERT INTO submissions (" + stored + ") SELECT " + selected + " FROM v WHERE real "
        + "ON CONFLICT DO NOTHING RETURNING " + SubmissionStore.COLUMNS + ", platform_user), "
        + "e AS (" + EventLog.INSERT + "SELECT v.actor, 'submission.received', 'submission', s.id::text, "
        + "s.episode_id, NULL, jsonb_build_object('channel', s.channel, 'status', s.status), "
        // a citizen's address is personal data and this log cannot be erased: keep staff addresses only
        + "CASE WHEN v.actor LIKE 'public:%' OR v.actor = 'sms-gateway' THEN NULL ELSE v.client_address END "
        + "FROM s JOIN v ON v.id = s.id ORDER BY s.seq), "
        + "q AS (INSERT INTO submission_queue (submission_id, episode_id, seq) SELECT id, episode_id, seq FROM s "
        + "WHERE episode_id IS NOT NULL), "
        + "r AS (INSERT INTO notifications (id, kind, channel, recipient, body, submission_id, status, "
        + "next_attempt_at) SELECT gen_random_uuid(), 'submission.receipt', CASE WHEN s.email IS NOT NULL THEN "
        + "'email' WHEN s.phone IS NOT NULL THEN 'sms' ELSE 'zalo' END, coalesce(s.email, s.phone, " + zaloUser
        + "), '', s.id, 'queued', now() FROM s JOIN v ON v.id = s.id WHERE v.receipt "
        + "AND coalesce(s.email, s.phone, " + zaloUser + ") IS NOT NULL) "
        + "SELECT * FROM s";
  }

  /** The group's parameters, row after row, padded with rows not real up to {@code rows}. */
  static Tuple tuple(List<Map<String, Object>> group, int rows) {
    List<Object> values = new ArrayList<>(rows * (ROW.size() + 1));
    for (Map<String, Object> params : group) {
      ROW.forEach(c -> values.add(params.get(c.param())));
      values.add(Boolean.TRUE);
    }
    for (int pad = group.size(); pad < rows; pad++) {
      ROW.forEach(c -> values.add(null));
      values.add(Boolean.FALSE);
    }
    return Tuple.wrap(values);
  }
}
