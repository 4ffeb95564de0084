package vn.danhoi.message;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.EventLog;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/** The office's edits of the message templates (V25), each change written to the audit log with it. */
public final class MessageTemplateStore {

  /** The office's wording of one template, who last changed it and when. */
  public record Edited(String key, String subject, String body, OffsetDateTime updatedAt, String updatedBy) {
    JsonObject toJson() {
      return new JsonObject().put("subject", subject).put("body", body);
    }
  }

  private final Pool pool;

  public MessageTemplateStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Map<String, Edited>> all() {
    return pool.query("SELECT key, subject, body, updated_at, updated_by FROM message_templates").execute()
        .map(rows -> {
          Map<String, Edited> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString("key"), edited(r)));
          return out;
        });
  }

  /** Stores the office's wording; the event keeps the wording before and after. */
  public Future<Void> save(String key, String subject, String body, JsonObject before, String actor,
                           String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO message_templates (key, subject, body, "
                + "updated_at, updated_by) VALUES ($1, $2, $3, now(), $4) ON CONFLICT (key) DO UPDATE SET "
                + "subject = excluded.subject, body = excluded.body, updated_at = now(), "
                + "updated_by = excluded.updated_by")
            .execute(Tuple.of(key, subject, body, actor))
            .compose(v -> log(tx, "message_template.updated", key, before,
                new JsonObject().put("subject", subject).put("body", body), actor, address)));
  }

  /** Back to the default wording; the event keeps the office's wording it replaced. */
  public Future<Void> reset(String key, JsonObject before, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM message_templates WHERE key = $1")
        .execute(Tuple.of(key))
        .compose(v -> log(tx, "message_template.reset", key, before, null, actor, address)));
  }

  private static Future<Void> log(SqlClient tx, String action, String key, JsonObject before, JsonObject after,
                                  String actor, String address) {
    return EventLog.append(tx, EventLog.Event.of(actor, action, "message_template", key).before(before)
        .after(after).from(address));
  }

  private static Edited edited(Row r) {
    return new Edited(r.getString("key"), r.getString("subject"), r.getString("body"),
        r.getOffsetDateTime("updated_at"), r.getString("updated_by"));
  }
}
