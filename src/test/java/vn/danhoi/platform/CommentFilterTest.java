package vn.danhoi.platform;

import org.junit.jupiter.api.Test;
import vn.danhoi.platform.BlockedWords.Entry;
import vn.danhoi.platform.BlockedWords.Reason;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live-chat filters case by case: what they must catch, and the ordinary words they must leave alone. */
class CommentFilterTest {

  private static final BlockedWords DEFAULTS = BlockedWords.defaults();

  @Test
  void decomposedTextIsJudgedAsComposed() {
    String nfc = "Tại sao khu phố 2 tối nào cũng mất điện vậy? Địt mẹ";
    String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
    CommentFilter filter = CommentFilter.defaults();
    assertEquals(filter.judge(nfc), filter.judge(nfd));
    assertEquals(Reason.PROFANITY, DEFAULTS.match(Normalizer.normalize("nói như đúng rồi, lồn", Normalizer.Form.NFD)));
    assertTrue(QuestionForm.isQuestion(Normalizer.normalize("Làm căn cước ở đâu ạ", Normalizer.Form.NFD)));
  }

  @Test
  void spreadOutAndDrawnOutShorthandIsProfanity() {
    for (String text : List.of("Đm làm ăn", "d.m đường nát", "đ m cái bọn", "Đ.M", "dm", "dmmmm cúp nước",
        "v.c.l", "vcllll", "Nói láo vl", "đkm", "DKM trạm y tế", "clgt", "làm như cc", "l ồ n", "đ.m.m bọn xe ben",
        "vãi lồn thật")) {
      assertEquals(Reason.PROFANITY, DEFAULTS.match(text), text);
    }
  }

  @Test
  void ordinaryWordsThatFoldLikeProfanityAreLeftAlone() {
    for (String text : List.of("Các cụ ở trung tâm bảo trợ", "cụ ông thôn 6", "Nước lớn quá", "nuoc lon qua",
        "cái lon nước ngọt", "Chào buổi tối", "Đeo kính ngồi xem", "Đi khám có đủ thuốc không", "Dù mưa vẫn xem",
        "Số CCCD gắn chip", "mẹ tôi đi chợ", "đít xe máy bị móp", "các cháu đi học", "Ví dụ như nhà tôi",
        "Đồng chí chủ tịch", "tiền điện 1.250.000 đồng", "Tổng đài 1900 1006", "vay tiền ngân hàng chính sách",
        "dichvucong.gov.vn có nộp được không", "Tôi theo dõi kênh của đài thường xuyên")) {
      assertNull(DEFAULTS.match(text), text);
    }
  }

  @Test
  void linksPhonesAndInvitationsAreSpam() {
    for (String text : List.of("nhacai88.com nạp lần đầu", "https://bit.ly/3xYzAbC", "vào t.me/soicauvip",
        "www.banhang247.vn giảm giá", "liên hệ 0912 345 678", "Kết bạn Zalo để nhận quà", "ib mình",
        "sub chéo kênh em với", "Tài xỉu uy tín", "nổ hũ đổi thưởng", "kiếm tiền online tại nhà",
        "w88vip chấm com")) {
      assertEquals(Reason.SPAM, DEFAULTS.match(text), text);
    }
  }

  @Test
  void theOfficesEditsTakeEffect() {
    BlockedWords list = BlockedWords.of(List.of(new Entry("bán hàng", Reason.SPAM)));
    assertEquals(Reason.SPAM, list.match("Bán hàng giá rẻ"));
    assertNull(list.match("Đm"), "an entry the office removed no longer hides");
    List<String> lines = new ArrayList<>(BlockedWords.defaultLines());
    lines.removeIf(l -> l.strip().equals("dm"));
    lines.add("[profanity]");
    lines.add("đồ tham nhũng   # added by the office");
    BlockedWords edited = BlockedWords.parse(lines);
    assertNull(edited.match("dm thật"));
    assertEquals(Reason.PROFANITY, edited.match("Đồ tham nhũng!"));
    assertEquals(Reason.PROFANITY, edited.match("dmm"), "the other shorthand stays");
  }

  @Test
  void questionFormsAreRecognisedWithAndWithoutMarks() {
    for (String text : List.of("Bao giờ sửa đường ĐT 741?", "bh mới sửa cống vậy ad", "khi nao co nuoc",
        "Cty môi trường có thu rác thứ 7 ko", "cap doi bang lai o dau vay", "đăng ký online được chưa ạ",
        "cần giấy tờ j", "lịch tiêm ntn", "s dân phải tự đổ bê tông", "ai chịu trách nhiệm", "Đề nghị xã làm rõ",
        "Xin cho biết lộ trình", "mong lãnh đạo trả lời giúp", "thật hả", "Dự án nào đang nhận hồ sơ",
        "có được hỗ trợ không, nhà tôi nghèo lắm", "hộ kinh doanh phải xuất hóa đơn hả")) {
      assertTrue(QuestionForm.isQuestion(text), text);
    }
  }

  @Test
  void greetingsPraiseAndThanksAreNotQuestions() {
    for (String text : List.of("Chào buổi tối chương trình", "xin chào mọi người", "hello", "❤️❤️", "???", "😂?",
        "Ủng hộ chương trình", "hay quá", "Chúc sức khỏe", "like", "tuyệt vời", "Cảm ơn chương trình đã giải đáp",
        "Không sao đâu", "không có gì đâu ạ", "Cố lên nào", "Ai ở Vĩnh Điền điểm danh nào", "Dù sao cũng cảm ơn",
        "Ngôi sao của chương trình", "Đi đâu cũng nghe khen", "Xem từ đầu", "Hay ha", "ha ha", "Chẳng ai quan tâm",
        "50 k một tháng", "chưa bao giờ thấy đường đẹp vậy")) {
      assertFalse(QuestionForm.isQuestion(text), text);
    }
  }

  @Test
  void repeatKeySqueezesDrawnOutLettersAndDropsEmoji() {
    assertEquals("hay qua", CommentFilter.repeatKey("hayyyy quáaaa"));
    assertEquals("hay qua", CommentFilter.repeatKey("Hay quá!!! ❤️❤️"));
    assertEquals("chuong trinh hay qua", CommentFilter.repeatKey("  Chương   trình hay quá 😍 "));
    assertEquals("", CommentFilter.repeatKey("❤️❤️❤️"));
    assertEquals("tang 100 nghin", CommentFilter.repeatKey("tăng 100 nghìn"), "digits are not squeezed");
    assertEquals(CommentFilter.repeatKey("Đường xá"), CommentFilter.repeatKey(
        Normalizer.normalize("đường xá", Normalizer.Form.NFD)));
  }

  @Test
  void nearlyTheSameTextIsTheSame() {
    assertTrue(CommentFilter.sameText("Bao giờ sửa đường ĐT 741???", "bao gio sua duong DT 741"));
    assertTrue(CommentFilter.sameText("Chương trình hay quá", "chuong trinh hay qa"));
    assertTrue(CommentFilter.sameText("❤️", "❤️❤️❤️"));
    assertFalse(CommentFilter.sameText("hay", "hai"), "short texts must be alike to the letter");
    assertFalse(CommentFilter.sameText("Bao giờ sửa đường ĐT 741", "Bao giờ sửa đường ĐT 742 và 743"));
  }

  @Test
  void aVerdictCarriesAllThree() {
    CommentFilter.Verdict v = CommentFilter.defaults().judge("đm bao giờ mới sửa đường hả???");
    assertTrue(v.question());
    assertEquals(Reason.PROFANITY, v.blockedReason());
    assertEquals("profanity", v.blockedReason().code());
    assertFalse(v.shownAsQuestion(), "a hidden comment is not shown among the questions");
    assertEquals("dm bao gio moi sua duong ha", v.repeatKey());
  }
}
