package vn.danhoi.publish;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.Times;

import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** All SQL of publication: publishing an approved answer, the citizen's notification, the public lists. */
public final class PublishStore {

  /** The public columns of a question: never the asker's full name, phone, e-mail or address. */
  static final String PUBLIC_QUESTION = "s.id AS submission_id, coalesce(s.edited_text, s.text) AS question, "
      + "s.asker_name, s.locality, s.field, s.asker_count";

  private final Pool pool;

  public PublishStore(Pool pool) {
    this.pool = pool;
  }

  /** A published answer with what telling its asker needs (contact data stays inside the server). */
  public record Published(UUID answerId, UUID submissionId, UUID assignmentId, UUID episodeId, String episodeTitle,
                          OffsetDateTime publishedAt, String publishedBy, boolean already, String agency,
                          String question, String answer, String askerName, String phone, String email,
                          boolean consent, String council) {
    JsonObject toJson(ZoneId zone) {
      return new JsonObject().put("id", answerId.toString()).put("submissionId", submissionId.toString())
          .put("publishedAt", Times.format(publishedAt, zone)).put("publishedBy", publishedBy)
          .put("alreadyPublished", already);
    }
  }

  /**
   * Publishes an approved answer, with its event, in one transaction. An answer already published is
   * returned as it is (no second event, no second notice); 409 unless the editors approved it.
   */
  public Future<Published> publish(UUID answerId, OffsetDateTime now, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT review, published_at FROM answers WHERE id = $1 "
            + "FOR UPDATE").execute(Tuple.of(answerId))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw ApiError.notFound("answer.not_found", "Không tìm thấy câu trả lời.");
          }
          Row r = rows.iterator().next();
          if (!"approved".equals(r.getString("review"))) {
            throw ApiError.conflict("answer.not_approved",
                "Câu trả lời chưa được Ban Biên tập duyệt nên chưa thể công bố.");
          }
          if (r.getOffsetDateTime("published_at") != null) {
            return Future.succeededFuture(true);
          }
          return tx.preparedQuery("UPDATE answers SET published_at = $2, published_by = $3 WHERE id = $1")
              .execute(Tuple.of(answerId, now, actor))
              .compose(x -> tx.preparedQuery(EventLog.INSERT + "SELECT $1, 'answer.published', 'answer', $2, "
                      + "coalesce(g.episode_id, s.episode_id), NULL, "
                      + "jsonb_build_object('submissionId', a.submission_id, "
                      + "'agency', g.agency, 'publishedAt', $4::timestamptz), $3 FROM answers a "
                      + "JOIN assignments g ON g.id = a.assignment_id JOIN submissions s ON s.id = a.submission_id "
                      + "WHERE a.id = $5")
                  .execute(Tuple.of(actor, answerId.toString(), address, now, answerId)))
              .map(false);
        })
        .compose(already -> tx.preparedQuery("SELECT a.id, a.submission_id, a.assignment_id, a.text AS answer, "
                + "a.published_at, a.published_by, g.agency, coalesce(g.episode_id, s.episode_id) AS episode_id, "
                + "e.title AS episode_title, coalesce(s.edited_text, s.text) AS question, s.asker_name, s.phone, "
                // an asker who wrote by SMS or e-mail, or called, asked to be answered there: no form to tick
                + "s.email, (s.consent OR s.channel IN ('sms', 'email', 'hotline')) "
                + "AND s.personal_erased_at IS NULL AS consent, pr.issuing_body FROM answers a "
                + "JOIN assignments g ON g.id = a.assignment_id JOIN submissions s ON s.id = a.submission_id "
                + "LEFT JOIN episodes e ON e.id = coalesce(g.episode_id, s.episode_id) "
                + "LEFT JOIN programs pr ON pr.id = e.program_id WHERE a.id = $1")
            .execute(Tuple.of(answerId))
            .map(rows -> {
              Row r = rows.iterator().next();
              return new Published(r.getUUID("id"), r.getUUID("submission_id"), r.getUUID("assignment_id"),
                  r.getUUID("episode_id"), r.getString("episode_title"), r.getOffsetDateTime("published_at"),
                  r.getString("published_by"), already, r.getString("agency"), r.getString("question"),
                  r.getString("answer"), r.getString("asker_name"), r.getString("phone"), r.getString("email"),
                  Boolean.TRUE.equals(r.getBoolean("consent")), r.getString("issuing_body"));
            })));
  }

  /**
   * Records the notice to the citizen before it is sent; false when this answer's notice is already recorded
   * (the unique index of V12), so a retried or concurrent publication never tells the citizen twice.
   */
  public Future<Boolean> claimNotice(UUID noticeId, Published p, String channel, String recipient,
                                     String subject, String body, boolean queued) {
    return pool.preparedQuery("INSERT INTO notifications (id, kind, channel, recipient, subject, body, "
            + "submission_id, assignment_id, answer_id, status, next_attempt_at) VALUES ($1, 'answer.published', $2, "
            + "$3, $4, $5, $6, $7, $8, CASE WHEN $9 THEN 'queued' ELSE 'sent' END, CASE WHEN $9 THEN now() END) "
            + "ON CONFLICT (answer_id, kind) WHERE answer_id IS NOT NULL DO NOTHING")
        .execute(Tuple.tuple(Arrays.asList(noticeId, channel, recipient, subject, body, p.submissionId(),
            p.assignmentId(), p.answerId(), queued)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The outcome of a sent notice, with its event (the system acted, on the editor's publication). */
  public Future<Void> noticeDone(UUID noticeId, Published p, String channel, String error) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE notifications SET status = $2, error = $3, "
            + "sent_at = CASE WHEN $2 = 'sent' THEN now() END WHERE id = $1").execute(Tuple.tuple(Arrays.asList(noticeId, error == null ? "sent" : "failed", error)))
        .compose(x -> EventLog.append(tx, EventLog.Event.of("system",
                error == null ? "answer.citizen_notified" : "answer.citizen_notice_failed", "answer",
                p.answerId().toString()).inEpisode(p.episodeId()).after(new JsonObject().put("channel", channel)
                .put("notificationId", noticeId.toString())))))
        .mapEmpty();
  }

  /** One published answer as the public sees it. */
  public record PublicAnswer(UUID answerId, UUID submissionId, String question, String askerName, String locality,
                             String field, String agency, String answer, OffsetDateTime answeredAt,
                             OffsetDateTime publishedAt, UUID episodeId, String episodeTitle) {
  }

  public record Page<T>(List<T> items, long total) {
  }

  private static final String PUBLISHED = "SELECT a.id AS answer_id, " + PUBLIC_QUESTION + ", g.agency, "
      + "a.text AS answer, a.answered_at, a.published_at, e.id AS episode_id, e.title AS episode_title, "
      + "count(*) OVER () AS total FROM answers a JOIN assignments g ON g.id = a.assignment_id "
      + "JOIN submissions s ON s.id = a.submission_id LEFT JOIN episodes e ON e.id = coalesce(g.episode_id, "
      // a complaint or denunciation is never published as a question, even one answered before it was referred
      + "s.episode_id) WHERE a.published_at IS NOT NULL AND s.message_kind = 'question' ";

  /** Published answers, newest first; {@code folded} is searched without accents in question, answer, agency. */
  public Future<Page<PublicAnswer>> answers(UUID episodeId, String folded, int page, int size) {
    String like = folded == null ? null
        : "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return pool.preparedQuery(PUBLISHED + "AND ($1::uuid IS NULL OR e.id = $1) AND ($2::text IS NULL OR "
            + "fold_case(unaccent(coalesce(s.edited_text, s.text) || ' ' || a.text || ' ' || g.agency)) LIKE $2) "
            + "ORDER BY a.published_at DESC, a.id LIMIT $3 OFFSET $4")
        .execute(Tuple.tuple(Arrays.asList(episodeId, like, size, (page - 1) * size)))
        .map(rows -> {
          List<PublicAnswer> out = new ArrayList<>();
          long total = 0;
          for (Row r : rows) {
            out.add(publicAnswer(r));
            total = r.getLong("total");
          }
          return new Page<>(out, total);
        });
  }

  private static PublicAnswer publicAnswer(Row r) {
    return new PublicAnswer(r.getUUID("answer_id"), r.getUUID("submission_id"), r.getString("question"),
        r.getString("asker_name"), r.getString("locality"), r.getString("field"), r.getString("agency"),
        r.getString("answer"), r.getOffsetDateTime("answered_at"), r.getOffsetDateTime("published_at"),
        r.getUUID("episode_id"), r.getString("episode_title"));
  }

  /** An episode's archive; null when there is no such episode. */
  public record Archive(UUID episodeId, String title, String topic, OffsetDateTime startsAt, int durationMinutes,
                        List<Question> onAir, List<PublicAnswer> after, List<Question> pending, long unreviewed) {
  }

  /** A question without an answer text: on air, or pending with the agency that must answer and by when. */
  public record Question(UUID submissionId, String question, String askerName, String locality, String field,
                         int askers, String agency, OffsetDateTime dueAt) {
  }

  public Future<Archive> archive(UUID episodeId) {
    Future<Row> episode = pool.preparedQuery("SELECT id, title, topic, starts_at, duration_minutes FROM episodes "
            + "WHERE id = $1").execute(Tuple.of(episodeId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    Future<List<Question>> onAir = pool.preparedQuery("SELECT " + PUBLIC_QUESTION + ", NULL AS agency, "
            + "NULL::timestamptz AS due_at FROM submissions s WHERE s.episode_id = $1 AND s.status = 'answered' "
            + "ORDER BY s.answered_at NULLS LAST, s.seq")
        .execute(Tuple.of(episodeId)).map(PublishStore::questions);
    Future<List<PublicAnswer>> after = pool.preparedQuery(PUBLISHED + "AND e.id = $1 ORDER BY a.published_at, a.id")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          List<PublicAnswer> out = new ArrayList<>();
          rows.forEach(r -> out.add(publicAnswer(r)));
          return out;
        });
    // listed once an editor acted on it (assigned it to an agency, or moved it on from "received"): nothing a
    // citizen sent reaches the public without a moderator's act; the rest is only counted
    String open = "FROM submissions s LEFT JOIN assignments g ON g.submission_id = s.id "
        + "AND g.status NOT IN ('sent_back', 'withdrawn') WHERE s.episode_id = $1 "
        + "AND s.status NOT IN ('answered', 'rejected', 'merged', 'unrouted', 'referred') "
        + "AND s.message_kind = 'question' AND NOT EXISTS (SELECT 1 FROM answers a "
        + "WHERE a.submission_id = s.id AND a.published_at IS NOT NULL) ";
    Future<List<Question>> pending = pool.preparedQuery("SELECT " + PUBLIC_QUESTION + ", g.agency, g.due_at "
            + open + "AND (g.id IS NOT NULL OR s.status <> 'received') ORDER BY g.due_at NULLS LAST, s.seq")
        .execute(Tuple.of(episodeId)).map(PublishStore::questions);
    Future<Long> unreviewed = pool.preparedQuery("SELECT count(*) " + open + "AND g.id IS NULL "
            + "AND s.status = 'received'").execute(Tuple.of(episodeId))
        .map(rows -> rows.iterator().next().getLong(0));
    return Future.all(episode, onAir, after, pending, unreviewed).map(x -> {
      Row e = episode.result();
      return e == null ? null : new Archive(e.getUUID("id"), e.getString("title"), e.getString("topic"),
          e.getOffsetDateTime("starts_at"), e.getInteger("duration_minutes"), onAir.result(), after.result(),
          pending.result(), unreviewed.result());
    });
  }

  private static List<Question> questions(RowSet<Row> rows) {
    List<Question> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Question(r.getUUID("submission_id"), r.getString("question"),
        r.getString("asker_name"), r.getString("locality"), r.getString("field"), r.getInteger("asker_count"),
        r.getString("agency"), r.getOffsetDateTime("due_at"))));
    return out;
  }
}
