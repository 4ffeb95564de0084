package vn.danhoi.track;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/** All SQL of following a question by its receipt code: where it stands, and the replies to lookups by SMS. */
public final class TrackStore {

  private final Pool pool;

  public TrackStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * A question's path, as far as the asker may see it, with the contact data it is claimed by (checked here, in
   * the server, never sent out). The live assignment is the latest one not sent back or withdrawn; its answer
   * is the published one if any, else the latest.
   */
  public record Path(UUID id, String receiptCode, String phone, String email, String channel, String status,
                     String kind, String question, OffsetDateTime receivedAt, OffsetDateTime onAirAt,
                     OffsetDateTime answeredLiveAt, UUID mergedInto, UUID episodeId, String episodeTitle,
                     String agency, OffsetDateTime assignedAt, OffsetDateTime dueAt, UUID answerId,
                     OffsetDateTime agencyAnsweredAt, String review, OffsetDateTime publishedAt) {
  }

  private static final String PATH = "SELECT s.id, s.receipt_code, s.phone, s.email, s.channel, s.status, "
      + "s.message_kind, coalesce(s.edited_text, s.text) AS question, s.received_at, s.on_air_at, s.answered_at, "
      + "s.merged_into, e.id AS episode_id, e.title AS episode_title, g.agency, g.assigned_at, g.due_at, "
      + "a.id AS answer_id, a.answered_at AS agency_answered_at, a.review, a.published_at "
      + "FROM submissions s LEFT JOIN episodes e ON e.id = s.episode_id "
      + "LEFT JOIN LATERAL (SELECT * FROM assignments x WHERE x.submission_id = s.id "
      + "AND x.status NOT IN ('sent_back', 'withdrawn') ORDER BY x.assigned_at DESC LIMIT 1) g ON true "
      + "LEFT JOIN LATERAL (SELECT * FROM answers y WHERE y.submission_id = s.id "
      + "ORDER BY y.published_at IS NOT NULL DESC, y.answered_at DESC LIMIT 1) a ON true ";

  /** The path of the question with this code (stored form), or null. */
  public Future<Path> byCode(String code) {
    return pool.preparedQuery(PATH + "WHERE s.receipt_code = $1").execute(Tuple.of(code)).map(TrackStore::one);
  }

  /** The path of a question by id: the one a merged question was merged into. */
  public Future<Path> byId(UUID id) {
    return pool.preparedQuery(PATH + "WHERE s.id = $1").execute(Tuple.of(id)).map(TrackStore::one);
  }

  private static Path one(io.vertx.sqlclient.RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new Path(r.getUUID("id"), r.getString("receipt_code"), r.getString("phone"), r.getString("email"),
        r.getString("channel"), r.getString("status"), r.getString("message_kind"), r.getString("question"),
        r.getOffsetDateTime("received_at"), r.getOffsetDateTime("on_air_at"), r.getOffsetDateTime("answered_at"),
        r.getUUID("merged_into"), r.getUUID("episode_id"), r.getString("episode_title"), r.getString("agency"),
        r.getOffsetDateTime("assigned_at"), r.getOffsetDateTime("due_at"), r.getUUID("answer_id"),
        r.getOffsetDateTime("agency_answered_at"), r.getString("review"), r.getOffsetDateTime("published_at"));
  }

  /**
   * Queues the reply to a lookup SMS, worded now; the existing reply's id when this SMS (by the gateway's
   * message id) was answered before.
   */
  public Future<UUID> queueReply(UUID id, String inboundId, String recipient, UUID submissionId, String subject,
                                 String body) {
    return pool.preparedQuery("INSERT INTO notifications (id, kind, channel, recipient, subject, body, submission_id, "
            + "status, next_attempt_at, inbound_id) VALUES ($1, 'track.reply', 'sms', $2, $3, $4, $5, 'queued', now(), "
            + "$6) ON CONFLICT (inbound_id) WHERE inbound_id IS NOT NULL DO NOTHING RETURNING id")
        .execute(Tuple.tuple(Arrays.asList(id, recipient, subject, body, submissionId, inboundId)))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(id)
            : pool.preparedQuery("SELECT id FROM notifications WHERE inbound_id = $1").execute(Tuple.of(inboundId))
                .map(prior -> prior.iterator().next().getUUID("id")));
  }
}
