package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Arrays;
import java.util.UUID;

/**
 * The one door into the append-only events table (V1, V5): every staff, system and citizen act is written
 * here, in the caller's transaction, so an act and its record commit together. The log cannot be erased:
 * payloads carry counts, statuses and ids, never a citizen's contact data.
 */
public final class EventLog {

  /**
   * The insert of one event row, all eight columns in this order: actor, action, entity_type, entity_id,
   * episode_id, before, after, address. A statement whose event is made from the rows it writes in the same
   * statement (a CTE's RETURNING) follows it with a SELECT of those eight columns, NULL for the unused ones.
   */
  public static final String INSERT = "INSERT INTO events (actor, action, entity_type, entity_id, episode_id, "
      + "before, after, address) ";

  private EventLog() {
  }

  /** One event; null parts are stored as NULL. Start with {@link #of} and add what the act has. */
  public record Event(String actor, String action, String entityType, String entityId, UUID episodeId,
                      JsonObject before, JsonObject after, String address) {

    public static Event of(String actor, String action, String entityType, String entityId) {
      return new Event(actor, action, entityType, entityId, null, null, null, null);
    }

    public Event inEpisode(UUID id) {
      return new Event(actor, action, entityType, entityId, id, before, after, address);
    }

    public Event before(JsonObject state) {
      return new Event(actor, action, entityType, entityId, episodeId, state, after, address);
    }

    public Event after(JsonObject state) {
      return new Event(actor, action, entityType, entityId, episodeId, before, state, address);
    }

    /** The staff member's network address (never a citizen's: see SubmissionStore). */
    public Event from(String address) {
      return new Event(actor, action, entityType, entityId, episodeId, before, after, address);
    }
  }

  /** Appends the event within the client's transaction (or on its own, given a pool). */
  public static Future<Void> append(SqlClient client, Event e) {
    return appendForId(client, e).mapEmpty();
  }

  /** The same, with the event's id (a live push carries it, so a screen hears of each change once). */
  public static Future<Long> appendForId(SqlClient client, Event e) {
    return client.preparedQuery(INSERT + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
        .execute(Tuple.tuple(Arrays.asList(e.actor(), e.action(), e.entityType(), e.entityId(), e.episodeId(),
            e.before(), e.after(), e.address())))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
