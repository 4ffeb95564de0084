package vn.danhoi.complaint;

import io.vertx.core.Future;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.intake.ComplaintRules.Kind;
import vn.danhoi.intake.Submission;
import vn.danhoi.message.MessageTemplates;
import vn.danhoi.moderation.Referrals;
import vn.danhoi.publish.CitizenSender;

import java.text.Normalizer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The formal reply to the author of a confirmed complaint or denunciation: the program does not settle them, the
 * law (Luật Khiếu nại 2011, Luật Tố cáo 2018, Luật Tiếp công dân 2013) sends them to the council's citizen
 * reception office, named with its address and hours. By e-mail when the asker gave an address, else by SMS, only
 * with their consent, recorded before it is sent and sent once.
 */
public final class ComplaintReplies implements Referrals {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final Locale VI = Locale.forLanguageTag("vi");
  private static final Map<String, String> CHANNELS = Map.of("web", "trang thông tin điện tử",
      "sms", "tin nhắn SMS", "hotline", "đường dây nóng", "email", "thư điện tử", "post", "đường bưu chính",
      "form", "phiếu câu hỏi");

  private final ComplaintReplyStore store;
  private final MessageTemplates templates;
  private final CitizenSender email;
  private final CitizenSender sms;
  private final AppConfig.Reception reception;
  private final ZoneId zone;

  public ComplaintReplies(ComplaintReplyStore store, MessageTemplates templates, CitizenSender email,
                          CitizenSender sms, AppConfig.Reception reception, ZoneId zone) {
    this.store = store;
    this.templates = templates;
    this.email = email;
    this.sms = sms;
    this.reception = reception;
    this.zone = zone;
  }

  @Override
  public Future<Void> referred(Submission item) {
    boolean byEmail = item.email() != null && !item.email().isBlank();
    boolean byPhone = item.phone() != null && !item.phone().isBlank();
    if (!byEmail && !byPhone) {
      return Future.succeededFuture();
    }
    return store.context(item.id()).compose(context -> {
      if (!context.consent()) {
        return Future.succeededFuture();
      }
      CitizenSender sender = byEmail ? email : sms;
      String recipient = byEmail ? item.email() : item.phone();
      Map<String, String> values = values(item, context);
      // the SMS path carries no diacritics (some handsets and gateways still mangle them) and stays short
      Future<MessageTemplates.Message> message = byEmail ? templates.render("complaint-reply", values)
          : templates.render("complaint-reply-sms", withoutMarks(values));
      return message.compose(m -> send(item, sender, recipient, m));
    });
  }

  private Future<Void> send(Submission item, CitizenSender sender, String recipient, MessageTemplates.Message m) {
    UUID id = UUID.randomUUID();
    return store.claim(id, item.id(), sender.channel(), recipient, m.subject(), m.body()).compose(claimed -> {
      if (!claimed) {
        return Future.succeededFuture();
      }
      return sender.send(new CitizenSender.CitizenMessage(recipient, item.askerName(), m.subject(), m.body()))
          .transform(ar -> store.done(id, item.id(), item.episodeId(), sender.channel(),
              ar.succeeded() ? null : String.valueOf(ar.cause().getMessage())));
    });
  }

  private Map<String, String> values(Submission item, ComplaintReplyStore.Context context) {
    boolean denunciation = item.classification().kind() == Kind.DENUNCIATION;
    String name = item.askerName() == null ? "" : item.askerName().strip();
    String program = context.program() == null ? "đối thoại với cử tri" : context.program();
    Map<String, String> v = new HashMap<>();
    v.put("name", name);
    v.put("salutation", name.isEmpty() ? "Kính gửi Ông/Bà," : "Kính gửi Ông/Bà " + name + ",");
    v.put("kindName", denunciation ? "đơn tố cáo" : "đơn khiếu nại");
    v.put("kindShort", denunciation ? "tố cáo" : "khiếu nại");
    v.put("kindNote", denunciation
        ? "Đơn tố cáo cần ghi rõ ngày, tháng, năm; họ tên, địa chỉ của người tố cáo; nội dung tố cáo và có chữ ký "
            + "hoặc điểm chỉ của người tố cáo (Điều 23 Luật Tố cáo năm 2018)."
        : "Thời hiệu khiếu nại là 90 ngày, kể từ ngày Ông/Bà nhận được quyết định hành chính hoặc biết được quyết "
            + "định hành chính, hành vi hành chính (Điều 9 Luật Khiếu nại năm 2011).");
    v.put("program", program);
    v.put("programUpper", program.toUpperCase(VI));
    v.put("receivedDate", item.receivedAt() == null ? "" : DATE.format(item.receivedAt().atZoneSameInstant(zone)));
    v.put("channelName", CHANNELS.getOrDefault(item.channel(), item.channel()));
    v.put("receptionName", reception.name());
    v.put("receptionAddress", reception.address());
    v.put("receptionHours", reception.hours());
    v.put("receptionPhone", reception.phone());
    return v;
  }

  private static Map<String, String> withoutMarks(Map<String, String> values) {
    Map<String, String> out = new HashMap<>();
    values.forEach((k, v) -> out.put(k, withoutMarks(v)));
    return out;
  }

  /**
   * Vietnamese without its marks, case kept ("Tiếp công dân" → "Tiep cong dan"), and typographic dashes and
   * quotes as their plain forms: the SMS stays in the GSM 7-bit alphabet.
   */
  static String withoutMarks(String text) {
    String d = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
    return d.replaceAll("\\p{M}+", "").replaceAll("[\u2012-\u2015]", "-").replaceAll("[\u2018\u2019]", "'")
        .replaceAll("[\u201C\u201D]", "\"").replaceAll("[^\\x00-\\x7F]", "");
  }
}
