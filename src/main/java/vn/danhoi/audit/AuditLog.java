package vn.danhoi.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.auth.Staff;
import vn.danhoi.infra.EventLog;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Consumer;

/** The append-only event log read as an audit trail, and the record of who viewed citizens' contact data. */
public final class AuditLog {

  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  /** Written before the data is sent, so no view of contact data goes unrecorded. */
  public Future<Void> contactsViewed(Staff who, String what, UUID episodeId, int count, String address) {
    return EventLog.append(pool, EventLog.Event.of(who.actor(), "contact.viewed", what,
            episodeId == null ? "-" : episodeId.toString())
        .inEpisode(episodeId).after(new JsonObject().put("items", count)).from(address));
  }

  public record Filter(String actor, String action, String entity, OffsetDateTime from, OffsetDateTime to,
                       int limit) {
  }

  public Future<JsonArray> search(Filter f) {
    JsonArray out = new JsonArray();
    return each(f, out::add).map(out);
  }

  /** Streams matching events, newest first, to the consumer (for the CSV export). */
  public Future<Void> each(Filter f, Consumer<JsonObject> consumer) {
    return pool.preparedQuery("SELECT id, at, actor, action, entity_type, entity_id, episode_id, address, "
            + "before, after FROM events WHERE ($1::text IS NULL OR actor = $1) "
            + "AND ($2::text IS NULL OR action LIKE $2 || '%') AND ($3::text IS NULL OR entity_id = $3) "
            + "AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5) "
            + "ORDER BY id DESC LIMIT $6")
        .execute(Tuple.tuple(Arrays.asList(f.actor(), f.action(), f.entity(), f.from(), f.to(), f.limit())))
        .map(rows -> {
          rows.forEach(r -> consumer.accept(event(r)));
          return null;
        });
  }

  private static JsonObject event(Row r) {
    Object before = r.getValue("before");
    Object after = r.getValue("after");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("at", r.getOffsetDateTime("at").toString())
        .put("actor", r.getString("actor"))
        .put("action", r.getString("action"))
        .put("entityType", r.getString("entity_type"))
        .put("entityId", r.getString("entity_id"))
        .put("episodeId", r.getUUID("episode_id") == null ? null : r.getUUID("episode_id").toString())
        .put("address", r.getString("address"))
        .put("before", before)
        .put("after", after);
  }
}
