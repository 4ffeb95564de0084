package vn.danhoi.intake;

import org.junit.jupiter.api.Test;
import vn.danhoi.intake.ComplaintRules.Kind;
import vn.danhoi.intake.ComplaintRules.Phrases;

import java.text.Normalizer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Complaints and denunciations told from questions by phrases on whole folded syllables, per sentence. */
class ComplaintRulesTest {

  final ComplaintRules rules = ComplaintRules.defaults();

  @Test
  void complaintsAndDenunciationsWithOrWithoutMarks() {
    assertEquals(Kind.COMPLAINT, rules.recognise("Đơn khiếu nại"));
    assertEquals(Kind.COMPLAINT, rules.recognise("Tôi khiếu nại quyết định thu hồi đất số 245/QĐ-UBND"));
    assertEquals(Kind.COMPLAINT, rules.recognise("Khieu nai: xa khong cap giay cho toi"));
    assertEquals(Kind.DENUNCIATION, rules.recognise("tôi muốn tố cáo công ty X"));
    assertEquals(Kind.DENUNCIATION, rules.recognise("to giac can bo nhan hoi lo"));
    assertEquals(Kind.DENUNCIATION, rules.recognise("Tôi khiếu nại và tố cáo chủ tịch xã"), "a denunciation wins");
    String nfd = Normalizer.normalize("Tôi tố giác cán bộ nhận hối lộ", Normalizer.Form.NFD);
    assertEquals(Kind.DENUNCIATION, rules.recognise(nfd));
  }

  @Test
  void askingHowOrWhereToLodgeOneIsAQuestion() {
    assertEquals(Kind.QUESTION, rules.recognise("Thủ tục khiếu nại thế nào?"));
    assertEquals(Kind.QUESTION, rules.recognise("Xin hoi toi muon khieu nai thi gui don o dau?"));
    assertEquals(Kind.QUESTION, rules.recognise("Người tố cáo có được bảo vệ không?"));
    assertEquals(Kind.QUESTION, rules.recognise("Tiền điện tháng này tăng gấp đôi"));
    assertEquals(Kind.QUESTION, rules.recognise(""));
    assertEquals(Kind.QUESTION, rules.recognise(null));
  }

  @Test
  void phrasesMatchWholeSyllablesAndExceptionsOnlyTheirSentence() {
    assertEquals(Kind.QUESTION, rules.recognise("khieunai tocao"), "not inside other words");
    assertEquals(Kind.DENUNCIATION, rules.recognise("Tôi tố cáo công ty X xả thải ra kênh. Xin hỏi xử lý thế nào?"));
    assertEquals(Kind.QUESTION, rules.recognise("Tôi tố cáo công ty X xả thải ra kênh, xin hỏi xử lý thế nào?"),
        "the exception is in the same sentence");
  }

  @Test
  void theOfficesPhrasesTakeEffectAtOnce() {
    ComplaintRules tuned = ComplaintRules.defaults();
    assertEquals(Kind.QUESTION, tuned.recognise("Tôi phản đối quyết định cưỡng chế"));
    tuned.use(new Phrases(List.of("phản đối quyết định"), List.of(), List.of()));
    assertEquals(Kind.COMPLAINT, tuned.recognise("Tôi phản đối quyết định cưỡng chế"));
    assertEquals(Kind.QUESTION, tuned.recognise("Tôi muốn tố cáo công ty X"), "a removed phrase no longer counts");
  }
}
