package vn.danhoi.privacy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one contact rule on the texts that slipped through it: numbers typed side by side, a number after a
 * label in the name field; and the amounts and dates it must leave alone.
 */
class ContactRedactionTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Gọi 0912345678 0987654321 giúp tôi|Gọi *** *** giúp tôi",
      "CCCD 079184001234 0912345678|CCCD *** ***",
      "0912 345 678 +84912345678|*** ***",
      "0912345678-0987654321|***-***",
      "năm 2024 0912345678|năm 2024 ***",
      "số 0084 912 345 678 hoặc 84912345678|số *** hoặc ***",
      "912345678|***",
      "thư hoa.nguyen@example.vn, 0912.345.678|thư ***, ***",
      "gọi (0912) 345 678 hoặc (0297) 3862 123|gọi *** hoặc ***",
      "số 0912  345  678, số 0912 - 345 - 678|số ***, số ***",
      "(gọi 0912345678) hay (0987654321)|(gọi ***) hay (***)",
      "0912345678/0987654321|***/***",
      "Dự án 1.500.000.000 đồng|Dự án 1.500.000.000 đồng",
      "Hỗ trợ 350.000.000 đồng|Hỗ trợ 350.000.000 đồng",
      "Dự án 1 500 000 000 đồng|Dự án 1 500 000 000 đồng",
      "ngày 07-12-2026 lúc 10:30, thửa đất số 123, tờ bản đồ 45|ngày 07-12-2026 lúc 10:30, thửa đất số 123, tờ bản đồ 45",
      "Quyết định 1234/QĐ-UBND năm 2025|Quyết định 1234/QĐ-UBND năm 2025",
  })
  void numbersAndAddressesAreHiddenAmountsAndDatesStay(String typed, String shown) {
    assertEquals(shown, ContactRedaction.redact(typed));
    assertEquals(!typed.equals(shown), ContactRedaction.hasContact(typed));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Nguyễn Thị Hoa|Hoa|N. T. H.",
      "Nguyễn Thị Hoa CCCD 079184001234|Hoa|N. T. H.",
      "Hoa, SĐT 0912345678|Hoa|H.",
      "Nguyễn Thị Hoa, 0912 345 678|Hoa|N. T. H.",
      "SĐT 0912345678 Nguyễn Văn Điền|Điền|N. V. Đ.",
      "Nguyễn Văn Thoại (zalo 0912345678)|Thoại|N. V. T.",
      "Lê Sơn hoa@example.vn|Sơn|L. S.",
  })
  void theNameFieldGivesANameNeverALabelOrANumber(String typed, String given, String initials) {
    assertEquals(given, ContactRedaction.publicName(typed));
    assertEquals(initials, ContactRedaction.initials(typed));
  }

  @Test
  void aNameFieldHoldingOnlyANumberGivesNoName() {
    assertNull(ContactRedaction.publicName("0912 345 678"));
    assertEquals(ContactRedaction.HIDDEN, ContactRedaction.initials("SĐT 0912345678"));
  }

  @Property(tries = 500)
  void numbersTypedSideBySideAreAllHidden(@ForAll("numbers") String first, @ForAll("numbers") String second,
                                          @ForAll("between") String between) {
    String shown = ContactRedaction.redact("Liên hệ " + first + between + second + " nhé");
    assertFalse(shown.matches(".*[0-9].*"), () -> first + between + second + " -> " + shown);
    assertTrue(ContactRedaction.hasContact(first + between + second));
  }

  @Provide
  Arbitrary<String> between() {
    return Arbitraries.of(" ", "-", " - ", ", ", " / ", "/", " hoặc ", "  ", ") (");
  }

  /** A Vietnamese mobile or landline, or an ID-card number, in the ways people type them. */
  @Provide
  Arbitrary<String> numbers() {
    // a mobile without its 0: nine digits, the first 3, 5, 7, 8 or 9
    Arbitrary<String> mobile = Combinators.combine(Arbitraries.of("3", "5", "7", "8", "9"),
        Arbitraries.strings().numeric().ofLength(8)).as((first, rest) -> first + rest);
    Arbitrary<String> prefix = Arbitraries.of("0", "+84", "84", "0084");
    Arbitrary<String> phone = Combinators.combine(prefix, mobile).as((p, m) -> p + m);
    Arbitrary<String> card = Arbitraries.strings().numeric().ofLength(9).map(d -> "079" + d);
    return Arbitraries.oneOf(phone, card).flatMap(digits -> Arbitraries.of(" ", ".", "", "-", "  ", " - ")
        .map(sep -> spaced(digits, sep)));
  }

  private static String spaced(String digits, String sep) {
    if (sep.isEmpty() || digits.startsWith("+") || digits.length() < 10) {
      return digits;
    }
    int cut = digits.length() - 6;
    return digits.substring(0, cut) + sep + digits.substring(cut, cut + 3) + sep + digits.substring(cut + 3);
  }
}
