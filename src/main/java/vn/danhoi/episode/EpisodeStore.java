package vn.danhoi.episode;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** All SQL about programs and episodes. */
public final class EpisodeStore {

  private static final String COLUMNS = "id, program_id, title, topic, starts_at, duration_minutes, status, "
      + "intake_opens_at, intake_closes_at, sms_number, sms_keyword, hotline";

  private final Pool pool;

  public EpisodeStore(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Episode>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM episodes ORDER BY starts_at DESC LIMIT 200")
        .execute()
        .map(EpisodeStore::episodes);
  }

  public Future<Episode> find(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM episodes WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : episode(rows.iterator().next()));
  }

  public Future<List<Episode>> openForIntake(OffsetDateTime now) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM episodes "
            + "WHERE status <> 'cancelled' AND intake_opens_at <= $1 AND intake_closes_at > $1 "
            + "ORDER BY starts_at")
        .execute(Tuple.of(now))
        .map(EpisodeStore::episodes);
  }

  /** Inserts the episode and its creation event in one statement, so neither exists without the other. */
  public Future<Episode> create(Episode e, String actor, String address) {
    JsonObject after = new JsonObject().put("title", e.title()).put("startsAt", e.startsAt().toString());
    return pool.preparedQuery("WITH e AS (INSERT INTO episodes (" + COLUMNS + ") "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id) "
            + "INSERT INTO events (actor, action, entity_type, entity_id, episode_id, after, address) "
            + "SELECT $13, 'episode.created', 'episode', id::text, id, $14, $15 FROM e")
        .execute(Tuple.tuple(Arrays.asList(e.id(), e.programId(), e.title(), e.topic(), e.startsAt(),
            e.durationMinutes(), e.status(), e.intakeOpensAt(), e.intakeClosesAt(), e.smsNumber(),
            e.smsKeyword(), e.hotline().toArray(String[]::new), actor, after, address)))
        .map(e);
  }

  public Future<Boolean> programExists(UUID id) {
    return pool.preparedQuery("SELECT 1 FROM programs WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() > 0);
  }

  public Future<Void> createProgram(SqlClient client, UUID id, String name, String description) {
    return client.preparedQuery("INSERT INTO programs (id, name, description) VALUES ($1, $2, $3)")
        .execute(Tuple.of(id, name, description))
        .mapEmpty();
  }

  public Future<Long> programCount() {
    return pool.query("SELECT count(*) FROM programs").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Pool pool() {
    return pool;
  }

  private static List<Episode> episodes(RowSet<Row> rows) {
    List<Episode> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(episode(r)));
    return out;
  }

  static Episode episode(Row r) {
    String[] hotline = r.getArrayOfStrings("hotline");
    return new Episode(
        r.getUUID("id"),
        r.getUUID("program_id"),
        r.getString("title"),
        r.getString("topic"),
        r.getOffsetDateTime("starts_at"),
        r.getInteger("duration_minutes"),
        r.getString("status"),
        r.getOffsetDateTime("intake_opens_at"),
        r.getOffsetDateTime("intake_closes_at"),
        r.getString("sms_number"),
        r.getString("sms_keyword"),
        hotline == null ? List.of() : List.of(hotline));
  }
}
