package vn.danhoi.zalo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/**
 * How the Zalo channel is doing, for the console and the health page: whether it is set up, when the last
 * message came and how many came in the last minute (from every node, in PostgreSQL), the last receipt Zalo
 * would not take and why, and the OA token's state on this node. Names no person and no credential.
 */
public final class ZaloStatus {

  private final Pool pool;
  private final boolean configured;
  private final boolean ack;
  private final ZaloOaClient client;

  public ZaloStatus(Pool pool, boolean configured, boolean ack, ZaloOaClient client) {
    this.pool = pool;
    this.configured = configured;
    this.ack = ack;
    this.client = client;
  }

  /** {platform, configured, ack, token, lastMessageAt, perMinute, lastError, lastErrorAt}. */
  public Future<JsonObject> read() {
    return pool.query("SELECT (SELECT max(received_at) FROM submissions WHERE channel = 'zalo') AS last_message_at, "
            + "(SELECT count(*) FROM submissions WHERE channel = 'zalo' AND received_at > now() - interval '1 minute') "
            + "AS per_minute, f.error, f.failed_at FROM (SELECT 1) one LEFT JOIN (SELECT error, "
            // a failed notice's last try is the moment it was last due
            + "next_attempt_at AS failed_at FROM notifications WHERE channel = 'zalo' AND status = 'failed' "
            + "ORDER BY next_attempt_at DESC LIMIT 1) f ON true")
        .execute()
        .map(rows -> {
          Row r = rows.iterator().next();
          JsonObject node = client.health();
          return new JsonObject().put("platform", "zalo").put("configured", configured).put("ack", ack)
              .put("token", node.getString("token"))
              .put("lastMessageAt", text(r.getOffsetDateTime("last_message_at")))
              .put("perMinute", r.getLong("per_minute"))
              .put("lastError", r.getString("error") != null ? r.getString("error") : node.getString("nodeLastError"))
              .put("lastErrorAt", r.getString("error") != null ? text(r.getOffsetDateTime("failed_at"))
                  : node.getString("nodeLastErrorAt"));
        });
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
