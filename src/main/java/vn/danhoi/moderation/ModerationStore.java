package vn.danhoi.moderation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.EventLog;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * All SQL of the editors' actions. Each action runs in one transaction: lock the item, let the rules
 * decide, apply the updates, and log one event per changed item with what it was before and after.
 */
public final class ModerationStore {

  private static final String SELECT = "SELECT " + SubmissionStore.COLUMNS + " FROM submissions WHERE id = $1 FOR UPDATE";

  private final Pool pool;

  public ModerationStore(Pool pool) {
    this.pool = pool;
  }

  /** One row's change: a SET clause whose parameters start at $2 ($1 is the row id). */
  public record Update(UUID id, String set, List<Object> params) {
  }

  /** What the rules decided: the updates, in order, and the event's name. */
  public record Plan(String action, List<Update> updates) {
  }

  public record Changed(Submission item, long eventId, Submission before) {
  }

  /** The rules see the locked item (and, for merges, the other locked item) and return the plan. */
  public interface Rules {
    Future<Plan> decide(SqlConnection tx, Submission item);
  }

  public Future<List<Changed>> apply(UUID itemId, String actor, String address, Rules rules) {
    return pool.withTransaction(tx -> lock(tx, itemId).compose(item -> {
      if (item == null) {
        return Future.succeededFuture(null);
      }
      return rules.decide(tx, item).compose(plan -> run(tx, plan, actor, address, item.episodeId()));
    }));
  }

  public record Replayed(long eventId, String action, Submission item) {
  }

  /** The episode's item events after {@code since}, each with the item as it is now. */
  public Future<List<Replayed>> replay(UUID episodeId, long since) {
    return pool.preparedQuery("SELECT e.id AS event_id, e.action, s.* FROM events e "
            + "JOIN (SELECT " + SubmissionStore.COLUMNS + " FROM submissions WHERE episode_id = $1) s "
            + "ON s.id::text = e.entity_id WHERE e.episode_id = $1 AND e.entity_type = 'submission' AND e.id > $2 "
            + "ORDER BY e.id LIMIT 5000")
        .execute(Tuple.of(episodeId, since))
        .map(rows -> {
          List<Replayed> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Replayed(r.getLong("event_id"), r.getString("action"),
              SubmissionStore.submission(r))));
          return out;
        });
  }

  public Future<Submission> lock(SqlConnection tx, UUID id) {
    return tx.preparedQuery(SELECT).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : SubmissionStore.submission(rows.iterator().next()));
  }

  public Future<Submission> find(UUID id) {
    return pool.preparedQuery("SELECT " + SubmissionStore.COLUMNS + " FROM submissions WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : SubmissionStore.submission(rows.iterator().next()));
  }

  public Future<Integer> nextPosition(SqlConnection tx, UUID episodeId) {
    return tx.preparedQuery("SELECT coalesce(max(position), 0) + 1 FROM submissions WHERE episode_id = $1")
        .execute(Tuple.of(episodeId))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  public Future<Submission> onAir(SqlConnection tx, UUID episodeId) {
    return tx.preparedQuery("SELECT " + SubmissionStore.COLUMNS + " FROM submissions WHERE episode_id = $1 AND status = 'on_air' "
            + "FOR UPDATE")
        .execute(Tuple.of(episodeId))
        .map(rows -> rows.size() == 0 ? null : SubmissionStore.submission(rows.iterator().next()));
  }

  private Future<List<Changed>> run(SqlConnection tx, Plan plan, String actor, String address, UUID episodeId) {
    List<Changed> changed = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Update u : plan.updates()) {
      chain = chain.compose(v -> lock(tx, u.id()).compose(before -> {
        List<Object> params = new ArrayList<>();
        params.add(u.id());
        params.addAll(u.params());
        return tx.preparedQuery("UPDATE submissions SET " + u.set() + ", updated_at = now() WHERE id = $1 RETURNING "
                + SubmissionStore.COLUMNS)
            .execute(Tuple.from(params))
            .map(rows -> SubmissionStore.submission(rows.iterator().next()))
            .compose(after -> EventLog.appendForId(tx, EventLog.Event.of(actor, "item." + plan.action(), "submission",
                    after.id().toString()).inEpisode(episodeId).before(audit(before)).after(audit(after))
                    .from(address))
                .map(eventId -> {
                  changed.add(new Changed(after, eventId, before));
                  return null;
                }));
      }));
    }
    return chain.map(v -> changed);
  }

  /** The log keeps the editorial state, not the asker's contact data (which may later be erased). */
  static JsonObject audit(Submission s) {
    Submission.Moderation m = s.moderation();
    return new JsonObject()
        .put("status", s.status())
        // the editors' wording may still hold what the asker typed (a name, a number); the row keeps it, erasure
        // scrubs it there, and the append-only log keeps only that and how much it was edited
        .put("edited", m.editedText() != null)
        .put("editedLength", m.editedText() == null ? null : m.editedText().length())
        .put("field", s.field())
        .put("agency", s.agency())
        .put("responder", m.responder())
        .put("position", m.position())
        .put("mergedInto", m.mergedInto() == null ? null : m.mergedInto().toString())
        .put("askerCount", m.askerCount())
        .put("claimedBy", m.claimedBy())
        .put("rejectReason", m.rejectReason());
  }
}
