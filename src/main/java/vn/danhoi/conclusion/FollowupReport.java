package vn.danhoi.conclusion;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.danhoi.infra.Times;

import vn.danhoi.infra.Sheets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The standing committee's follow-up report ("theo dõi, đôn đốc việc thực hiện kết luận"): a
 * summary of open, overdue and closed items, then every item. XLSX with POI; blocking, run it on a worker.
 */
final class FollowupReport {

  static final Map<String, String> STATUS = Map.of("open", "Chưa thực hiện", "in_progress", "Đang thực hiện",
      "done", "Đã hoàn thành", "dropped", "Không thực hiện");
  private static final List<String> HEADER = List.of("STT", "Chương trình", "Số thông báo", "Nội dung kết luận",
      "Cơ quan thực hiện", "Thời hạn", "Trạng thái", "Quá hạn", "Tiến độ", "Ngày đóng");

  private FollowupReport() {
  }

  /** Counts for the summary and the API: open (incl. in progress), overdue, done, dropped. */
  record Counts(long open, long overdue, long done, long dropped) {
    static Counts of(List<ConclusionStore.Followed> rows, Instant now) {
      return new Counts(rows.stream().filter(f -> f.item().open()).count(),
          rows.stream().filter(f -> f.item().overdue(now)).count(),
          rows.stream().filter(f -> "done".equals(f.item().status())).count(),
          rows.stream().filter(f -> "dropped".equals(f.item().status())).count());
    }
  }

  static byte[] xlsx(List<ConclusionStore.Followed> rows, ZoneId zone, Instant now) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = Sheets.bold(book);
      Counts c = Counts.of(rows, now);
      Sheet summary = book.createSheet("Tổng hợp");
      String[][] lines = {{"Đang mở", Long.toString(c.open())}, {"Quá hạn", Long.toString(c.overdue())},
          {"Đã hoàn thành", Long.toString(c.done())}, {"Không thực hiện", Long.toString(c.dropped())},
          {"Tổng số", Integer.toString(rows.size())}};
      for (int i = 0; i < lines.length; i++) {
        Sheets.row(summary, i, null, lines[i][0], Long.parseLong(lines[i][1]));
        summary.getRow(i).getCell(0).setCellStyle(bold);
      }
      Sheet sheet = book.createSheet("Theo dõi kết luận");
      Sheets.header(sheet, bold, HEADER);
      int n = 0;
      for (ConclusionStore.Followed f : rows) {
        Conclusion.Item i = f.item();
        String number = f.symbol();
        Sheets.row(sheet, ++n, null, Integer.toString(n), f.episodeTitle(), number, i.text(), i.ownerAgency(),
            Times.day(i.dueAt(), zone), STATUS.get(i.status()), i.overdue(now) ? "Quá hạn" : "",
            i.progress(), Times.day(i.closedAt(), zone));
      }
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
