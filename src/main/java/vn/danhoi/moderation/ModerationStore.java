package vn.danhoi.moderation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.EventLog;
import vn.danhoi.intake.ItemStatus;
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

  public record Changed(Submission item, long eventId, Submission before) {
  }

  /** Sees the locked item and decides; may read more in the same transaction. */
  public interface Decision {
    Future<Transition> decide(SqlConnection tx, Submission item);
  }

  /** Null when there is no such item. */
  public Future<List<Changed>> apply(UUID itemId, String actor, String address, Decision decision) {
    return pool.withTransaction(tx -> lock(tx, itemId).compose(item -> {
      if (item == null) {
        return Future.succeededFuture(null);
      }
      return decision.decide(tx, item).compose(t -> run(tx, t, actor, address, item.episodeId()));
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
    return tx.preparedQuery("SELECT " + SubmissionStore.COLUMNS + " FROM submissions WHERE episode_id = $1 AND status = $2 "
            + "FOR UPDATE")
        .execute(Tuple.of(episodeId, ItemStatus.ON_AIR.wire()))
        .map(rows -> rows.size() == 0 ? null : SubmissionStore.submission(rows.iterator().next()));
  }

  private Future<List<Changed>> run(SqlConnection tx, Transition t, String actor, String address, UUID episodeId) {
    List<Changed> changed = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Transition.Step step : t.steps()) {
      chain = chain.compose(v -> lock(tx, step.itemId()).compose(before -> {
        Assignments set = new Assignments(step.itemId());
        if (step instanceof Transition.Move move) {
          if (move.to() != move.from()) {
            set.param("status = ?", move.to().wire());
          }
          move.effects().forEach(set::effect);
        } else if (step instanceof Transition.Askers askers) {
          set.param("asker_count = asker_count + ?", askers.delta());
        }
        return tx.preparedQuery("UPDATE submissions SET " + set.sql() + "updated_at = now() WHERE id = $1 RETURNING "
                + SubmissionStore.COLUMNS)
            .execute(Tuple.from(set.params))
            .map(rows -> SubmissionStore.submission(rows.iterator().next()))
            .compose(after -> EventLog.appendForId(tx, EventLog.Event.of(actor, t.event(), "submission",
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

  /** A SET clause being written: $1 is the row's id, each value takes the next number. */
  private static final class Assignments {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    Assignments(UUID id) {
      params.add(id);
    }

    /** {@code clause} holds one "?", the value's place. */
    void param(String clause, Object value) {
      params.add(value);
      clauses.add(clause.replace("?", "$" + params.size()));
    }

    void literal(String clause) {
      clauses.add(clause);
    }

    void effect(Transition.Effect effect) {
      if (effect instanceof Transition.Claimed c) {
        param("claimed_by = ?", c.actor());
        param("claimed_name = ?", c.name());
        literal("claimed_at = now()");
      } else if (effect instanceof Transition.Released) {
        literal("claimed_by = NULL, claimed_name = NULL, claimed_at = NULL");
      } else if (effect instanceof Transition.Edited e) {
        param("edited_text = ?", e.text());
        param("search_text = ?", e.searchText());
      } else if (effect instanceof Transition.Categorized c) {
        param("field = coalesce(?, field)", c.field());
        param("agency = coalesce(?, agency)", c.agency());
      } else if (effect instanceof Transition.Responder r) {
        param("responder = coalesce(?, responder)", r.name());
      } else if (effect instanceof Transition.RejectedFor r) {
        param("reject_reason = ?", r.reason());
      } else {
        lifecycle(effect);
      }
    }

    private void lifecycle(Transition.Effect effect) {
      if (effect instanceof Transition.MergedInto m) {
        if (m.into() == null) {
          literal("merged_into = NULL");
        } else {
          param("merged_into = ?", m.into());
        }
      } else if (effect instanceof Transition.Placed p) {
        if (p.at() == null) {
          literal("position = NULL");
        } else {
          param(p.keep() ? "position = coalesce(position, ?)" : "position = ?", p.at());
        }
      } else if (effect instanceof Transition.OnAirNow) {
        literal("on_air_at = now(), answered_at = NULL");
      } else if (effect instanceof Transition.OffAir) {
        literal("on_air_at = NULL");
      } else if (effect instanceof Transition.AnsweredNow) {
        literal("answered_at = now()");
      } else if (effect instanceof Transition.Classified c) {
        param("message_kind = ?", c.kind().wire());
        param("kind_confirmed_by = ?", c.actor());
        literal("kind_confirmed_at = now()");
      } else {
        throw new IllegalStateException("no SQL for " + effect);
      }
    }

    /** The clauses, each followed by ", ". */
    String sql() {
      StringBuilder out = new StringBuilder();
      clauses.forEach(c -> out.append(c).append(", "));
      return out.toString();
    }
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
        .put("rejectReason", m.rejectReason())
        .put("kind", s.classification().kind().wire());
  }
}
