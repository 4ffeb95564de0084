package vn.danhoi.notice;

import io.vertx.core.Future;
import vn.danhoi.intake.ChannelNames;
import vn.danhoi.intake.ReceiptCode;
import vn.danhoi.message.MessageTemplates;

import java.util.HashMap;
import java.util.Map;

/**
 * The receipt's words, written when it is sent, in the office's wording of that moment (templates
 * receipt-sms, receipt-zalo and receipt-email): the code, the program, where to follow the question, and how by SMS.
 */
public final class ReceiptWording {

  private final MessageTemplates templates;
  private final String publicUrl;
  private final String lookupKeyword;
  private final String shortCode;

  public ReceiptWording(MessageTemplates templates, String publicUrl, String lookupKeyword, String shortCode) {
    this.templates = templates;
    this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    this.lookupKeyword = lookupKeyword == null ? "" : lookupKeyword.strip();
    this.shortCode = shortCode == null ? "" : shortCode.strip();
  }

  Future<MessageTemplates.Message> word(NoticeQueue.Due d) {
    String code = d.receiptCode() == null ? "" : d.receiptCode();
    String shown = ReceiptCode.format(code);
    Map<String, Object> values = new HashMap<>();
    values.put("ma_so", shown);
    values.put("chuong_trinh", d.program() == null ? "" : " tới chương trình “" + d.program() + "”");
    values.put("kenh", ChannelNames.inSentence(d.askedBy()));
    values.put("duong_dan", publicUrl + "/track.html");
    values.put("duong_dan_ma", publicUrl + "/track.html?code=" + shown);
    // the SMS way to follow it is offered only where the council has a number to text
    values.put("tra_cuu_sms", lookupKeyword.isEmpty() || shortCode.isEmpty() ? ""
        : "Hoặc soạn " + lookupKeyword + " " + code + " gửi " + shortCode + ".");
    return templates.render(switch (d.channel()) {
      case "sms" -> "receipt-sms";
      case "zalo" -> "receipt-zalo";
      default -> "receipt-email";
    }, values);
  }
}
