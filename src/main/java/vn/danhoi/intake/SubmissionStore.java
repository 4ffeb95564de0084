package vn.danhoi.intake;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.GroupedCalls;
import vn.danhoi.infra.SqlParams;
import vn.danhoi.infra.VietnameseText;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** All SQL about submissions. */
public final class SubmissionStore {

  public static final String COLUMNS = "id, seq, episode_id, channel, asker_name, locality, phone, email, text, "
      + "received_at, status, field, agency, ready_for_air, callback_phone, notes, edited_text, claimed_by, "
      + "claimed_name, claimed_at, merged_into, position, responder, reject_reason, on_air_at, answered_at, "
      + "asker_count, supports, verified, verified_how, suggested_field, suggested_agency, original_text, message_kind, "
      + "suggested_kind, kind_confirmed_by, kind_confirmed_at, receipt_code";

  private final Pool pool;
  private final Suggester suggester;
  private final ComplaintRules complaints;
  private final GroupedCalls<Map<String, Object>, Submission> inserts;

  public SubmissionStore(Pool pool) {
    this(pool, 128, 4);
  }

  public SubmissionStore(Pool pool, int batchMax, int batchInFlight) {
    this(pool, batchMax, batchInFlight, Suggester.NONE, ComplaintRules.defaults());
  }

  /**
   * suggester: the field and agency stored with each new submission for the editors (never blocks); complaints:
   * whether it reads as a complaint or denunciation, stored beside them for an editor to confirm.
   */
  public SubmissionStore(Pool pool, int batchMax, int batchInFlight, Suggester suggester, ComplaintRules complaints) {
    this.pool = pool;
    this.suggester = suggester;
    this.complaints = complaints;
    this.inserts = new GroupedCalls<>(batchMax, batchInFlight, this::insertBatch);
  }

  /**
   * What only some channels carry: a letter's postal address, an e-mail's subject, when a letter or e-mail
   * was received (null: now), the agency an editor named when entering it.
   */
  public record Extras(String address, String subject, OffsetDateTime receivedAt, String agency) {
    public static final Extras NONE = new Extras(null, null, null, null);
  }

  /**
   * Stores the submission and its "received" event in one statement. Concurrent calls are grouped: one
   * round trip and one commit for the group, and each caller hears back only after that commit. Returns
   * null when a unique key (idempotency key, SMS message id) says it was stored before.
   */
  public Future<Submission> insert(NewSubmission n, String actor) {
    return inserts.call(insertParams(n, actor, Extras.NONE));
  }

  /** The same, on a given connection (inside a caller's transaction), with the extra columns. */
  public Future<Submission> insert(SqlClient client, NewSubmission n, String actor, Extras x) {
    return insertOne(client, insertParams(n, actor, x));
  }

  /**
   * A group goes as one statement (see {@link SubmissionGroupInsert}): one round trip, one commit. A row the
   * database refuses would roll back its neighbours too, so the group is then retried row by row and only
   * that row fails; a lost connection fails them all (nothing committed).
   */
  private Future<List<Future<Submission>>> insertBatch(List<Map<String, Object>> batch) {
    if (batch.size() == 1) {
      return insertOne(pool, batch.get(0)).map(s -> List.of(Future.succeededFuture(s)));
    }
    int rows = SubmissionGroupInsert.rowsFor(batch.size());
    return pool.preparedQuery(SubmissionGroupInsert.sql(rows)).execute(SubmissionGroupInsert.tuple(batch, rows))
        .map(stored -> {
          Map<UUID, Submission> byId = new HashMap<>();
          stored.forEach(row -> {
            Submission s = submission(row);
            byId.put(s.id(), s);
          });
          // a row left out of RETURNING met a unique key (an idempotency key, an SMS message id): stored before
          List<Future<Submission>> out = new ArrayList<>(batch.size());
          batch.forEach(p -> out.add(Future.succeededFuture(byId.get((UUID) p.get("id")))));
          return out;
        })
        .recover(e -> {
          if (!(e instanceof PgException)) {
            return Future.failedFuture(e);
          }
          List<Future<Submission>> each = new ArrayList<>(batch.size());
          batch.forEach(p -> each.add(insertOne(pool, p)));
          return Future.join(each).transform(ar -> Future.succeededFuture(each));
        });
  }

  private Future<Submission> insertOne(SqlClient client, Map<String, Object> params) {
    return client.preparedQuery(SubmissionGroupInsert.sql(1)).execute(SubmissionGroupInsert.tuple(List.of(params), 1))
        .map(rows -> rows.size() == 0 ? null : submission(rows.iterator().next()));
  }

  /**
   * The keyword suggestion and the kind are made here, so every channel's submission carries them, whoever stores
   * it. An e-mail's subject ("Đơn khiếu nại") often says the kind when its body does not.
   */
  private Map<String, Object> insertParams(NewSubmission n, String actor, Extras x) {
    Suggester.Suggestion suggested = suggester.suggest(n.text());
    ComplaintRules.Kind kind = complaints.recognise(x.subject() == null ? n.text() : x.subject() + "\n" + n.text());
    return SqlParams.of("id", n.id()).and("episodeId", n.episodeId()).and("channel", n.channel())
        .and("askerName", n.askerName()).and("locality", n.locality()).and("phone", n.phone())
        .and("email", n.email()).and("text", n.text()).and("consent", n.consent())
        .and("consentBasis", n.consentBasis()).and("sentAt", n.sentAt()).and("field", n.field())
        .and("status", n.status()).and("externalId", n.externalId()).and("smsTo", n.smsTo())
        .and("idempotencyKey", n.idempotencyKey()).and("requestHash", n.requestHash())
        .and("clientAddress", n.clientAddress()).and("readyForAir", n.readyForAir())
        .and("callbackPhone", n.callbackPhone()).and("notes", n.notes()).and("loggedBy", n.loggedBy())
        .and("actor", actor).and("searchText", searchText(n.text(), n.askerName(), n.locality()))
        .and("address", x.address()).and("subject", x.subject()).and("receivedAt", x.receivedAt())
        .and("agency", x.agency()).and("suggestedField", suggested.field())
        .and("suggestedAgency", suggested.agency()).and("originalText", n.originalText())
        .and("suggestedKind", kind.wire()).and("receipt", n.receipt())
        .and("platformUser", n.platformUser());
  }

  /** The folded copy the search and the duplicate suggestions work on. */
  public static String searchText(String text, String name, String locality) {
    return VietnameseText.fold(text + " " + (name == null ? "" : name) + " " + (locality == null ? "" : locality));
  }

  /** The episode's items matching a folded query (accents and case ignored), in arrival order. */
  public Future<List<Submission>> search(UUID episodeId, String query, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM submissions WHERE episode_id = $1 "
            + "AND search_text LIKE '%' || $2 || '%' ORDER BY seq LIMIT $3")
        .execute(Tuple.of(episodeId, VietnameseText.fold(query).replace("%", "").replace("_", ""), limit))
        .map(SubmissionStore::submissions);
  }

  /** Earlier open items whose text looks like this one: candidates for a merge. */
  public Future<List<Submission>> similar(Submission item, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM submissions WHERE episode_id = $1 AND id <> $2 "
            + "AND status NOT IN ('merged', 'rejected') AND search_text % (SELECT search_text FROM submissions WHERE id = $2) "
            + "ORDER BY similarity(search_text, (SELECT search_text FROM submissions WHERE id = $2)) DESC, seq "
            + "LIMIT $3")
        .execute(Tuple.of(item.episodeId(), item.id(), limit))
        .map(SubmissionStore::submissions);
  }

  public record Stored(UUID id, UUID episodeId, String requestHash, String receiptCode) {
  }

  public Future<Stored> findByIdempotencyKey(UUID episodeId, String key) {
    return pool.preparedQuery("SELECT id, episode_id, request_hash, receipt_code "
            + "FROM submissions WHERE episode_id = $1 AND idempotency_key = $2")
        .execute(Tuple.of(episodeId, key))
        .map(SubmissionStore::stored);
  }

  public Future<Stored> findByExternalId(String channel, String externalId) {
    return pool.preparedQuery("SELECT id, episode_id, request_hash, receipt_code "
            + "FROM submissions WHERE channel = $1 AND external_id = $2")
        .execute(Tuple.of(channel, externalId))
        .map(SubmissionStore::stored);
  }

  /** The episode's items in arrival order. */
  public Future<List<Submission>> byEpisode(UUID episodeId, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM submissions WHERE episode_id = $1 ORDER BY seq LIMIT $2")
        .execute(Tuple.of(episodeId, limit))
        .map(SubmissionStore::submissions);
  }

  public Future<List<Submission>> queuedSince(UUID episodeId, OffsetDateTime since) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM submissions WHERE id IN (SELECT submission_id "
            + "FROM submission_queue WHERE episode_id = $1 AND queued_at >= $2) ORDER BY seq")
        .execute(Tuple.of(episodeId, since))
        .map(SubmissionStore::submissions);
  }

  /** Items assigned to an agency (all assigned ones when agency is null), newest first. */
  public Future<List<Submission>> assignedTo(String agency, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM submissions WHERE agency IS NOT NULL "
            + "AND ($1::text IS NULL OR fold_case(agency) = fold_case($1)) ORDER BY seq DESC LIMIT $2")
        .execute(Tuple.of(agency, limit))
        .map(SubmissionStore::submissions);
  }

  public Future<List<Submission>> recentCalls(UUID episodeId, String loggedBy, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM submissions "
            + "WHERE episode_id = $1 AND logged_by = $2 AND channel = 'hotline' ORDER BY seq DESC LIMIT $3")
        .execute(Tuple.of(episodeId, loggedBy, limit))
        .map(SubmissionStore::submissions);
  }

  public Future<List<Submission>> unrouted(int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM submissions "
            + "WHERE episode_id IS NULL ORDER BY seq DESC LIMIT $1")
        .execute(Tuple.of(limit))
        .map(SubmissionStore::submissions);
  }

  /** A routed submission not yet on the Redis queue, and how long ago its outbox row was committed. */
  public record Unqueued(Submission item, long waitingNanos) {
  }

  /** Routed submissions the relay has not yet put on the Redis queue, oldest first. */
  public Future<List<Unqueued>> unqueued(int limit) {
    // the wait is measured on PostgreSQL's clock, which also stamped committed_at: no skew between nodes
    return pool.preparedQuery("SELECT " + COLUMNS + ", (extract(epoch FROM clock_timestamp() - q.committed_at) "
            + "* 1e9)::bigint AS waiting_nanos FROM submissions JOIN (SELECT submission_id, committed_at "
            + "FROM submission_queue WHERE queued_at IS NULL ORDER BY seq LIMIT $1) q ON q.submission_id = id "
            + "ORDER BY seq")
        .execute(Tuple.of(limit))
        .map(rows -> {
          List<Unqueued> out = new ArrayList<>(rows.size());
          rows.forEach(r -> out.add(new Unqueued(submission(r), r.getLong("waiting_nanos"))));
          return out;
        });
  }

  /** How many routed submissions wait in the outbox; the partial index holds only those rows. */
  public Future<Long> unqueuedCount() {
    return pool.query("SELECT count(*) FROM submission_queue WHERE queued_at IS NULL").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Every queued item of the episodes still worth a live queue, for rebuilding Redis after a loss. */
  public Future<List<Submission>> queuedForRebuild(OffsetDateTime episodesEndedAfter, long afterSeq, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM submissions WHERE id IN (SELECT q.submission_id "
            + "FROM submission_queue q WHERE q.queued_at IS NOT NULL AND q.seq > $2 AND q.episode_id IN "
            + "(SELECT id FROM episodes WHERE intake_closes_at > $1 OR starts_at + make_interval(mins => "
            + "duration_minutes) > $1) ORDER BY q.seq LIMIT $3) ORDER BY seq")
        .execute(Tuple.of(episodesEndedAfter, afterSeq, limit))
        .map(SubmissionStore::submissions);
  }

  /** Marks items as in their Redis stream, in one UPDATE. */
  public Future<Void> markQueued(List<UUID> ids) {
    return pool.preparedQuery("UPDATE submission_queue SET queued_at = now() WHERE submission_id = ANY($1) "
            + "AND queued_at IS NULL")
        .execute(Tuple.of(ids.toArray(new UUID[0])))
        .mapEmpty();
  }

  private static Stored stored(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new Stored(r.getUUID("id"), r.getUUID("episode_id"), r.getString("request_hash"),
        r.getString("receipt_code"));
  }

  private static List<Submission> submissions(RowSet<Row> rows) {
    List<Submission> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(submission(r)));
    return out;
  }

  public static Submission submission(Row r) {
    return new Submission(
        r.getUUID("id"),
        r.getLong("seq"),
        r.getUUID("episode_id"),
        r.getString("channel"),
        r.getString("asker_name"),
        r.getString("locality"),
        r.getString("phone"),
        r.getString("email"),
        r.getString("text"),
        r.getOffsetDateTime("received_at"),
        r.getString("status"),
        r.getString("field"),
        r.getString("agency"),
        Boolean.TRUE.equals(r.getBoolean("ready_for_air")),
        r.getString("callback_phone"),
        r.getString("notes"),
        new Submission.Moderation(
            r.getString("edited_text"),
            r.getString("claimed_by"),
            r.getString("claimed_name"),
            r.getOffsetDateTime("claimed_at"),
            r.getUUID("merged_into"),
            r.getInteger("position"),
            r.getString("responder"),
            r.getString("reject_reason"),
            r.getOffsetDateTime("on_air_at"),
            r.getOffsetDateTime("answered_at"),
            r.getInteger("asker_count"),
            r.getInteger("supports"),
            Boolean.TRUE.equals(r.getBoolean("verified")),
            r.getString("verified_how")),
        new Suggester.Suggestion(r.getString("suggested_field"), r.getString("suggested_agency")),
        r.getString("original_text"),
        new Submission.Classification(
            r.getString("suggested_kind") == null ? null : ComplaintRules.Kind.fromWire(r.getString("suggested_kind")),
            ComplaintRules.Kind.fromWire(r.getString("message_kind")),
            r.getString("kind_confirmed_by"),
            r.getOffsetDateTime("kind_confirmed_at")),
        r.getString("receipt_code"));
  }
}
