package vn.danhoi.followup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.auth.Staff;
import vn.danhoi.calendar.WorkingCalendar;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.Mailer;
import vn.danhoi.intake.ItemStatus;
import vn.danhoi.message.MessageTemplates;
import vn.danhoi.privacy.ContactRedaction;
import vn.danhoi.infra.Times;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * After the show: every question not answered on air is given to an agency with a
 * deadline in working days, the agency is told by e-mail, answers or sends it back, the editors approve or
 * return the answer; past the deadline the agency is reminded once, past the second deadline the council
 * office is told once.
 */
public final class FollowupService {

  private static final Logger LOG = LoggerFactory.getLogger(FollowupService.class);
  /** A deadline "within n working days" runs to the end of the n-th working day. */
  private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final Vertx vertx;
  private final FollowupStore store;
  private final Mailer mailer;
  private final WorkingCalendar calendar;
  private final String escalationEmail;
  private final MessageTemplates templates;
  private final String agencyPortal;
  private final ZoneId zone;
  private final Clock clock;

  public FollowupService(Vertx vertx, FollowupStore store, Mailer mailer, WorkingCalendar calendar,
                         String escalationEmail, MessageTemplates templates, String publicUrl, ZoneId zone,
                         Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.mailer = mailer;
    this.calendar = calendar;
    this.escalationEmail = escalationEmail;
    this.templates = templates;
    this.agencyPortal = (publicUrl == null ? "" : publicUrl.replaceAll("/+$", "")) + "/agency.html";
    this.zone = zone;
    this.clock = clock;
  }

  public OffsetDateTime now() {
    return OffsetDateTime.now(clock).atZoneSameInstant(zone).toOffsetDateTime();
  }

  /** What the editors assign: the agency (a name in agencies), an instruction, working days or the program's. */
  public record Request(String agency, String instruction, Integer workingDays) {
  }

  /**
   * The editors' follow-up of an ended episode: still to assign, assigned, answers waiting for review, and
   * approved answers still to publish (approval alone does not make an answer public).
   */
  public Future<JsonObject> followup(UUID episodeId) {
    return ended(episodeId).compose(terms -> {
      Future<List<Followup.Unassigned>> open = store.unassigned(episodeId);
      Future<List<Followup.Assignment>> assigned = store.byEpisode(episodeId);
      Future<List<Followup.Answer>> pending = store.answers("pending", episodeId, null);
      Future<List<Followup.Answer>> toPublish = store.toPublish(episodeId);
      return Future.all(open, assigned, pending, toPublish).map(x -> {
        JsonArray items = new JsonArray();
        open.result().forEach(u -> items.add(u.toJson()));
        return new JsonObject().put("episode", new JsonObject().put("id", terms.id().toString())
                .put("title", terms.title()).put("endsAt", Times.format(terms.endsAt(), zone))
                .put("answerWorkingDays", terms.answerDays()).put("escalationWorkingDays", terms.escalationDays()))
            .put("unassigned", items).put("assignments", toJson(assigned.result()))
            .put("pendingAnswers", answersJson(pending.result())).put("toPublish", answersJson(toPublish.result()));
      });
    });
  }

  private JsonArray answersJson(List<Followup.Answer> list) {
    JsonArray out = new JsonArray();
    list.forEach(a -> out.add(a.toJson(zone)));
    return out;
  }

  private Future<Followup.EpisodeTerms> ended(UUID episodeId) {
    return store.episode(episodeId).map(terms -> {
      if (terms == null) {
        throw ApiError.notFound("episode.not_found", "Không tìm thấy chương trình phát sóng.");
      }
      if (terms.endsAt().isAfter(now())) {
        throw ApiError.conflict("episode.not_ended", "Chương trình chưa kết thúc; danh sách giao trả lời "
            + "có sau khi phát sóng xong.");
      }
      return terms;
    });
  }

  public JsonArray toJson(List<Followup.Assignment> list) {
    OffsetDateTime now = now();
    JsonArray out = new JsonArray();
    list.forEach(a -> out.add(toJson(a, now)));
    return out;
  }

  public JsonObject toJson(Followup.Assignment a, OffsetDateTime now) {
    return a.toJson(zone, now, calendar.workingDaysBetween(now.toLocalDate(),
        a.dueAt().atZoneSameInstant(zone).toLocalDate()));
  }

  /** One question to one agency. */
  public Future<List<Followup.Assignment>> assign(UUID itemId, Request r, Staff editor, String address) {
    return store.item(itemId).compose(item -> {
      if (item == null) {
        throw ApiError.notFound("item.not_found", "Không tìm thấy câu hỏi.");
      }
      if (!"question".equals(item.kind())) {
        throw ApiError.conflict("item.complaint", "Đây là đơn khiếu nại, tố cáo: không giao cơ quan trả lời như "
            + "câu hỏi, không tính hạn trả lời; người gửi đã được hướng dẫn gửi tới Ban Tiếp công dân.");
      }
      if (!item.question()) {
        throw ApiError.conflict("item.complaint_unconfirmed", "Nội dung này có thể là đơn khiếu nại, tố cáo: "
            + "hãy xác nhận hoặc bỏ qua gợi ý trên bàn biên tập trước khi giao cơ quan trả lời.");
      }
      if (ItemStatus.of(item.status()).closed()) {
        throw ApiError.conflict("item.closed", "Câu hỏi đã được trả lời trực tiếp, đã loại hoặc đã gộp: "
            + "không cần giao trả lời.");
      }
      if (item.assigned()) {
        throw ApiError.conflict("item.already_assigned", "Câu hỏi này đã được giao cho một cơ quan.");
      }
      Future<String> title = item.episodeId() == null ? Future.succeededFuture(null)
          : store.episode(item.episodeId()).map(t -> t == null ? null : t.title());
      if (item.refusedBy(r.agency())) {
        throw ApiError.badRequest("agency.sent_back", "agency", "Cơ quan “" + r.agency() + "” đã chuyển lại câu hỏi "
            + "này vì không thuộc thẩm quyền: hãy chọn cơ quan khác.");
      }
      return title.compose(t -> batch(List.of(itemId), item.episodeId(), null, t, item.answerDays(),
          item.escalationDays(), r, editor, address));
    });
  }

  /** Every question of the ended episode in that field not yet assigned, to one agency. */
  public Future<List<Followup.Assignment>> assignByField(UUID episodeId, String field, Request r, Staff editor,
                                                         String address) {
    return ended(episodeId).compose(terms -> batch(List.of(), episodeId, field, terms.title(), terms.answerDays(),
        terms.escalationDays(), r, editor, address)).map(list -> {
          if (list.isEmpty()) {
            throw ApiError.invalid("field", "nothing_to_assign",
                "Không còn câu hỏi nào thuộc lĩnh vực “" + field + "” chờ giao.");
          }
          return list;
        });
  }

  private Future<List<Followup.Assignment>> batch(List<UUID> items, UUID episodeId, String field, String title,
                                                  int answerDays, int escalationDays, Request r, Staff editor,
                                                  String address) {
    return store.agency(r.agency()).compose(agency -> {
      if (agency == null) {
        throw ApiError.invalid("agency", "not_found", "Không có cơ quan “" + r.agency()
            + "” trong danh mục cơ quan trả lời.");
      }
      OffsetDateTime now = now();
      LocalDate due = calendar.addWorkingDays(now.toLocalDate(), r.workingDays() != null ? r.workingDays() : answerDays);
      LocalDate escalate = calendar.addWorkingDays(due, escalationDays);
      FollowupStore.Batch b = new FollowupStore.Batch(items, episodeId, agency.name(),
          r.instruction() == null ? "" : r.instruction(), endOf(due), endOf(escalate), now, field);
      return store.assign(b, editor.actor(), address).compose(made -> made.isEmpty()
          ? Future.succeededFuture(made)
          : notifyAssigned(agency, title, made, due).map(made));
    });
  }

  private OffsetDateTime endOf(LocalDate day) {
    return day.atTime(END_OF_DAY).atZone(zone).toOffsetDateTime();
  }

  /** One message to the agency for the whole batch; the assignment stands even when the mail fails. */
  private Future<Void> notifyAssigned(Followup.Agency agency, String title, List<Followup.Assignment> made,
                                      LocalDate due) {
    UUID only = made.size() == 1 ? made.get(0).id() : null;
    return templates.render("followup-assignment", Map.of("co_quan", agency.name(),
            "so_cau_hoi", made.size(), "chuong_trinh", title == null ? "" : "“" + title + "”",
            "han_tra_loi", due.format(DAY), "danh_sach", list(made), "cong_tra_loi", agencyPortal))
        .compose(m -> deliver("assignment", agency.emails(), m, only, made.get(0).episodeId()))
        .compose(v -> store.notified(made.stream().map(Followup.Assignment::id).toList(), now()));
  }

  /** The questions of a message, numbered; each deadline is the end of its day, hence "chậm nhất ngày". */
  private String list(List<Followup.Assignment> items) {
    StringBuilder body = new StringBuilder();
    int n = 1;
    for (Followup.Assignment a : items) {
      // a mail leaves our hands and is read without the portal's grant check: no number or address in it
      body.append(n++).append(". ").append(ContactRedaction.redact(a.text())).append('\n');
      if (!a.instruction().isEmpty()) {
        body.append("   Ý kiến chỉ đạo: ").append(ContactRedaction.redact(a.instruction())).append('\n');
      }
      body.append("   Thời hạn trả lời: chậm nhất ngày ").append(day(a.dueAt())).append("\n\n");
    }
    return body.toString();
  }

  private String day(OffsetDateTime endOfDay) {
    return endOfDay.atZoneSameInstant(zone).format(DAY);
  }

  /**
   * Sends (or, without an SMTP server, logs) one message and records it; never fails: a message that could
   * not go out is recorded as failed, and what it was about stands.
   */
  private Future<Void> deliver(String kind, List<String> to, MessageTemplates.Message m, UUID assignmentId,
                               UUID episodeId) {
    String subject = m.subject();
    String body = m.body();
    String recipient = String.join(", ", to);
    Future<FollowupStore.Notice> sent;
    if (to.isEmpty()) {
      LOG.warn("Follow-up {} not sent, no address: {}", kind, subject);
      sent = Future.succeededFuture(new FollowupStore.Notice(kind, "log", "-", subject, body, assignmentId,
          "failed", "Chưa có địa chỉ e-mail nhận.", episodeId));
    } else if (!mailer.configured()) {
      LOG.info("Follow-up {} (no SMTP server, logged only) to {}: {}\n{}", kind, recipient, subject, body);
      sent = Future.succeededFuture(new FollowupStore.Notice(kind, "log", recipient, subject, body, assignmentId,
          "sent", null, episodeId));
    } else {
      sent = vertx.executeBlocking(() -> mailer.send(new Mailer.Mail(recipient, null, subject, body, null,
              null, clock.instant())), false)
          .map(id -> new FollowupStore.Notice(kind, "email", recipient, subject, body, assignmentId, "sent", null,
              episodeId))
          .otherwise(e -> {
            LOG.warn("Follow-up {} to {} failed: {}", kind, recipient, e.toString());
            return new FollowupStore.Notice(kind, "email", recipient, subject, body, assignmentId, "failed",
                String.valueOf(e.getMessage()), episodeId);
          });
    }
    return sent.compose(n -> store.record(n, now()));
  }

  /**
   * The periodic pass: an agency is reminded once when the deadline has passed, the council office told once
   * when the second deadline has passed. Each claimed before it is sent, so never twice, even on two nodes.
   */
  public Future<JsonObject> run() {
    OffsetDateTime now = now();
    return store.claim("reminded_at", "due_at", now).compose(due -> {
      Future<Void> chain = Future.succeededFuture();
      for (Followup.Assignment a : due) {
        chain = chain.compose(v -> remind(a));
      }
      return chain.map(due.size());
    }).compose(reminded -> store.claim("escalated_at", "escalate_at", now).compose(late -> {
      Future<Void> chain = Future.succeededFuture();
      for (Followup.Assignment a : late) {
        chain = chain.compose(v -> escalate(a));
      }
      return chain.map(v -> new JsonObject().put("reminded", reminded).put("escalated", late.size()));
    }));
  }

  private Future<Void> remind(Followup.Assignment a) {
    return store.agency(a.agency()).compose(agency -> templates.render("followup-reminder", Map.of(
            "co_quan", a.agency(), "han_tra_loi", day(a.dueAt()), "han_bao_cao", day(a.escalateAt()),
            "danh_sach", list(List.of(a)), "cong_tra_loi", agencyPortal))
        .compose(m -> deliver("reminder", agency == null ? List.of() : agency.emails(), m, a.id(),
            a.episodeId())));
  }

  private Future<Void> escalate(Followup.Assignment a) {
    return templates.render("followup-escalation", Map.of("co_quan", a.agency(), "han_tra_loi", day(a.dueAt()),
            "danh_sach", list(List.of(a))))
        .compose(m -> deliver("escalation", escalationEmail.isBlank() ? List.of() : List.of(escalationEmail), m,
            a.id(), a.episodeId()));
  }

  public Future<List<Followup.Assignment>> overdue() {
    return store.overdue(now());
  }
}
