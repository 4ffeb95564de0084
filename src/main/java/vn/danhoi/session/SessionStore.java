package vn.danhoi.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import vn.danhoi.catalog.CatalogStore;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.SqlParams;
import vn.danhoi.infra.Times;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * All SQL of accountability sessions: the agencies called to account and their written reports, the
 * speakers' list, the chair's screen, its read-only views and the commitments. Every change is written with
 * its event in one transaction.
 */
public final class SessionStore {

  private final Pool pool;

  public SessionStore(Pool pool) {
    this.pool = pool;
  }

  /** The episode's kind, or null when there is no such episode. */
  public Future<String> kind(UUID episodeId) {
    return pool.preparedQuery("SELECT kind FROM episodes WHERE id = $1").execute(Tuple.of(episodeId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("kind"));
  }

  // ---- agencies called to account, written reports ----

  public record CalledAgency(UUID id, String agency, String subjects, OffsetDateTime dueAt, OffsetDateTime remindedAt,
                             List<Report> reports, List<String> emails) {
  }

  public record Report(UUID id, UUID calledId, UUID episodeId, String agency, String fileName, String mediaType,
                       long size, String storedName, OffsetDateTime uploadedAt, String uploadedBy) {
    public JsonObject toJson(ZoneId zone) {
      return new JsonObject().put("id", id.toString()).put("fileName", fileName).put("mediaType", mediaType)
          .put("size", size).put("uploadedAt", Times.format(uploadedAt, zone))
          .put("download", "/api/accountability/reports/" + id);
    }
  }

  public Future<UUID> callAgency(UUID episodeId, String agency, String subjects, OffsetDateTime dueAt, String actor,
                                 String address) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(c -> CatalogStore.listedAgency(c, agency).compose(name -> {
          return c.preparedQuery("INSERT INTO session_agencies (id, episode_id, agency, subjects, report_due_at, "
                  + "created_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
              .execute(Tuple.of(id, episodeId, name, subjects, dueAt, actor)).compose(r -> {
                if (r.rowCount() == 0) {
                  throw ApiError.conflict("session.agency_already_called", "Cơ quan này đã có trong danh sách giải trình.");
                }
                return EventLog.append(c, EventLog.Event.of(actor, "session.agency_called", "session_agency",
                    id.toString()).inEpisode(episodeId).after(new JsonObject().put("agency", name).put("subjects",
                    subjects).put("dueAt", dueAt.toString())).from(address));
              });
        }).map(id));
  }

  public Future<List<CalledAgency>> called(UUID episodeId) {
    Future<RowSet<Row>> agencies = pool.preparedQuery("SELECT s.id, s.agency, s.subjects, s.report_due_at, "
            + "s.reminded_at, coalesce(a.emails, '{}') AS emails FROM session_agencies s "
            + "LEFT JOIN agencies a ON fold_case(a.name) = fold_case(s.agency) WHERE s.episode_id = $1 ORDER BY s.created_at, s.agency")
        .execute(Tuple.of(episodeId));
    Future<List<Report>> reports = reports("r.episode_id = $1", Tuple.of(episodeId));
    return Future.all(agencies, reports).map(x -> {
      List<CalledAgency> out = new ArrayList<>();
      for (Row r : agencies.result()) {
        UUID id = r.getUUID("id");
        List<Report> own = reports.result().stream().filter(p -> p.calledId().equals(id)).toList();
        out.add(new CalledAgency(id, r.getString("agency"), r.getString("subjects"),
            r.getOffsetDateTime("report_due_at"), r.getOffsetDateTime("reminded_at"), own,
            Arrays.asList(r.getArrayOfStrings("emails"))));
      }
      return out;
    });
  }

  /** The sessions an agency is called to, for its portal. */
  public Future<JsonArray> forAgency(String agency, ZoneId zone) {
    return pool.preparedQuery("SELECT s.id, s.episode_id, e.title, e.starts_at, s.subjects, s.report_due_at, "
            + "(SELECT count(*) FROM session_reports r WHERE r.session_agency_id = s.id) AS reports "
            + "FROM session_agencies s JOIN episodes e ON e.id = s.episode_id WHERE fold_case(s.agency) = fold_case($1) "
            + "ORDER BY s.report_due_at")
        .execute(Tuple.of(agency)).map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getUUID("id").toString())
              .put("episodeId", r.getUUID("episode_id").toString()).put("title", r.getString("title"))
              .put("startsAt", Times.format(r.getOffsetDateTime("starts_at"), zone))
              .put("subjects", r.getString("subjects"))
              .put("reportDueAt", Times.format(r.getOffsetDateTime("report_due_at"), zone))
              .put("reports", r.getLong("reports"))));
          return out;
        });
  }

  /** The called agency's row for this episode and agency, or null. */
  public Future<UUID> calledId(UUID episodeId, String agency) {
    return pool.preparedQuery("SELECT id FROM session_agencies WHERE episode_id = $1 AND fold_case(agency) = fold_case($2)")
        .execute(Tuple.of(episodeId, agency == null ? "" : agency))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  public Future<Report> addReport(Report report, String sha256, String address) {
    return pool.withTransaction(c -> SqlTemplate.forUpdate(c, "INSERT INTO session_reports (id, session_agency_id, "
            + "episode_id, file_name, media_type, size_bytes, stored_name, sha256, uploaded_by, uploaded_at) "
            + "VALUES (#{id}, #{calledId}, #{episodeId}, #{fileName}, #{mediaType}, #{size}, #{storedName}, "
            + "#{sha256}, #{uploadedBy}, #{uploadedAt})")
        .execute(SqlParams.of("id", report.id()).and("calledId", report.calledId())
            .and("episodeId", report.episodeId()).and("fileName", report.fileName())
            .and("mediaType", report.mediaType()).and("size", report.size()).and("storedName", report.storedName())
            .and("sha256", sha256).and("uploadedBy", report.uploadedBy()).and("uploadedAt", report.uploadedAt()))
        .compose(r -> EventLog.append(c, EventLog.Event.of(report.uploadedBy(), "session.report_filed",
            "session_report", report.id().toString()).inEpisode(report.episodeId()).after(new JsonObject()
            .put("agency", report.agency()).put("fileName", report.fileName()).put("mediaType", report.mediaType())
            .put("sha256", sha256)).from(address))))
        .map(report);
  }

  public Future<Report> report(UUID id) {
    return reports("r.id = $1", Tuple.of(id)).map(list -> list.isEmpty() ? null : list.get(0));
  }

  private Future<List<Report>> reports(String where, Tuple args) {
    return pool.preparedQuery("SELECT r.id, r.session_agency_id, r.episode_id, s.agency, r.file_name, r.media_type, "
            + "r.size_bytes, r.stored_name, r.uploaded_at, r.uploaded_by FROM session_reports r "
            + "JOIN session_agencies s ON s.id = r.session_agency_id WHERE " + where + " ORDER BY r.uploaded_at")
        .execute(args).map(rows -> {
          List<Report> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Report(r.getUUID("id"), r.getUUID("session_agency_id"),
              r.getUUID("episode_id"), r.getString("agency"), r.getString("file_name"), r.getString("media_type"),
              r.getLong("size_bytes"), r.getString("stored_name"), r.getOffsetDateTime("uploaded_at"),
              r.getString("uploaded_by"))));
          return out;
        });
  }

  /** Records a reminder: the notification (sent or only logged) and the event, and when it was sent. */
  public Future<Void> reminded(UUID episodeId, UUID calledId, String channel, String recipient, String subject,
                               String body, String status, String error, OffsetDateTime at, String actor,
                               String address) {
    return pool.withTransaction(c -> c.preparedQuery("INSERT INTO notifications (id, kind, channel, recipient, "
            + "subject, body, status, error, created_at) VALUES ($1, 'session.report_reminder', $2, $3, $4, $5, $6, $7, $8)")
        .execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), channel, recipient, subject, body, status, error, at)))
        .compose(r -> c.preparedQuery("UPDATE session_agencies SET reminded_at = $2 WHERE id = $1")
            .execute(Tuple.of(calledId, at)))
        .compose(r -> EventLog.append(c, EventLog.Event.of(actor, "session.report_reminded", "session_agency",
            calledId.toString()).inEpisode(episodeId).after(new JsonObject().put("channel", channel).put("recipient",
            recipient).put("status", status)).from(address))));
  }

  // ---- speakers ----

  public record Speaker(UUID id, int position, String delegateName, String room, String subject, String agency,
                        int minutes, String status) {
    JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("position", position).put("delegateName", delegateName)
          .put("room", room).put("subject", subject).put("agency", agency).put("minutes", minutes)
          .put("status", status);
    }
  }

  public Future<Speaker> addSpeaker(UUID episodeId, String name, String room, String subject, String agency,
                                    int minutes, String actor, String address) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(c -> c.preparedQuery("INSERT INTO speakers (id, episode_id, position, delegate_name, "
            + "room, subject, agency, minutes, created_by) SELECT $1, $2, coalesce(max(position), 0) + 1, $3, $4, $5, "
            + "$6, $7, $8 FROM speakers WHERE episode_id = $2 RETURNING position")
        .execute(Tuple.tuple(Arrays.asList(id, episodeId, name, room, subject, agency, minutes, actor)))
        .compose(rows -> {
          int position = rows.iterator().next().getInteger("position");
          Speaker s = new Speaker(id, position, name, room, subject, agency, minutes, "waiting");
          return EventLog.append(c, EventLog.Event.of(actor, "session.speaker_registered", "speaker", id.toString())
              .inEpisode(episodeId).after(s.toJson()).from(address)).map(s);
        }));
  }

  public Future<List<Speaker>> speakers(UUID episodeId) {
    return speakers(pool, episodeId);
  }

  private static Future<List<Speaker>> speakers(SqlClient client, UUID episodeId) {
    return client.preparedQuery("SELECT id, position, delegate_name, room, subject, agency, minutes, status "
            + "FROM speakers WHERE episode_id = $1 ORDER BY position")
        .execute(Tuple.of(episodeId)).map(rows -> {
          List<Speaker> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Speaker(r.getUUID("id"), r.getInteger("position"), r.getString("delegate_name"),
              r.getString("room"), r.getString("subject"), r.getString("agency"), r.getInteger("minutes"),
              r.getString("status"))));
          return out;
        });
  }

  /** Sets the order (every speaker of the episode, once) and, where given, the minutes allotted. */
  public Future<Void> order(UUID episodeId, List<UUID> ids, List<Integer> minutes, String actor, String address) {
    return pool.withTransaction(c -> speakers(c, episodeId).compose(current -> {
      if (current.size() != ids.size() || new HashSet<>(ids).size() != ids.size()
          || !current.stream().map(Speaker::id).toList().containsAll(ids)) {
        throw ApiError.invalid("speakers", "mismatch", "Danh sách phải gồm đúng mọi đại biểu đã đăng ký, mỗi người một lần.");
      }
      List<Tuple> batch = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        batch.add(Tuple.tuple(Arrays.asList(ids.get(i), episodeId, i + 1, minutes.get(i))));
      }
      // positions are not unique, so the whole order is written in one batch without a detour
      return c.preparedQuery("UPDATE speakers SET position = $3, minutes = coalesce($4, minutes) "
              + "WHERE id = $1 AND episode_id = $2").executeBatch(batch)
          .compose(r -> EventLog.append(c, EventLog.Event.of(actor, "session.speakers_ordered", "episode",
              episodeId.toString()).inEpisode(episodeId).after(new JsonObject().put("speakers",
              new JsonArray(ids.stream().map(UUID::toString).toList())).put("minutes", new JsonArray(minutes)))
              .from(address)));
    }));
  }

  // ---- the chair's screen ----

  /** The state every chair's screen and read-only view shows: no contact data, only the list and the clock. */
  public Future<JsonObject> chair(UUID episodeId, OffsetDateTime now, ZoneId zone) {
    Future<RowSet<Row>> state = pool.preparedQuery("SELECT e.title, e.venue, e.chair, c.speaker_id, "
            + "c.answering_agency, c.started_at, c.used_seconds, c.running FROM episodes e "
            + "LEFT JOIN chair_state c ON c.episode_id = e.id WHERE e.id = $1")
        .execute(Tuple.of(episodeId));
    Future<List<Speaker>> speakers = speakers(episodeId);
    return Future.all(state, speakers).map(x -> {
      Row r = state.result().iterator().next();
      UUID current = r.getUUID("speaker_id");
      JsonObject out = new JsonObject().put("title", r.getString("title")).put("venue", r.getString("venue"))
          .put("chair", r.getString("chair")).put("answeringAgency", r.getString("answering_agency"))
          .put("serverTime", Times.formatPrecise(now, zone));
      JsonArray next = new JsonArray();
      for (Speaker s : speakers.result()) {
        if (s.id().equals(current)) {
          boolean running = Boolean.TRUE.equals(r.getBoolean("running"));
          OffsetDateTime started = r.getOffsetDateTime("started_at");
          long used = r.getInteger("used_seconds") + (running && started != null
              ? Math.max(0, Duration.between(started, now).getSeconds()) : 0);
          out.put("speaker", s.toJson()).put("running", running)
              .put("allottedSeconds", s.minutes() * 60).put("usedSeconds", used)
              .put("remainingSeconds", s.minutes() * 60 - used)
              .put("startedAt", Times.formatPrecise(started, zone));
        } else if (s.status().equals("waiting") && next.size() < 5) {
          next.add(s.toJson());
        }
      }
      out.put("next", next);
      return out;
    });
  }

  /** One act of the office on the chair's screen: next, start, pause, answering. */
  public Future<Void> drive(UUID episodeId, String action, String agency, OffsetDateTime now, String actor,
                            String address) {
    return pool.withTransaction(c -> c.preparedQuery("INSERT INTO chair_state (episode_id, updated_by) "
            + "VALUES ($1, $2) ON CONFLICT (episode_id) DO NOTHING").execute(Tuple.of(episodeId, actor))
        .compose(v -> c.preparedQuery("SELECT speaker_id, started_at, used_seconds, running FROM chair_state "
            + "WHERE episode_id = $1 FOR UPDATE").execute(Tuple.of(episodeId)))
        .compose(rows -> {
          Row s = rows.iterator().next();
          UUID current = s.getUUID("speaker_id");
          boolean running = s.getBoolean("running");
          Future<?> change = switch (action) {
            case "next" -> next(c, episodeId, current, now, actor);
            case "start" -> running ? Future.succeededFuture() : requireSpeaker(current).compose(x -> c.preparedQuery(
                "UPDATE chair_state SET running = true, started_at = $2, updated_by = $3, updated_at = $2 "
                    + "WHERE episode_id = $1").execute(Tuple.of(episodeId, now, actor)));
            case "pause" -> !running ? Future.succeededFuture() : c.preparedQuery("UPDATE chair_state SET "
                    + "running = false, used_seconds = used_seconds + greatest(0, extract(epoch FROM $2 - started_at))::int, "
                    + "started_at = NULL, updated_by = $3, updated_at = $2 WHERE episode_id = $1")
                .execute(Tuple.of(episodeId, now, actor));
            case "answering" -> c.preparedQuery("UPDATE chair_state SET answering_agency = $2, updated_by = $3, "
                + "updated_at = $4 WHERE episode_id = $1").execute(Tuple.of(episodeId, agency, actor, now));
            default -> throw ApiError.invalid("action", "invalid", "Thao tác phải là next, start, pause hoặc answering.");
          };
          return change.compose(x -> EventLog.append(c, EventLog.Event.of(actor, "session.chair_" + action, "episode",
              episodeId.toString()).inEpisode(episodeId).after(new JsonObject().put("agency", agency)).from(address)));
        }));
  }

  private static Future<Void> requireSpeaker(UUID current) {
    if (current == null) {
      return Future.failedFuture(ApiError.conflict("chair.no_speaker", "Chưa có đại biểu nào đang phát biểu."));
    }
    return Future.succeededFuture();
  }

  private static Future<Void> next(SqlClient c, UUID episodeId, UUID current, OffsetDateTime now, String actor) {
    return c.preparedQuery("UPDATE speakers SET status = 'done' WHERE episode_id = $1 AND status = 'speaking'")
        .execute(Tuple.of(episodeId))
        .compose(v -> c.preparedQuery("UPDATE speakers SET status = 'speaking' WHERE id = (SELECT id FROM speakers "
            + "WHERE episode_id = $1 AND status = 'waiting' ORDER BY position LIMIT 1) RETURNING id")
            .execute(Tuple.of(episodeId)))
        .compose(rows -> {
          UUID next = rows.size() == 0 ? null : rows.iterator().next().getUUID("id");
          if (next == null && current == null) {
            throw ApiError.conflict("chair.no_more_speakers", "Không còn đại biểu nào trong danh sách phát biểu.");
          }
          // the new speaker's time starts at once; the agency answering is set again by the office
          return c.preparedQuery("UPDATE chair_state SET speaker_id = $2, running = $3, started_at = $4, "
                  + "used_seconds = 0, answering_agency = NULL, updated_by = $5, updated_at = $6 WHERE episode_id = $1")
              .execute(Tuple.tuple(Arrays.asList(episodeId, next, next != null, next == null ? null : now, actor, now)))
              .mapEmpty();
        });
  }

  // ---- read-only views ----

  public Future<Void> addView(UUID episodeId, String tokenHash, String label, String actor, String address) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(c -> c.preparedQuery("INSERT INTO chair_views (id, episode_id, token_hash, label, "
            + "created_by) VALUES ($1, $2, $3, $4, $5)").execute(Tuple.of(id, episodeId, tokenHash, label, actor))
        .compose(r -> EventLog.append(c, EventLog.Event.of(actor, "session.view_created", "chair_view", id.toString())
            .inEpisode(episodeId).after(new JsonObject().put("label", label)).from(address))));
  }

  /** The episode a read-only view token opens, or null when unknown or revoked. */
  public Future<UUID> viewEpisode(String tokenHash) {
    return pool.preparedQuery("SELECT episode_id FROM chair_views WHERE token_hash = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(tokenHash))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("episode_id"));
  }
}
