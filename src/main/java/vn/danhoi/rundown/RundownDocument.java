package vn.danhoi.rundown;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import vn.danhoi.infra.OfficialDocx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static vn.danhoi.infra.OfficialDocx.TEXT_WIDTH;
import static vn.danhoi.infra.OfficialDocx.borderless;
import static vn.danhoi.infra.OfficialDocx.centred;
import static vn.danhoi.infra.OfficialDocx.line;
import static vn.danhoi.infra.OfficialDocx.paragraph;
import static vn.danhoi.infra.OfficialDocx.run;
import static vn.danhoi.infra.OfficialDocx.widths;

/**
 * The run-down as a DOCX laid out as a Vietnamese administrative document (Decree 30/2020/ND-CP, the layout
 * the councils' own plans use): issuing body and number on the left, the national heading and place and date on the
 * right, the title, the body, "Nơi nhận" and the signature block. Blocking: run it on a worker.
 */
public final class RundownDocument {

  private static final Locale VI = Locale.forLanguageTag("vi-VN");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", VI);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", VI);

  private RundownDocument() {
  }

  public static byte[] write(Rundown rundown, LocalDate date, ZoneId zone) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      OfficialDocx.page(doc);
      heading(doc, rundown, date);
      title(doc, rundown, zone);
      body(doc, rundown);
      closing(doc, rundown);
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Two columns without borders: issuing body and number | national heading and place, date. */
  private static void heading(XWPFDocument doc, Rundown rundown, LocalDate date) {
    XWPFTable table = borderless(doc, 2, 2);
    XWPFTableCell body = table.getRow(0).getCell(0);
    line(body, rundown.issuingBody().toUpperCase(VI), 13, true, false);
    line(body, "―――――", 13, false, false);
    XWPFTableCell nation = table.getRow(0).getCell(1);
    line(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, true, false);
    line(nation, "Độc lập - Tự do - Hạnh phúc", 13, true, false);
    line(nation, "―――――――――――", 13, false, false);
    line(table.getRow(1).getCell(0), "Số: " + rundown.documentNumber(), 13, false, false);
    String place = rundown.header().place() == null || rundown.header().place().isBlank() ? "……"
        : rundown.header().place();
    line(table.getRow(1).getCell(1), place + ", ngày " + two(date.getDayOfMonth())
        + " tháng " + two(date.getMonthValue()) + " năm " + date.getYear(), 13, false, true);
    widths(table, 3_600, TEXT_WIDTH - 3_600);
  }

  private static void title(XWPFDocument doc, Rundown rundown, ZoneId zone) {
    Rundown.Header h = rundown.header();
    XWPFParagraph space = doc.createParagraph();
    space.setSpacingAfter(0);
    centred(doc, "KỊCH BẢN", 14, true, false).setSpacingBefore(240);
    String program = h.programName() == null || h.programName().isBlank() ? "" : "Chương trình “" + h.programName()
        + "”: ";
    centred(doc, program + h.title(), 14, true, false);
    if (h.topic() != null && !h.topic().isBlank()) {
      centred(doc, "Chủ đề: " + h.topic(), 13, false, true);
    }
    centred(doc, "―――――", 13, false, false);
    var starts = h.startsAt().atZoneSameInstant(zone);
    paragraph(doc, "Thời gian: " + starts.format(TIME) + " ngày " + starts.format(DAY) + "; thời lượng "
        + h.durationMinutes() + " phút.", false);
    if (h.venue() != null && !h.venue().isBlank()) {
      paragraph(doc, "Địa điểm: " + h.venue() + ".", false);
    }
    if (h.chair() != null && !h.chair().isBlank()) {
      paragraph(doc, "Chủ trì: " + h.chair() + ".", false);
    }
  }

  /** The ordered questions: number, question, how many asked it, who answers, minutes; then the total. */
  private static void body(XWPFDocument doc, Rundown rundown) {
    paragraph(doc, "Nội dung câu hỏi và phân công trả lời:", false);
    List<Rundown.Entry> entries = rundown.entries();
    XWPFTable table = doc.createTable(entries.size() + 2, 5);
    String[] head = {"STT", "Nội dung câu hỏi", "Số người hỏi", "Người trả lời", "Thời lượng (phút)"};
    for (int c = 0; c < head.length; c++) {
      cell(table.getRow(0).getCell(c), head[c], true, ParagraphAlignment.CENTER);
    }
    for (int i = 0; i < entries.size(); i++) {
      Rundown.Entry e = entries.get(i);
      Rundown.Responder r = rundown.responder(e.responderId());
      var row = table.getRow(i + 1);
      cell(row.getCell(0), Integer.toString(e.position()), false, ParagraphAlignment.CENTER);
      cell(row.getCell(1), e.text(), false, ParagraphAlignment.LEFT);
      cell(row.getCell(2), Integer.toString(e.askers()), false, ParagraphAlignment.CENTER);
      cell(row.getCell(3), r == null ? "(chưa phân công)" : r.label(), false, ParagraphAlignment.LEFT);
      cell(row.getCell(4), Integer.toString(e.minutes()), false, ParagraphAlignment.CENTER);
    }
    var total = table.getRow(entries.size() + 1);
    cell(total.getCell(1), "Tổng thời lượng", true, ParagraphAlignment.LEFT);
    cell(total.getCell(4), Integer.toString(rundown.totalMinutes()), true, ParagraphAlignment.CENTER);
    for (int c : new int[] {0, 2, 3}) {
      cell(total.getCell(c), "", false, ParagraphAlignment.LEFT);
    }
    widths(table, 800, TEXT_WIDTH - 800 - 1_050 - 2_300 - 1_100, 1_050, 2_300, 1_100);
    paragraph(doc, "Tổng thời lượng dự kiến: " + rundown.totalMinutes() + " phút / thời lượng chương trình "
        + rundown.header().durationMinutes() + " phút.", false).setSpacingBefore(120);
  }

  /** "Nơi nhận" on the left, the signature block on the right. */
  private static void closing(XWPFDocument doc, Rundown rundown) {
    doc.createParagraph();
    XWPFTable table = borderless(doc, 1, 2);
    XWPFTableCell recipients = table.getRow(0).getCell(0);
    line(recipients, "Nơi nhận:", 12, true, true).setAlignment(ParagraphAlignment.LEFT);
    for (Rundown.Responder r : rundown.responders()) {
      line(recipients, "- Đ/c " + r.label() + ";", 11, false, false)
          .setAlignment(ParagraphAlignment.LEFT);
    }
    line(recipients, "- Lưu: VT, BBT.", 11, false, false).setAlignment(ParagraphAlignment.LEFT);
    XWPFTableCell sign = table.getRow(0).getCell(1);
    line(sign, "TM. " + rundown.issuingBody().toUpperCase(VI), 13, true, false);
    line(sign, "(Ký, ghi rõ họ tên)", 13, false, true);
    for (int i = 0; i < 3; i++) {
      sign.addParagraph();
    }
    String chair = rundown.header().chair();
    if (chair != null && !chair.isBlank()) {
      line(sign, chair, 13, true, false);
    }
    widths(table, TEXT_WIDTH / 2, TEXT_WIDTH - TEXT_WIDTH / 2);
  }

  private static void cell(XWPFTableCell cell, String text, boolean bold, ParagraphAlignment align) {
    XWPFParagraph p = cell.getParagraphs().get(0);
    p.setAlignment(align);
    p.setSpacingAfter(0);
    run(p, text, 13, bold, false);
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
