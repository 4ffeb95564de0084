package vn.danhoi.followup;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Times;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** The records of the after-show follow-up: a question to assign, an assignment, an answer and its files. */
public final class Followup {

  private Followup() {
  }

  /** An episode's end and its program's deadlines in working days. */
  public record EpisodeTerms(UUID id, String title, OffsetDateTime endsAt, int answerDays, int escalationDays) {
  }

  /**
   * A question of an ended episode still without a live assignment: its field (suggested when the intake's),
   * the agency proposed for it (null when none; agencySource editor, suggested or field), the agencies that
   * sent it back (never proposed again) and the latest one's reason.
   */
  public record Unassigned(UUID id, long seq, String channel, String text, String askerFirstName, String locality,
                           int askers, String field, boolean fieldSuggested, String agency, String agencySource,
                           String status, String sentBackBy, String sentBackReason, List<String> refusedBy) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("seq", seq).put("channel", channel).put("text", text)
          .put("askerName", askerFirstName).put("locality", locality).put("askers", askers).put("field", field)
          .put("suggested", fieldSuggested).put("agency", agency).put("agencySource", agencySource)
          .put("agencySuggested", agency != null).put("status", status)
          .put("excludedAgencies", new JsonArray(List.copyOf(refusedBy)))
          .put("sentBack", sentBackBy == null ? null
              : new JsonObject().put("agency", sentBackBy).put("reason", sentBackReason));
    }
  }

  public record Assignment(UUID id, UUID submissionId, UUID episodeId, String agency, String instruction,
                           OffsetDateTime dueAt, OffsetDateTime escalateAt, String status, String sentBackReason,
                           String assignedBy, OffsetDateTime assignedAt, OffsetDateTime remindedAt,
                           OffsetDateTime escalatedAt, OffsetDateTime closedAt, String text) {

    /** Past its deadline and the agency still owes an answer the editors can approve. */
    public boolean overdue(OffsetDateTime now) {
      return List.of("assigned", "answered", "returned").contains(status) && now.isAfter(dueAt);
    }

    public JsonObject toJson(ZoneId zone, OffsetDateTime now, int workingDaysLeft) {
      return new JsonObject().put("id", id.toString()).put("submissionId", submissionId.toString())
          .put("episodeId", episodeId == null ? null : episodeId.toString()).put("agency", agency)
          .put("instruction", instruction).put("text", text).put("dueAt", Times.format(dueAt, zone))
          .put("escalateAt", Times.format(escalateAt, zone)).put("status", status)
          .put("sentBackReason", sentBackReason).put("assignedBy", assignedBy)
          .put("assignedAt", Times.format(assignedAt, zone)).put("remindedAt", Times.format(remindedAt, zone))
          .put("escalatedAt", Times.format(escalatedAt, zone)).put("closedAt", Times.format(closedAt, zone))
          .put("overdue", overdue(now)).put("workingDaysLeft", workingDaysLeft);
    }
  }

  public record File(UUID id, String fileName, String mediaType, long size) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("fileName", fileName).put("mediaType", mediaType)
          .put("size", size);
    }
  }

  public record Answer(UUID id, UUID assignmentId, UUID submissionId, String agency, String question, String text,
                       String answeredBy, OffsetDateTime answeredAt, String review, String reviewComment,
                       String reviewedBy, OffsetDateTime reviewedAt, OffsetDateTime publishedAt,
                       List<File> files) {
    public Answer withFiles(List<File> f) {
      return new Answer(id, assignmentId, submissionId, agency, question, text, answeredBy, answeredAt, review,
          reviewComment, reviewedBy, reviewedAt, publishedAt, f);
    }

    public JsonObject toJson(ZoneId zone) {
      JsonArray out = new JsonArray();
      files.forEach(f -> out.add(f.toJson()));
      return new JsonObject().put("id", id.toString()).put("assignmentId", assignmentId.toString())
          .put("submissionId", submissionId.toString()).put("agency", agency).put("question", question)
          .put("text", text).put("answeredBy", answeredBy).put("answeredAt", Times.format(answeredAt, zone))
          .put("review", review).put("reviewComment", reviewComment).put("reviewedBy", reviewedBy)
          .put("reviewedAt", Times.format(reviewedAt, zone)).put("publishedAt", Times.format(publishedAt, zone))
          .put("attachments", out);
    }
  }

  /** A file an agency attached, checked and moved in (see FileStore). */
  public record Upload(String fileName, String storedName, String mediaType, long size, String sha256) {
  }

  /** An agency with its addresses; null name when there is no such (active) agency. */
  public record Agency(String name, List<String> emails) {
  }
}
