package vn.danhoi.conclusion;

import vn.danhoi.document.Issuer;
import vn.danhoi.intake.ItemStatus;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes the first draft of a conclusion notice from what happened in the episode, in the form its kind calls
 * for: a show's conclusion of the issuing body (issues by field, answered on air, questions still to answer); an
 * accountability session's (what delegates raised, how the agencies explained, what they committed to); an
 * in-person dialogue's, the chairman's conclusion at the conference issued by the office (answered in the room,
 * assigned to agencies). Only the editors' wording is quoted; what no one has worded yet is counted by field.
 */
public final class ConclusionDraft {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  static final String OTHER_FIELD = "Lĩnh vực khác";
  static final String ACCOUNTABILITY = "accountability";
  static final String DIALOGUE = "dialogue";

  private ConclusionDraft() {
  }

  /** The episode as the draft needs it; {@code kind} is the episode's (live, recorded, accountability, dialogue). */
  public record Source(String kind, String episodeTitle, String topic, String venue, OffsetDateTime startsAt,
                       String programName, String parentBody, String issuingBody, String abbreviation, String chair,
                       String chairTitle, List<Question> questions, List<Task> tasks, List<Speaker> speakers,
                       List<CalledAgency> agencies) {

    /** Who issues this episode's notice: a dialogue's is the office's (see {@link Conclusion#issuer}). */
    Issuer issuer() {
      return Conclusion.issuer(kind, parentBody, issuingBody, abbreviation);
    }
  }

  /**
   * A question or opinion of the episode (rejected and merged ones left out; merged askers counted on the
   * survivor): {@code text} is the editors' or the office's wording, null when there is none to quote.
   */
  public record Question(String text, String field, String status, int askers, String stage, String answeredBy,
                         String answer) {
  }

  /** A question still to answer: its live assignment (agency, deadline), or none yet; {@code text} as above. */
  public record Task(String text, String field, long seq, String agency, OffsetDateTime dueAt, boolean published) {
  }

  /** A delegate registered to speak at a session: on what, to which agency. */
  public record Speaker(String delegate, String subject, String agency) {
  }

  /** An agency called to account: its subjects, when its written report was due and when it came, if it did. */
  public record CalledAgency(String agency, String subjects, OffsetDateTime dueAt, OffsetDateTime filedAt) {
  }

  public record NewItem(String text, String ownerAgency, OffsetDateTime dueAt, String status) {
  }

  public record Draft(String title, String body, List<String> recipients, String signerAuthority,
                      String signerName, String signerTitle, List<NewItem> items) {
  }

  public static Draft write(Source s, ZoneId zone) {
    return switch (s.kind() == null ? "" : s.kind()) {
      case ACCOUNTABILITY -> accountability(s, zone);
      case DIALOGUE -> dialogue(s, zone);
      default -> show(s, zone);
    };
  }

  /** A show's conclusion: the issuing body's (by default the council's standing committee), signed by the chair. */
  private static Draft show(Source s, ZoneId zone) {
    // the issuer in a sentence is a name, never the heading's capitals
    String issuer = s.issuer().inSentence();
    String program = s.programName() == null || s.programName().isBlank() ? "" : " “" + s.programName() + "”";
    String subject = subject(s);
    String title = "Kết luận của " + issuer + " tại chương trình" + program + " về " + subject;

    int asked = s.questions().stream().mapToInt(Question::askers).sum();
    List<Question> onAir = s.questions().stream().filter(q -> ItemStatus.ANSWERED.wire().equals(q.status())).toList();
    StringBuilder body = new StringBuilder();
    body.append("Ngày ").append(day(s.startsAt(), zone)).append(", ").append(issuer)
        .append(" tổ chức chương trình").append(program).append(" với chủ đề “").append(subject).append("”");
    Chair chair = Chair.of(s.chair(), s.chairTitle());
    if (!chair.name().isEmpty()) {
      body.append(", do đồng chí ").append(chair.name()).append(chair.title().isEmpty() ? "" : ", " + chair.title())
          .append(" chủ trì");
    }
    if (s.questions().isEmpty()) {
      body.append(". Chương trình chưa tiếp nhận ý kiến, câu hỏi nào của cử tri, Nhân dân. ");
    } else {
      body.append(". Chương trình đã tiếp nhận ").append(s.questions().size()).append(" ý kiến, câu hỏi (")
          .append(asked).append(" lượt cử tri, Nhân dân); ").append(onAir.size())
          .append(" ý kiến đã được trả lời trực tiếp tại chương trình. ");
    }
    body.append(issuer).append(" kết luận như sau:\n\n");

    body.append("I. CÁC VẤN ĐỀ CỬ TRI, NHÂN DÂN NÊU\n");
    byField(body, s.questions(), "lượt người hỏi", "Không có.");
    body.append("\nII. CÁC NỘI DUNG ĐÃ ĐƯỢC TRẢ LỜI TẠI CHƯƠNG TRÌNH\n");
    quoted(body, onAir, q -> "");
    body.append("\nIII. GIAO NHIỆM VỤ\nĐề nghị các cơ quan, đơn vị có tên dưới đây trả lời cử tri, Nhân dân và "
        + "báo cáo kết quả về ").append(issuer).append(" đúng thời hạn.");

    List<NewItem> items = items(s.tasks());
    return new Draft(title, body.toString(), recipients("TT. Tỉnh ủy, HĐND, UBND tỉnh", s, List.of(),
        "Đài Phát thanh và Truyền hình"), s.issuer().onBehalf(), chair.name(),
        chair.title().isEmpty() ? "Chủ tịch" : chair.title(), items);
  }

  /**
   * An accountability session's conclusion: what the delegates raised (the speakers' subjects, their written
   * questions), how each agency called explained itself (its written report, on time or late), then the
   * commitments, which follow as items with their owners and deadlines.
   */
  private static Draft accountability(Source s, ZoneId zone) {
    String issuer = s.issuer().inSentence();
    String subject = subject(s);
    String title = "Kết luận của " + issuer + " tại phiên giải trình về " + subject;
    Chair chair = Chair.of(s.chair(), s.chairTitle());
    StringBuilder body = new StringBuilder();
    body.append("Ngày ").append(day(s.startsAt(), zone)).append(", ").append(issuer)
        .append(" tổ chức phiên giải trình về “").append(subject).append("”");
    if (!chair.name().isEmpty()) {
      body.append(", do đồng chí ").append(chair.name()).append(chair.title().isEmpty() ? "" : ", " + chair.title())
          .append(" chủ trì");
    }
    body.append('.');
    if (!s.agencies().isEmpty()) {
      body.append(" Các cơ quan giải trình: ").append(String.join(", ", s.agencies().stream()
          .map(CalledAgency::agency).toList())).append('.');
    }
    body.append(" Sau khi nghe ý kiến của đại biểu và giải trình của các cơ quan, ").append(issuer)
        .append(" kết luận như sau:\n\n");

    body.append("I. CÁC VẤN ĐỀ ĐẠI BIỂU NÊU\n");
    for (Speaker p : s.speakers()) {
      body.append("- ").append(p.delegate()).append(": ").append(clause(p.subject()))
          .append(p.agency() == null || p.agency().isBlank() ? "" : " (cơ quan giải trình: " + p.agency().trim() + ")")
          .append(".\n");
    }
    if (!s.questions().isEmpty()) {
      body.append("Ý kiến, câu hỏi gửi đến phiên giải trình:\n");
      byField(body, s.questions(), "lượt người gửi", null);
    }
    if (s.speakers().isEmpty() && s.questions().isEmpty()) {
      body.append("- Không có đại biểu đăng ký phát biểu hoặc gửi câu hỏi.\n");
    }

    body.append("\nII. GIẢI TRÌNH CỦA CÁC CƠ QUAN\n");
    for (CalledAgency a : s.agencies()) {
      body.append("- ").append(a.agency()).append(" giải trình về ").append(clause(a.subjects())).append("; ");
      if (a.filedAt() == null) {
        body.append("chưa gửi báo cáo giải trình bằng văn bản (hạn ").append(day(a.dueAt(), zone)).append(").\n");
      } else if (a.filedAt().isAfter(a.dueAt())) {
        body.append("đã gửi báo cáo giải trình bằng văn bản ngày ").append(day(a.filedAt(), zone))
            .append(", chậm so với hạn ").append(day(a.dueAt(), zone)).append(".\n");
      } else {
        body.append("đã gửi báo cáo giải trình bằng văn bản đúng hạn, ngày ").append(day(a.filedAt(), zone))
            .append(".\n");
      }
    }
    if (s.agencies().isEmpty()) {
      body.append("- Không có cơ quan được mời giải trình.\n");
    }
    body.append("\nIII. CAM KẾT VÀ NHIỆM VỤ CỦA CÁC CƠ QUAN\nĐề nghị các cơ quan thực hiện đúng các nội dung đã cam "
        + "kết dưới đây và báo cáo kết quả về ").append(issuer).append(" đúng thời hạn.");

    return new Draft(title, body.toString(), recipients("TT. Tỉnh ủy, HĐND, UBND tỉnh", s,
        s.agencies().stream().map(CalledAgency::agency).toList(), "Các vị đại biểu HĐND tỉnh"),
        s.issuer().onBehalf(), chair.name(), chair.title().isEmpty() ? "Chủ tịch" : chair.title(), items(s.tasks()));
  }

  /**
   * An in-person dialogue's conclusion: the chairman's, at the conference, issued and signed by the office that
   * serves him (its head signs in person); what was answered in the room, then what is assigned, as items.
   */
  private static Draft dialogue(Source s, ZoneId zone) {
    Chair chair = Chair.of(s.chair(), s.chairTitle());
    // the body the chairman heads: the program's issuing body unless that is the office itself
    String council = s.issuingBody() == null || s.issuingBody().isBlank() || Conclusion.isOffice(s.issuingBody()) ? ""
        : Issuer.of(null, s.issuingBody(), null, "").inSentence();
    String chairTitle = !chair.title().isEmpty() ? chair.title() : council.isEmpty() ? "Chủ tịch" : "Chủ tịch " + council;
    String who = chair.name().isEmpty() ? chairTitle : "đồng chí " + chair.name() + ", " + chairTitle;
    String where = s.venue() == null || s.venue().isBlank() ? "" : " tại " + s.venue().trim();
    String title = "Kết luận của " + who + " tại hội nghị tiếp xúc, đối thoại trực tiếp với Nhân dân" + where;

    List<Question> inRoom = s.questions().stream().filter(q -> q.answeredBy() != null).toList();
    StringBuilder body = new StringBuilder();
    body.append("Ngày ").append(day(s.startsAt(), zone)).append(where.isEmpty() ? "" : "," + where).append(", ")
        .append(who).append(" chủ trì hội nghị tiếp xúc, đối thoại trực tiếp với Nhân dân");
    if (s.topic() != null && !s.topic().isBlank()) {
      body.append(" về “").append(s.topic().trim()).append("”");
    }
    if (s.questions().isEmpty()) {
      body.append(". Hội nghị chưa ghi nhận ý kiến nào của Nhân dân.");
    } else {
      // what the office wrote down before and at the meeting, and what came by the other channels
      List<String> parts = new ArrayList<>();
      long before = s.questions().stream().filter(q -> "before".equals(q.stage())).count();
      long meeting = s.questions().stream().filter(q -> "meeting".equals(q.stage())).count();
      long other = s.questions().size() - before - meeting;
      if (before > 0) {
        parts.add(before + " ý kiến thu thập trước hội nghị");
      }
      if (meeting > 0) {
        parts.add(meeting + " ý kiến nêu tại hội nghị");
      }
      if (other > 0) {
        parts.add(other + " ý kiến gửi qua các kênh khác");
      }
      body.append(". Hội nghị đã nghe ").append(s.questions().size()).append(" ý kiến của Nhân dân (")
          .append(String.join(", ", parts)).append("); ").append(inRoom.size())
          .append(" ý kiến đã được trả lời trực tiếp tại hội nghị.");
    }
    body.append(" Kết thúc hội nghị, ").append(chair.name().isEmpty() ? chairTitle : "đồng chí " + chair.name())
        .append(" kết luận như sau:\n\n");
    body.append("I. CÁC VẤN ĐỀ NHÂN DÂN NÊU\n");
    byField(body, s.questions(), "lượt người nêu", "Không có.");
    body.append("\nII. CÁC Ý KIẾN ĐÃ ĐƯỢC TRẢ LỜI TẠI HỘI NGHỊ\n");
    quoted(body, inRoom, q -> " (" + q.answeredBy().trim() + " trả lời" + (q.answer() == null || q.answer().isBlank()
        ? "" : ": " + clause(q.answer())) + ")");
    body.append("\nIII. CÁC Ý KIẾN GIAO CƠ QUAN, ĐƠN VỊ GIẢI QUYẾT\nGiao các cơ quan, đơn vị có tên dưới đây xem xét, "
        + "giải quyết, trả lời Nhân dân và báo cáo kết quả về ").append(chairTitle).append(" đúng thời hạn.");

    String leaders = "Chủ tịch, các Phó Chủ tịch" + (council.isEmpty() ? "" : " " + council);
    return new Draft(title, body.toString(), recipients(leaders, s, List.of(),
        "Ủy ban nhân dân các xã, thị trấn có ý kiến"), "", "", "Chánh Văn phòng", items(s.tasks()));
  }

  /** The episode's topic, else its title. */
  private static String subject(Source s) {
    return s.topic() == null || s.topic().isBlank() ? s.episodeTitle() : s.topic().trim();
  }

  /**
   * The issues grouped by field, each with its count; the wording quoted where there is one, the rest counted,
   * since a citizen's text as it came (an SMS without diacritics) is no document's sentence.
   */
  private static void byField(StringBuilder body, List<Question> questions, String people, String none) {
    Map<String, List<Question>> byField = new LinkedHashMap<>();
    for (Question q : questions) {
      byField.computeIfAbsent(q.field() == null || q.field().isBlank() ? OTHER_FIELD : q.field().trim(),
          k -> new ArrayList<>()).add(q);
    }
    if (byField.isEmpty() && none != null) {
      body.append("- ").append(none).append('\n');
    }
    int n = 1;
    for (Map.Entry<String, List<Question>> e : byField.entrySet()) {
      int askers = e.getValue().stream().mapToInt(Question::askers).sum();
      body.append(n++).append(". ").append(e.getKey()).append(" (").append(e.getValue().size()).append(" ý kiến, ")
          .append(askers).append(' ').append(people).append("):\n");
      long unworded = 0;
      for (Question q : e.getValue()) {
        if (q.text() == null) {
          unworded++;
        } else {
          body.append("- ").append(q.askers() > 1 ? q.text().trim() + " (" + q.askers() + " người cùng hỏi)."
              : sentence(q.text())).append('\n');
        }
      }
      if (unworded > 0) {
        body.append("- ").append(unworded == e.getValue().size() ? "" : "Ngoài ra, ").append(unworded)
            .append(" ý kiến thuộc lĩnh vực này đang được tổng hợp, biên tập.\n");
      }
    }
  }

  /** One line per question with wording, and a count of those without; "Không có." when there are none. */
  private static void quoted(StringBuilder body, List<Question> questions, Function<Question, String> after) {
    long unworded = questions.stream().filter(q -> q.text() == null).count();
    if (questions.isEmpty()) {
      body.append("- Không có.\n");
    }
    questions.stream().filter(q -> q.text() != null)
        .forEach(q -> {
          String note = after.apply(q);
          body.append("- ").append(note.isEmpty() ? sentence(q.text()) : clause(q.text()) + note + ".").append('\n');
        });
    if (unworded > 0) {
      body.append("- ").append(unworded).append(unworded == questions.size() ? " ý kiến" : " ý kiến khác")
          .append(" (nội dung đang được tổng hợp, biên tập).\n");
    }
  }

  /** The items: each question still to answer, in its wording or named by its field and number. */
  private static List<NewItem> items(List<Task> tasks) {
    List<NewItem> items = new ArrayList<>();
    for (Task t : tasks) {
      String text = t.text() != null ? sentence(t.text()) : "Trả lời ý kiến của cử tri, Nhân dân"
          + (t.field() == null || t.field().isBlank() ? "" : " thuộc lĩnh vực " + t.field().trim())
          + " (số tiếp nhận " + t.seq() + ").";
      items.add(new NewItem(text, t.agency(), t.dueAt(), t.published() ? "done" : "open"));
    }
    return items;
  }

  /** The first line, the agencies that own items or were called, the closing lines, then the archive's. */
  private static List<String> recipients(String first, Source s, List<String> called, String last) {
    Set<String> owners = new LinkedHashSet<>(called);
    for (Task t : s.tasks()) {
      if (t.agency() != null && !t.agency().isBlank()) {
        owners.add(t.agency());
      }
    }
    List<String> recipients = new ArrayList<>();
    recipients.add(first);
    recipients.addAll(owners);
    recipients.add(last);
    recipients.add("Lưu: VT");
    return recipients;
  }

  private static String day(OffsetDateTime t, ZoneId zone) {
    return t.atZoneSameInstant(zone).format(DAY);
  }

  /** A text without its closing stop, so a note can follow before it. */
  static String clause(String text) {
    String t = text.trim();
    return t.endsWith(".") || t.endsWith(";") ? t.substring(0, t.length() - 1).trim() : t;
  }

  /** A text ending in punctuation, as an item is written. */
  static String sentence(String text) {
    String t = text.trim();
    return t.isEmpty() || ".?!".indexOf(t.charAt(t.length() - 1)) >= 0 ? t : t + ".";
  }

  /**
   * Who chaired, as the signature needs it: the name apart from the title, whether the plan names the chair
   * among the episode's people (name, title) or in its chair line as "Mã Thị Tươi, Phó Chủ tịch HĐND tỉnh".
   */
  record Chair(String name, String title) {
    static Chair of(String chair, String title) {
      String line = chair == null ? "" : chair.trim();
      String t = title == null ? "" : title.trim();
      int comma = line.indexOf(',');
      if (t.isEmpty() && comma > 0) {
        return new Chair(line.substring(0, comma).trim(), line.substring(comma + 1).trim());
      }
      return new Chair(comma > 0 ? line.substring(0, comma).trim() : line, t);
    }
  }
}
