package vn.danhoi.complaint;

import io.vertx.core.Future;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.intake.ComplaintRules.Kind;
import vn.danhoi.intake.Submission;
import vn.danhoi.message.MessageTemplates;
import vn.danhoi.moderation.Referrals;
import vn.danhoi.intake.ChannelNames;
import vn.danhoi.publish.CitizenSender;

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
      Future<MessageTemplates.Message> message = byEmail ? templates.render("complaint-reply", values)
          : templates.render("complaint-reply-sms", values);
      return message.compose(m -> send(item, sender, recipient, m));
    });
  }

  private Future<Void> send(Submission item, CitizenSender sender, String recipient, MessageTemplates.Message m) {
    UUID id = UUID.randomUUID();
    boolean queued = sender.queued();
    return store.claim(id, item.id(), sender.channel(), recipient, m.subject(), m.body(), queued).compose(claimed -> {
      // a queued SMS is the notices' queue's to send
      if (!claimed || queued) {
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
    v.put("ho_ten", name);
    v.put("loai_don", denunciation ? "đơn tố cáo" : "đơn khiếu nại");
    v.put("loai", denunciation ? "tố cáo" : "khiếu nại");
    v.put("luu_y", denunciation
        ? "Đơn tố cáo cần ghi rõ ngày, tháng, năm; họ tên, địa chỉ của người tố cáo; nội dung tố cáo và có chữ ký "
            + "hoặc điểm chỉ của người tố cáo (Điều 23 Luật Tố cáo năm 2018)."
        : "Thời hiệu khiếu nại là 90 ngày, kể từ ngày Ông/Bà nhận được quyết định hành chính hoặc biết được quyết "
            + "định hành chính, hành vi hành chính (Điều 9 Luật Khiếu nại năm 2011).");
    v.put("chuong_trinh", program);
    v.put("chuong_trinh_in_hoa", program.toUpperCase(VI));
    v.put("ngay_nhan", item.receivedAt() == null ? "" : DATE.format(item.receivedAt().atZoneSameInstant(zone)));
    v.put("kenh", ChannelNames.inSentence(item.channel()));
    v.put("ban_tiep_cong_dan", reception.name());
    v.put("dia_chi_tiep_cong_dan", reception.address());
    v.put("gio_tiep_cong_dan", reception.hours());
    v.put("dien_thoai_tiep_cong_dan", reception.phone());
    return v;
  }
}
