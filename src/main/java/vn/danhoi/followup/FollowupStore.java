package vn.danhoi.followup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.SqlParams;
import vn.danhoi.intake.ItemStatus;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;
import vn.danhoi.privacy.ContactRedaction;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * All SQL of the follow-up: questions still to assign, assignments, agencies' answers and their review,
 * reminders and escalations. Every change runs in one transaction with its event.
 */
public final class FollowupStore {

  /** Statuses that need no answer after the show: answered on air, rejected, merged into another. */
  static final String CLOSED = ItemStatus.sqlList(ItemStatus.CLOSED);
  private static final String LIVE = "a.status NOT IN ('sent_back', 'withdrawn')";
  /**
   * A question the program forwards: not a complaint or denunciation, confirmed or only suggested by the rules and
   * not yet dismissed (those go to the citizen reception office, never to an agency as a question).
   */
  static final String A_QUESTION = "(s.message_kind = 'question' AND (s.kind_confirmed_at IS NOT NULL "
      + "OR coalesce(s.suggested_kind, 'question') = 'question'))";
  private static final String ASSIGNMENT = "SELECT a.id, a.submission_id, a.episode_id, a.agency, a.instruction, "
      + "a.due_at, a.escalate_at, a.status, a.sent_back_reason, a.assigned_by, a.assigned_at, a.reminded_at, "
      + "a.escalated_at, a.closed_at, coalesce(s.edited_text, s.text) AS text FROM assignments a "
      + "JOIN submissions s ON s.id = a.submission_id ";
  private static final String ANSWER = "SELECT n.id, n.assignment_id, n.submission_id, a.agency, "
      + "coalesce(s.edited_text, s.text) AS question, n.text, n.answered_by, n.answered_at, n.review, "
      + "n.review_comment, n.reviewed_by, n.reviewed_at, n.published_at FROM answers n "
      + "JOIN assignments a ON a.id = n.assignment_id JOIN submissions s ON s.id = n.submission_id ";

  private final Pool pool;

  public FollowupStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Followup.EpisodeTerms> episode(UUID id) {
    return pool.preparedQuery("SELECT e.id, e.title, e.starts_at + make_interval(mins => e.duration_minutes) AS ends_at, "
            + "coalesce(p.answer_working_days, 15) AS answer_days, "
            + "coalesce(p.escalation_working_days, 5) AS escalation_days "
            + "FROM episodes e LEFT JOIN programs p ON p.id = e.program_id WHERE e.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : terms(rows.iterator().next()));
  }

  private static Followup.EpisodeTerms terms(Row r) {
    return new Followup.EpisodeTerms(r.getUUID("id"), r.getString("title"), r.getOffsetDateTime("ends_at"),
        r.getInteger("answer_days"), r.getInteger("escalation_days"));
  }

  /**
   * The episode's questions that need an answer after the show and have no live assignment. The agency
   * proposed for each is the first of: the agency an editor set, the intake's suggestion, the catalogue
   * agency of its field; only an active agency, and never one that sent this question back (issue #19: a
   * question a competent agency refused must not be one click away from going back to it).
   */
  public Future<List<Followup.Unassigned>> unassigned(UUID episodeId) {
    return pool.preparedQuery("SELECT s.id, s.seq, s.channel, coalesce(s.edited_text, s.text) AS text, s.asker_name, "
            + "s.locality, s.asker_count, coalesce(s.field, s.suggested_field) AS field, "
            + "s.field IS NULL AND s.suggested_field IS NOT NULL AS suggested, p.agency, p.source AS agency_source, "
            + "s.status, b.agency AS sent_back_by, b.sent_back_reason, x.names AS refused_by FROM submissions s "
            + "LEFT JOIN LATERAL (SELECT a.agency, a.sent_back_reason FROM assignments a WHERE a.submission_id = s.id "
            + "AND a.status = 'sent_back' ORDER BY a.closed_at DESC NULLS LAST LIMIT 1) b ON true "
            + "LEFT JOIN LATERAL (SELECT coalesce(array_agg(DISTINCT a.agency ORDER BY a.agency), '{}') AS names "
            + "FROM assignments a WHERE a.submission_id = s.id AND a.status = 'sent_back') x ON true "
            + "LEFT JOIN LATERAL (SELECT g.name AS agency, c.source FROM (VALUES (1, s.agency, 'editor'), "
            + "(2, s.suggested_agency, 'suggested'), (3, (SELECT fa.name FROM fields f JOIN agencies fa "
            + "ON fa.id = f.agency_id WHERE fold_case(f.name) = fold_case(coalesce(s.field, s.suggested_field)) "
            + "LIMIT 1), 'field')) c (rank, agency, source) JOIN agencies g ON fold_case(g.name) = fold_case(c.agency) "
            + "AND g.active WHERE NOT EXISTS (SELECT 1 FROM unnest(x.names) n WHERE fold_case(n) = fold_case(g.name)) "
            + "ORDER BY c.rank LIMIT 1) p ON true "
            + "WHERE s.episode_id = $1 AND s.status NOT IN " + CLOSED + " AND NOT EXISTS (SELECT 1 FROM assignments a "
            + "WHERE a.submission_id = s.id AND " + LIVE + ") ORDER BY field NULLS LAST, s.seq LIMIT 5000")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          List<Followup.Unassigned> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Followup.Unassigned(r.getUUID("id"), r.getLong("seq"), r.getString("channel"),
              r.getString("text"), ContactRedaction.publicName(r.getString("asker_name")), r.getString("locality"),
              r.getInteger("asker_count"), r.getString("field"), r.getBoolean("suggested"), r.getString("agency"),
              r.getString("agency_source"), r.getString("status"), r.getString("sent_back_by"),
              r.getString("sent_back_reason"), Arrays.asList(r.getArrayOfStrings("refused_by")))));
          return out;
        });
  }

  /** The question's episode terms (null episode when it has none), or null when there is no such question. */
  public record Item(UUID id, UUID episodeId, String status, boolean assigned, int answerDays, int escalationDays,
                     String kind, boolean question, List<String> refusedBy) {

    /** That agency sent this question back once: it is not theirs to answer. */
    public boolean refusedBy(String agency) {
      return refusedBy.stream().anyMatch(a -> a.equalsIgnoreCase(agency));
    }
  }

  public Future<Item> item(UUID id) {
    return pool.preparedQuery("SELECT s.id, s.episode_id, s.status, EXISTS (SELECT 1 FROM assignments a "
            + "WHERE a.submission_id = s.id AND " + LIVE + ") AS assigned, s.message_kind, " + A_QUESTION
            + " AS question, ARRAY(SELECT a.agency FROM assignments a WHERE a.submission_id = s.id "
            + "AND a.status = 'sent_back') AS refused_by, "
            + "coalesce(p.answer_working_days, 15) AS answer_days, coalesce(p.escalation_working_days, 5) AS escalation_days "
            + "FROM submissions s LEFT JOIN episodes e ON e.id = s.episode_id LEFT JOIN programs p ON p.id = e.program_id "
            + "WHERE s.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Item(r.getUUID("id"), r.getUUID("episode_id"), r.getString("status"), r.getBoolean("assigned"),
              r.getInteger("answer_days"), r.getInteger("escalation_days"), r.getString("message_kind"),
              r.getBoolean("question"), Arrays.asList(r.getArrayOfStrings("refused_by")));
        });
  }

  /** The active agency of that name (any case), or null. */
  public Future<Followup.Agency> agency(String name) {
    return pool.preparedQuery("SELECT name, emails FROM agencies WHERE fold_case(name) = fold_case($1) AND active")
        .execute(Tuple.of(name))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Followup.Agency(r.getString("name"), Arrays.asList(r.getArrayOfStrings("emails")));
        });
  }

  /** What one assignment batch is: the questions, their agency, deadline and instruction. */
  public record Batch(List<UUID> items, UUID episodeId, String agency, String instruction, OffsetDateTime dueAt,
                      OffsetDateTime escalateAt, OffsetDateTime at, String field) {
  }

  /**
   * Assigns the questions; with {@code field} set, also every other unassigned question of the episode in that
   * field (taken under lock in the same transaction). The question's agency follows and it counts as passed
   * to its unit. Empty when there was nothing to assign.
   */
  public Future<List<Followup.Assignment>> assign(Batch b, String actor, String address) {
    return pool.withTransaction(tx -> {
      Future<List<UUID>> ids = b.field() == null ? Future.succeededFuture(b.items())
          : tx.preparedQuery("SELECT s.id, coalesce(s.field, s.suggested_field) AS field FROM submissions s "
                  + "WHERE s.episode_id = $1 AND s.status NOT IN " + CLOSED + " AND " + A_QUESTION
                  + " AND NOT EXISTS (SELECT 1 FROM "
                  + "assignments a WHERE a.submission_id = s.id AND " + LIVE + ") "
                  // a question this agency sent back stays in the list for another agency
                  + "AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.submission_id = s.id "
                  + "AND a.status = 'sent_back' AND fold_case(a.agency) = fold_case($2)) ORDER BY s.seq FOR UPDATE OF s")
              .execute(Tuple.of(b.episodeId(), b.agency()))
              .map(rows -> {
                // equalsIgnoreCase folds every Vietnamese letter, as fold_case does in SQL
                List<UUID> out = new ArrayList<>();
                rows.forEach(r -> {
                  if (b.field().equalsIgnoreCase(r.getString("field"))) {
                    out.add(r.getUUID("id"));
                  }
                });
                return out;
              });
      return ids.compose(list -> {
        Future<Void> chain = Future.succeededFuture();
        List<UUID> made = new ArrayList<>();
        for (UUID item : list) {
          UUID id = UUID.randomUUID();
          made.add(id);
          chain = chain.compose(v -> tx.preparedQuery("INSERT INTO assignments (id, submission_id, episode_id, agency, "
                  + "instruction, due_at, escalate_at, assigned_by, assigned_at) SELECT $1, s.id, s.episode_id, $3, $4, "
                  + "$5, $6, $7, $8 FROM submissions s WHERE s.id = $2 RETURNING episode_id")
              .execute(Tuple.tuple(Arrays.asList(id, item, b.agency(), b.instruction(), b.dueAt(), b.escalateAt(),
                  actor, b.at())))
              .compose(rows -> tx.preparedQuery("UPDATE submissions SET agency = $2, forwarded_at = $3, "
                      + "forwarded_by = $4, forwarded_to = $2, updated_at = now() WHERE id = $1")
                  .execute(Tuple.of(item, b.agency(), b.at(), actor))
                  .compose(x -> EventLog.append(tx, EventLog.Event.of(actor, "item.assigned", "submission",
                      item.toString()).inEpisode(rows.iterator().next().getUUID("episode_id"))
                      .after(new JsonObject().put("assignment", id.toString()).put("agency", b.agency())
                          .put("instructionGiven", b.instruction() != null && !b.instruction().isBlank())
                          .put("dueAt", b.dueAt().toString()).put("escalateAt", b.escalateAt().toString())
                          .put("byField", b.field())).from(address)))));
        }
        return chain.compose(v -> assignments(tx, "WHERE a.id = ANY($1) ORDER BY s.seq",
            Tuple.of(made.toArray(UUID[]::new))));
      });
    }).recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? ApiError.conflict("item.already_assigned", "Câu hỏi này đã được giao cho một cơ quan.") : e));
  }

  public Future<Void> notified(List<UUID> assignments, OffsetDateTime at) {
    return pool.preparedQuery("UPDATE assignments SET notified_at = $2 WHERE id = ANY($1)")
        .execute(Tuple.of(assignments.toArray(UUID[]::new), at)).mapEmpty();
  }

  /** An episode's assignments, every status, the newest question last. */
  public Future<List<Followup.Assignment>> byEpisode(UUID episodeId) {
    return assignments(pool, "WHERE a.episode_id = $1 ORDER BY s.seq, a.assigned_at", Tuple.of(episodeId));
  }

  /** An agency's current assignments (all agencies' when null): not the ones sent back or withdrawn. */
  public Future<List<Followup.Assignment>> forAgency(String agency) {
    return assignments(pool, "WHERE " + LIVE + " AND ($1::text IS NULL OR fold_case(a.agency) = fold_case($1)) "
        + "ORDER BY a.status IN ('approved') , a.due_at, s.seq LIMIT 2000", Tuple.of(agency));
  }

  /** One assignment, only if it is that agency's (any agency's when null). */
  public Future<Followup.Assignment> one(UUID id, String agency) {
    return assignments(pool, "WHERE a.id = $1 AND ($2::text IS NULL OR fold_case(a.agency) = fold_case($2))",
        Tuple.of(id, agency)).map(list -> list.isEmpty() ? null : list.get(0));
  }

  /** Past their deadline with no approved answer, the oldest deadline first. */
  public Future<List<Followup.Assignment>> overdue(OffsetDateTime now) {
    // a message referred to the citizen reception office after it was assigned runs no clock, gets no reminder
    return assignments(pool, "WHERE a.status IN ('assigned', 'answered', 'returned') AND a.due_at < $1 "
        + "AND s.message_kind = 'question' ORDER BY a.due_at, s.seq LIMIT 5000", Tuple.of(now));
  }

  private static Future<List<Followup.Assignment>> assignments(SqlClient client, String where, Tuple args) {
    return client.preparedQuery(ASSIGNMENT + where).execute(args).map(FollowupStore::assignmentRows);
  }

  private static List<Followup.Assignment> assignmentRows(RowSet<Row> rows) {
    List<Followup.Assignment> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Followup.Assignment(r.getUUID("id"), r.getUUID("submission_id"),
        r.getUUID("episode_id"), r.getString("agency"), r.getString("instruction"), r.getOffsetDateTime("due_at"),
        r.getOffsetDateTime("escalate_at"), r.getString("status"), r.getString("sent_back_reason"),
        r.getString("assigned_by"), r.getOffsetDateTime("assigned_at"), r.getOffsetDateTime("reminded_at"),
        r.getOffsetDateTime("escalated_at"), r.getOffsetDateTime("closed_at"), r.getString("text"))));
    return out;
  }

  /** The questions themselves, as stored, by id. */
  public Future<Map<UUID, Submission>> submissions(List<UUID> ids) {
    return pool.preparedQuery("SELECT " + SubmissionStore.COLUMNS + " FROM submissions WHERE id = ANY($1)")
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, Submission> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getUUID("id"), SubmissionStore.submission(r)));
          return out;
        });
  }

  /** Locks the agency's assignment for a change; fails 404 when it is not theirs, 409 when it awaits nothing. */
  private static Future<Followup.Assignment> owed(SqlClient tx, UUID id, String agency) {
    return assignments(tx, "WHERE a.id = $1 AND ($2::text IS NULL OR fold_case(a.agency) = fold_case($2)) FOR UPDATE OF a",
        Tuple.of(id, agency)).map(list -> {
          if (list.isEmpty()) {
            throw notFound();
          }
          Followup.Assignment a = list.get(0);
          if (!a.status().equals("assigned") && !a.status().equals("returned")) {
            throw ApiError.conflict("assignment.not_open", "Câu hỏi này không chờ cơ quan trả lời (trạng thái \""
                + a.status() + "\").");
          }
          return a;
        });
  }

  public static ApiError notFound() {
    return ApiError.notFound("assignment.not_found", "Không tìm thấy câu hỏi được giao.");
  }

  /** The agency's answer (with its file, if any); the assignment waits for the editors' review. */
  public Future<Followup.Answer> answer(UUID assignmentId, String agency, String text, Followup.Upload file,
                                        OffsetDateTime at, String actor, String address) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> owed(tx, assignmentId, agency).compose(a -> tx.preparedQuery(
            "INSERT INTO answers (id, assignment_id, submission_id, text, answered_by, answered_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(id, a.id(), a.submissionId(), text, actor, at))
        .compose(v -> file == null ? Future.succeededFuture() : tx.preparedQuery("INSERT INTO answer_attachments "
                + "(id, answer_id, file_name, media_type, size_bytes, stored_name, sha256, created_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), id, file.fileName(), file.mediaType(), file.size(),
                file.storedName(), file.sha256(), at))).mapEmpty())
        .compose(v -> tx.preparedQuery("UPDATE assignments SET status = 'answered' WHERE id = $1")
            .execute(Tuple.of(a.id())))
        .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "assignment.answered", "assignment",
            a.id().toString()).inEpisode(a.episodeId()).after(new JsonObject().put("answer", id.toString())
            .put("agency", a.agency()).put("attachment", file != null)).from(address)))
        .compose(v -> answers(tx, "WHERE n.id = $1", Tuple.of(id))).map(list -> list.get(0))));
  }

  /** "Not our competence": the question goes back to the editors' list to be given to another agency. */
  public Future<Followup.Assignment> sendBack(UUID assignmentId, String agency, String reason, OffsetDateTime at,
                                              String actor, String address) {
    return pool.withTransaction(tx -> owed(tx, assignmentId, agency).compose(a -> tx.preparedQuery(
            "UPDATE assignments SET status = 'sent_back', sent_back_reason = $2, closed_at = $3 WHERE id = $1")
        .execute(Tuple.of(a.id(), reason, at))
        .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "assignment.sent_back", "assignment",
            a.id().toString()).inEpisode(a.episodeId()).after(new JsonObject().put("agency", a.agency())
            .put("reasonGiven", true).put("submission", a.submissionId().toString())).from(address)))
        .compose(v -> assignments(tx, "WHERE a.id = $1", Tuple.of(a.id()))).map(list -> list.get(0))));
  }

  /** Answers, newest first: those of a review state, of one episode, of these assignments, as given. */
  public Future<List<Followup.Answer>> answers(String review, UUID episodeId, List<UUID> assignments) {
    return answers(pool, "WHERE ($1::text IS NULL OR n.review = $1) AND ($2::uuid IS NULL OR a.episode_id = $2) "
        + "AND ($3::uuid[] IS NULL OR n.assignment_id = ANY($3)) ORDER BY n.answered_at DESC LIMIT 2000",
        Tuple.of(review, episodeId, assignments == null ? null : assignments.toArray(UUID[]::new)));
  }

  /** An episode's approved answers the public cannot read yet, the longest waiting first. */
  public Future<List<Followup.Answer>> toPublish(UUID episodeId) {
    return answers(pool, "WHERE n.review = 'approved' AND n.published_at IS NULL AND a.episode_id = $1 "
        + "ORDER BY n.reviewed_at, n.answered_at LIMIT 2000", Tuple.of(episodeId));
  }

  private static Future<List<Followup.Answer>> answers(SqlClient client, String where, Tuple args) {
    return client.preparedQuery(ANSWER + where).execute(args).compose(rows -> {
      List<Followup.Answer> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Followup.Answer(r.getUUID("id"), r.getUUID("assignment_id"),
          r.getUUID("submission_id"), r.getString("agency"), r.getString("question"), r.getString("text"),
          r.getString("answered_by"), r.getOffsetDateTime("answered_at"), r.getString("review"),
          r.getString("review_comment"), r.getString("reviewed_by"), r.getOffsetDateTime("reviewed_at"),
          r.getOffsetDateTime("published_at"), List.of())));
      if (out.isEmpty()) {
        return Future.succeededFuture(out);
      }
      return client.preparedQuery("SELECT id, answer_id, file_name, media_type, size_bytes FROM answer_attachments "
              + "WHERE answer_id = ANY($1) ORDER BY created_at")
          .execute(Tuple.of(out.stream().map(Followup.Answer::id).toArray(UUID[]::new)))
          .map(files -> {
            Map<UUID, List<Followup.File>> by = new HashMap<>();
            files.forEach(f -> by.computeIfAbsent(f.getUUID("answer_id"), k -> new ArrayList<>())
                .add(new Followup.File(f.getUUID("id"), f.getString("file_name"), f.getString("media_type"),
                    f.getLong("size_bytes"))));
            return out.stream().map(n -> n.withFiles(by.getOrDefault(n.id(), List.of()))).toList();
          });
    });
  }

  /**
   * The editors' review of a pending answer: approved closes the assignment (the answer may then be
   * published), returned sends it back to the agency with the comment. Null when there is no such answer.
   */
  public Future<Followup.Answer> review(UUID answerId, boolean approve, String comment, OffsetDateTime at,
                                        String actor, String address) {
    return pool.withTransaction(tx -> answers(tx, "WHERE n.id = $1 FOR UPDATE OF n, a", Tuple.of(answerId))
        .compose(list -> {
          if (list.isEmpty()) {
            return Future.succeededFuture(null);
          }
          Followup.Answer n = list.get(0);
          if (!n.review().equals("pending")) {
            throw ApiError.conflict("answer.already_reviewed", "Câu trả lời này đã được duyệt hoặc trả lại.");
          }
          String review = approve ? "approved" : "returned";
          return tx.preparedQuery("UPDATE answers SET review = $2, review_comment = $3, reviewed_by = $4, "
                  + "reviewed_at = $5 WHERE id = $1")
              .execute(Tuple.of(n.id(), review, comment, actor, at))
              .compose(v -> tx.preparedQuery("UPDATE assignments SET status = $2, closed_at = $3 WHERE id = $1 "
                      + "RETURNING episode_id")
                  .execute(Tuple.of(n.assignmentId(), review, approve ? at : null)))
              .compose(rows -> EventLog.append(tx, EventLog.Event.of(actor,
                  approve ? "answer.approved" : "answer.returned", "answer", n.id().toString())
                  .inEpisode(rows.iterator().next().getUUID("episode_id")).after(new JsonObject().put("assignment",
                  n.assignmentId().toString()).put("agency", n.agency()).put("commentGiven",
                  comment != null && !comment.isBlank())).from(address)))
              .compose(v -> answers(tx, "WHERE n.id = $1", Tuple.of(n.id()))).map(l -> l.get(0));
        }));
  }

  public record StoredFile(String storedName, String fileName, String mediaType, String agency) {
  }

  /** An answer's file, with the agency whose answer it is; null when there is none. */
  public Future<StoredFile> file(UUID id) {
    return pool.preparedQuery("SELECT f.stored_name, f.file_name, f.media_type, a.agency FROM answer_attachments f "
            + "JOIN answers n ON n.id = f.answer_id JOIN assignments a ON a.id = n.assignment_id WHERE f.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new StoredFile(r.getString("stored_name"), r.getString("file_name"), r.getString("media_type"),
              r.getString("agency"));
        });
  }

  /**
   * Takes the assignments whose reminder (deadline passed) or escalation (second deadline passed) is due and
   * marks them, so that whichever node runs first sends it and no node ever sends it twice.
   */
  public Future<List<Followup.Assignment>> claim(String column, String deadline, OffsetDateTime now) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE assignments SET " + column + " = $1 WHERE id IN "
            + "(SELECT id FROM assignments WHERE status IN ('assigned', 'returned') AND " + column + " IS NULL AND "
            // a message referred to the citizen reception office after it was assigned: no reminder, no escalation
            + "submission_id IN (SELECT id FROM submissions WHERE message_kind = 'question') AND "
            + deadline + " < $1 ORDER BY " + deadline + " LIMIT 500 FOR UPDATE SKIP LOCKED) RETURNING id")
        .execute(Tuple.of(now))
        .compose(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(r -> ids.add(r.getUUID("id")));
          return assignments(tx, "WHERE a.id = ANY($1) ORDER BY a.agency, a.due_at, s.seq",
              Tuple.of(ids.toArray(UUID[]::new)));
        }));
  }

  /** A message sent or logged, with its event. */
  public record Notice(String kind, String channel, String recipient, String subject, String body,
                       UUID assignmentId, String status, String error, UUID episodeId) {
  }

  public Future<Void> record(Notice n, OffsetDateTime at) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> SqlTemplate.forUpdate(tx, "INSERT INTO notifications (id, kind, channel, "
            + "recipient, subject, body, assignment_id, status, error, created_at) VALUES (#{id}, #{kind}, "
            + "#{channel}, #{recipient}, #{subject}, #{body}, #{assignmentId}, #{status}, #{error}, #{at})")
        .execute(SqlParams.of("id", id).and("kind", n.kind()).and("channel", n.channel())
            .and("recipient", n.recipient()).and("subject", n.subject()).and("body", n.body())
            .and("assignmentId", n.assignmentId()).and("status", n.status()).and("error", n.error()).and("at", at))
        .compose(v -> EventLog.append(tx, EventLog.Event.of("system:followup", "notification." + n.kind(),
            "notification", id.toString()).inEpisode(n.episodeId()).after(new JsonObject().put("channel", n.channel())
            .put("status", n.status()).put("assignment",
            n.assignmentId() == null ? null : n.assignmentId().toString())))));
  }
}
