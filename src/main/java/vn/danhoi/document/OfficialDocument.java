package vn.danhoi.document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A document the council office signs, in the parts and order of Decree 30/2020/ND-CP, Appendix I: the
 * heading (parent and issuing body | national title and motto; number and symbol | place and date), the
 * type and summary, the body, then "Nơi nhận" beside the signature. One model, written by {@link DocumentDocx}
 * and {@link DocumentPdf}, so the Word and the PDF copies always say and show the same.
 */
public record OfficialDocument(Issuer issuer, DocumentType type, Integer number, String place, LocalDate date,
                               String summary, List<Block> body, List<String> recipients, Signature signature) {

  public static final String NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  public static final String MOTTO = "Độc lập - Tự do - Hạnh phúc";
  /** The office's own copy, always the last recipient. */
  static final String ARCHIVE = "Lưu: VT";

  /** A part of the body. */
  public sealed interface Block permits Text, Table {
  }

  /** A paragraph: justified with its first line indented, or a bold section heading ("I. …"). */
  public record Text(String text, boolean section) implements Block {
    public static Text of(String text) {
      return new Text(text, text.matches("^[IVX]+\\. .*"));
    }
  }

  /** A grid with a header row, e.g. the run-down's questions; widths are relative. */
  public record Table(List<String> head, List<List<String>> rows, List<String> total, float[] widths,
                      boolean[] centred) implements Block {
  }

  /** "Số: 01/TB-HĐND"; "Số: …/KB-BBT" before the number is given. */
  public String numberLine() {
    return numberLine(number, type, issuer);
  }

  public static String numberLine(Integer number, DocumentType type, Issuer issuer) {
    return "Số: " + symbol(number, type, issuer);
  }

  /** "01/TB-HĐND": the number, two digits below 10, then the type's and the issuer's abbreviations. */
  public static String symbol(Integer number, DocumentType type, Issuer issuer) {
    String n = number == null ? "…" : number < 10 ? "0" + number : number.toString();
    return n + "/" + type.code() + "-" + issuer.abbreviation();
  }

  /** "Hậu Giang, ngày 05 tháng 01 năm 2026". */
  public String placeAndDate() {
    return (place == null || place.isBlank() ? "……" : place.trim()) + ", " + date(date);
  }

  /**
   * The decree's date: days below 10 and the months January and February written with a leading zero
   * ("ngày 05 tháng 01", "ngày 15 tháng 3"), so no digit can be added in front of them.
   */
  public static String date(LocalDate d) {
    int day = d.getDayOfMonth();
    int month = d.getMonthValue();
    return "ngày " + (day < 10 ? "0" + day : day) + " tháng " + (month < 3 ? "0" + month : month) + " năm "
        + d.getYear();
  }

  /**
   * The "Nơi nhận" lines: each one "- …;", the office's own copy ("Lưu: VT, …") last and ending in ".". What
   * the editors typed is kept, its own dashes and punctuation replaced by the decree's.
   */
  public List<String> recipientLines() {
    List<String> names = new ArrayList<>();
    String archive = null;
    for (String r : recipients) {
      String name = r == null ? "" : r.trim().replaceFirst("^[-–+•]\\s*", "").replaceFirst("[;.,]+$", "").trim();
      if (name.isEmpty()) {
        continue;
      }
      if (name.toLowerCase(Issuer.VI).startsWith("lưu")) {
        archive = name;
      } else {
        names.add(name);
      }
    }
    names.add(archive == null ? ARCHIVE : archive);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      out.add("- " + names.get(i) + (i == names.size() - 1 ? "." : ";"));
    }
    return out;
  }
}
