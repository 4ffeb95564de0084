package vn.danhoi.deadline;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.calendar.WorkingCalendar;
import vn.danhoi.infra.Times;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The deadlines of an episode, counted in working days: each question passed to the unit in charge within
 * 3 working days of receipt, the run-down sent to responders at least 5 working days before the
 * recording, delegates' questions by the date the episode's plan sets.
 */
public final class Deadlines {

  static final int FORWARD_WORKING_DAYS = 3;
  static final int RUNDOWN_WORKING_DAYS = 5;
  /** A day's deadline runs to the end of that day, local time. */
  private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

  private final WorkingCalendar calendar;
  private final ZoneId zone;

  public Deadlines(WorkingCalendar calendar, ZoneId zone) {
    this.calendar = calendar;
    this.zone = zone;
  }

  /** agency: the unit a question is to be passed to, when an editor set it (so a page can group them). */
  public record Deadline(String kind, String label, OffsetDateTime dueAt, int workingDaysLeft, boolean overdue,
                         UUID submissionId, String agency) {
    JsonObject toJson(ZoneId zone) {
      return new JsonObject().put("kind", kind).put("label", label).put("dueAt", Times.format(dueAt, zone))
          .put("workingDaysLeft", workingDaysLeft).put("overdue", overdue)
          .put("submissionId", submissionId == null ? null : submissionId.toString()).put("agency", agency);
    }
  }

  public List<Deadline> of(DeadlineStore.EpisodeDates episode, List<DeadlineStore.Pending> pending, Instant now) {
    List<Deadline> out = new ArrayList<>();
    for (DeadlineStore.Pending p : pending) {
      LocalDate received = p.receivedAt().atZoneSameInstant(zone).toLocalDate();
      out.add(dayDeadline("forward", "Chuyển đơn vị xử lý: " + excerpt(p.text()),
          calendar.addWorkingDays(received, FORWARD_WORKING_DAYS), now, p.id(), p.agency()));
    }
    if (!episode.rundownSent()) {
      LocalDate recording = episode.startsAt().atZoneSameInstant(zone).toLocalDate();
      out.add(dayDeadline("rundown", "Gửi kịch bản cho người trả lời (trước " + RUNDOWN_WORKING_DAYS
          + " ngày làm việc)", calendar.addWorkingDays(recording, -RUNDOWN_WORKING_DAYS), now, null, null));
    }
    if (episode.delegatesDueAt() != null) {
      OffsetDateTime due = episode.delegatesDueAt();
      out.add(new Deadline("delegates", "Hạn đại biểu gửi câu hỏi", due,
          calendar.workingDaysBetween(today(now), due.atZoneSameInstant(zone).toLocalDate()),
          now.isAfter(due.toInstant()), null, null));
    }
    out.sort(Comparator.comparing(Deadline::dueAt));
    return out;
  }

  public static JsonObject toJson(List<Deadline> deadlines, ZoneId zone) {
    JsonArray items = new JsonArray();
    deadlines.forEach(d -> items.add(d.toJson(zone)));
    return new JsonObject().put("items", items)
        .put("overdueCount", (int) deadlines.stream().filter(Deadline::overdue).count());
  }

  private Deadline dayDeadline(String kind, String label, LocalDate dueDate, Instant now, UUID submissionId,
                               String agency) {
    OffsetDateTime dueAt = dueDate.atTime(END_OF_DAY).atZone(zone).toOffsetDateTime();
    return new Deadline(kind, label, dueAt, calendar.workingDaysBetween(today(now), dueDate),
        now.isAfter(dueAt.toInstant()), submissionId, agency);
  }

  private LocalDate today(Instant now) {
    return now.atZone(zone).toLocalDate();
  }

  private static String excerpt(String text) {
    return text.codePointCount(0, text.length()) <= 80 ? text
        : text.substring(0, text.offsetByCodePoints(0, 79)) + "…";
  }
}
