package vn.danhoi.document;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import vn.danhoi.infra.ApiError;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decree's rules that need no server: the date, the number, the issuer's names, the recipients. */
class OfficialDocumentTest {

  @Test
  void daysBelowTenAndTheFirstTwoMonthsAreWrittenWithALeadingZero() {
    assertEquals("ngày 05 tháng 01 năm 2026", OfficialDocument.date(LocalDate.of(2026, 1, 5)));
    assertEquals("ngày 01 tháng 02 năm 2026", OfficialDocument.date(LocalDate.of(2026, 2, 1)));
    assertEquals("ngày 15 tháng 3 năm 2026", OfficialDocument.date(LocalDate.of(2026, 3, 15)));
    assertEquals("ngày 09 tháng 10 năm 2026", OfficialDocument.date(LocalDate.of(2026, 10, 9)));
    assertEquals("ngày 31 tháng 12 năm 2026", OfficialDocument.date(LocalDate.of(2026, 12, 31)));
  }

  @Test
  void theNumberHasTwoDigitsBelowTenThenTheTypeAndTheIssuer() {
    Issuer council = Issuer.of("", "Hội đồng nhân dân tỉnh Hậu Giang", "", "x");
    assertEquals("Số: 01/TB-HĐND", OfficialDocument.numberLine(1, DocumentType.NOTICE, council));
    assertEquals("Số: 12/KB-HĐND", OfficialDocument.numberLine(12, DocumentType.RUNDOWN, council));
    assertEquals("Số: …/BC-HĐND", OfficialDocument.numberLine(null, DocumentType.REPORT, council));
  }

  @Test
  void anIssuersAbbreviationIsTheOneInUseOrItsInitials() {
    assertEquals("HĐND", Issuer.of("", "Hội đồng nhân dân tỉnh Hậu Giang", "", "x").abbreviation());
    assertEquals("HĐND", Issuer.of("", "Thường trực HĐND tỉnh Hậu Giang", "", "x").abbreviation());
    assertEquals("HĐND", Issuer.of("", "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH HẬU GIANG", "", "x").abbreviation());
    assertEquals("UBND", Issuer.of("", "Ủy ban nhân dân tỉnh Kiên Giang", "", "x").abbreviation());
    assertEquals("BBT", Issuer.of("", "Ban Biên tập", "", "x").abbreviation());
    assertEquals("BBT", Issuer.of("", "", "", "Ban Biên tập").abbreviation());
    assertEquals("VP", Issuer.of("", "Văn phòng Đoàn ĐBQH và HĐND tỉnh Long An", "", "x").abbreviation());
    assertEquals("ĐPTTH", Issuer.of("", "Đài Phát thanh và Truyền hình tỉnh Long An", "", "x").abbreviation());
    assertEquals("TTHĐND", Issuer.of("", "Thường trực HĐND", "tthđnd", "x").abbreviation());
  }

  @Test
  void theIssuerInASentenceIsANameNotTheHeadingsCapitals() {
    assertEquals("Hội đồng nhân dân tỉnh Long An",
        Issuer.of("", "HỘI ĐỒNG NHÂN DÂN TỈNH LONG AN", "", "x").inSentence());
    assertEquals("Thường trực HĐND thành phố Cần Thơ",
        Issuer.of("", "THƯỜNG TRỰC HĐND THÀNH PHỐ CẦN THƠ", "", "x").inSentence());
    assertEquals("Ủy ban nhân dân tỉnh Kiên Giang", Issuer.of("", "Ủy ban nhân dân tỉnh Kiên Giang", "", "x")
        .inSentence());
    assertEquals("TM. THƯỜNG TRỰC HĐND", Issuer.of("", "Thường trực HĐND tỉnh Hậu Giang", "", "x").onBehalf());
    assertEquals("TM. ỦY BAN NHÂN DÂN", Issuer.of("", "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "", "x").onBehalf());
  }

  @Test
  void recipientsEachOnALineWithTheOfficesCopyLastEndingInAFullStop() {
    OfficialDocument d = new OfficialDocument(Issuer.of("", "Ban Biên tập", "", "x"), DocumentType.NOTICE, 1, "Long An",
        LocalDate.of(2026, 3, 5), "", List.of(), List.of("Lưu: VT, BBT", "- Sở Nội vụ;", "UBND huyện Bến Lức."),
        new Signature("", "", ""));
    assertEquals(List.of("- Sở Nội vụ;", "- UBND huyện Bến Lức;", "- Lưu: VT, BBT."), d.recipientLines());
    OfficialDocument none = new OfficialDocument(d.issuer(), d.type(), 1, "", d.date(), "", List.of(), List.of(),
        d.signature());
    assertEquals(List.of("- Lưu: VT."), none.recipientLines());
    assertEquals("……, ngày 05 tháng 3 năm 2026", none.placeAndDate());
  }

  @Test
  void anAuthorityIsOneTheDecreeAllows() {
    assertEquals("KT. Chủ tịch", Signature.authority("a", "kt. Chủ tịch"));
    assertEquals("TM. THƯỜNG TRỰC HĐND", Signature.authority("a", "  TM.  THƯỜNG TRỰC HĐND "));
    assertEquals("", Signature.authority("a", " "));
    assertEquals(null, Signature.authority("a", null));
    assertEquals(List.of("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), new Signature("KT. Chủ tịch", "Phó Chủ tịch", "Mã Thị Tươi")
        .heading());
    assertEquals("a.invalid", Assertions.assertThrows(ApiError.class,
        () -> Signature.authority("a", "Chủ tịch")).code());
  }
}
