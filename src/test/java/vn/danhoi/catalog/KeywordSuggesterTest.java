package vn.danhoi.catalog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.danhoi.intake.Suggester.Suggestion;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Keywords match whole syllable sequences, longest first, with their marks where the text has them: a
 * word that only contains or resembles a field's keyword ("bưu điện", "diễn đàn") does not point to it.
 */
class KeywordSuggesterTest {

  static final UUID POWER = UUID.randomUUID();
  static final UUID WATER = UUID.randomUUID();
  static final UUID TAX = UUID.randomUUID();
  static final UUID MARKET = UUID.randomUUID();
  static KeywordSuggester suggester;

  @BeforeAll
  static void catalogue() {
    suggester = new KeywordSuggester(null);
    suggester.use(List.of(
        field("Điện", POWER, "điện", "mất điện", "cúp điện"),
        field("Nước sạch", WATER, "nước", "nước sạch"),
        field("Thuế", TAX, "thuế", "hóa đơn điện tử"),
        field("Chợ", MARKET, "chợ"),
        // stored folded before keywords kept their marks (V6): still matches, folded
        field("Giao thông", null, "duong", "o ga")),
        List.of(agency(POWER, "Công ty Điện lực", "Điện lực"), agency(WATER, "Công ty Cấp nước", ""),
            agency(TAX, "Thuế tỉnh", ""), agency(MARKET, "Sở Công Thương", "")));
  }

  @Test
  void aWordThatOnlyContainsAKeywordDoesNotPointToItsField() {
    for (String text : List.of("Tôi gửi hồ sơ qua bưu điện", "Số điện thoại của xã là số nào?",
        "Cổng dịch vụ điện tử bị lỗi", "Tôi đọc trên diễn đàn của tỉnh", "Con tôi làm ở nước ngoài",
        "Gọi đường dây nóng không ai nghe", "toi gui ho so qua buu dien", "so dien thoai cua xa",
        "toi doc tren dien dan", "con toi o nuoc ngoai", "dienthoai hỏng", "ĐIỆNTHOẠI")) {
      assertNull(suggester.suggest(text).field(), text);
    }
  }

  @Test
  void theLongestKeywordWinsAndConsumesItsSyllables() {
    assertEquals(new Suggestion("Thuế", "Thuế tỉnh"), suggester.suggest("Hộ kinh doanh dùng hóa đơn điện tử"));
    assertEquals(new Suggestion("Thuế", "Thuế tỉnh"), suggester.suggest("ho kinh doanh dung hoa don dien tu"));
    assertEquals(new Suggestion("Điện", "Công ty Điện lực"), suggester.suggest("Ấp 3 bị cúp điện, gọi điện thoại mãi"));
  }

  @Test
  void textWithMarksMatchesKeywordsWithTheSameMarksAndBareTextMatchesFolded() {
    assertNull(suggester.suggest("Luật có cho phép ủy quyền không?").field(), "cho is not chợ in text with marks");
    assertEquals("Chợ", suggester.suggest("cho xa bi dot, tieu thuong kho khan").field(), "bare SMS: cho may be chợ");
    assertEquals("Điện", suggester.suggest("Dien ap 3 bi cup tu sang").field());
    assertEquals("Điện", suggester.suggest("Điện ấp 3 bị cúp từ sáng").field());
    assertEquals("Giao thông", suggester.suggest("Đường vào ấp có nhiều ổ gà").field(), "folded keywords still match");
  }

  @Test
  void aNamedAgencyWinsOverTheFieldsAgency() {
    assertEquals(new Suggestion("Điện", "Công ty Cấp nước"),
        suggester.suggest("Công ty Cấp nước đào đường làm mất điện cả ấp"));
  }

  /** Whatever the normalisation, case, spacing or punctuation of a text, the suggestion is the same. */
  @Test
  void nfdCaseSpacesAndPunctuationDoNotChangeTheSuggestion() {
    List<String> words = List.of("điện", "bưu", "thoại", "nước", "ngoài", "sạch", "hóa", "đơn", "tử", "thuế",
        "chợ", "cho", "diễn", "đàn", "ổ", "gà", "đường", "dây", "nóng", "cúp", "mất", "tôi", "ở", "xã");
    Random random = new Random(18);
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      for (int w = 1 + random.nextInt(8); w > 0; w--) {
        text.append(words.get(random.nextInt(words.size()))).append(' ');
      }
      String nfc = text.toString().strip();
      Suggestion expected = suggester.suggest(nfc);
      assertEquals(expected, suggester.suggest(Normalizer.normalize(nfc, Normalizer.Form.NFD)), nfc);
      assertEquals(expected, suggester.suggest(nfc.toUpperCase(Locale.ROOT)), nfc);
      assertEquals(expected, suggester.suggest("  " + nfc.replace(" ", ",  ") + "?!"), nfc);
    }
  }

  static Field field(String name, UUID agency, String... keywords) {
    return new Field(UUID.randomUUID(), name, List.of(keywords), agency, null);
  }

  static Agency agency(UUID id, String name, String shortName) {
    return new Agency(id, name, shortName, "department", List.of(), true);
  }
}
