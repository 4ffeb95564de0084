package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.Times;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** All SQL about the comments read from live chats: stored once each, listed for the board's platform tab. */
public final class LiveCommentStore {

  /** A comment with what the office's rules made of it when it arrived. */
  public record Scored(ChatMessage message, boolean question, String blocked, String repeatKey) {
  }

  /** What the platform tab asks for: comments after a seq, and which kinds to leave out. */
  public record Filter(long afterSeq, boolean questionsOnly, boolean hideRepeats, boolean hideBlocked, int limit) {
  }

  /** A comment an editor takes into the main queue. */
  public record Taken(UUID id, UUID episodeId, String platform, String externalId, String authorName,
                      String text, UUID submissionId) {
  }

  // A repeat is the same author saying the same thing (the repeat key folds case, marks, emoji and stretched
  // letters) again in the episode; an author the platform did not name cannot be told apart, so never repeats.
  private static final String INSERT = "INSERT INTO live_comments (id, stream_id, episode_id, platform, external_id, "
      + "author_name, author_id, text, published_at, question, blocked, repeat_key, repeated) "
      + "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $7::text IS NOT NULL AND EXISTS "
      + "(SELECT 1 FROM live_comments c WHERE c.episode_id = $3 AND c.author_id = $7 AND c.repeat_key = $12) "
      + "ON CONFLICT (platform, external_id) DO NOTHING RETURNING id";

  private static final String COLUMNS = "id, seq, platform, author_name, text, published_at, received_at, question, "
      + "blocked, repeated, submission_id";

  private final Pool pool;
  private final ZoneId zone;

  public LiveCommentStore(Pool pool, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
  }

  /** Stores a page's comments on the read's transaction; returns how many were new. */
  Future<Integer> insert(SqlConnection tx, StreamStore.Claimed s, List<Scored> comments) {
    if (comments.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<Tuple> batch = new ArrayList<>(comments.size());
    for (Scored c : comments) {
      ChatMessage m = c.message();
      batch.add(Tuple.tuple(Arrays.asList(UUID.randomUUID(), s.id(), s.episodeId(), s.platform(), m.externalId(),
          m.authorName(), m.authorId(), m.text(), m.publishedAt(), c.question(), c.blocked(), c.repeatKey())));
    }
    return tx.preparedQuery(INSERT).executeBatch(batch).map(LiveCommentStore::added);
  }

  private static int added(RowSet<Row> first) {
    int n = 0;
    for (RowSet<Row> rows = first; rows != null; rows = rows.next()) {
      n += rows.size();
    }
    return n;
  }

  /** The newest comments after {@code afterSeq} that pass the filter, newest first. */
  public Future<JsonArray> list(UUID episodeId, Filter f) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM live_comments WHERE episode_id = $1 AND seq > $2");
    if (f.questionsOnly()) {
      sql.append(" AND question");
    }
    if (f.hideRepeats()) {
      sql.append(" AND NOT repeated");
    }
    if (f.hideBlocked()) {
      sql.append(" AND blocked IS NULL");
    }
    sql.append(" ORDER BY seq DESC LIMIT $3");
    return pool.preparedQuery(sql.toString()).execute(Tuple.of(episodeId, f.afterSeq(), f.limit())).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(toJson(r)));
      return out;
    });
  }

  /** How many comments the episode has: all, questions, blocked, repeats, taken into the queue. */
  public Future<JsonObject> counts(UUID episodeId) {
    return pool.preparedQuery("SELECT count(*) AS total, count(*) FILTER (WHERE question) AS questions, "
            + "count(*) FILTER (WHERE blocked IS NOT NULL) AS blocked, count(*) FILTER (WHERE repeated) AS repeats, "
            + "count(*) FILTER (WHERE submission_id IS NOT NULL) AS taken FROM live_comments WHERE episode_id = $1")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("total", r.getLong("total")).put("questions", r.getLong("questions"))
              .put("blocked", r.getLong("blocked")).put("repeats", r.getLong("repeats")).put("taken", r.getLong("taken"));
        });
  }

  /** The comment, locked for the taking transaction; null when there is none. */
  Future<Taken> lockForTaking(SqlClient tx, UUID id) {
    return tx.preparedQuery("SELECT id, episode_id, platform, external_id, author_name, text, submission_id "
            + "FROM live_comments WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Taken(r.getUUID("id"), r.getUUID("episode_id"), r.getString("platform"),
              r.getString("external_id"), r.getString("author_name"), r.getString("text"), r.getUUID("submission_id"));
        });
  }

  Future<Void> markTaken(SqlClient tx, UUID id, UUID submissionId) {
    return tx.preparedQuery("UPDATE live_comments SET submission_id = $2 WHERE id = $1")
        .execute(Tuple.of(id, submissionId)).mapEmpty();
  }

  private JsonObject toJson(Row r) {
    UUID taken = r.getUUID("submission_id");
    return new JsonObject().put("id", r.getUUID("id").toString()).put("seq", r.getLong("seq"))
        .put("platform", r.getString("platform")).put("author", r.getString("author_name"))
        .put("text", r.getString("text"))
        .put("publishedAt", Times.format(r.getOffsetDateTime("published_at"), zone))
        .put("receivedAt", Times.format(r.getOffsetDateTime("received_at"), zone))
        .put("question", r.getBoolean("question")).put("blocked", r.getString("blocked"))
        .put("repeated", r.getBoolean("repeated"))
        .put("submissionId", taken == null ? null : taken.toString());
  }
}
