package vn.danhoi.intake;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.danhoi.infra.VietnameseText;

import java.text.Normalizer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMS keyword rule (see {@link SmsRouter}): a message that begins with a word folding to the keyword is routed
 * by it, but only the keyword as typed by someone sending it is taken off the question; a word of the question
 * that happens to fold to the keyword stays.
 */
class SmsKeywordTest {

  @ParameterizedTest(name = "{0} + \"{1}\" → \"{2}\"")
  @CsvSource(delimiter = '|', value = {
      // the case: the word "điện" is the question's, not the keyword DIEN
      "DIEN | điện ấp 3 bị cúp | điện ấp 3 bị cúp",
      "DIEN | Điện ấp 3 bị cúp từ sáng | Điện ấp 3 bị cúp từ sáng",
      "DIEN | ĐIỆN ẤP 3 BỊ CÚP | ĐIỆN ẤP 3 BỊ CÚP",
      "DIEN | DIEN điện ấp 3 bị cúp | điện ấp 3 bị cúp",
      "DIEN | dien ấp 3 bị cúp | ấp 3 bị cúp",
      "DIEN | Dien: ấp 3 bị cúp | ấp 3 bị cúp",
      "DIEN | ĐIEN ấp 3 bị cúp | ấp 3 bị cúp",
      // a colon makes a label of a word that only folds to the keyword; a comma does not
      "DIEN | Điện: ấp 3 bị cúp | ấp 3 bị cúp",
      "DIEN | Điện, nước ấp 3 đều yếu | Điện, nước ấp 3 đều yếu",
      "DIEN | Điện - nước ấp 3 đều yếu | Điện - nước ấp 3 đều yếu",
      // đ and d are one letter: Telex turns dd into đ, and ĐT is written DT without a Vietnamese keyboard
      "DT | đt Điện chập chờn mỗi tối | Điện chập chờn mỗi tối",
      "DT | ĐT: cột điện nghiêng | cột điện nghiêng",
      "DT | Đt câu hỏi về lưới điện | câu hỏi về lưới điện",
      "ĐT | dt câu hỏi về lưới điện | câu hỏi về lưới điện",
      "ĐT | ĐT câu hỏi về lưới điện | câu hỏi về lưới điện",
      // a word that begins like the keyword is not the keyword
      "DT | đặt câu hỏi về lưới điện | đặt câu hỏi về lưới điện",
      "DT | DTcâu hỏi | DTcâu hỏi",
      "DT | dt2 câu hỏi | dt2 câu hỏi",
      // the keyword's own diacritics may be left out (a phone without a Vietnamese keyboard), not added to
      "NƯỚC | nuoc Trạm cấp nước quá tải | Trạm cấp nước quá tải",
      "NƯỚC | Nước Trạm cấp nước quá tải | Trạm cấp nước quá tải",
      "NƯỚC | Nuóc Trạm cấp nước quá tải | Trạm cấp nước quá tải",
      "NUOC | Nước sinh hoạt ấp 2 bị đục | Nước sinh hoạt ấp 2 bị đục",
      "NUOC | nước: hoá đơn ghi sai | hoá đơn ghi sai",
      // a keyword of two syllables, any number of spaces between them
      "DAN HOI | dan   hoi Bao giờ sửa cầu? | Bao giờ sửa cầu?",
      "DAN HOI | Dân hỏi Bao giờ sửa cầu? | Dân hỏi Bao giờ sửa cầu?",
      // nothing left after the keyword: the message is kept whole
      "DIEN | DIEN | DIEN",
      "DIEN | DIEN : | DIEN :",
  })
  void strippedText(String keyword, String text, String stored) {
    assertEquals(stored, SmsRouter.stripKeyword(keyword, text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DIEN | điện ấp 3 bị cúp | true",
      "DIEN | ĐIỆN: ấp 3 | true",
      "DIEN | điệnlực ấp 3 | false",
      "DT | đặt câu hỏi | false",
      "DT | Đt câu hỏi | true",
      "NUOC | Nước: ống vỡ | true",
  })
  void routingFoldsCaseAndAccents(String keyword, String text, boolean routes) {
    assertEquals(routes, SmsRouter.routes(keyword, text));
  }

  private static final List<String> KEYWORDS = List.of("DIEN", "DT", "ĐT", "NUOC", "NƯỚC", "HOI", "DAN HOI");
  private static final List<String> SYLLABLES = List.of("điện", "Điện", "ĐIỆN", "đt", "nước", "Nước", "hỏi",
      "Hỏi", "dân", "ấp", "xã", "phường", "cúp", "mất", "bị", "khi", "nào", "có", "đường", "3", "12", "dien", "nuoc",
      "đặt", "Đường", "tôi", "hoà", "khánh");
  private static final List<String> SEPARATORS = List.of(" ", "  ", ": ", " - ", ", ", ". ", ":");

  @Provide
  Arbitrary<String> keywords() {
    return Arbitraries.of(KEYWORDS);
  }

  @Provide
  Arbitrary<String> questions() {
    return Arbitraries.of(SYLLABLES).list().ofMinSize(1).ofMaxSize(12).map(words -> String.join(" ", words));
  }

  @Provide
  Arbitrary<String> messages() {
    return Combinators.combine(Arbitraries.of(KEYWORDS), Arbitraries.of(SEPARATORS), questions())
        .as((k, sep, q) -> k + sep + q);
  }

  /** Whatever is taken off is the first token and its separator: every later word of the question stays. */
  @Property(tries = 2000)
  void strippingOnlyEverTakesTheFirstTokenAndItsSeparator(@ForAll("keywords") String keyword,
                                                          @ForAll("messages") String message) {
    String stored = SmsRouter.stripKeyword(keyword, message);
    assertTrue(message.endsWith(stored), message + " → " + stored);
    String taken = message.substring(0, message.length() - stored.length());
    if (!taken.isEmpty()) {
      assertTrue(SmsRouter.routes(keyword, message), "only a routing keyword is taken: " + message);
      String word = taken.replaceAll("[\\s:;,.\\-–—]+$", "");
      assertEquals(VietnameseText.fold(keyword), VietnameseText.fold(word), message);
    }
  }

  /** A first word carrying a diacritic the keyword lacks stays, unless a colon makes it a label. */
  @Property(tries = 2000)
  void aWordWithDiacriticsTheKeywordLacksIsNeverTaken(@ForAll("questions") String question) {
    String stored = SmsRouter.stripKeyword("DIEN", question);
    String first = question.split(" ")[0];
    boolean marked = first.chars().anyMatch(c -> Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFD)
        .length() > 1);
    if (marked) {
      assertEquals(question, stored, "a word of the question was taken");
    }
  }

  /** A message typed as announced, keyword then question, stores the question exactly. */
  @Property(tries = 1000)
  void theAnnouncedKeywordIsTakenOff(@ForAll("keywords") String keyword, @ForAll("questions") String question) {
    String q = "Câu hỏi: " + question;
    assertEquals(q, SmsRouter.stripKeyword(keyword, keyword + " " + q));
    assertEquals(q, SmsRouter.stripKeyword(keyword, keyword.toLowerCase() + ": " + q));
  }
}
