package vn.danhoi.complaint;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.EventLog;

import java.util.Arrays;
import java.util.UUID;

/** All SQL of the formal reply to a complaint or denunciation: what it needs to say, and that it goes once. */
public final class ComplaintReplyStore {

  private final Pool pool;

  public ComplaintReplyStore(Pool pool) {
    this.pool = pool;
  }

  /** What the reply needs beyond the item: whether the asker may be contacted, and the program's name. */
  public record Context(boolean consent, String program) {
  }

  public Future<Context> context(UUID submissionId) {
    return pool.preparedQuery("SELECT s.consent AND s.personal_erased_at IS NULL AS consent, "
            + "coalesce(p.name, e.title) AS program FROM submissions s LEFT JOIN episodes e ON e.id = s.episode_id "
            + "LEFT JOIN programs p ON p.id = e.program_id WHERE s.id = $1")
        .execute(Tuple.of(submissionId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Context(Boolean.TRUE.equals(r.getBoolean("consent")), r.getString("program"));
        });
  }

  /**
   * Records the reply before it is sent; false when one was recorded before (a second confirmation, another
   * node): the unique index on the submission's reply lets only one through.
   */
  public Future<Boolean> claim(UUID id, UUID submissionId, String channel, String recipient, String subject,
                               String body, boolean queued) {
    return pool.preparedQuery("INSERT INTO notifications (id, kind, channel, recipient, subject, body, submission_id, "
            + "status, next_attempt_at) VALUES ($1, 'complaint.reply', $2, $3, $4, $5, $6, "
            + "CASE WHEN $7 THEN 'queued' ELSE 'sent' END, CASE WHEN $7 THEN now() END) "
            + "ON CONFLICT (submission_id) WHERE kind = 'complaint.reply' DO NOTHING")
        .execute(Tuple.tuple(Arrays.asList(id, channel, recipient, subject, body, submissionId, queued)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The outcome of a sent reply, with its event (the system acted, on the editor's confirmation). */
  public Future<Void> done(UUID id, UUID submissionId, UUID episodeId, String channel, String error) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE notifications SET status = $2, error = $3, "
            + "sent_at = CASE WHEN $2 = 'sent' THEN now() END WHERE id = $1")
        .execute(Tuple.tuple(Arrays.asList(id, error == null ? "sent" : "failed", error)))
        .compose(x -> EventLog.append(tx, EventLog.Event.of("system",
            error == null ? "complaint.reply_sent" : "complaint.reply_failed", "submission", submissionId.toString())
            .inEpisode(episodeId).after(new JsonObject().put("channel", channel)
                .put("notificationId", id.toString())))))
        .mapEmpty();
  }
}
