package vn.danhoi.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import vn.danhoi.catalog.CatalogStore;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.SqlParams;
import vn.danhoi.intake.SubmissionStore;
import vn.danhoi.infra.Times;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * All SQL of opinions: what citizens raise at an in-person dialogue and delegates' written questions
 * at an accountability session. Each is a submission (channel 'form', so it is in the register and can be assigned
 * like any question) with its opinion row; each change is written with its event.
 */
public final class OpinionStore {

  private final Pool pool;

  public OpinionStore(Pool pool) {
    this.pool = pool;
  }

  public record NewOpinion(UUID episodeId, String stage, String topic, String commune, String askerName,
                           String locality, String text, String idempotencyKey, String requestHash) {
  }

  public record Opinion(UUID id, UUID episodeId, String stage, String topic, String commune, String askerName, String locality,
                        String text, String status, String agency, String answeredBy, String answer,
                        OffsetDateTime answeredAt, OffsetDateTime dueAt) {
    JsonObject toJson(ZoneId zone) {
      return new JsonObject().put("id", id.toString()).put("stage", stage).put("topic", topic)
          .put("commune", commune).put("askerName", askerName).put("locality", locality).put("text", text)
          .put("status", status).put("agency", agency).put("answeredBy", answeredBy).put("answer", answer)
          .put("answeredAt", Times.format(answeredAt, zone)).put("dueAt", Times.format(dueAt, zone));
    }
  }

  public record Stored(UUID id, boolean duplicate) {
  }

  /**
   * Stores an opinion once per Idempotency-Key: a request retried after the connection dropped gets the first
   * one's id; the same key with another body is refused (like the web form's intake).
   */
  public Future<Stored> add(NewOpinion o, String actor, String address, OffsetDateTime now) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(c -> SqlTemplate.forUpdate(c, "INSERT INTO submissions (id, episode_id, channel, "
            + "asker_name, locality, text, consent, consent_basis, received_at, field, status, idempotency_key, "
            + "request_hash, client_address, logged_by, search_text) VALUES (#{id}, #{episodeId}, 'form', "
            + "#{askerName}, #{locality}, #{text}, false, 'dialogue-meeting', #{now}, #{topic}, 'received', "
            + "#{idempotencyKey}, #{requestHash}, #{address}, #{actor}, #{searchText}) ON CONFLICT DO NOTHING")
        .execute(SqlParams.of("id", id).and("episodeId", o.episodeId()).and("askerName", o.askerName())
            .and("locality", o.locality()).and("text", o.text()).and("now", now).and("topic", o.topic())
            .and("idempotencyKey", o.idempotencyKey()).and("requestHash", o.requestHash()).and("address", address)
            .and("actor", actor).and("searchText", SubmissionStore.searchText(o.text(), o.askerName(), o.locality())))
        .compose(r -> {
          if (r.rowCount() == 0) {
            return Future.succeededFuture(false);
          }
          return c.preparedQuery("INSERT INTO opinions (submission_id, episode_id, stage, topic, commune) "
                  + "VALUES ($1, $2, $3, $4, $5)").execute(Tuple.of(id, o.episodeId(), o.stage(), o.topic(), o.commune()))
              .compose(x -> EventLog.append(c, EventLog.Event.of(actor, "opinion.entered", "submission", id.toString())
                  .inEpisode(o.episodeId()).after(new JsonObject().put("stage", o.stage()).put("topic", o.topic())
                  .put("commune", o.commune())).from(address)))
              .map(true);
        }))
        .compose(inserted -> {
          if (inserted) {
            return Future.succeededFuture(new Stored(id, false));
          }
          return pool.preparedQuery("SELECT id, request_hash FROM submissions WHERE episode_id = $1 "
                  + "AND idempotency_key = $2").execute(Tuple.of(o.episodeId(), o.idempotencyKey()))
              .map(rows -> {
                Row prior = rows.size() == 0 ? null : rows.iterator().next();
                if (prior == null || !o.requestHash().equals(prior.getString("request_hash"))) {
                  throw new ApiError(422, "idempotency.key_reused", "Idempotency-Key",
                      "Mã Idempotency-Key này đã được dùng cho một ý kiến khác.", null);
                }
                return new Stored(prior.getUUID("id"), true);
              });
        });
  }

  public Future<List<Opinion>> list(UUID episodeId) {
    return list("o.episode_id = $1", Tuple.of(episodeId));
  }

  public Future<Opinion> find(UUID id) {
    return list("o.submission_id = $1", Tuple.of(id)).map(l -> l.isEmpty() ? null : l.get(0));
  }

  private Future<List<Opinion>> list(String where, Tuple args) {
    return pool.preparedQuery("SELECT o.submission_id, o.episode_id, o.stage, o.topic, o.commune, s.asker_name, s.locality, s.text, "
            + "s.status, coalesce(a.agency, s.agency) AS agency, o.answered_by, o.answer, o.answered_at, a.due_at "
            + "FROM opinions o JOIN submissions s ON s.id = o.submission_id "
            + "LEFT JOIN assignments a ON a.submission_id = o.submission_id AND a.status NOT IN ('sent_back', 'withdrawn') "
            + "WHERE " + where + " ORDER BY min(s.seq) OVER (PARTITION BY o.episode_id, o.topic), s.seq")
        .execute(args).map(rows -> {
          List<Opinion> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Opinion(r.getUUID("submission_id"), r.getUUID("episode_id"), r.getString("stage"), r.getString("topic"),
              r.getString("commune"), r.getString("asker_name"), r.getString("locality"), r.getString("text"),
              r.getString("status"), r.getString("agency"), r.getString("answered_by"), r.getString("answer"),
              r.getOffsetDateTime("answered_at"), r.getOffsetDateTime("due_at"))));
          return out;
        });
  }

  /** Marks an opinion answered in the room, by whom; the question is then closed like one answered on air. */
  public Future<Void> answered(Opinion o, String by, String answer, OffsetDateTime at, String actor,
                               String address) {
    return pool.withTransaction(c -> c.preparedQuery("UPDATE opinions SET answered_by = $2, answer = $3, "
            + "answered_at = $4, marked_by = $5 WHERE submission_id = $1")
        .execute(Tuple.tuple(Arrays.asList(o.id(), by, answer, at, actor)))
        .compose(r -> c.preparedQuery("UPDATE submissions SET status = 'answered' WHERE id = $1").execute(Tuple.of(o.id())))
        .compose(r -> EventLog.append(c, EventLog.Event.of(actor, "opinion.answered_in_room", "submission",
            o.id().toString()).inEpisode(o.episodeId()).after(new JsonObject().put("answeredBy", by).put("answerGiven",
            answer != null && !answer.isBlank())).from(address))));
  }

  /** Assigns an opinion to an agency (a V10 assignment), due and escalated on the working days given. */
  public Future<UUID> assign(Opinion o, String agency, String instruction, OffsetDateTime dueAt,
                             OffsetDateTime escalateAt, String actor, String address) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(c -> CatalogStore.listedAgency(c, agency).compose(name -> {
          return c.preparedQuery("INSERT INTO assignments (id, submission_id, episode_id, agency, instruction, due_at, "
                  + "escalate_at, assigned_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
              .execute(Tuple.tuple(Arrays.asList(id, o.id(), o.episodeId(), name,
                  instruction == null ? "" : instruction,
                  dueAt, escalateAt, actor)))
              .compose(r -> c.preparedQuery("UPDATE submissions SET agency = $2 WHERE id = $1")
                  .execute(Tuple.of(o.id(), name)))
              .compose(r -> EventLog.append(c, EventLog.Event.of(actor, "assignment.created", "submission",
                  o.id().toString()).inEpisode(o.episodeId()).after(new JsonObject().put("assignment", id.toString())
                  .put("agency", name).put("dueAt", dueAt.toString())).from(address)));
        })).map(id);
  }

  /** Working days an agency has to answer, and to escalation, from the episode's program (V10 defaults). */
  public Future<int[]> workingDays(UUID episodeId) {
    return pool.preparedQuery("SELECT coalesce(p.answer_working_days, 15) AS answer, "
            + "coalesce(p.escalation_working_days, 5) AS escalation FROM episodes e "
            + "LEFT JOIN programs p ON p.id = e.program_id WHERE e.id = $1")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new int[] {r.getInteger("answer"), r.getInteger("escalation")};
        });
  }
}
