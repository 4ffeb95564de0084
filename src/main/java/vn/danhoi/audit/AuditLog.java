package vn.danhoi.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.auth.Staff;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.Times;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The append-only event log read as an audit trail, and the record of who viewed citizens' contact data. */
public final class AuditLog {

  /** How an instant is written inside an event's before/after (whatever offset the writing code used). */
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})");

  private final Pool pool;
  private final ZoneId zone;

  public AuditLog(Pool pool, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
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
    // who acted, by name: a staff account's display name and username, a token's name (the page shows them)
    return pool.preparedQuery("SELECT e.id, e.at, e.actor, e.action, e.entity_type, e.entity_id, e.episode_id, "
            + "e.address, e.before, e.after, s.display_name AS staff_name, s.username AS staff_username, "
            + "t.name AS token_name FROM events e "
            + "LEFT JOIN staff s ON e.actor LIKE 'staff:%' AND s.id::text = substr(e.actor, 7) "
            + "LEFT JOIN api_tokens t ON e.actor LIKE 'token:%' AND t.id::text = substr(e.actor, 7) "
            + "WHERE ($1::text IS NULL OR e.actor = $1) "
            + "AND ($2::text IS NULL OR e.action LIKE $2 || '%') AND ($3::text IS NULL OR e.entity_id = $3) "
            + "AND ($4::timestamptz IS NULL OR e.at >= $4) AND ($5::timestamptz IS NULL OR e.at < $5) "
            + "ORDER BY e.id DESC LIMIT $6")
        .execute(Tuple.tuple(Arrays.asList(f.actor(), f.action(), f.entity(), f.from(), f.to(), f.limit())))
        .map(rows -> {
          rows.forEach(r -> consumer.accept(event(r)));
          return null;
        });
  }

  private JsonObject event(Row r) {
    Object before = localTimes(r.getValue("before"));
    Object after = localTimes(r.getValue("after"));
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("at", Times.format(r.getOffsetDateTime("at"), zone))
        .put("actor", r.getString("actor"))
        .put("actorName", r.getString("staff_name") != null ? r.getString("staff_name") : r.getString("token_name"))
        .put("actorUsername", r.getString("staff_username"))
        .put("action", r.getString("action"))
        .put("entityType", r.getString("entity_type"))
        .put("entityId", r.getString("entity_id"))
        .put("episodeId", r.getUUID("episode_id") == null ? null : r.getUUID("episode_id").toString())
        .put("address", r.getString("address"))
        .put("before", before)
        .put("after", after);
  }

  /**
   * Events written before the API had one form of time kept theirs (UTC "Z" or another offset) in before/after;
   * the audit trail shows every instant in the council's time, as the rest of the API does.
   */
  private Object localTimes(Object value) {
    if (value instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      o.forEach(e -> out.put(e.getKey(), localTimes(e.getValue())));
      return out;
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(localTimes(v)));
      return out;
    }
    if (value instanceof String s && INSTANT.matcher(s).matches()) {
      try {
        return Times.format(OffsetDateTime.parse(s), zone);
      } catch (DateTimeParseException e) {
        return s;
      }
    }
    return value;
  }
}
