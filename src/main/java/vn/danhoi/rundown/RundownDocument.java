package vn.danhoi.rundown;

import vn.danhoi.document.DocumentType;
import vn.danhoi.document.OfficialDocument;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The run-down as the script the responders receive ahead of the show: a "KỊCH BẢN" of the program's episode,
 * its purpose, when it is recorded and when it goes on air, where, its segments, the ordered questions with who
 * asked (given name and locality only), who answers each and for how long, the panel, who coordinates what;
 * sent to the responders, signed by the issuing body.
 */
public final class RundownDocument {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

  private RundownDocument() {
  }

  public static OfficialDocument of(Rundown rundown, LocalDate date, ZoneId zone) {
    Rundown.Header h = rundown.header();
    String program = h.programName() == null || h.programName().isBlank() ? "" : "Chương trình “" + h.programName()
        + "”: ";
    List<OfficialDocument.Block> body = new ArrayList<>();
    body.add(OfficialDocument.Text.of("I. Mục đích"));
    body.add(new OfficialDocument.Text(blank(h.purpose()) ? "Chuẩn bị nội dung câu hỏi của Nhân dân và phân công "
        + "trả lời tại chương trình, để người trả lời nắm trước câu hỏi và thời lượng." : sentence(h.purpose()),
        false));

    body.add(OfficialDocument.Text.of("II. Thời gian, địa điểm"));
    if (!blank(h.topic())) {
      body.add(new OfficialDocument.Text("Chủ đề: " + sentence(h.topic()), false));
    }
    String recording = when(h.recording(), zone);
    String broadcast = when(h.broadcast(), zone);
    if (recording.equals(broadcast)) {
      body.add(new OfficialDocument.Text("Ghi hình và phát sóng trực tiếp: " + recording + "; thời lượng "
          + h.durationMinutes() + " phút.", false));
    } else {
      body.add(new OfficialDocument.Text("Thời gian ghi hình: " + recording + ".", false));
      body.add(new OfficialDocument.Text("Thời gian phát sóng: " + broadcast + "; thời lượng " + h.durationMinutes()
          + " phút.", false));
    }
    if (!blank(h.venue())) {
      body.add(new OfficialDocument.Text("Địa điểm: " + sentence(h.venue()), false));
    }
    if (!blank(h.chair())) {
      body.add(new OfficialDocument.Text("Chủ trì: " + sentence(h.chair()), false));
    }

    int section = 3;
    if (!h.segments().isEmpty()) {
      body.add(OfficialDocument.Text.of(roman(section++) + ". Diễn biến chương trình"));
      List<List<String>> rows = new ArrayList<>();
      int n = 1;
      for (Rundown.Segment s : h.segments()) {
        rows.add(List.of(Integer.toString(n++), s.title(), Integer.toString(s.minutes())));
      }
      body.add(new OfficialDocument.Table(List.of("STT", "Nội dung", "Thời lượng (phút)"), rows,
          List.of("", "Cộng", Integer.toString(rundown.segmentMinutes())), new float[] {8, 76, 16},
          new boolean[] {true, false, true}));
    }

    body.add(OfficialDocument.Text.of(roman(section++) + ". Nội dung câu hỏi và phân công trả lời"));
    List<List<String>> rows = new ArrayList<>();
    for (Rundown.Entry e : rundown.entries()) {
      Rundown.Responder r = rundown.responder(e.responderId());
      rows.add(List.of(Integer.toString(e.position()), e.text(), e.askedBy(),
          r == null ? "(chưa phân công)" : r.label(), Integer.toString(e.minutes())));
    }
    body.add(new OfficialDocument.Table(
        List.of("STT", "Nội dung câu hỏi", "Người hỏi", "Người trả lời", "Thời lượng (phút)"), rows,
        List.of("", "Tổng thời lượng", "", "", Integer.toString(rundown.totalMinutes())),
        new float[] {8, 40, 17, 24, 11}, new boolean[] {true, false, false, false, true}));
    body.add(new OfficialDocument.Text("Tổng thời lượng dự kiến: " + (rundown.totalMinutes()
        + rundown.segmentMinutes()) + " phút / thời lượng chương trình " + h.durationMinutes() + " phút.", false));

    if (!rundown.responders().isEmpty()) {
      body.add(OfficialDocument.Text.of(roman(section++) + ". Thành phần trả lời"));
      rundown.responders().forEach(r -> body.add(new OfficialDocument.Text("- Đồng chí " + r.label() + ".", false)));
    }
    if (!h.duties().isEmpty()) {
      body.add(OfficialDocument.Text.of(roman(section) + ". Phân công phối hợp"));
      h.duties().forEach(d -> body.add(new OfficialDocument.Text("- " + sentence(d), false)));
    }
    List<String> recipients = new ArrayList<>();
    rundown.responders().forEach(r -> recipients.add("Đ/c " + r.label()));
    return new OfficialDocument(rundown.issuer(), DocumentType.RUNDOWN, h.number(), h.place(), date,
        program + h.title(), body, recipients, rundown.signature());
  }

  private static String when(OffsetDateTime t, ZoneId zone) {
    return t.atZoneSameInstant(zone).format(WHEN);
  }

  /** What the editors typed, ending as a sentence ends. */
  private static String sentence(String s) {
    String t = s.trim();
    return t.matches(".*[.!?;:]$") ? t : t + ".";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String roman(int n) {
    return new String[] {"I", "II", "III", "IV", "V", "VI", "VII"}[n - 1];
  }
}
