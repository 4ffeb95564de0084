package vn.danhoi.conclusion;

import vn.danhoi.document.Issuer;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.danhoi.intake.ItemStatus;

/**
 * Writes the first draft of a conclusion notice from what happened in the episode (the councils "ban hành
 * Thông báo kết luận … và ý kiến đường dây nóng chưa được trả lời"; a dialogue's opinions grouped by issue,
 * answered at the meeting or assigned to agencies): the issues raised grouped by field, what was answered on
 * air, and one item per question still to be answered, with its agency and deadline.
 */
public final class ConclusionDraft {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  static final String OTHER_FIELD = "Lĩnh vực khác";

  private ConclusionDraft() {
  }

  /** The episode as the draft needs it. */
  public record Source(String episodeTitle, String topic, OffsetDateTime startsAt, String programName,
                       String issuingBody, String chair, String chairTitle, List<Question> questions,
                       List<Task> tasks) {
  }

  /** A question of the episode (rejected and merged ones left out; merged askers counted on the survivor). */
  public record Question(String text, String field, String status, int askers) {
  }

  /** A question still to answer: its live assignment (agency, deadline), or none yet. */
  public record Task(String text, String agency, OffsetDateTime dueAt, boolean published) {
  }

  public record NewItem(String text, String ownerAgency, OffsetDateTime dueAt, String status) {
  }

  public record Draft(String title, String body, List<String> recipients, String signerAuthority,
                      String signerName, String signerTitle, List<NewItem> items) {
  }

  public static Draft write(Source s, ZoneId zone) {
    Issuer by = Conclusion.issuer(null, s.issuingBody(), null);
    // the issuer in a sentence is a name, never the heading's capitals
    String issuer = by.inSentence();
    String program = s.programName() == null || s.programName().isBlank() ? "" : " “" + s.programName() + "”";
    String subject = s.topic() == null || s.topic().isBlank() ? s.episodeTitle() : s.topic();
    String title = "Kết luận của " + issuer + " tại chương trình" + program + " về " + subject;

    int asked = s.questions().stream().mapToInt(Question::askers).sum();
    List<Question> onAir = s.questions().stream().filter(q -> ItemStatus.ANSWERED.wire().equals(q.status())).toList();
    StringBuilder body = new StringBuilder();
    body.append("Ngày ").append(s.startsAt().atZoneSameInstant(zone).format(DAY)).append(", ").append(issuer)
        .append(" tổ chức chương trình").append(program).append(" với chủ đề “").append(subject).append("”");
    Chair chair = Chair.of(s.chair(), s.chairTitle());
    if (!chair.name().isEmpty()) {
      body.append(", do đồng chí ").append(chair.name()).append(chair.title().isEmpty() ? "" : ", " + chair.title())
          .append(" chủ trì");
    }
    body.append(". Chương trình đã tiếp nhận ").append(s.questions().size()).append(" ý kiến, câu hỏi (")
        .append(asked).append(" lượt cử tri, Nhân dân); ").append(onAir.size())
        .append(" ý kiến đã được trả lời trực tiếp tại chương trình. ").append(issuer).append(" kết luận như sau:\n\n");

    body.append("I. CÁC VẤN ĐỀ CỬ TRI, NHÂN DÂN NÊU\n");
    Map<String, List<Question>> byField = new LinkedHashMap<>();
    for (Question q : s.questions()) {
      byField.computeIfAbsent(q.field() == null || q.field().isBlank() ? OTHER_FIELD : q.field(),
          k -> new ArrayList<>()).add(q);
    }
    int n = 1;
    for (Map.Entry<String, List<Question>> e : byField.entrySet()) {
      int people = e.getValue().stream().mapToInt(Question::askers).sum();
      body.append(n++).append(". ").append(e.getKey()).append(" (").append(e.getValue().size()).append(" ý kiến, ")
          .append(people).append(" lượt người hỏi):\n");
      for (Question q : e.getValue()) {
        body.append("- ").append(q.text()).append(q.askers() > 1 ? " (" + q.askers() + " người cùng hỏi)" : "")
            .append("\n");
      }
    }
    body.append("\nII. CÁC NỘI DUNG ĐÃ ĐƯỢC TRẢ LỜI TẠI CHƯƠNG TRÌNH\n");
    if (onAir.isEmpty()) {
      body.append("- Không có.\n");
    }
    onAir.forEach(q -> body.append("- ").append(q.text()).append("\n"));
    body.append("\nIII. GIAO NHIỆM VỤ\nĐề nghị các cơ quan, đơn vị có tên dưới đây trả lời cử tri, Nhân dân và "
        + "báo cáo kết quả về ").append(issuer).append(" đúng thời hạn.");

    List<NewItem> items = new ArrayList<>();
    Set<String> owners = new LinkedHashSet<>();
    for (Task t : s.tasks()) {
      items.add(new NewItem(t.text(), t.agency(), t.dueAt(), t.published() ? "done" : "open"));
      if (t.agency() != null && !t.agency().isBlank()) {
        owners.add(t.agency());
      }
    }
    List<String> recipients = new ArrayList<>();
    recipients.add("TT. Tỉnh ủy, HĐND, UBND tỉnh");
    recipients.addAll(owners);
    recipients.add("Đài Phát thanh và Truyền hình");
    recipients.add("Lưu: VT");
    return new Draft(title, body.toString(), recipients, by.onBehalf(), chair.name(),
        chair.title().isEmpty() ? "Chủ tịch" : chair.title(), items);
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
