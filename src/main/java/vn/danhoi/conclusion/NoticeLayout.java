package vn.danhoi.conclusion;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of the conclusion notice in the places a Vietnamese administrative document puts them (Decree
 * 30/2020/ND-CP), shared by the DOCX and the PDF so both say the same thing.
 */
record NoticeLayout(String issuer, String number, String placeAndDate, String heading, String title,
                    List<String> body, List<String> items, List<String> recipients, List<String> signature,
                    String signerName) {

  static final Locale VI = Locale.forLanguageTag("vi-VN");
  static final String NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  static final String MOTTO = "Độc lập - Tự do - Hạnh phúc";

  static NoticeLayout of(Conclusion c, ZoneId zone, Instant now) {
    Conclusion.Header h = c.header();
    LocalDate date = c.date(zone, now);
    String place = h.place() == null || h.place().isBlank() ? "……" : h.place();
    List<String> items = new ArrayList<>();
    for (Conclusion.Item i : c.items()) {
      if ("dropped".equals(i.status())) {
        continue;
      }
      StringBuilder line = new StringBuilder().append(i.position()).append(". ").append(i.text());
      if (i.ownerAgency() != null && !i.ownerAgency().isBlank()) {
        line.append(" Giao: ").append(i.ownerAgency());
      }
      if (i.dueAt() != null) {
        LocalDate due = i.dueAt().atZoneSameInstant(zone).toLocalDate();
        line.append("; thời hạn: ").append(two(due.getDayOfMonth())).append('/').append(two(due.getMonthValue()))
            .append('/').append(due.getYear());
      }
      items.add(line.append('.').toString());
    }
    List<String> recipients = new ArrayList<>();
    h.recipients().forEach(r -> recipients.add("- " + r + ";"));
    List<String> signature = new ArrayList<>();
    signature.add("TM. " + c.issuingBody().toUpperCase(VI));
    if (h.signerTitle() != null && !h.signerTitle().isBlank()) {
      signature.add(h.signerTitle().toUpperCase(VI));
    }
    return new NoticeLayout(c.issuingBody().toUpperCase(VI), "Số: " + c.documentNumber(),
        place + ", ngày " + two(date.getDayOfMonth()) + " tháng " + two(date.getMonthValue()) + " năm "
            + date.getYear(),
        "THÔNG BÁO KẾT LUẬN", h.title(), List.of(h.body().split("\\R")), items, recipients, signature,
        h.signerName());
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
