package vn.danhoi.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.document.Issuer;
import vn.danhoi.infra.Times;
import vn.danhoi.locality.Locality;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The figures of one report, as the page, the XLSX and the PDF all show them. A question is a submission the
 * editors kept (neither merged into another nor rejected); it was answered on air (or in the room, at a
 * dialogue), answered after the show (an approved agency answer), or is still pending.
 */
public record Report(ReportScope scope, String title, OffsetDateTime generatedAt, List<EpisodeRow> episodes,
                     Totals totals, Map<Dimension, List<Breakdown>> breakdowns, List<Timeliness> agencies,
                     Timeliness allAgencies, List<QuestionRow> questions, List<Notices> notices, Issued issued) {

  /**
   * What the askers were told, by channel (sms, email, log): notices queued, sent (a provider took it or may
   * have), delivered (its report said so), failed (refused, or reported undelivered) and held back by the
   * daily limits.
   */
  public record Notices(String channel, long queued, long sent, long delivered, long failed, long limited) {
    static final List<String> HEADER = List.of("Kênh", "Đang chờ gửi", "Đã gửi", "Đã đến máy người nhận",
        "Không gửi được", "Vượt giới hạn trong ngày");
    private static final Map<String, String> CHANNELS = Map.of("sms", "Tin nhắn SMS", "email", "Thư điện tử",
        "log", "Chỉ ghi nhật ký (chưa cấu hình gửi)");

    /** The channel as the sheet and the signed report name it. */
    String channelLabel() {
      return CHANNELS.getOrDefault(channel, channel);
    }
  }

  /** Who signs the report as a "Báo cáo", and where: the program's issuing body and place. */
  public record Issued(Issuer issuer, String place) {
  }

  Report issuedBy(Issued by) {
    return new Report(scope, title, generatedAt, episodes, totals, breakdowns, agencies, allAgencies, questions,
        notices, by);
  }

  /** What the questions are counted by. */
  public enum Dimension {
    CHANNEL("channel", "Kênh tiếp nhận", "Channel"),
    FIELD("field", "Lĩnh vực", "Field"),
    /** The commune-level unit within its province, however the asker typed it (see LocalityRows). */
    LOCALITY("locality", "Xã, phường, đặc khu", "Commune, ward or special zone"),
    PROVINCE("province", "Tỉnh, thành phố", "Province or city"),
    AGENCY("agency", "Cơ quan trả lời", "Agency");

    final String key;
    final String vi;
    final String en;

    Dimension(String key, String vi, String en) {
      this.key = key;
      this.vi = vi;
      this.en = en;
    }

    static Dimension of(String key) {
      for (Dimension d : values()) {
        if (d.key.equals(key)) {
          return d;
        }
      }
      return null;
    }
  }

  static final Map<String, String> CHANNELS = Map.of("web", "Trang web", "sms", "SMS", "hotline", "Đường dây nóng",
      "email", "Thư điện tử", "post", "Thư gửi qua bưu điện", "form", "Phiếu / tại buổi đối thoại");
  static final String NONE = "(chưa xác định)";

  public record EpisodeRow(String id, String title, String kind, OffsetDateTime startsAt) {
  }

  /**
   * Every submission of the scope, what the editors folded or set aside, what became of the questions, and the
   * complaints and denunciations, which are not questions: referred to the citizen reception office.
   */
  public record Totals(long received, long merged, long rejected, long questions, long askers, long onAir,
                       long after, long published, long complaints, long denunciations) {
    long pending() {
      return questions - onAir - after;
    }

    long referred() {
      return complaints + denunciations;
    }
  }

  static final String REFERRED = "Đơn khiếu nại, tố cáo (chuyển Ban Tiếp công dân)";

  public record Breakdown(String key, long questions, long askers, long onAir, long after, long published) {
    long pending() {
      return questions - onAir - after;
    }

    /**
     * The key as people read it: the channel's name, or "(chưa xác định)" when the question had none
     * ("Không rõ địa bàn" for a locality no one can place).
     */
    String label(Dimension d) {
      if (key == null) {
        return d == Dimension.LOCALITY || d == Dimension.PROVINCE ? Locality.UNKNOWN_LABEL : NONE;
      }
      return d == Dimension.CHANNEL ? CHANNELS.getOrDefault(key, key) : key;
    }
  }

  /**
   * An agency's assignments: answered on time or late (the approved answer's date against the deadline),
   * overdue or not yet due without one, sent back; and the median days from assignment to that answer, in
   * calendar days and in working days (the rules' deadlines count working days).
   */
  public record Timeliness(String agency, long assigned, long onTime, long late, long overdue, long notDue,
                           long sentBack, Double medianDays, Double medianWorkingDays) {
  }

  /** One question, with nothing that identifies the asker beyond the given name and the locality. */
  public record QuestionRow(long seq, String episodeTitle, String channel, String text, String asker,
                            String locality, String field, String agency, String outcome, OffsetDateTime dueAt,
                            OffsetDateTime answeredAt, OffsetDateTime publishedAt) {
    boolean late() {
      return dueAt != null && answeredAt != null && answeredAt.isAfter(dueAt);
    }
  }

  static final Map<String, String> OUTCOMES = Map.of("on_air", "Trả lời tại chương trình",
      "after", "Trả lời sau chương trình", "pending", "Chưa trả lời");

  /** The totals as label and number, in the order the XLSX and the PDF print them. */
  List<Object[]> totalLines() {
    return List.of(new Object[] {"Số lượt gửi đến (mọi kênh)", totals.received()},
        new Object[] {"Gộp vào câu hỏi trùng", totals.merged()},
        new Object[] {"Không tiếp nhận (ngoài phạm vi, trùng lặp, không phù hợp)", totals.rejected()},
        new Object[] {"Số câu hỏi", totals.questions()},
        new Object[] {"Số người hỏi (kể cả câu hỏi gộp)", totals.askers()},
        new Object[] {"Trả lời tại chương trình", totals.onAir()},
        new Object[] {"Trả lời sau chương trình", totals.after()},
        new Object[] {"Trong đó đã công bố", totals.published()},
        new Object[] {"Chưa trả lời", totals.pending()},
        new Object[] {"Trung vị số ngày cơ quan trả lời", allAgencies.medianDays()},
        new Object[] {"Trung vị số ngày làm việc cơ quan trả lời", allAgencies.medianWorkingDays()},
        new Object[] {REFERRED, totals.referred()},
        new Object[] {"Trong đó: khiếu nại", totals.complaints()},
        new Object[] {"Trong đó: tố cáo", totals.denunciations()});
  }

  JsonObject toJson(ZoneId zone) {
    JsonObject scopeJson = new JsonObject().put("title", title);
    if (scope.isEpisode()) {
      scopeJson.put("episodeId", scope.episodeId().toString());
    } else {
      scopeJson.put("period", scope.period()).put("from", scope.from().toString())
          .put("to", scope.until().minusDays(1).toString());
    }
    JsonArray eps = new JsonArray();
    episodes.forEach(e -> eps.add(new JsonObject().put("id", e.id()).put("title", e.title()).put("kind", e.kind())
        .put("startsAt", Times.format(e.startsAt(), zone))));
    JsonObject by = new JsonObject();
    breakdowns.forEach((d, rows) -> {
      JsonArray out = new JsonArray();
      rows.forEach(b -> out.add(new JsonObject().put("key", b.key()).put("label", b.label(d))
          .put("questions", b.questions()).put("askers", b.askers()).put("onAir", b.onAir()).put("after", b.after())
          .put("published", b.published()).put("pending", b.pending())));
      by.put(d.key, out);
    });
    JsonArray agencyRows = new JsonArray();
    agencies.forEach(t -> agencyRows.add(timeliness(t)));
    JsonArray qs = new JsonArray();
    questions.forEach(q -> qs.add(new JsonObject().put("seq", q.seq()).put("episodeTitle", q.episodeTitle())
        .put("channel", q.channel()).put("text", q.text()).put("asker", q.asker()).put("locality", q.locality())
        .put("field", q.field()).put("agency", q.agency()).put("outcome", q.outcome())
        .put("dueDate", Times.day(q.dueAt(), zone))
        .put("answeredAt", Times.format(q.answeredAt(), zone)).put("publishedAt", Times.format(q.publishedAt(), zone))
        .put("late", q.late())));
    return new JsonObject().put("scope", scopeJson).put("generatedAt", Times.format(generatedAt, zone))
        .put("episodes", eps)
        .put("totals", new JsonObject().put("received", totals.received()).put("merged", totals.merged())
            .put("rejected", totals.rejected()).put("questions", totals.questions()).put("askers", totals.askers())
            .put("onAir", totals.onAir()).put("after", totals.after()).put("published", totals.published())
            .put("pending", totals.pending()).put("medianDaysToAnswer", allAgencies.medianDays())
            .put("medianWorkingDaysToAnswer", allAgencies.medianWorkingDays()))
        .put("complaints", new JsonObject().put("label", REFERRED).put("total", totals.referred())
            .put("complaint", totals.complaints()).put("denunciation", totals.denunciations()))
        .put("by", by).put("agencies", agencyRows).put("allAgencies", timeliness(allAgencies))
        .put("questions", new JsonObject().put("total", totals.questions()).put("items", qs))
        .put("notices", noticesJson());
  }

  private JsonArray noticesJson() {
    JsonArray out = new JsonArray();
    notices.forEach(n -> out.add(new JsonObject().put("channel", n.channel()).put("queued", n.queued())
        .put("sent", n.sent()).put("delivered", n.delivered()).put("failed", n.failed()).put("limited", n.limited())));
    return out;
  }

  private static JsonObject timeliness(Timeliness t) {
    return new JsonObject().put("agency", t.agency()).put("assigned", t.assigned()).put("onTime", t.onTime())
        .put("late", t.late()).put("overdue", t.overdue()).put("notDue", t.notDue()).put("sentBack", t.sentBack())
        .put("medianDays", t.medianDays()).put("medianWorkingDays", t.medianWorkingDays());
  }
}
