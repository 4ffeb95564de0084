package vn.danhoi.infra;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The three readings of Vietnamese text the rest relies on: folded, without marks, in alphabetical order. */
class VietnameseTextTest {

  @Test
  void withoutMarksKeepsCaseAndTheLettersWhateverTheNormalForm() {
    String nfc = "Ban Tiếp công dân tỉnh Đắk Lắk — Ủy ban nhân dân";
    assertEquals("Ban Tiep cong dan tinh Dak Lak — Uy ban nhan dan", VietnameseText.withoutMarks(nfc));
    assertEquals(VietnameseText.withoutMarks(nfc),
        VietnameseText.withoutMarks(Normalizer.normalize(nfc, Normalizer.Form.NFD)));
    assertEquals("", VietnameseText.withoutMarks(null));
  }

  @Test
  void foldIsWithoutMarksLowerCasedWithSpacesCollapsed() {
    assertEquals("duong thuy noi dia", VietnameseText.fold("  ĐƯỜNG   thủy\tnội địa "));
    assertEquals(VietnameseText.fold("Nước sạch"),
        VietnameseText.withoutMarks("Nước sạch").toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void theOrderIsTheVietnameseAlphabets() {
    List<String> names = new java.util.ArrayList<>(List.of("Y tế", "Đất đai", "Dân số", "Ăn uống", "An ninh",
        "Điện", "Giáo dục", "Ô nhiễm", "Ơn", "Ông"));
    names.sort(Comparator.comparing(s -> s, VietnameseText.ORDER));
    assertEquals(List.of("An ninh", "Ăn uống", "Dân số", "Đất đai", "Điện", "Giáo dục", "Ô nhiễm", "Ông", "Ơn",
        "Y tế"), names);
  }
}
