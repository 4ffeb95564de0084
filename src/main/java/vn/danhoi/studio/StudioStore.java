package vn.danhoi.studio;

import java.time.ZoneId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.EventLog;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;
import vn.danhoi.privacy.ContactRedaction;

import java.util.UUID;

/**
 * What the studio display and the public live page show, read from PostgreSQL. Only items a moderator
 * put forward (next, on air, answered) appear, and only through {@link Submission#toStudioJson()}.
 */
public final class StudioStore {

  private final Pool pool;
  private final ZoneId zone;

  public StudioStore(Pool pool, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
  }

  /** {onAir, next (up to 3), message}. */
  public Future<JsonObject> studio(UUID episodeId) {
    Future<JsonObject> onAir = onAir(episodeId);
    Future<JsonArray> next = list("SELECT " + SubmissionStore.COLUMNS + " FROM submissions WHERE episode_id = $1 "
        + "AND status = 'next' AND message_kind = 'question' ORDER BY position NULLS LAST, seq LIMIT 3", episodeId);
    Future<String> message = pool.preparedQuery("SELECT producer_message FROM episodes WHERE id = $1")
        .execute(Tuple.of(episodeId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    return Future.all(onAir, next, message).map(v -> new JsonObject()
        .put("onAir", onAir.result())
        .put("next", next.result())
        // the producer's note is for the hosts, yet the screen may be filmed: no number or address on it
        .put("message", ContactRedaction.redact(message.result())));
  }

  /** {onAir, answered (most supported first, then newest)} for viewers. */
  public Future<JsonObject> live(UUID episodeId) {
    Future<JsonObject> onAir = onAir(episodeId);
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

  private Future<JsonObject> onAir(UUID episodeId) {
    return list("SELECT " + SubmissionStore.COLUMNS + " FROM submissions WHERE episode_id = $1 AND status = 'on_air'",
        episodeId).map(arr -> arr.isEmpty() ? null : arr.getJsonObject(0));
  }

  private Future<JsonArray> list(String sql, UUID episodeId) {
    return pool.preparedQuery(sql).execute(Tuple.of(episodeId)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(SubmissionStore.submission(r).toStudioJson(zone)));
      return out;
    });
  }
}
