package vn.danhoi.episode;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;

import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.SqlParams;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** All SQL about programs and episodes. */
public final class EpisodeStore {

  private static final String COLUMNS = "id, program_id, title, topic, starts_at, duration_minutes, status, "
      + "intake_opens_at, intake_closes_at, sms_number, sms_keyword, hotline";
  private static final String PLAN = "kind, platforms, venue, chair, hosts, email_address, postal_address, "
      + "delegates_due_at, broadcast_at";

  // rundowns shares column names (status) with episodes, so every episode column is qualified
  private static final String PUBLIC = "SELECT " + qualified(COLUMNS + ", " + PLAN, "e")
      + ", r.recording_at AS rundown_recording_at, r.broadcast_at AS rundown_broadcast_at, p.name AS program_name "
      + "FROM episodes e LEFT JOIN rundowns r ON r.episode_id = e.id LEFT JOIN programs p ON p.id = e.program_id ";

  private final Pool pool;

  private static String qualified(String columns, String alias) {
    return String.join(", ", Arrays.stream(columns.split(",\\s*")).map(c -> alias + "." + c).toList());
  }

  public EpisodeStore(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Episode>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM episodes ORDER BY starts_at DESC LIMIT 200")
        .execute()
        .map(EpisodeStore::episodes);
  }

  /**
   * What citizens are told of every episode: the intake window and channels, the plan's public part, and the
   * run-down's recording and broadcast times when one is written.
   */
  public Future<List<PublicEpisode>> publicList() {
    return pool.query(PUBLIC + "ORDER BY e.starts_at DESC LIMIT 200").execute()
        .map(rows -> {
          List<PublicEpisode> out = new ArrayList<>(rows.size());
          rows.forEach(r -> out.add(publicEpisode(r)));
          return out;
        });
  }

  public Future<PublicEpisode> publicFind(UUID id) {
    return pool.preparedQuery(PUBLIC + "WHERE e.id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : publicEpisode(rows.iterator().next()));
  }

  private static PublicEpisode publicEpisode(Row r) {
    return new PublicEpisode(episode(r), plan(r), r.getOffsetDateTime("rundown_recording_at"),
        r.getOffsetDateTime("rundown_broadcast_at"), r.getString("program_name"));
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

  /** Inserts the episode and its creation event in one transaction, so neither exists without the other. */
  public Future<Episode> create(Episode e, String actor, String address) {
    return create(e, EpisodePlan.DEFAULT, List.of(), actor, address);
  }

  /** The episode with its plan and panel, and its creation event, in one transaction. */
  public Future<Episode> create(Episode e, EpisodePlan plan, List<EpisodePerson> people, String actor,
                                String address) {
    JsonObject after = new JsonObject().put("title", e.title()).put("startsAt", e.startsAt().toString());
    return pool.withTransaction(tx -> SqlTemplate.forUpdate(tx, "INSERT INTO episodes (" + COLUMNS + ", " + PLAN
                + ") VALUES (#{id}, #{programId}, #{title}, #{topic}, #{startsAt}, #{durationMinutes}, #{status}, "
                + "#{intakeOpensAt}, #{intakeClosesAt}, #{smsNumber}, #{smsKeyword}, #{hotline}, #{kind}, "
                + "#{platforms}, #{venue}, #{chair}, #{hosts}, #{emailAddress}, #{postalAddress}, #{delegatesDueAt}, "
                + "#{broadcastAt})")
            .execute(episodeParams(e, plan))
            .compose(v -> replacePeople(tx, e.id(), people))
            .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "episode.created", "episode", e.id().toString())
                .inEpisode(e.id()).after(after).from(address))))
        .map(e);
  }

  /**
   * Replaces what the council office plans about the episode (and its panel, when people is not null),
   * logging the state before and after.
   */
  public Future<Void> update(Episode e, EpisodePlan plan, List<EpisodePerson> people, JsonObject beforeJson,
                             JsonObject afterJson, String actor, String address) {
    return pool.withTransaction(tx -> SqlTemplate.forUpdate(tx, "UPDATE episodes SET program_id = #{programId}, "
                + "title = #{title}, topic = #{topic}, starts_at = #{startsAt}, duration_minutes = #{durationMinutes}, "
                + "status = #{status}, intake_opens_at = #{intakeOpensAt}, intake_closes_at = #{intakeClosesAt}, "
                + "sms_number = #{smsNumber}, sms_keyword = #{smsKeyword}, hotline = #{hotline}, kind = #{kind}, "
                + "platforms = #{platforms}, venue = #{venue}, chair = #{chair}, hosts = #{hosts}, "
                + "email_address = #{emailAddress}, postal_address = #{postalAddress}, "
                + "delegates_due_at = #{delegatesDueAt}, broadcast_at = #{broadcastAt}, updated_at = now() "
                + "WHERE id = #{id}")
            .execute(episodeParams(e, plan))
            .compose(v -> people == null ? Future.succeededFuture() : replacePeople(tx, e.id(), people))
            .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "episode.updated", "episode", e.id().toString())
                .inEpisode(e.id()).before(beforeJson).after(afterJson).from(address))))
        .mapEmpty();
  }

  /** The episode with its plan and panel, or null. */
  public Future<EpisodeDetails> details(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + ", " + PLAN + ", updated_at FROM episodes WHERE id = $1")
        .execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row r = rows.iterator().next();
          return people(id).map(people -> new EpisodeDetails(episode(r), plan(r), people,
              r.getOffsetDateTime("updated_at")));
        });
  }

  public Future<List<EpisodePerson>> people(UUID episodeId) {
    return pool.preparedQuery("SELECT p.id, p.role, p.position, p.person_name, p.title, p.agency_id, p.email, "
            + "a.name AS agency_name FROM episode_people p LEFT JOIN agencies a ON a.id = p.agency_id "
            + "WHERE p.episode_id = $1 ORDER BY p.position, p.created_at")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          List<EpisodePerson> out = new ArrayList<>(rows.size());
          rows.forEach(r -> out.add(new EpisodePerson(r.getUUID("id"), r.getString("role"), r.getInteger("position"),
              r.getString("person_name"), r.getString("title"), r.getUUID("agency_id"), r.getString("agency_name"),
              r.getString("email"))));
          return out;
        });
  }

  /** Names of the agencies with these ids that exist (a panel's responders must name real ones). */
  public Future<Map<UUID, String>> agencyNames(Set<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery("SELECT id, name FROM agencies WHERE id = ANY($1)")
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, String> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getUUID("id"), r.getString("name")));
          return out;
        });
  }

  /** How many of the episode's submissions per channel and per status (the episode page's counters). */
  public record Counts(Map<String, Long> channels, Map<String, Long> statuses, long total, long suggested,
                       long categorised) {
  }

  public Future<Counts> counts(UUID episodeId) {
    return pool.preparedQuery("SELECT channel, status, count(*) AS n, count(suggested_field) AS suggested, "
            + "count(field) AS categorised FROM submissions WHERE episode_id = $1 GROUP BY channel, status")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          Map<String, Long> channels = new LinkedHashMap<>();
          for (String c : List.of("web", "sms", "hotline", "email", "post", "form")) {
            channels.put(c, 0L);
          }
          Map<String, Long> statuses = new TreeMap<>();
          long total = 0;
          long suggested = 0;
          long categorised = 0;
          for (Row r : rows) {
            long n = r.getLong("n");
            channels.merge(r.getString("channel"), n, Long::sum);
            statuses.merge(r.getString("status"), n, Long::sum);
            total += n;
            suggested += r.getLong("suggested");
            categorised += r.getLong("categorised");
          }
          return new Counts(channels, statuses, total, suggested, categorised);
        });
  }

  private static Map<String, Object> episodeParams(Episode e, EpisodePlan plan) {
    return SqlParams.of("id", e.id()).and("programId", e.programId()).and("title", e.title())
        .and("topic", e.topic()).and("startsAt", e.startsAt()).and("durationMinutes", e.durationMinutes())
        .and("status", e.status()).and("intakeOpensAt", e.intakeOpensAt()).and("intakeClosesAt", e.intakeClosesAt())
        .and("smsNumber", e.smsNumber()).and("smsKeyword", e.smsKeyword())
        .and("hotline", e.hotline().toArray(String[]::new)).and("kind", plan.kind())
        .and("platforms", plan.platforms().toArray(String[]::new)).and("venue", plan.venue())
        .and("chair", plan.chair()).and("hosts", plan.hosts().toArray(String[]::new))
        .and("emailAddress", plan.emailAddress()).and("postalAddress", plan.postalAddress())
        .and("delegatesDueAt", plan.delegatesDueAt()).and("broadcastAt", plan.broadcastAt());
  }

  private static Future<Void> replacePeople(SqlClient tx, UUID episodeId, List<EpisodePerson> people) {
    Future<?> deleted = tx.preparedQuery("DELETE FROM episode_people WHERE episode_id = $1").execute(Tuple.of(episodeId));
    if (people.isEmpty()) {
      return deleted.mapEmpty();
    }
    List<Tuple> rows = new ArrayList<>(people.size());
    for (EpisodePerson p : people) {
      rows.add(Tuple.tuple(Arrays.asList(p.id(), episodeId, p.role(), p.position(), p.name(), p.title(),
          p.agencyId(), p.email())));
    }
    return deleted.compose(v -> tx.preparedQuery("INSERT INTO episode_people (id, episode_id, role, position, "
            + "person_name, title, agency_id, email) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .executeBatch(rows)).mapEmpty();
  }

  private static EpisodePlan plan(Row r) {
    return new EpisodePlan(r.getString("kind"), List.of(r.getArrayOfStrings("platforms")), r.getString("venue"),
        r.getString("chair"), List.of(r.getArrayOfStrings("hosts")), r.getString("email_address"),
        r.getString("postal_address"), r.getOffsetDateTime("delegates_due_at"), r.getOffsetDateTime("broadcast_at"));
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
