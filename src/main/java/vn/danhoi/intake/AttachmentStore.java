package vn.danhoi.intake;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** All SQL about the files that came with questions (table submission_attachments). */
public final class AttachmentStore {

  private static final String COLUMNS = "id, submission_id, file_name, media_type, size_bytes, stored_name, sha256, "
      + "refused_reason";

  private final Pool pool;

  public AttachmentStore(Pool pool) {
    this.pool = pool;
  }

  /** Inserts the rows on the caller's connection, so they commit with their submission. */
  public Future<List<Attachment>> insert(SqlClient client, List<Attachment> attachments, String actor) {
    if (attachments.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Tuple> batch = new ArrayList<>();
    attachments.forEach(a -> batch.add(Tuple.of(a.id(), a.submissionId(), a.fileName(), a.mediaType(), a.size(),
        a.storedName(), a.sha256(), actor, a.refusedReason())));
    return client.preparedQuery("INSERT INTO submission_attachments (id, submission_id, file_name, media_type, "
            + "size_bytes, stored_name, sha256, created_by, refused_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .executeBatch(batch)
        .map(attachments);
  }

  public Future<Attachment> find(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM submission_attachments WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : attachment(rows.iterator().next()));
  }

  /** The attachments of several submissions, by submission. */
  public Future<Map<UUID, List<Attachment>>> bySubmissions(List<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM submission_attachments WHERE submission_id = ANY($1) "
            + "ORDER BY created_at, file_name")
        .execute(Tuple.of(ids.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, List<Attachment>> out = new HashMap<>();
          rows.forEach(r -> out.computeIfAbsent(r.getUUID("submission_id"), k -> new ArrayList<>()).add(attachment(r)));
          return out;
        });
  }

  private static Attachment attachment(Row r) {
    return new Attachment(r.getUUID("id"), r.getUUID("submission_id"), r.getString("file_name"),
        r.getString("media_type"), r.getLong("size_bytes"), r.getString("stored_name"), r.getString("sha256"),
        r.getString("refused_reason"));
  }
}
