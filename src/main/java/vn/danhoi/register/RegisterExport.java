package vn.danhoi.register;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import vn.danhoi.audit.AuditRoutes;
import vn.danhoi.infra.Sheets;
import vn.danhoi.intake.Attachment;
import vn.danhoi.intake.ItemStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The register as a file for the archive and for Excel ("lập sổ ghi chép đầy đủ thông tin"): CSV in
 * UTF-8 with a BOM, so Excel shows Vietnamese right, and XLSX. Both have the same columns and labels.
 * Blocking: call on a worker.
 */
public final class RegisterExport {

  static final List<String> HEADER = List.of("STT", "Mã câu hỏi", "Chương trình", "Kênh", "Họ và tên", "Địa chỉ",
      "Điện thoại", "Email", "Nội dung câu hỏi", "Tiêu đề thư", "Thời gian tiếp nhận", "Lĩnh vực",
      "Cơ quan trả lời", "Trạng thái", "Loại đơn", "Đã xác minh", "Cách xác minh", "Ghi chú xác minh", "Tệp đính kèm");

  static final Map<String, String> CHANNELS = Map.of("web", "Trang web", "sms", "Tin nhắn SMS",
      "hotline", "Đường dây nóng", "email", "Thư điện tử", "post", "Thư bưu điện", "form", "Phiếu câu hỏi");

  static final Map<String, String> STATUSES = Map.ofEntries(label(ItemStatus.RECEIVED, "Đã tiếp nhận"),
      label(ItemStatus.UNROUTED, "Chưa gán chương trình"), label(ItemStatus.REJECTED, "Không sử dụng"),
      label(ItemStatus.MERGED, "Đã gộp"), label(ItemStatus.SHORTLISTED, "Đã chọn"),
      label(ItemStatus.NEXT, "Sắp lên sóng"), label(ItemStatus.ON_AIR, "Đang lên sóng"),
      label(ItemStatus.ANSWERED, "Đã trả lời"), label(ItemStatus.DEFERRED, "Trả lời sau chương trình"),
      label(ItemStatus.REFERRED, "Chuyển Ban Tiếp công dân"));

  static final Map<String, String> KINDS = Map.of("question", "Câu hỏi", "complaint", "Khiếu nại",
      "denunciation", "Tố cáo");

  private static Map.Entry<String, String> label(ItemStatus status, String label) {
    return Map.entry(status.wire(), label);
  }

  static final Map<String, String> VERIFICATIONS = Map.of("phone_callback", "Gọi lại xác nhận",
      "id_card", "Xem CCCD/giấy tờ", "delegate_known", "Đại biểu quen biết", "email_reply", "Thư trả lời xác nhận",
      "in_person", "Gặp trực tiếp", "other", "Cách khác");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

  private RegisterExport() {
  }

  /** One row of cells, as both formats write it. */
  static List<String> cells(int number, RegisterEntry e, ZoneId zone) {
    List<String> files = new ArrayList<>();
    for (Attachment a : e.attachments()) {
      files.add(a.fileName());
    }
    List<String> row = new ArrayList<>(HEADER.size());
    row.add(Integer.toString(number));
    row.add(Long.toString(e.seq()));
    row.add(e.episodeTitle());
    row.add(CHANNELS.getOrDefault(e.channel(), e.channel()));
    row.add(e.askerName());
    row.add(e.place());
    row.add(e.phone());
    row.add(e.email());
    row.add(e.text());
    row.add(e.subject());
    row.add(e.receivedAt() == null ? null : e.receivedAt().atZoneSameInstant(zone).format(TIME));
    row.add(e.field());
    row.add(e.agency());
    row.add(STATUSES.getOrDefault(e.status(), e.status()));
    row.add(KINDS.getOrDefault(e.kind(), e.kind()));
    row.add(e.verified() ? "Có" : "Chưa");
    row.add(e.verifiedHow() == null ? null : VERIFICATIONS.getOrDefault(e.verifiedHow(), e.verifiedHow()));
    row.add(e.verifiedNote());
    row.add(String.join("; ", files));
    return row;
  }

  public static byte[] csv(List<RegisterEntry> entries, ZoneId zone) throws IOException {
    StringBuilder out = new StringBuilder("\uFEFF");
    try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(new String[0])).get().print(out)) {
      int n = 0;
      for (RegisterEntry e : entries) {
        List<String> row = new ArrayList<>();
        cells(++n, e, zone).forEach(c -> row.add(AuditRoutes.cell(c)));
        printer.printRecord(row);
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] xlsx(List<RegisterEntry> entries, ZoneId zone) throws IOException {
    SXSSFWorkbook book = new SXSSFWorkbook(200);
    try {
      SXSSFSheet sheet = book.createSheet("Sổ tiếp nhận");
      CellStyle bold = Sheets.bold(book);
      Sheets.header(sheet, bold, HEADER);
      int n = 0;
      for (RegisterEntry e : entries) {
        n++;
        // as strings, numbers included: the CSV and the sheet read the same
        Sheets.row(sheet, n, null, cells(n, e, zone).toArray());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      book.write(out);
      return out.toByteArray();
    } finally {
      book.dispose();
      book.close();
    }
  }
}
