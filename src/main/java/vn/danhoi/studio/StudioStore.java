package vn.danhoi.studio;

import java.time.ZoneId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.EventLog;
import vn.danhoi.intake.ItemStatus;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;
import vn.danhoi.privacy.ContactRedaction;

import java.util.UUID;

/**
 * What the studio display and the public live page show, read from PostgreSQL. Only items a moderator
 * put forward (shortlisted, next, on air, answered) appear, and only through {@link Submission#toStudioJson(ZoneId)}.
 */
public final class StudioStore {

  private final Pool pool;
  /** The on-air path's own connections: the screens' states are read there, never queued behind intake. */
  private final Pool screens;
  private final ZoneId zone;

  public StudioStore(Pool pool, Pool screens, ZoneId zone) {
    this.pool = pool;
    this.screens = screens;
    this.zone = zone;
  }

  /**
   * The run-down's allotment of a question (its entry's minutes; 0, or no entry, is none) and its place in the
   * run-down, for the studio's clock and for what comes next.
   */
  private static final String STUDIO_COLUMNS = SubmissionStore.COLUMNS
      + ", (SELECT nullif(re.minutes, 0) FROM rundown_entries re WHERE re.episode_id = submissions.episode_id "
      + "AND re.submission_id = submissions.id) AS allotted_minutes"
      + ", (SELECT re.position FROM rundown_entries re WHERE re.episode_id = submissions.episode_id "
      + "AND re.submission_id = submissions.id) AS rundown_position";

  /**
   * {onAir (with allottedMinutes), next (up to 3), nextBy, message}. What comes next is what an editor set as
   * "next"; failing that, the shortlist in the run-down's order (then the editors' order): the hosts always see
   * the next question without anyone marking it. nextBy says which: "editor", "shortlist", or null with none.
   */
  public Future<JsonObject> studio(UUID episodeId) {
    Future<JsonObject> onAir = onAir(episodeId, true);
    Future<JsonArray> next = list("SELECT " + STUDIO_COLUMNS + " FROM submissions WHERE episode_id = $1 "
        + "AND status IN ('next', 'shortlisted') AND message_kind = 'question' "
        + "ORDER BY status = 'next' DESC, rundown_position NULLS LAST, position NULLS LAST, seq LIMIT 3", episodeId);
    Future<String> message = screens.preparedQuery("SELECT producer_message FROM episodes WHERE id = $1")
        .execute(Tuple.of(episodeId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    return Future.all(onAir, next, message).map(v -> new JsonObject()
        .put("onAir", onAir.result())
        .put("next", next.result())
        .put("nextBy", nextBy(next.result()))
        // the producer's note is for the hosts, yet the screen may be filmed: no number or address on it
        .put("message", ContactRedaction.redact(message.result())));
  }

  private static String nextBy(JsonArray next) {
    if (next.isEmpty()) {
      return null;
    }
    return ItemStatus.NEXT.wire().equals(next.getJsonObject(0).getString("status")) ? "editor" : "shortlist";
  }

  /** {onAir, answered (most supported first, then newest)} for viewers. */
  public Future<JsonObject> live(UUID episodeId) {
    Future<JsonObject> onAir = onAir(episodeId, false);
    Future<JsonArray> answered = list("SELECT " + SubmissionStore.COLUMNS + " FROM submissions WHERE episode_id = $1 "
        + "AND status = 'answered' AND message_kind = 'question' ORDER BY supports DESC, answered_at DESC LIMIT 100", episodeId);
    return Future.all(onAir, answered).map(v -> new JsonObject()
        .put("onAir", onAir.result())
        .put("answered", answered.result()));
  }

  public Future<Boolean> setMessage(UUID episodeId, String message, String actor, String address) {
    return pool.preparedQuery("WITH e AS (UPDATE episodes SET producer_message = $2 WHERE id = $1 RETURNING id) "
            + EventLog.INSERT + "SELECT $3, 'studio.message', 'episode', id::text, id, NULL, $4, $5 FROM e "
            + "RETURNING id")
        .execute(Tuple.of(episodeId, message, actor, new JsonObject().put("length", message == null ? 0 : message.length()), address))
        .map(rows -> rows.size() > 0);
  }

  /** The outcome of a "+1": the count after it, or that the source already gave as many as it may. */
  public record Support(int count, boolean capped) {
  }

  /**
   * Records one voter's support for a question shown publicly. Returns the new count; the unchanged count when
   * this voter supported it before; capped when perSource other voters from this source already did in the
   * last day; or null when the question is not public. The question's row is locked, so concurrent votes from
   * one source cannot all slip under the cap.
   */
  public Future<Support> support(UUID itemId, String voterKey, String sourceKey, int perSource) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT supports FROM submissions WHERE id = $1 "
            + "AND status IN ('on_air', 'answered') FOR UPDATE")
        .execute(Tuple.of(itemId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          int current = rows.iterator().next().getInteger(0);
          return tx.preparedQuery("SELECT EXISTS (SELECT 1 FROM supports WHERE submission_id = $1 "
                  + "AND device_hash = $2), (SELECT count(*) FROM supports WHERE submission_id = $1 "
                  + "AND source_hash = $3 AND created_at > now() - interval '1 day')")
              .execute(Tuple.of(itemId, voterKey, sourceKey))
              .compose(r -> {
                Row seen = r.iterator().next();
                if (seen.getBoolean(0)) {
                  return Future.succeededFuture(new Support(current, false));
                }
                if (seen.getLong(1) >= perSource) {
                  return Future.succeededFuture(new Support(current, true));
                }
                return tx.preparedQuery("WITH s AS (INSERT INTO supports (submission_id, device_hash, source_hash) "
                        + "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING submission_id) "
                        + "UPDATE submissions SET supports = supports + (SELECT count(*) FROM s) WHERE id = $1 "
                        + "RETURNING supports")
                    .execute(Tuple.of(itemId, voterKey, sourceKey))
                    .map(u -> new Support(u.iterator().next().getInteger(0), false));
              });
        }));
  }

  public Future<UUID> episodeOf(UUID itemId) {
    return pool.preparedQuery("SELECT episode_id FROM submissions WHERE id = $1").execute(Tuple.of(itemId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
  }

  /** The question on air; for the studio with the minutes the run-down allots it (null: none allotted). */
  private Future<JsonObject> onAir(UUID episodeId, boolean withAllotment) {
    return list("SELECT " + (withAllotment ? STUDIO_COLUMNS : SubmissionStore.COLUMNS)
        + " FROM submissions WHERE episode_id = $1 AND status = 'on_air'", episodeId)
        .map(arr -> arr.isEmpty() ? null : arr.getJsonObject(0));
  }

  private Future<JsonArray> list(String sql, UUID episodeId) {
    return screens.preparedQuery(sql).execute(Tuple.of(episodeId)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> {
        JsonObject item = SubmissionStore.submission(r).toStudioJson(zone);
        if (r.getColumnIndex("allotted_minutes") >= 0) {
          item.put("allottedMinutes", r.getInteger("allotted_minutes"));
        }
        out.add(item);
      });
      return out;
    });
  }
}
