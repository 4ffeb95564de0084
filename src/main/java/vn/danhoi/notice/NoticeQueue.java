package vn.danhoi.notice;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.sms.DeliveryReport;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * All SQL of the notices' queue (V30): claiming what is due, with the daily limits, under one lock across nodes;
 * recording what the provider said; applying its delivery reports; the editors' list and the counts.
 */
public final class NoticeQueue {

  /** Serialises claims across nodes, so two nodes counting today's SMS never both take the last one. */
  private static final long CLAIM_LOCK = 7_020_261_207L;

  /** The statuses counted against a day's limits: the provider took, or may have taken, the message. */
  static final String SPENT = "('sending', 'sent', 'unconfirmed', 'delivered', 'undelivered')";

  /**
   * Notices {@code n} tallied as the editors and the report count them: queued (sending included), sent (every one
   * a provider took or may have taken, delivered and undelivered included), delivered, failed (refused, or
   * reported undelivered) and limited; a cancelled one (the asker's data erased first) is none of these.
   */
  public static final String TALLIES = "count(*) FILTER (WHERE n.status IN ('queued', 'sending')) AS queued, "
      + "count(*) FILTER (WHERE n.status IN ('sent', 'unconfirmed', 'delivered', 'undelivered')) AS sent, "
      + "count(*) FILTER (WHERE n.status = 'delivered') AS delivered, "
      + "count(*) FILTER (WHERE n.status IN ('failed', 'undelivered')) AS failed, "
      + "count(*) FILTER (WHERE n.status = 'limited') AS limited ";

  private final Pool pool;

  public NoticeQueue(Pool pool) {
    this.pool = pool;
  }

  /**
   * A notice due now, with what its wording needs when it is a receipt (written when sent): the code, the
   * channel the question came by, the program, and whether the asker's personal data was erased since.
   */
  public record Due(UUID id, String kind, String channel, String recipient, String subject, String body,
                    UUID submissionId, int attempts, String receiptCode, String askedBy, String program,
                    boolean erased) {

    /** The same notice with the words it goes out with. */
    Due worded(String newSubject, String newBody) {
      return new Due(id, kind, channel, recipient, newSubject, newBody, submissionId, attempts, receiptCode, askedBy,
          program, erased);
    }
  }

  /** What the dispatcher decided for a notice it read: sending now, later, or never (and why). */
  record Decision(UUID id, String status, OffsetDateTime next, String error) {
  }

  /** The day today's SMS are counted within (the council's), and how long a claim holds. */
  record Day(OffsetDateTime start, OffsetDateTime next, OffsetDateTime claimedUntil) {
  }

  /**
   * Claims up to {@code max} due notices in one transaction: a notice left "sending" by a node that stopped
   * mid-send becomes unconfirmed (never resent); the rest are decided by {@code decide} with today's counts
   * and the decisions written. Returns those now "sending", for this node alone to send.
   */
  Future<List<Due>> claim(int max, java.util.function.Function<OffsetDateTime, Day> dayAt, Decider decide) {
    // the database's clock, not the node's: every time in the queue is PostgreSQL's now(), whoever wrote it
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1), now() AS now")
        .execute(Tuple.of(CLAIM_LOCK)).map(r -> r.iterator().next().getOffsetDateTime("now"))
        .compose(now -> claim(tx, max, now, dayAt.apply(now), decide)));
  }

  private Future<List<Due>> claim(SqlClient tx, int max, OffsetDateTime now, Day day, Decider decide) {
    return tx.preparedQuery("UPDATE notifications SET status = 'unconfirmed', claimed_until = NULL, "
            + "error = 'Máy chủ dừng khi đang gửi; không gửi lại để người dân không nhận hai lần.' "
            + "WHERE status = 'sending' AND claimed_until < $1").execute(Tuple.of(now))
        .compose(x -> tx.preparedQuery("SELECT n.id, n.kind, n.channel, n.recipient, n.subject, n.body, "
                + "n.submission_id, n.attempts, s.receipt_code, s.channel AS asked_by, "
                + "coalesce(p.name, e.title) AS program, s.personal_erased_at IS NOT NULL AS erased "
                + "FROM notifications n LEFT JOIN submissions s ON s.id = n.submission_id "
                + "LEFT JOIN episodes e ON e.id = s.episode_id LEFT JOIN programs p ON p.id = e.program_id "
                + "WHERE n.status = 'queued' AND n.next_attempt_at <= $1 ORDER BY n.next_attempt_at, n.created_at "
                + "LIMIT $2 FOR UPDATE OF n SKIP LOCKED")
            .execute(Tuple.of(now, max)))
        .compose(rows -> {
          List<Due> due = new ArrayList<>();
          rows.forEach(r -> due.add(due(r)));
          if (due.isEmpty()) {
            return Future.succeededFuture(List.<Due>of());
          }
          return smsToday(tx, due, day.start()).compose(counts -> {
            List<Decision> decisions = decide.decide(due, counts, day);
            return write(tx, decisions, now, day.claimedUntil()).map(v -> {
              Map<UUID, Decision> byId = new HashMap<>();
              decisions.forEach(d -> byId.put(d.id(), d));
              return due.stream().filter(d -> "sending".equals(byId.get(d.id()).status())).toList();
            });
          });
        });
  }

  /** Decides, from today's counts, what each due notice does now. */
  interface Decider {
    List<Decision> decide(List<Due> due, Counts today, Day day);
  }

  /** SMS counted against today's limits: all of them, and per recipient among those due. */
  record Counts(long total, Map<String, Long> byRecipient) {
  }

  private static Future<Counts> smsToday(SqlClient tx, List<Due> due, OffsetDateTime dayStart) {
    String[] recipients = due.stream().filter(d -> "sms".equals(d.channel())).map(Due::recipient).distinct()
        .toArray(String[]::new);
    return tx.preparedQuery("SELECT recipient, count(*) AS n FROM notifications WHERE channel = 'sms' "
            + "AND status IN " + SPENT + " AND sent_at >= $1 AND recipient = ANY($2) GROUP BY recipient")
        .execute(Tuple.tuple().addValue(dayStart).addArrayOfString(recipients))
        .compose(rows -> {
          Map<String, Long> by = new HashMap<>();
          rows.forEach(r -> by.put(r.getString("recipient"), r.getLong("n")));
          return tx.preparedQuery("SELECT count(*) FROM notifications WHERE channel = 'sms' AND status IN " + SPENT
                  + " AND sent_at >= $1").execute(Tuple.of(dayStart))
              .map(total -> new Counts(total.iterator().next().getLong(0), by));
        });
  }

  private static Future<Void> write(SqlClient tx, List<Decision> decisions, OffsetDateTime now,
                                    OffsetDateTime claimedUntil) {
    UUID[] ids = decisions.stream().map(Decision::id).toArray(UUID[]::new);
    String[] statuses = decisions.stream().map(Decision::status).toArray(String[]::new);
    OffsetDateTime[] next = decisions.stream().map(Decision::next).toArray(OffsetDateTime[]::new);
    String[] errors = decisions.stream().map(Decision::error).toArray(String[]::new);
    return tx.preparedQuery("UPDATE notifications n SET status = d.status, "
            + "next_attempt_at = coalesce(d.next, n.next_attempt_at), "
            + "error = coalesce(d.error, n.error), "
            + "attempts = n.attempts + CASE WHEN d.status = 'sending' THEN 1 ELSE 0 END, "
            + "claimed_until = CASE WHEN d.status = 'sending' THEN $5::timestamptz END, "
            // counted against today's limits from the moment it is claimed, so a node sending now is counted
            + "sent_at = CASE WHEN d.status = 'sending' THEN $6::timestamptz ELSE n.sent_at END "
            + "FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[]) AS d(id, status, next, error) "
            + "WHERE n.id = d.id")
        .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(statuses).addArrayOfOffsetDateTime(next)
            .addArrayOfString(errors).addValue(claimedUntil).addValue(now))
        .mapEmpty();
  }

  private static Due due(Row r) {
    return new Due(r.getUUID("id"), r.getString("kind"), r.getString("channel"), r.getString("recipient"),
        r.getString("subject"), r.getString("body"), r.getUUID("submission_id"), r.getInteger("attempts"),
        r.getString("receipt_code"), r.getString("asked_by"), r.getString("program"),
        Boolean.TRUE.equals(r.getBoolean("erased")));
  }

  /** The wording a notice went out with, once written (a receipt is worded when it is sent). */
  Future<Void> worded(UUID id, String subject, String body) {
    return pool.preparedQuery("UPDATE notifications SET subject = $2, body = $3 WHERE id = $1")
        .execute(Tuple.of(id, subject, body)).mapEmpty();
  }

  /** The provider took it (or, with {@code unconfirmed}, may have: no answer came). */
  Future<Void> sent(UUID id, String provider, String providerId, String text, Integer segments, String encoding,
                    boolean unconfirmed, String error) {
    return pool.preparedQuery("UPDATE notifications SET status = CASE WHEN status = 'sending' THEN $2 ELSE status END, "
            + "provider = $3, provider_id = coalesce(provider_id, $4), body = $5, segments = $6, encoding = $7, "
            + "error = $8, claimed_until = NULL WHERE id = $1")
        .execute(Tuple.tuple(Arrays.asList(id, unconfirmed ? "unconfirmed" : "sent", provider, providerId, text,
            segments, encoding, error)))
        .mapEmpty();
  }

  /** Not taken: back in the queue after {@code pauseMillis}, or failed for good when it is null. */
  Future<Void> notTaken(UUID id, String provider, Long pauseMillis, String error) {
    return pool.preparedQuery("UPDATE notifications SET status = CASE WHEN $3::bigint IS NULL THEN 'failed' "
            + "ELSE 'queued' END, next_attempt_at = coalesce(now() + $3::bigint * interval '1 millisecond', "
            + "next_attempt_at), provider = $2, error = $4, claimed_until = NULL, sent_at = NULL "
            + "WHERE id = $1 AND status = 'sending'")
        .execute(Tuple.tuple(Arrays.asList(id, provider, pauseMillis, error)))
        .mapEmpty();
  }

  /**
   * Applies a delivery report; false when it names no notice of this provider. A report never takes a
   * notice back (delivered stays delivered when a late "sent" arrives).
   */
  public Future<Boolean> report(String provider, DeliveryReport r) {
    String status = switch (r.outcome()) {
      case DELIVERED -> "delivered";
      case FAILED -> "undelivered";
      case SENT -> "sent";
    };
    return pool.preparedQuery("UPDATE notifications SET status = CASE "
            + "WHEN $4 = 'sent' AND status IN ('delivered', 'undelivered') THEN status ELSE $4 END, "
            + "reported_at = now(), report_code = coalesce($5, report_code), "
            + "provider_id = coalesce(provider_id, $3), claimed_until = NULL "
            + "WHERE channel = 'sms' AND provider = $2 AND status IN ('sending', 'sent', 'unconfirmed', 'delivered', "
            + "'undelivered') AND (id = $1 OR ($1::uuid IS NULL AND provider_id = $3)) RETURNING id")
        .execute(Tuple.tuple(Arrays.asList(r.noticeId(), provider, r.providerId(), status, r.code())))
        .map(rows -> rows.rowCount() > 0);
  }

  /** One notice as editors see it: the recipient masked, the rest as recorded. */
  public record Listed(UUID id, String kind, String channel, String recipient, String status, String provider,
                       int attempts, Integer segments, String encoding, String error, String reportCode,
                       OffsetDateTime createdAt, OffsetDateTime sentAt, OffsetDateTime reportedAt,
                       String receiptCode, int length) {
  }

  /** The newest notices, filtered by status and channel (null: any). */
  public Future<List<Listed>> recent(String status, String channel, int limit) {
    return pool.preparedQuery("SELECT n.id, n.kind, n.channel, n.recipient, n.status, n.provider, n.attempts, "
            + "n.segments, n.encoding, n.error, n.report_code, n.created_at, n.sent_at, n.reported_at, "
            + "s.receipt_code, length(n.body) AS length FROM notifications n LEFT JOIN submissions s ON s.id = n.submission_id "
            + "WHERE n.submission_id IS NOT NULL AND ($1::text IS NULL OR n.status = $1) "
            + "AND ($2::text IS NULL OR n.channel = $2) ORDER BY n.created_at DESC, n.id LIMIT $3")
        .execute(Tuple.of(status, channel, limit))
        .map(rows -> {
          List<Listed> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Listed(r.getUUID("id"), r.getString("kind"), r.getString("channel"),
              r.getString("recipient"), r.getString("status"), r.getString("provider"), r.getInteger("attempts"),
              r.getInteger("segments"), r.getString("encoding"), r.getString("error"), r.getString("report_code"),
              r.getOffsetDateTime("created_at"), r.getOffsetDateTime("sent_at"), r.getOffsetDateTime("reported_at"),
              r.getString("receipt_code"), r.getInteger("length"))));
          return out;
        });
  }

  /** Citizens' notices by channel, created in [from, to): what the list's head shows ({@link #TALLIES}). */
  public Future<JsonObject> counts(OffsetDateTime from, OffsetDateTime to) {
    return pool.preparedQuery("SELECT n.channel, " + TALLIES + "FROM notifications n "
            + "WHERE n.submission_id IS NOT NULL AND ($1::timestamptz IS NULL OR n.created_at >= $1) "
            + "AND ($2::timestamptz IS NULL OR n.created_at < $2) GROUP BY n.channel ORDER BY n.channel")
        .execute(Tuple.of(from, to))
        .map(rows -> {
          JsonObject out = new JsonObject();
          for (Row r : rows) {
            JsonObject c = new JsonObject();
            for (String tally : List.of("queued", "sent", "delivered", "failed", "limited")) {
              c.put(tally, r.getLong(tally));
            }
            out.put(r.getString("channel"), c);
          }
          return out;
        });
  }
}
