package vn.danhoi.session;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.danhoi.infra.Sheets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of a dialogue for the standing committee ("báo cáo kết quả tiếp xúc, đối thoại"): a
 * summary by topic and every opinion with what became of it. Blocking (POI): call on a worker.
 */
final class DialogueReport {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private DialogueReport() {
  }

  static byte[] xlsx(String title, List<OpinionStore.Opinion> opinions, ZoneId zone) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet summary = book.createSheet("Tổng hợp");
      summary.createRow(0).createCell(0).setCellValue("Báo cáo kết quả tiếp xúc, đối thoại: " + title);
      row(summary, 2, "Nhóm vấn đề", "Số ý kiến", "Trả lời tại hội nghị", "Giao cơ quan giải quyết", "Chưa xử lý");
      Map<String, int[]> byTopic = new LinkedHashMap<>();
      for (OpinionStore.Opinion o : opinions) {
        int[] c = byTopic.computeIfAbsent(o.topic(), t -> new int[4]);
        c[0]++;
        c[o.answeredBy() != null ? 1 : o.dueAt() != null ? 2 : 3]++;
      }
      int r = 3;
      int[] total = new int[4];
      for (Map.Entry<String, int[]> e : byTopic.entrySet()) {
        int[] c = e.getValue();
        row(summary, r++, e.getKey(), c[0], c[1], c[2], c[3]);
        for (int i = 0; i < 4; i++) {
          total[i] += c[i];
        }
      }
      row(summary, r, "Tổng cộng", total[0], total[1], total[2], total[3]);
      Sheet all = book.createSheet("Ý kiến");
      row(all, 0, "STT", "Nhóm vấn đề", "Thời điểm", "Xã, thị trấn", "Người nêu", "Nội dung", "Kết quả",
          "Người trả lời / cơ quan", "Hạn giải quyết");
      int n = 1;
      for (OpinionStore.Opinion o : opinions) {
        String result = o.answeredBy() != null ? "Đã trả lời tại hội nghị" : o.dueAt() != null ? "Giao cơ quan" : "Chưa xử lý";
        String who = o.answeredBy() != null ? o.answeredBy() : o.agency() == null ? "" : o.agency();
        String due = o.dueAt() == null ? "" : o.dueAt().atZoneSameInstant(zone).format(DAY);
        row(all, n, n, o.topic(), o.stage().equals("before") ? "Thu thập trước" : "Tại hội nghị", o.commune(),
            o.askerName() == null ? "" : o.askerName(), o.text(), result, who, due);
        n++;
      }
      book.write(out);
      return out.toByteArray();
    }
  }

  private static void row(Sheet sheet, int index, Object... values) {
    Sheets.row(sheet, index, null, values);
  }
}
