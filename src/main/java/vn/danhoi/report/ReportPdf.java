package vn.danhoi.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import vn.danhoi.infra.PdfFonts;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report as a PDF for the council's standing committee (OpenPDF, A4 landscape, DejaVu Sans embedded): the
 * totals, each breakdown as a table with its bar, the agencies' timeliness and the questions. Blocking: on a
 * worker.
 */
final class ReportPdf {

  /** A PDF of tens of thousands of rows helps nobody; the XLSX carries them all. */
  static final int LISTED = 2_000;

  private static final Locale VI = Locale.forLanguageTag("vi-VN");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter MADE = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");
  private static final Font TITLE = new Font(PdfFonts.BOLD, 14);
  private static final Font HEADING = new Font(PdfFonts.BOLD, 11);
  private static final Font TEXT = new Font(PdfFonts.REGULAR, 9);
  private static final Font HEAD = new Font(PdfFonts.BOLD, 9);
  private static final Font NOTE = new Font(PdfFonts.REGULAR, 9, Font.ITALIC);

  private ReportPdf() {
  }

  static byte[] write(Report r, ZoneId zone) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document doc = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
    try {
      PdfWriter.getInstance(doc, out);
      doc.addTitle("Báo cáo " + r.title());
      doc.open();
      Paragraph title = new Paragraph("BÁO CÁO TIẾP NHẬN VÀ TRẢ LỜI CÂU HỎI CỦA NGƯỜI DÂN", TITLE);
      title.setAlignment(Element.ALIGN_CENTER);
      doc.add(title);
      Paragraph scope = new Paragraph(r.title() + " · lập lúc " + r.generatedAt().atZoneSameInstant(zone).format(MADE)
          + " · " + r.episodes().size() + " chương trình", NOTE);
      scope.setAlignment(Element.ALIGN_CENTER);
      doc.add(scope);

      doc.add(heading("1. Tổng hợp"));
      PdfPTable totals = table(new float[] {6, 2});
      totals.setHeaderRows(0);
      totals.setWidthPercentage(55);
      totals.setHorizontalAlignment(Element.ALIGN_LEFT);
      for (Object[] line : r.totalLines()) {
        totals.addCell(cell(String.valueOf(line[0]), TEXT));
        totals.addCell(number(line[1]));
      }
      doc.add(totals);

      int section = 2;
      for (Report.Dimension d : Report.Dimension.values()) {
        doc.add(heading(section++ + ". Theo " + d.vi.toLowerCase(VI)));
        doc.add(breakdown(d, r.breakdowns().get(d)));
        doc.add(legend(ReportChart.OUTCOME));
      }

      doc.add(heading(section++ + ". Cơ quan trả lời: đúng hạn, trễ hạn, thời gian trả lời"));
      PdfPTable agencies = table(new float[] {5, 1.3f, 1.3f, 1.3f, 1.6f, 1.4f, 1.3f, 1.6f, 4});
      ReportXlsx.TIMELINESS_HEADER.forEach(h -> agencies.addCell(cell(h, HEAD)));
      agencies.addCell(cell("", HEAD));
      for (Report.Timeliness t : r.agencies()) {
        timeliness(agencies, t.agency(), t, TEXT);
      }
      timeliness(agencies, "Tất cả cơ quan", r.allAgencies(), HEAD);
      doc.add(agencies);
      doc.add(legend(ReportChart.TIMELINESS));

      doc.add(heading(section + ". Danh sách câu hỏi"));
      PdfPTable questions = table(new float[] {1, 9, 2.5f, 2.5f, 3, 2.5f, 1.8f, 1.8f});
      for (String h : List.of("Số", "Nội dung", "Địa bàn", "Lĩnh vực", "Cơ quan trả lời", "Kết quả", "Hạn",
          "Ngày trả lời")) {
        questions.addCell(cell(h, HEAD));
      }
      questions.setHeaderRows(1);
      List<Report.QuestionRow> listed = r.questions().size() > LISTED ? r.questions().subList(0, LISTED)
          : r.questions();
      for (Report.QuestionRow q : listed) {
        questions.addCell(cell(Long.toString(q.seq()), TEXT));
        questions.addCell(cell(q.text(), TEXT));
        questions.addCell(cell(q.locality(), TEXT));
        questions.addCell(cell(q.field(), TEXT));
        questions.addCell(cell(q.agency(), TEXT));
        questions.addCell(cell(Report.OUTCOMES.get(q.outcome()) + (q.late() ? " (trễ hạn)" : ""), TEXT));
        questions.addCell(cell(day(q.dueAt(), zone), TEXT));
        questions.addCell(cell(day(q.answeredAt(), zone), TEXT));
      }
      doc.add(questions);
      if (r.totals().questions() > listed.size()) {
        doc.add(new Paragraph("Bản PDF liệt kê " + listed.size() + " trên " + r.totals().questions()
            + " câu hỏi; tệp XLSX có đủ danh sách.", NOTE));
      }
      doc.close();
      return out.toByteArray();
    } catch (DocumentException e) {
      throw new IllegalStateException("PDF not written", e);
    }
  }

  private static PdfPTable breakdown(Report.Dimension d, List<Report.Breakdown> rows) {
    PdfPTable t = table(new float[] {5, 1.4f, 1.4f, 1.6f, 1.6f, 1.4f, 1.4f, 6});
    t.addCell(cell(d.vi, HEAD));
    ReportXlsx.BREAKDOWN_HEADER.forEach(h -> t.addCell(cell(h, HEAD)));
    t.addCell(cell("", HEAD));
    long max = Math.max(1, rows.stream().mapToLong(Report.Breakdown::questions).max().orElse(0));
    for (Report.Breakdown b : rows) {
      t.addCell(cell(b.label(d), TEXT));
      for (long v : new long[] {b.questions(), b.askers(), b.onAir(), b.after(), b.published(), b.pending()}) {
        t.addCell(number(v));
      }
      t.addCell(bar(new long[] {b.onAir(), b.after(), b.pending()}, max, ReportChart.OUTCOME));
    }
    if (rows.isEmpty()) {
      PdfPCell none = cell("Chưa có số liệu.", NOTE);
      none.setColspan(8);
      t.addCell(none);
    }
    return t;
  }

  private static void timeliness(PdfPTable t, String name, Report.Timeliness x, Font font) {
    t.addCell(cell(name, font));
    for (long v : new long[] {x.assigned(), x.onTime(), x.late(), x.overdue(), x.notDue(), x.sentBack()}) {
      t.addCell(number(v));
    }
    t.addCell(number(x.medianDays()));
    t.addCell(bar(new long[] {x.onTime(), x.late(), x.overdue(), x.notDue()},
        Math.max(1, x.assigned()), ReportChart.TIMELINESS));
  }

  /** The chart of a row: its parts side by side, as wide as their share of the biggest row. */
  private static PdfPCell bar(long[] parts, long max, List<ReportChart.Series> series) {
    List<Float> widths = new ArrayList<>();
    List<Color> colours = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] > 0) {
        widths.add((float) parts[i]);
        colours.add(Color.decode(series.get(i).colour()));
        total += parts[i];
      }
    }
    PdfPCell holder = new PdfPCell();
    holder.setBorder(Rectangle.NO_BORDER);
    holder.setPadding(2);
    if (widths.isEmpty()) {
      return holder;
    }
    if (total < max) {
      widths.add((float) (max - total));
      colours.add(null);
    }
    float[] w = new float[widths.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = widths.get(i);
    }
    PdfPTable inner = new PdfPTable(w);
    inner.setWidthPercentage(100);
    for (Color c : colours) {
      PdfPCell part = new PdfPCell(new Phrase(" ", TEXT));
      part.setBorder(Rectangle.NO_BORDER);
      part.setFixedHeight(9);
      if (c != null) {
        part.setBackgroundColor(c);
      }
      inner.addCell(part);
    }
    holder.addElement(inner);
    return holder;
  }

  private static String day(OffsetDateTime t, ZoneId zone) {
    return t == null ? null : t.atZoneSameInstant(zone).format(DAY);
  }

  private static Paragraph legend(List<ReportChart.Series> series) {
    StringBuilder s = new StringBuilder("Cột biểu đồ: ");
    for (int i = 0; i < series.size(); i++) {
      s.append(i == 0 ? "" : " · ").append(series.get(i).vi());
    }
    return new Paragraph(s.toString(), NOTE);
  }

  private static Paragraph heading(String text) {
    Paragraph p = new Paragraph(text, HEADING);
    p.setSpacingBefore(10);
    p.setSpacingAfter(4);
    return p;
  }

  private static PdfPTable table(float[] widths) {
    PdfPTable t = new PdfPTable(widths);
    t.setWidthPercentage(100);
    t.setHeaderRows(1);
    return t;
  }

  private static PdfPCell cell(String text, Font font) {
    PdfPCell c = new PdfPCell(new Phrase(text == null ? "" : text, font));
    c.setPadding(3);
    return c;
  }

  private static PdfPCell number(Object v) {
    PdfPCell c = cell(v == null ? "—" : v instanceof Double d ? String.format(VI, "%.1f", d)
        : v.toString(), TEXT);
    c.setHorizontalAlignment(Element.ALIGN_RIGHT);
    return c;
  }
}
