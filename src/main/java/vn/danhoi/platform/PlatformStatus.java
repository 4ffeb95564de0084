package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.Times;

import java.time.ZoneId;
import java.util.UUID;

/**
 * Each platform's connection as staff see it: per stream its state, when it last read and last brought a
 * comment, comments in the last minute, the last error and the quota left. Never the credential, only whether
 * one is set.
 */
public final class PlatformStatus {

  private static final String STREAM_COLUMNS = "s.id, s.episode_id, s.platform, s.source_id, s.label, s.state, "
      + "s.last_read_at, s.last_message_at, s.last_error, s.last_error_at, s.failures, s.messages, s.ended_at, "
      + "s.next_read_at, s.credential <> '' AS credential_set, "
      + StreamStore.QUOTA_TODAY + " AS quota_used, (SELECT count(*) FROM live_comments c WHERE c.stream_id = s.id "
      + "AND c.received_at > now() - interval '1 minute') AS per_minute";

  private final Pool pool;
  private final ZoneId zone;
  private final int youtubeDailyQuota;

  public PlatformStatus(Pool pool, ZoneId zone, int youtubeDailyQuota) {
    this.pool = pool;
    this.zone = zone;
    this.youtubeDailyQuota = youtubeDailyQuota;
  }

  /** The episode's streams, in the order they were added. */
  public Future<JsonArray> streams(UUID episodeId) {
    return pool.preparedQuery("SELECT " + STREAM_COLUMNS + " FROM platform_streams s WHERE s.episode_id = $1 "
            + "ORDER BY s.created_at, s.id")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(stream(r)));
          return out;
        });
  }

  /**
   * Per platform, over the streams still being read: how many are connected, waiting, backing off or failed,
   * when a comment last came, the newest error and the smallest quota left. For /health and the metrics.
   */
  public Future<JsonObject> summary() {
    return pool.query("SELECT s.platform, count(*) FILTER (WHERE s.state = 'connected') AS connected, "
            + "count(*) FILTER (WHERE s.state = 'waiting') AS waiting, "
            + "count(*) FILTER (WHERE s.state = 'backoff') AS backoff, "
            + "count(*) FILTER (WHERE s.state = 'failed') AS failed, max(s.last_message_at) AS last_message_at, "
            + "(array_agg(s.last_error ORDER BY s.last_error_at DESC NULLS LAST))[1] AS last_error, "
            + "max(s.last_error_at) AS last_error_at, "
            + "max(" + StreamStore.QUOTA_TODAY + ") AS quota_used, "
            + "(SELECT count(*) FROM live_comments c WHERE c.platform = s.platform "
            + "AND c.received_at > now() - interval '1 minute') AS per_minute "
            + "FROM platform_streams s WHERE s.state NOT IN ('ended', 'stopped') GROUP BY s.platform")
        .execute()
        .map(rows -> {
          JsonObject out = new JsonObject();
          for (Row r : rows) {
            String platform = r.getString("platform");
            out.put(platform, new JsonObject()
                .put("connected", r.getLong("connected")).put("waiting", r.getLong("waiting"))
                .put("backoff", r.getLong("backoff")).put("failed", r.getLong("failed"))
                .put("perMinute", r.getLong("per_minute"))
                .put("lastMessageAt", Times.format(r.getOffsetDateTime("last_message_at"), zone))
                .put("lastError", r.getString("last_error"))
                .put("lastErrorAt", Times.format(r.getOffsetDateTime("last_error_at"), zone))
                .put("quotaLeft", quotaLeft(platform, r.getInteger("quota_used"))));
          }
          return out;
        });
  }

  private JsonObject stream(Row r) {
    String platform = r.getString("platform");
    return new JsonObject().put("id", r.getUUID("id").toString())
        .put("episodeId", r.getUUID("episode_id").toString())
        .put("platform", platform).put("sourceId", r.getString("source_id")).put("label", r.getString("label"))
        .put("state", r.getString("state")).put("credentialSet", r.getBoolean("credential_set"))
        .put("lastReadAt", Times.format(r.getOffsetDateTime("last_read_at"), zone))
        .put("lastMessageAt", Times.format(r.getOffsetDateTime("last_message_at"), zone))
        .put("perMinute", r.getLong("per_minute")).put("messages", r.getLong("messages"))
        .put("lastError", r.getString("last_error"))
        .put("lastErrorAt", Times.format(r.getOffsetDateTime("last_error_at"), zone))
        .put("failures", r.getInteger("failures"))
        .put("nextReadAt", Times.format(r.getOffsetDateTime("next_read_at"), zone))
        .put("endedAt", Times.format(r.getOffsetDateTime("ended_at"), zone))
        .put("quotaLeft", quotaLeft(platform, r.getInteger("quota_used")));
  }

  /**
   * YouTube: units left of the project's daily quota (it resets at midnight Pacific time). Facebook: the
   * percentage of the app's rate budget the Graph API last said was left.
   */
  private Object quotaLeft(String platform, Integer used) {
    int u = used == null ? 0 : used;
    return switch (platform) {
      case "youtube" -> new JsonObject().put("units", Math.max(0, youtubeDailyQuota - u)).put("of", youtubeDailyQuota);
      case "facebook" -> new JsonObject().put("percent", Math.max(0, 100 - u));
      default -> null;
    };
  }
}
