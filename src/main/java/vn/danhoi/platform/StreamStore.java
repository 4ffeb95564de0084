package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.EventLog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * All SQL about the live streams an episode reads. A node claims a due stream for one read (a lease), and the
 * read's page and the cursor are stored in one transaction that only the lease holder can commit: a node that
 * lost its lease (it stalled past it, another took over) writes nothing, so a page is never stored on top of a
 * newer cursor.
 */
public final class StreamStore {

  /** A claimed stream: what a read needs, and the counters the store keeps across reads. */
  public record Claimed(UUID id, UUID episodeId, String platform, StreamRef ref, int failures, int quotaToday) {
  }

  private static final String ACTIVE = "state NOT IN ('ended', 'failed', 'stopped')";
  /** YouTube's quota day: it resets at midnight Pacific time. */
  private static final String QUOTA_DAY = "(now() AT TIME ZONE 'America/Los_Angeles')::date";
  /** The quota a stream spent today (a count from an earlier day is spent no more). */
  static final String QUOTA_TODAY = "CASE WHEN quota_day = " + QUOTA_DAY + " THEN quota_used ELSE 0 END";

  private final Pool pool;

  public StreamStore(Pool pool) {
    this.pool = pool;
  }

  public Future<UUID> create(UUID episodeId, String platform, String sourceId, String label, String credential,
                             String actor, String address) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery("WITH s AS (INSERT INTO platform_streams (id, episode_id, platform, source_id, label, "
            + "credential, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) "
            + "ON CONFLICT (episode_id, platform, source_id) DO NOTHING RETURNING id, episode_id) "
            + EventLog.INSERT + "SELECT $7, 'stream.created', 'platform_stream', id::text, episode_id, NULL, $8, $9 "
            + "FROM s RETURNING entity_id")
        .execute(Tuple.tuple(Arrays.asList(id, episodeId, platform, sourceId, label, credential, actor,
            new JsonObject().put("platform", platform).put("sourceId", sourceId).put("label", label), address)))
        .map(rows -> rows.size() == 0 ? null : id);
  }

  /**
   * A new credential, or the stream stopped or started again: each makes a failed or stopped stream due now
   * with its failures forgotten. Returns false when there is no such stream.
   */
  public Future<Boolean> change(UUID id, Change change, String credential, String actor, String address) {
    String set = switch (change) {
      case CREDENTIAL -> "CASE WHEN state IN ('stopped', 'ended') THEN state ELSE 'waiting' END";
      case STOP -> "'stopped'";
      case START -> "'waiting', ended_at = NULL";
    };
    // the credential is written only here and never read back out of this table but by the reader
    return pool.preparedQuery("WITH s AS (UPDATE platform_streams SET credential = coalesce($4, credential), "
            + "state = " + set + ", failures = 0, "
            + "next_read_at = now(), claimed_by = NULL, claimed_until = NULL WHERE id = $1 "
            + "RETURNING id, episode_id) "
            + EventLog.INSERT + "SELECT $2, $3, 'platform_stream', id::text, episode_id, NULL, NULL, $5 FROM s "
            + "RETURNING entity_id")
        .execute(Tuple.tuple(Arrays.asList(id, actor, change.action,
            change == Change.CREDENTIAL ? credential : null, address)))
        .map(rows -> rows.size() > 0);
  }

  /** What an admin does to a stream, and the audit log's name for it. */
  public enum Change {
    CREDENTIAL("stream.credential_changed"), STOP("stream.stopped"), START("stream.started");

    private final String action;

    Change(String action) {
      this.action = action;
    }
  }

  /** Up to {@code limit} due streams, leased to {@code node} for {@code leaseMillis}. */
  public Future<List<Claimed>> claimDue(String node, long leaseMillis, int limit) {
    return pool.preparedQuery("UPDATE platform_streams s SET claimed_by = $1, "
            + "claimed_until = now() + $2::bigint * interval '1 millisecond' "
            + "WHERE id IN (SELECT id FROM platform_streams WHERE " + ACTIVE + " AND next_read_at <= now() "
            + "AND (claimed_until IS NULL OR claimed_until < now()) ORDER BY next_read_at LIMIT $3 "
            + "FOR UPDATE SKIP LOCKED) "
            + "RETURNING id, episode_id, platform, source_id, credential, chat_id, cursor, failures, "
            + QUOTA_TODAY + " AS quota_today")
        .execute(Tuple.of(node, leaseMillis, limit))
        .map(rows -> {
          List<Claimed> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Claimed(r.getUUID("id"), r.getUUID("episode_id"), r.getString("platform"),
                new StreamRef(r.getUUID("id"), r.getString("source_id"), r.getString("credential"),
                    r.getString("chat_id"), r.getString("cursor")), r.getInteger("failures"),
                r.getInteger("quota_today")));
          }
          return out;
        });
  }

  /**
   * Stores a read: its comments (each once) and where the next read goes on, in one transaction, if the lease
   * is still this node's. Returns how many comments were new, or -1 when the lease was lost (nothing stored).
   */
  public Future<Integer> saveRead(String node, Claimed s, ChatPage page, List<LiveCommentStore.Scored> comments,
                                  LiveCommentStore commentStore) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM platform_streams WHERE id = $1 "
            + "AND claimed_by = $2 AND claimed_until > now() FOR UPDATE")
        .execute(Tuple.of(s.id(), node))
        .compose(held -> held.size() == 0 ? Future.succeededFuture(-1)
            : commentStore.insert(tx, s, comments).compose(added -> afterRead(tx, s, page, added).map(added))));
  }

  private Future<Void> afterRead(SqlConnection tx, Claimed s, ChatPage page, int added) {
    return tx.preparedQuery("UPDATE platform_streams SET chat_id = coalesce($2, chat_id), "
            + "cursor = coalesce($3, cursor), state = CASE WHEN $4 THEN 'ended' ELSE 'connected' END, "
            + "ended_at = CASE WHEN $4 THEN now() END, failures = 0, "
            + "next_read_at = now() + $5::bigint * interval '1 millisecond', last_read_at = now(), "
            + "last_message_at = CASE WHEN $6 > 0 THEN now() ELSE last_message_at END, messages = messages + $6, "
            + "quota_used = CASE WHEN $7::integer IS NOT NULL THEN $7 "
            + "ELSE " + QUOTA_TODAY + " + $8 END, quota_day = " + QUOTA_DAY + ", "
            + "claimed_by = NULL, claimed_until = NULL WHERE id = $1")
        .execute(Tuple.tuple(Arrays.asList(s.id(), page.chatId(), page.cursor(), page.ended(),
            Math.max(0, page.readAfterMillis()), added, page.usagePercent(), page.quotaCost())))
        .mapEmpty();
  }

  /**
   * Records a failed read and when to read again: {@code retryMillis} from now, or never for a stream that
   * needs an admin ({@code state} failed) or is over (ended). A lost lease records nothing.
   */
  public Future<Void> saveFailure(String node, Claimed s, String state, long retryMillis, String error) {
    return pool.preparedQuery("UPDATE platform_streams SET state = $3, failures = failures + 1, "
            + "next_read_at = now() + $4::bigint * interval '1 millisecond', last_read_at = now(), last_error = $5, "
            + "last_error_at = now(), ended_at = CASE WHEN $3 = 'ended' THEN now() ELSE ended_at END, "
            + "claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND claimed_by = $2")
        .execute(Tuple.tuple(Arrays.asList(s.id(), node, state, Math.max(0, retryMillis), error)))
        .mapEmpty();
  }
}
