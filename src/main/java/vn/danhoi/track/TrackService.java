package vn.danhoi.track;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.calendar.WorkingCalendar;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.Times;
import vn.danhoi.infra.VietnameseText;
import vn.danhoi.intake.IntakeService;
import vn.danhoi.intake.ReceiptCode;
import vn.danhoi.message.MessageTemplates;
import vn.danhoi.privacy.ContactRedaction;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Following a question by its receipt code: on the public page with the last digits of the phone (or the e-mail
 * address) the asker gave, or by texting the lookup keyword and the code from that phone. The path shows no
 * one's personal data: steps, dates, the agency and its deadline, the link to the published answer.
 */
public final class TrackService {

  /** The fewest last digits of the phone that identify the asker on the page. */
  static final int PHONE_DIGITS = 4;
  private static final int QUESTION_SHOWN = 300;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

  private final TrackStore store;
  private final WorkingCalendar calendar;
  private final MessageTemplates templates;
  private final String publicUrl;
  private final Pattern lookup;
  private final ZoneId zone;

  public TrackService(TrackStore store, WorkingCalendar calendar, MessageTemplates templates, String publicUrl,
                      String lookupKeyword, ZoneId zone) {
    this.store = store;
    this.calendar = calendar;
    this.templates = templates;
    this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    this.zone = zone;
    String key = lookupKeyword == null ? "" : VietnameseText.withoutMarks(lookupKeyword.strip()).toUpperCase(Locale.ROOT);
    // "TRACUU 7TXJC2C7", "tra cuu: 7txj-c2c7": the keyword's letters with or without spaces, then the code
    StringBuilder letters = new StringBuilder();
    key.replaceAll("\\s", "").chars().forEach(c -> letters.append(Pattern.quote(Character.toString(c))).append("\\s*"));
    this.lookup = key.isBlank() ? null : Pattern.compile("^\\s*" + letters
        + "[:.\\-]?\\s*([A-Z0-9][A-Z0-9 .\\-]{6,14})\\s*$");
  }

  /** The path of the question with this code, when the contact is the asker's; otherwise 404, whichever was wrong. */
  public Future<JsonObject> follow(String typedCode, String contact) {
    String code = ReceiptCode.parse(typedCode);
    if (code == null) {
      throw ApiError.invalid("code", "invalid", "Mã số câu hỏi gồm 8 ký tự, ví dụ 7TXJ-C2C7.");
    }
    if (contact == null || contact.isBlank()) {
      throw ApiError.invalid("contact", "required",
          "Vui lòng nhập " + PHONE_DIGITS + " số cuối điện thoại hoặc địa chỉ thư điện tử đã dùng khi gửi câu hỏi.");
    }
    return store.byCode(code).compose(p -> {
      if (p == null || !claimedBy(p, contact)) {
        throw ApiError.notFound("track.not_found", "Không tìm thấy câu hỏi có mã số này với số điện thoại "
            + "hoặc thư điện tử đã nhập. Ông/Bà kiểm tra lại mã số trong tin nhắn hoặc thư xác nhận.");
      }
      return resolved(p, 0).map(path -> json(p, path));
    });
  }

  /** A merged question goes on as the one it was merged into. */
  private Future<TrackStore.Path> resolved(TrackStore.Path p, int depth) {
    if (p.mergedInto() == null || depth >= 3) {
      return Future.succeededFuture(p);
    }
    return store.byId(p.mergedInto()).compose(m -> m == null ? Future.succeededFuture(p) : resolved(m, depth + 1));
  }

  /**
   * Whether the contact is the asker's: the e-mail address (case aside), or at least the last four digits of the
   * phone. Compared in constant time, so the answer's timing says nothing of how close a guess came.
   */
  static boolean claimedBy(TrackStore.Path p, String contact) {
    String typed = contact.strip();
    if (typed.contains("@")) {
      return p.email() != null && same(p.email().strip().toLowerCase(Locale.ROOT), typed.toLowerCase(Locale.ROOT));
    }
    String digits = typed.replaceAll("[^0-9]", "");
    if (digits.length() < PHONE_DIGITS || p.phone() == null) {
      return false;
    }
    String phone = p.phone().replaceAll("[^0-9]", "");
    if (digits.length() > phone.length()) {
      return false;
    }
    return same(phone.substring(phone.length() - digits.length()), digits);
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private JsonObject json(TrackStore.Path asked, TrackStore.Path p) {
    JsonArray steps = new JsonArray();
    steps.add(step("received", asked.receivedAt()).put("channel", asked.channel()));
    if (asked.mergedInto() != null) {
      steps.add(new JsonObject().put("step", "merged").put("done", true));
    }
    if (!"question".equals(p.kind())) {
      steps.add(new JsonObject().put("step", "referred").put("done", true).put("kind", p.kind()));
    } else if ("rejected".equals(p.status())) {
      steps.add(new JsonObject().put("step", "not_selected").put("done", true));
    } else {
      boolean live = p.answeredLiveAt() != null && "answered".equals(p.status());
      steps.add(new JsonObject().put("step", "on_air").put("done", p.onAirAt() != null || live)
          .put("answered", live)
          .put("at", Times.format(live ? p.answeredLiveAt() : p.onAirAt(), zone))
          .put("episode", p.episodeTitle()));
      if (p.agency() != null) {
        steps.add(new JsonObject().put("step", "forwarded").put("done", true)
            .put("at", Times.format(p.assignedAt(), zone)).put("agency", p.agency())
            .put("dueDay", Times.day(p.dueAt(), zone)).put("workingDays", workingDays(p)));
        steps.add(step("answered", p.agencyAnsweredAt()).put("reviewed", "approved".equals(p.review())));
        JsonObject published = step("published", p.publishedAt());
        if (p.publishedAt() != null) {
          published.put("link", link(p));
        }
        steps.add(published);
      } else if (!live) {
        steps.add(new JsonObject().put("step", "forwarded").put("done", false));
      }
    }
    String current = "received";
    for (int i = 0; i < steps.size(); i++) {
      if (steps.getJsonObject(i).getBoolean("done")) {
        current = steps.getJsonObject(i).getString("step");
      }
    }
    String question = ContactRedaction.redact(p.question());
    if (question != null && question.length() > QUESTION_SHOWN) {
      question = question.substring(0, QUESTION_SHOWN) + "…";
    }
    return new JsonObject().put("receipt", ReceiptCode.format(asked.receiptCode())).put("kind", p.kind())
        .put("question", question).put("episode", p.episodeTitle()).put("current", current).put("steps", steps);
  }

  private JsonObject step(String name, java.time.OffsetDateTime at) {
    return new JsonObject().put("step", name).put("done", at != null).put("at", Times.format(at, zone));
  }

  private Integer workingDays(TrackStore.Path p) {
    if (p.assignedAt() == null || p.dueAt() == null) {
      return null;
    }
    try {
      return calendar.workingDaysBetween(p.assignedAt().atZoneSameInstant(zone).toLocalDate(),
          p.dueAt().atZoneSameInstant(zone).toLocalDate());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String link(TrackStore.Path p) {
    return publicUrl + "/answers.html" + (p.episodeId() == null ? "" : "?episode=" + p.episodeId())
        + "#answer-" + p.answerId();
  }

  /**
   * The SMS side: a text that is the lookup keyword and a code, answered to its sender with where the question
   * stands, when the sender's number is the asker's (else "not found"). Not a question: nothing is stored as one.
   */
  public IntakeService.SmsLookup smsLookup() {
    return m -> {
      if (lookup == null || m.text() == null) {
        return null;
      }
      Matcher match = lookup.matcher(VietnameseText.withoutMarks(m.text()).toUpperCase(Locale.ROOT));
      String code = match.matches() ? ReceiptCode.parse(match.group(1)) : null;
      if (code == null) {
        return null;
      }
      return store.byCode(code)
          .compose(p -> p != null && sameNumber(p.phone(), m.from()) ? resolved(p, 0).map(r -> summary(p, r))
              : Future.succeededFuture(new Reply(null, "không có trong hệ thống với số điện thoại "
                  + "của Ông/Bà; đề nghị kiểm tra lại mã số.")))
          .compose(reply -> {
            Map<String, Object> values = new HashMap<>();
            values.put("ma_so", ReceiptCode.format(code));
            values.put("tinh_trang", reply.status());
            values.put("duong_dan", publicUrl + "/track.html");
            return templates.render("track-reply-sms", values).compose(msg -> store.queueReply(UUID.randomUUID(),
                    "sms:" + m.messageId(), m.from(), reply.submissionId(), msg.subject(), msg.body())
                .map(id -> new IntakeService.SmsReceipt(id, null, code, false, true)));
          });
    };
  }

  private record Reply(UUID submissionId, String status) {
  }

  /** The numbers are one when their last nine digits are (0912… and +84912… alike). */
  static boolean sameNumber(String stored, String from) {
    if (stored == null || from == null) {
      return false;
    }
    String a = stored.replaceAll("[^0-9]", "");
    String b = from.replaceAll("[^0-9]", "");
    return a.length() >= 9 && b.length() >= 9 && a.substring(a.length() - 9).equals(b.substring(b.length() - 9));
  }

  /** One sentence for the SMS reply: the furthest step reached. */
  private Reply summary(TrackStore.Path asked, TrackStore.Path p) {
    String status;
    if (!"question".equals(p.kind())) {
      status = "đã chuyển Ban Tiếp công dân xử lý theo quy định về khiếu nại, tố cáo.";
    } else if (p.publishedAt() != null) {
      status = "đã được " + p.agency() + " trả lời; nội dung trả lời đăng tại " + link(p) + " .";
    } else if (p.agencyAnsweredAt() != null) {
      status = "đã được " + p.agency() + " trả lời; Ban Biên tập đang xem xét để công bố.";
    } else if (p.agency() != null) {
      Integer days = workingDays(p);
      status = "đã chuyển " + p.agency() + " trả lời, hạn " + p.dueAt().atZoneSameInstant(zone).format(DAY)
          + (days == null ? "" : " (" + days + " ngày làm việc)") + ".";
    } else if (p.answeredLiveAt() != null && "answered".equals(p.status())) {
      status = "đã được trả lời trực tiếp trên sóng lúc "
          + p.answeredLiveAt().atZoneSameInstant(zone).format(DAY_TIME) + ".";
    } else if ("rejected".equals(p.status())) {
      status = "không được Ban Biên tập chọn để đưa lên sóng.";
    } else {
      status = "đã nhận lúc " + asked.receivedAt().atZoneSameInstant(zone).format(DAY_TIME)
          + ", Ban Biên tập đang xem xét.";
    }
    return new Reply(asked.id(), status);
  }
}
