package vn.danhoi.rundown;

import vn.danhoi.document.DocumentType;
import vn.danhoi.document.OfficialDocument;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The run-down as the document the responders receive: a "KỊCH BẢN" of the program's episode, when and where
 * it is recorded, the ordered questions with who answers each and for how long, the total against the
 * episode's duration; sent to the responders, signed by the issuing body.
 */
public final class RundownDocument {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private RundownDocument() {
  }

  public static OfficialDocument of(Rundown rundown, LocalDate date, ZoneId zone) {
    Rundown.Header h = rundown.header();
    String program = h.programName() == null || h.programName().isBlank() ? "" : "Chương trình “" + h.programName()
        + "”: ";
    List<OfficialDocument.Block> body = new ArrayList<>();
    if (h.topic() != null && !h.topic().isBlank()) {
      body.add(new OfficialDocument.Text("Chủ đề: " + h.topic().trim() + ".", false));
    }
    var starts = h.startsAt().atZoneSameInstant(zone);
    body.add(new OfficialDocument.Text("Thời gian: " + starts.format(TIME) + " ngày " + starts.format(DAY)
        + "; thời lượng " + h.durationMinutes() + " phút.", false));
    if (h.venue() != null && !h.venue().isBlank()) {
      body.add(new OfficialDocument.Text("Địa điểm: " + h.venue().trim() + ".", false));
    }
    if (h.chair() != null && !h.chair().isBlank()) {
      body.add(new OfficialDocument.Text("Chủ trì: " + h.chair().trim() + ".", false));
    }
    body.add(new OfficialDocument.Text("Nội dung câu hỏi và phân công trả lời:", false));
    List<List<String>> rows = new ArrayList<>();
    for (Rundown.Entry e : rundown.entries()) {
      Rundown.Responder r = rundown.responder(e.responderId());
      rows.add(List.of(Integer.toString(e.position()), e.text(), Integer.toString(e.askers()),
          r == null ? "(chưa phân công)" : r.label(), Integer.toString(e.minutes())));
    }
    body.add(new OfficialDocument.Table(
        List.of("STT", "Nội dung câu hỏi", "Số người hỏi", "Người trả lời", "Thời lượng (phút)"), rows,
        List.of("", "Tổng thời lượng", "", "", Integer.toString(rundown.totalMinutes())),
        new float[] {8, 48, 10, 23, 11}, new boolean[] {true, false, true, false, true}));
    body.add(new OfficialDocument.Text("Tổng thời lượng dự kiến: " + rundown.totalMinutes()
        + " phút / thời lượng chương trình " + h.durationMinutes() + " phút.", false));
    List<String> recipients = new ArrayList<>();
    rundown.responders().forEach(r -> recipients.add("Đ/c " + r.label()));
    return new OfficialDocument(rundown.issuer(), DocumentType.RUNDOWN, h.number(), h.place(), date,
        program + h.title(), body, recipients, rundown.signature());
  }
}
