package vn.danhoi.register;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.SqlParams;
import vn.danhoi.infra.VietnameseText;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** All SQL of the question register: the filtered list, identity checks, assigning unrouted questions. */
public final class RegisterStore {

  private static final String COLUMNS = "s.id, s.seq, s.episode_id, e.title AS episode_title, s.channel, "
      + "s.asker_name, s.address, s.locality, s.phone, s.email, s.text, s.subject, s.received_at, s.status, s.field, "
      + "s.agency, s.verified, s.verified_how, s.verified_note, s.verified_by, s.verified_at, "
      + "coalesce(s.original_text, s.text) AS original_text, s.message_kind";

  private static final String WHERE = " FROM submissions s LEFT JOIN episodes e ON e.id = s.episode_id "
      + "WHERE (#{episodeId}::uuid IS NULL OR s.episode_id = #{episodeId}) "
      + "AND (#{from}::timestamptz IS NULL OR s.received_at >= #{from}) "
      + "AND (#{to}::timestamptz IS NULL OR s.received_at < #{to}) "
      + "AND (#{query}::text IS NULL OR s.search_text LIKE '%' || #{query} || '%') "
      + "AND (#{channel}::text IS NULL OR s.channel = #{channel}) "
      + "AND (#{status}::text IS NULL OR s.status = #{status}) "
      + "AND (#{field}::text IS NULL OR fold_case(s.field) = fold_case(#{field})) "
      + "AND (#{agency}::text IS NULL OR fold_case(s.agency) = fold_case(#{agency})) "
      + "AND (#{province}::text IS NULL OR fold_case(s.locality) ~ #{province}) "
      + "AND (#{verified}::boolean IS NULL OR s.verified = #{verified}) "
      + "AND (#{kind}::text IS NULL OR s.message_kind = #{kind}) ";

  private final Pool pool;

  public RegisterStore(Pool pool) {
    this.pool = pool;
  }

  public record Page(List<RegisterEntry> items, long total) {
  }

  /** One page of the register, in the order the questions were received, and how many match in all. */
  public Future<Page> page(RegisterFilter f, int offset, int limit) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS + ", count(*) OVER () AS total" + WHERE
            + "ORDER BY s.received_at, s.seq LIMIT #{limit} OFFSET #{offset}")
        .execute(params(f).and("limit", limit).and("offset", offset))
        .map(rows -> {
          List<RegisterEntry> items = new ArrayList<>(rows.size());
          long total = 0;
          for (Row r : rows) {
            items.add(entry(r));
            total = r.getLong("total");
          }
          return new Page(items, total);
        })
        // a page past the end has no row to carry the total: the pager still needs it to offer a way back
        .compose(p -> p.items().isEmpty() && offset > 0 ? count(f).map(n -> new Page(p.items(), n))
            : Future.succeededFuture(p));
  }

  public Future<Long> count(RegisterFilter f) {
    return SqlTemplate.forQuery(pool, "SELECT count(*)" + WHERE).execute(params(f))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static SqlParams params(RegisterFilter f) {
    String q = f.query() == null ? null : VietnameseText.fold(f.query()).replace("%", "").replace("_", "");
    return SqlParams.of("episodeId", f.episodeId()).and("from", f.from()).and("to", f.to())
        .and("query", q == null || q.isEmpty() ? null : q).and("channel", f.channel()).and("status", f.status())
        .and("field", f.field()).and("agency", f.agency())
        .and("province", f.province() == null ? null : f.province().localityPattern()).and("verified", f.verified())
        .and("kind", f.kind());
  }

  /**
   * Records the identity check (or withdraws it when {@code how} is null) with its event, in one statement.
   * Returns the item and the event's id, or null when there is no such question.
   */
  public record Changed(Submission item, long eventId) {
  }

  public Future<Changed> verify(UUID id, String how, String note, String actor, String address) {
    return pool.preparedQuery("WITH old AS (SELECT id, verified, verified_how FROM submissions WHERE id = $1), "
            + "s AS (UPDATE submissions SET verified = $2::text IS NOT NULL, verified_how = $2, verified_note = $3, "
            + "verified_by = CASE WHEN $2::text IS NULL THEN NULL ELSE $4 END, "
            + "verified_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END, updated_at = now() "
            + "WHERE id = $1 RETURNING " + SubmissionStore.COLUMNS + "), "
            + "ev AS (" + EventLog.INSERT
            + "SELECT $4, CASE WHEN $2::text IS NULL THEN 'submission.unverified' ELSE 'submission.verified' END, "
            + "'submission', s.id::text, s.episode_id, "
            + "jsonb_build_object('verified', old.verified, 'how', old.verified_how), "
            // the note names the person (an ID-card number, a phone, an address): it stays in the row, which
            // erasure clears; the append-only log only says that there was one
            + "jsonb_build_object('verified', $2::text IS NOT NULL, 'how', $2, 'noteGiven', $3::text IS NOT NULL), $5 "
            + "FROM s JOIN old ON old.id = s.id RETURNING id) "
            + "SELECT s.*, ev.id AS event_id FROM s, ev")
        .execute(Tuple.of(id, how, note, actor, address))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Changed(SubmissionStore.submission(r), r.getLong("event_id"));
        });
  }

  /**
   * Gives an unrouted question (an e-mail or letter that matched no open episode) to an episode; the queue
   * relay's sweep then brings it to that episode's moderators. Null when it is not (or no longer) unrouted.
   */
  public Future<Submission> assign(UUID id, UUID episodeId, String actor, String address) {
    return pool.preparedQuery("WITH s AS (UPDATE submissions SET episode_id = $2, status = 'received', "
            + "updated_at = now() WHERE id = $1 AND episode_id IS NULL RETURNING " + SubmissionStore.COLUMNS + "), "
            + "ev AS (" + EventLog.INSERT + "SELECT $3, 'submission.assigned', 'submission', s.id::text, s.episode_id, "
            + "jsonb_build_object('status', 'unrouted'), jsonb_build_object('episodeId', $2::text), $4 FROM s), "
            // now routed, it enters the relay's outbox
            + "q AS (INSERT INTO submission_queue (submission_id, episode_id, seq) SELECT id, episode_id, seq FROM s) "
            + "SELECT * FROM s")
        .execute(Tuple.of(id, episodeId, actor, address))
        .map(rows -> rows.size() == 0 ? null : SubmissionStore.submission(rows.iterator().next()));
  }

  public Future<Boolean> exists(UUID submissionId) {
    return pool.preparedQuery("SELECT 1 FROM submissions WHERE id = $1").execute(Tuple.of(submissionId))
        .map(rows -> rows.size() > 0);
  }

  /** An export of the register is an audited act: who, when, which filter, how many rows, from where. */
  public Future<Void> exported(String actor, String format, RegisterFilter f, int rows, String address) {
    return EventLog.append(pool, EventLog.Event.of(actor, "register.exported", "register",
            f.episodeId() == null ? "-" : f.episodeId().toString()).inEpisode(f.episodeId())
        .after(new JsonObject().put("format", format).put("rows", rows).put("filter", f.toJson())).from(address));
  }

  private static RegisterEntry entry(Row r) {
    return new RegisterEntry(r.getUUID("id"), r.getLong("seq"), r.getUUID("episode_id"), r.getString("episode_title"),
        r.getString("channel"), r.getString("asker_name"), r.getString("address"), r.getString("locality"),
        r.getString("phone"), r.getString("email"), r.getString("text"), r.getString("subject"),
        r.getString("original_text"), r.getOffsetDateTime("received_at"), r.getString("status"), r.getString("field"), r.getString("agency"),
        Boolean.TRUE.equals(r.getBoolean("verified")), r.getString("verified_how"), r.getString("verified_note"),
        r.getString("verified_by"), r.getOffsetDateTime("verified_at"), r.getString("message_kind"), List.of());
  }
}
