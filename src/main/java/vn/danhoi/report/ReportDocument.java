package vn.danhoi.report;

import vn.danhoi.document.DocumentType;
import vn.danhoi.document.OfficialDocument;
import vn.danhoi.document.Signature;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A report as the "Báo cáo" the council office sends upward (Decree 30/2020/ND-CP, Appendix I): the program's
 * issuing body, its number, the figures and the tables in the body, "Nơi nhận" and the signature. Written as
 * PDF and DOCX by the document package; the XLSX stays the data sheet with every row.
 */
final class ReportDocument {

  /** A document of tens of thousands of rows helps nobody; the XLSX carries them all. */
  static final int LISTED = 2_000;

  private static final Locale VI = Locale.forLanguageTag("vi-VN");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  /**
   * Widths in cm of A4's 16 cm of text, wide enough that a date (dd/mm/yyyy at 13 pt) always fits its column
   * whole: a date broken over two lines ("28/12/202 / 6") reads as another date.
   */
  private static final float[] TOTALS = {12, 4};
  private static final float[] BREAKDOWN = {4.6f, 1.9f, 1.9f, 1.9f, 1.9f, 1.9f, 1.9f};
  private static final float[] TIMELINESS = {3.6f, 1.6f, 1.6f, 1.6f, 1.9f, 1.9f, 1.8f, 2};
  private static final float[] QUESTIONS = {1.1f, 5.2f, 2.3f, 2.2f, 2.4f, 2.8f};
  private static final float[] NOTICES = {4.2f, 2, 2, 2.6f, 2.2f, 2.6f};

  private ReportDocument() {
  }

  static OfficialDocument of(Report r, Integer number, LocalDate date, Signature signature, ZoneId zone) {
    Report.Issued issued = r.issued();
    List<OfficialDocument.Block> body = new ArrayList<>();
    body.add(new OfficialDocument.Text(issued.issuer().inSentence() + " báo cáo kết quả tiếp nhận và trả lời câu hỏi "
        + "của Nhân dân " + covers(r) + " (" + r.episodes().size() + " chương trình) như sau:", false));

    body.add(OfficialDocument.Text.of("I. Kết quả tiếp nhận và trả lời"));
    List<List<String>> totals = new ArrayList<>();
    for (Object[] line : r.totalLines()) {
      totals.add(List.of(String.valueOf(line[0]), number(line[1])));
    }
    body.add(new OfficialDocument.Table(List.of("Nội dung", "Số lượng"), totals, null, TOTALS,
        new boolean[] {false, true}));

    body.add(OfficialDocument.Text.of("II. Câu hỏi theo kênh, lĩnh vực, địa bàn và cơ quan trả lời"));
    int n = 1;
    for (Report.Dimension d : Report.Dimension.values()) {
      body.add(new OfficialDocument.Text(n++ + ". Theo " + d.vi.toLowerCase(VI) + ":", false));
      List<List<String>> rows = new ArrayList<>();
      for (Report.Breakdown b : r.breakdowns().get(d)) {
        rows.add(Stream.concat(Stream.of(b.label(d)), Stream.of(b.questions(), b.askers(), b.onAir(), b.after(),
            b.published(), b.pending()).map(String::valueOf)).toList());
      }
      body.add(new OfficialDocument.Table(Stream.concat(Stream.of(d.vi), ReportXlsx.BREAKDOWN_HEADER.stream()).toList(),
          rows, null, BREAKDOWN, centredAfterFirst(BREAKDOWN.length)));
    }

    body.add(OfficialDocument.Text.of("III. Sự phối hợp của các cơ quan trả lời"));
    body.add(new OfficialDocument.Text("Thời gian trả lời tính bằng ngày làm việc từ ngày giao đến ngày cơ quan "
        + "trả lời được duyệt, như thời hạn trả lời.", false));
    List<List<String>> agencies = new ArrayList<>();
    r.agencies().forEach(t -> agencies.add(timeliness(t.agency(), t)));
    body.add(new OfficialDocument.Table(List.of("Cơ quan", "Được giao", "Đúng hạn", "Trễ hạn", "Quá hạn, chưa trả lời",
        "Chưa đến hạn", "Chuyển lại", "Trung vị (ngày làm việc)"), agencies,
        timeliness("Tất cả cơ quan", r.allAgencies()), TIMELINESS, centredAfterFirst(TIMELINESS.length)));

    if (!r.notices().isEmpty()) {
      body.add(new OfficialDocument.Text("Người hỏi được thông báo mã số câu hỏi, câu trả lời đã công bố và kết quả "
          + "tra cứu như sau:", false));
      List<List<String>> told = new ArrayList<>();
      r.notices().forEach(c -> told.add(List.of(c.channelLabel(),
          number(c.queued()), number(c.sent()), number(c.delivered()), number(c.failed()), number(c.limited()))));
      body.add(new OfficialDocument.Table(Report.Notices.HEADER, told, null, NOTICES,
          centredAfterFirst(NOTICES.length)));
    }

    body.add(OfficialDocument.Text.of("IV. Danh sách câu hỏi"));
    List<Report.QuestionRow> listed = r.questions().size() > LISTED ? r.questions().subList(0, LISTED) : r.questions();
    List<List<String>> questions = new ArrayList<>();
    for (Report.QuestionRow q : listed) {
      questions.add(List.of(Long.toString(q.seq()), q.text(), orNone(q.locality()), orNone(q.field()),
          orNone(q.agency()), outcome(q, zone)));
    }
    body.add(new OfficialDocument.Table(List.of("Số", "Nội dung", "Địa bàn", "Lĩnh vực", "Cơ quan trả lời",
        "Kết quả, ngày trả lời"), questions, null, QUESTIONS, new boolean[] {true, false, false, false, false, true}));
    if (r.totals().questions() > listed.size()) {
      body.add(new OfficialDocument.Text("Báo cáo liệt kê " + listed.size() + " trên " + r.totals().questions()
          + " câu hỏi; bảng số liệu (XLSX) kèm theo có đủ danh sách.", false));
    }
    body.add(new OfficialDocument.Text(issued.issuer().inSentence() + " kính báo cáo./.", false));

    String parent = issued.issuer().parentBody();
    List<String> recipients = new ArrayList<>();
    if (!parent.isEmpty()) {
      recipients.add("Thường trực " + parent);
    }
    recipients.add("Các cơ quan trả lời");
    return new OfficialDocument(issued.issuer(), DocumentType.REPORT, number, issued.place(), date,
        "Kết quả tiếp nhận và trả lời câu hỏi của Nhân dân " + covers(r), body, recipients, signature);
  }

  /** "quý IV/2026", or "tại chương trình “…”" for one episode. */
  private static String covers(Report r) {
    if (r.scope().isEpisode()) {
      return "tại chương trình “" + r.title() + "”";
    }
    // "Quý IV/2026" inside a sentence: the first letter only, the numeral stays
    return r.title().substring(0, 1).toLowerCase(VI) + r.title().substring(1);
  }

  private static List<String> timeliness(String name, Report.Timeliness t) {
    return List.of(name, String.valueOf(t.assigned()), String.valueOf(t.onTime()), String.valueOf(t.late()),
        String.valueOf(t.overdue()), String.valueOf(t.notDue()), String.valueOf(t.sentBack()),
        number(t.medianWorkingDays()));
  }

  /** What became of the question, and on which day: a date never stands alone without its outcome. */
  private static String outcome(Report.QuestionRow q, ZoneId zone) {
    String what = Report.OUTCOMES.get(q.outcome());
    if (q.answeredAt() != null) {
      what += " " + day(q.answeredAt(), zone);
    }
    return q.late() ? what + " (trễ hạn)" : what;
  }

  static String day(OffsetDateTime t, ZoneId zone) {
    return t.atZoneSameInstant(zone).format(DAY);
  }

  private static String number(Object v) {
    return v == null ? "—" : v instanceof Double d ? String.format(VI, "%.1f", d) : v.toString();
  }

  private static String orNone(String s) {
    return s == null ? Report.NONE : s;
  }

  private static boolean[] centredAfterFirst(int n) {
    boolean[] out = new boolean[n];
    for (int i = 1; i < n; i++) {
      out[i] = true;
    }
    return out;
  }
}
