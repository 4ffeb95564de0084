package vn.danhoi.deadline;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.EventLog;
import vn.danhoi.intake.ItemStatus;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** All SQL of the deadlines: what an episode still has to meet, and marking a question passed to its unit. */
public final class DeadlineStore {

  private final Pool pool;

  public DeadlineStore(Pool pool) {
    this.pool = pool;
  }

  /** The episode's dates and whether its run-down was sent; null when there is no such episode. */
  public record EpisodeDates(UUID id, OffsetDateTime startsAt, OffsetDateTime delegatesDueAt, boolean rundownSent) {
  }

  /** A question not yet passed to the unit in charge, with the agency an editor set for it (null until then). */
  public record Pending(UUID id, String text, OffsetDateTime receivedAt, String agency) {
  }

  public Future<EpisodeDates> episode(UUID id) {
    // the run-down is due five working days before the recording, which the run-down may set apart from the start
    return pool.preparedQuery("SELECT e.id, coalesce(r.recording_at, e.starts_at) AS starts_at, e.delegates_due_at, "
            + "r.status AS rundown_status "
            + "FROM episodes e LEFT JOIN rundowns r ON r.episode_id = e.id WHERE e.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new EpisodeDates(r.getUUID("id"), r.getOffsetDateTime("starts_at"),
              r.getOffsetDateTime("delegates_due_at"), "sent".equals(r.getString("rundown_status")));
        });
  }

  /**
   * Answered, merged (the question it joined carries it) and rejected questions need not be passed on; a
   * complaint or denunciation goes to the citizen reception office, so no forwarding clock runs for it.
   */
  public Future<List<Pending>> notForwarded(UUID episodeId) {
    return pool.preparedQuery("SELECT id, coalesce(edited_text, text) AS text, received_at, agency FROM submissions "
            + "WHERE episode_id = $1 AND forwarded_at IS NULL AND status NOT IN ('rejected', 'merged', 'answered', "
            + "'referred') AND message_kind = 'question' ORDER BY received_at, seq LIMIT 2000")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          List<Pending> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Pending(r.getUUID("id"), r.getString("text"),
              r.getOffsetDateTime("received_at"), r.getString("agency"))));
          return out;
        });
  }

  public record Forwarded(UUID id, OffsetDateTime forwardedAt, String forwardedBy, String forwardedTo) {
  }

  /**
   * Marks the question passed to {@code agency} (its own agency when null), which becomes the agency in
   * charge of it, with its event, in one transaction; null when there is no such question.
   */
  public Future<Forwarded> forward(UUID id, String agency, OffsetDateTime at, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT episode_id, status, agency, forwarded_at, "
            + "message_kind FROM submissions WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row r = rows.iterator().next();
          if (!"question".equals(r.getString("message_kind"))) {
            throw ApiError.conflict("item.complaint", "Đây là đơn khiếu nại, tố cáo: không chuyển đơn vị xử lý như "
                + "câu hỏi; người gửi đã được hướng dẫn gửi tới Ban Tiếp công dân.");
          }
          if (r.getOffsetDateTime("forwarded_at") != null) {
            throw ApiError.conflict("item.already_forwarded", "Câu hỏi này đã được chuyển đơn vị xử lý.");
          }
          if (List.of(ItemStatus.REJECTED, ItemStatus.MERGED).contains(ItemStatus.of(r.getString("status")))) {
            throw new ApiError(409, "item.invalid_transition", null,
                "Câu hỏi đã loại hoặc đã gộp thì không chuyển đơn vị.", null);
          }
          String to = agency != null ? agency : r.getString("agency");
          if (to == null) {
            throw ApiError.invalid("agency", "required", "Vui lòng chọn đơn vị xử lý (cơ quan trả lời).");
          }
          UUID episodeId = r.getUUID("episode_id");
          return tx.preparedQuery("UPDATE submissions SET forwarded_at = $2, forwarded_by = $3, forwarded_to = $4, "
                  + "agency = $4, updated_at = now() WHERE id = $1")
              .execute(Tuple.of(id, at, actor, to))
              .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "item.forwarded", "submission",
                      id.toString()).inEpisode(episodeId).after(new JsonObject().put("forwardedTo", to)
                      .put("forwardedAt", at.toString())).from(address)))
              .map(v -> new Forwarded(id, at, actor, to));
        }));
  }
}
