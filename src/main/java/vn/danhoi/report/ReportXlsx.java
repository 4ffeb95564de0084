package vn.danhoi.report;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import vn.danhoi.infra.Times;

import vn.danhoi.infra.Sheets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

/**
 * A report as a workbook: the totals, a sheet per breakdown, the agencies' timeliness and every question, with
 * numbers as numbers so the council office can add its own sums. Streamed (SXSSF): a year's questions go
 * through a window of rows and temporary files instead of a workbook of that size in the heap. Blocking (POI,
 * temporary files): run it on a worker.
 */
final class ReportXlsx {

  private static final int ROWS_IN_MEMORY = 200;

  static final List<String> BREAKDOWN_HEADER = List.of("Số câu hỏi", "Số người hỏi", "Trả lời tại chương trình",
      "Trả lời sau chương trình", "Đã công bố", "Chưa trả lời");
  static final List<String> TIMELINESS_HEADER = List.of("Cơ quan", "Được giao", "Đúng hạn", "Trễ hạn",
      "Quá hạn, chưa trả lời", "Chưa đến hạn", "Chuyển lại", "Trung vị số ngày trả lời", "Trung vị số ngày làm việc");
  private static final List<String> QUESTION_HEADER = List.of("Số", "Chương trình", "Kênh", "Nội dung câu hỏi",
      "Người hỏi", "Địa bàn", "Lĩnh vực", "Cơ quan trả lời", "Kết quả", "Hạn trả lời", "Ngày trả lời",
      "Ngày công bố", "Trễ hạn");
  private static final List<String> SHEETS = List.of("Theo kênh", "Theo lĩnh vực", "Theo xã, phường, đặc khu",
      "Theo tỉnh, thành phố", "Theo cơ quan");

  private ReportXlsx() {
  }

  static byte[] write(Report r, ZoneId zone) {
    try (SXSSFWorkbook book = new SXSSFWorkbook(ROWS_IN_MEMORY); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = Sheets.bold(book);
      Sheet summary = book.createSheet("Tổng hợp");
      int n = 0;
      row(summary, n++, bold, "Báo cáo tiếp nhận và trả lời câu hỏi của người dân");
      row(summary, n++, null, "Phạm vi", r.title());
      row(summary, n++, null, "Lập lúc", Times.format(r.generatedAt(), zone));
      n++;
      for (Object[] line : r.totalLines()) {
        row(summary, n++, null, line);
      }
      n++;
      row(summary, n++, bold, "Chương trình", "Ngày phát sóng / tổ chức", "Hình thức");
      for (Report.EpisodeRow e : r.episodes()) {
        row(summary, n++, null, e.title(), Times.format(e.startsAt(), zone), e.kind());
      }
      summary.setColumnWidth(0, 48 * 256);
      Report.Dimension[] dims = Report.Dimension.values();
      for (int d = 0; d < dims.length; d++) {
        Sheet sheet = book.createSheet(SHEETS.get(d));
        Sheets.header(sheet, bold, Stream.concat(Stream.of(dims[d].vi), BREAKDOWN_HEADER.stream()).toList());
        int i = 0;
        for (Report.Breakdown b : r.breakdowns().get(dims[d])) {
          row(sheet, ++i, null, b.label(dims[d]), b.questions(), b.askers(), b.onAir(), b.after(), b.published(),
              b.pending());
        }
        sheet.setColumnWidth(0, 40 * 256);
      }
      Sheet agencies = book.createSheet("Đúng hạn - trễ hạn");
      Sheets.header(agencies, bold, TIMELINESS_HEADER);
      int i = 0;
      for (Report.Timeliness t : r.agencies()) {
        timeliness(agencies, ++i, null, t.agency(), t);
      }
      timeliness(agencies, ++i, bold, "Tất cả cơ quan", r.allAgencies());
      agencies.setColumnWidth(0, 40 * 256);
      Sheet questions = book.createSheet("Câu hỏi");
      Sheets.header(questions, bold, QUESTION_HEADER);
      i = 0;
      for (Report.QuestionRow q : r.questions()) {
        row(questions, ++i, null, q.seq(), q.episodeTitle(), Report.CHANNELS.getOrDefault(q.channel(), q.channel()),
            q.text(), q.asker(), q.locality(), q.field(), q.agency(), Report.OUTCOMES.get(q.outcome()),
            Times.day(q.dueAt(), zone), Times.day(q.answeredAt(), zone), Times.day(q.publishedAt(), zone), q.late() ? "Trễ hạn" : null);
      }
      questions.setColumnWidth(3, 80 * 256);
      Sheet notices = book.createSheet("Thông báo người hỏi");
      Sheets.header(notices, bold, Report.Notices.HEADER);
      i = 0;
      for (Report.Notices c : r.notices()) {
        row(notices, ++i, null, c.channelLabel(), c.queued(), c.sent(),
            c.delivered(), c.failed(), c.limited());
      }
      notices.setColumnWidth(0, 30 * 256);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void timeliness(Sheet sheet, int at, CellStyle style, String name, Report.Timeliness t) {
    row(sheet, at, style, name, t.assigned(), t.onTime(), t.late(), t.overdue(), t.notDue(), t.sentBack(),
        t.medianDays(), t.medianWorkingDays());
  }

  private static void row(Sheet sheet, int at, CellStyle style, Object... cells) {
    Sheets.row(sheet, at, style, cells);
  }
}
