package vn.danhoi.sms;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.sms.SmsText.Encoding.GSM7;
import static vn.danhoi.sms.SmsText.Encoding.UCS2;

class SmsTextTest {

  private static final String NOTICE = "Ban Tiếp công dân tỉnh Đắk Lắk — Ủy ban nhân dân đã trả lời câu hỏi của ông/bà.";

  @Test
  void gsm7IsTheBasicTableAndItsExtension() {
    assertTrue(SmsText.gsm7("Hello @ 100% £5 ¥ § ¿¡ ÄÖÑÜ äöñüà èéùìòÇ Øø Åå Δ_ΦΓΛΩΠΨΣΘΞ Ææß É ¤\r\n"));
    assertTrue(SmsText.gsm7("^{}\\[~]|€\f"));
    assertTrue(SmsText.gsm7(""));
    assertFalse(SmsText.gsm7("Tiếp công dân"), "Vietnamese letters with marks are not in GSM-7");
    assertFalse(SmsText.gsm7("Đà Nẵng"));
    assertFalse(SmsText.gsm7("`"), "the backtick is in neither table");
    assertFalse(SmsText.gsm7("a\tb"), "nor is the tab");
    assertFalse(SmsText.gsm7("“trích dẫn”"));
    assertFalse(SmsText.gsm7("Cảm ơn 🙏"));
    long printableAscii = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_abcdefghijklmnopqrstuvwxyz{|}~"
        .chars().filter(c -> SmsText.gsm7(String.valueOf((char) c))).count();
    assertEquals(94, printableAscii, "every printable ASCII character but the backtick");
  }

  @Test
  void aGsm7TextIsOnePartUpTo160UnitsThenPartsOf153() {
    assertEquals(new SmsText.Parts(GSM7, 160, 1), SmsText.count("a".repeat(160)));
    assertEquals(new SmsText.Parts(GSM7, 161, 2), SmsText.count("a".repeat(161)));
    assertEquals(new SmsText.Parts(GSM7, 306, 2), SmsText.count("a".repeat(306)));
    assertEquals(new SmsText.Parts(GSM7, 307, 3), SmsText.count("a".repeat(307)));
  }

  @Test
  void anExtensionCharacterCountsTwoAndIsNotSplitFromItsEscape() {
    assertEquals(new SmsText.Parts(GSM7, 160, 1), SmsText.count("€".repeat(80)));
    assertEquals(new SmsText.Parts(GSM7, 162, 2), SmsText.count("€".repeat(81)));
    // 152 + 2 + 152 = 306 units would fit two parts of 153, but the € cannot straddle the first part's end
    assertEquals(new SmsText.Parts(GSM7, 306, 3), SmsText.count("a".repeat(152) + "€" + "a".repeat(152)));
    assertEquals(new SmsText.Parts(GSM7, 306, 2), SmsText.count("a".repeat(151) + "€" + "a".repeat(153)));
  }

  @Test
  void aTextWithVietnameseMarksIsUcs2OfSeventyThenSixtySeven() {
    assertEquals(new SmsText.Parts(UCS2, 70, 1), SmsText.count("ạ".repeat(70)));
    assertEquals(new SmsText.Parts(UCS2, 71, 2), SmsText.count("ạ".repeat(71)));
    assertEquals(new SmsText.Parts(UCS2, 134, 2), SmsText.count("ạ".repeat(134)));
    assertEquals(new SmsText.Parts(UCS2, 135, 3), SmsText.count("ạ".repeat(135)));
    assertEquals(UCS2, SmsText.count(NOTICE).encoding());
    assertEquals(NOTICE.length(), SmsText.count(NOTICE).units());
  }

  @Test
  void ucs2CountsCodeUnitsAndKeepsASurrogatePairInOnePart() {
    assertEquals(new SmsText.Parts(UCS2, 4, 1), SmsText.count("🙏🙏"));
    // 66 + 2 + 66 = 134 units: the pair does not fit the first part's last unit, so a third part
    assertEquals(new SmsText.Parts(UCS2, 134, 3), SmsText.count("ạ".repeat(66) + "🙏" + "ạ".repeat(66)));
  }

  @Test
  void decomposedVietnameseIsCountedAsItIsSentNotAsItReads() {
    String nfd = Normalizer.normalize("Đà Nẵng", Normalizer.Form.NFD);
    assertEquals(new SmsText.Parts(UCS2, nfd.length(), 1), SmsText.count(nfd));
    assertTrue(nfd.length() > "Đà Nẵng".length());
  }

  @Test
  void anEmptyTextIsStillOnePart() {
    assertEquals(new SmsText.Parts(GSM7, 0, 1), SmsText.count(""));
    assertEquals(new SmsText.Parts(GSM7, 0, 1), SmsText.count(null));
  }

  @Test
  void foldDropsTheMarksKeepsTheCaseWhateverTheNormalForm() {
    String folded = "Ban Tiep cong dan tinh Dak Lak - Uy ban nhan dan da tra loi cau hoi cua ong/ba.";
    assertEquals(folded, SmsText.fold(NOTICE));
    assertEquals(folded, SmsText.fold(Normalizer.normalize(NOTICE, Normalizer.Form.NFD)));
    assertEquals("Tiep cong dan", SmsText.fold("Tiếp công dân"));
    assertEquals("DUONG THUY NOI DIA, duong", SmsText.fold("ĐƯỜNG THỦY NỘI ĐỊA, đường"));
    assertEquals("Dien Bien", SmsText.fold("\u00D0iện Biên"), "an eth typed for Đ");
  }

  @Test
  void foldPlainsPunctuationAndSpaces() {
    assertEquals("\"Lang nghe va Trao doi\" - 7 gio 00 - 17 gio 00", SmsText.fold("“Lắng nghe và Trao đổi” – 7 giờ 00 – 17 giờ 00"));
    assertEquals("Ong Hung's 'don' ... xong", SmsText.fold("Ông Hùng’s ‘đơn’ … xong"));
    assertEquals("so 61 Nguyen Hue, 0272 3826 111", SmsText.fold("số\u00A061 Nguyễn Huệ,\u202F0272\u20073826\t111"));
    assertEquals("dong 1\ndong 2\r\ndong 3\n", SmsText.fold("dòng 1\ndòng 2\r\ndòng 3\u2028"));
    assertEquals("a-b-c", SmsText.fold("a\u2011b\u2212c"));
  }

  @Test
  void foldKeepsWhatGsm7HasAndDropsWhatItLacks() {
    assertEquals("Phi 20EUR: 20€ {ma} [1] ~ | ^ \\", SmsText.fold("Phí 20EUR: 20€ {mã} [1] ~ | ^ \\"));
    assertEquals("Cam on  nhe", SmsText.fold("Cảm ơn 🙏 nhé"), "an emoji is dropped, not shown as ?");
    assertEquals("Thu tu: ", SmsText.fold("Thư từ: 北京"));
    assertEquals("", SmsText.fold(null));
    assertEquals("", SmsText.fold(""));
  }

  @Test
  void aFoldedNoticeFitsOnePartWhereTheMarkedOneTakesTwo() {
    String notice = "Kính gửi bà Nguyễn Thị Mai: câu hỏi của bà đã được Sở Nông nghiệp trả lời, xem tại hdnd.vn/a/1";
    assertEquals(2, SmsText.count(notice).segments());
    assertEquals(new SmsText.Parts(GSM7, notice.length(), 1), SmsText.count(SmsText.fold(notice)));
  }

  @Property(tries = 500)
  void foldedTextIsAlwaysGsm7AndFoldsToItself(@ForAll String text) {
    String folded = SmsText.fold(text);
    assertTrue(SmsText.gsm7(folded), folded);
    assertEquals(folded, SmsText.fold(folded));
  }

  @Property(tries = 500)
  void everyTextIsAtLeastOnePartAndNeverMoreThanOnePerUnit(@ForAll @StringLength(max = 700) String text) {
    SmsText.Parts parts = SmsText.count(text);
    assertTrue(parts.segments() >= 1, parts::toString);
    assertTrue(parts.segments() <= Math.max(1, parts.units()), parts::toString);
    assertEquals(SmsText.gsm7(text) ? GSM7 : UCS2, parts.encoding());
  }

  @Property(tries = 300)
  void foldingNeverAddsParts(@ForAll("vietnamese") String text) {
    assertTrue(SmsText.count(SmsText.fold(text)).segments() <= SmsText.count(text).segments(), text);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> vietnamese() {
    return net.jqwik.api.Arbitraries.strings()
        .withChars("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐ ,.")
        .ofMaxLength(400);
  }
}
