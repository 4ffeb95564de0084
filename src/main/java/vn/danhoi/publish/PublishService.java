package vn.danhoi.publish;

import java.time.ZoneId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.danhoi.document.Issuer;
import vn.danhoi.message.MessageTemplates;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Publication of approved answers and the notice to the citizen who asked: only with their consent and a
 * contact, by e-mail when they gave an address (else by SMS to their phone), once per answer.
 */
public final class PublishService {

  /** Who speaks when the program's body is not configured: the council's standing committee. */
  private static final String COUNCIL = "Thường trực HĐND";

  private final PublishStore store;
  private final CitizenSender email;
  private final CitizenSender sms;
  private final MessageTemplates templates;
  private final String publicUrl;
  private final ZoneId zone;
  private final Clock clock;

  public PublishService(PublishStore store, CitizenSender email, CitizenSender sms, MessageTemplates templates,
                        String publicUrl, ZoneId zone, Clock clock) {
    this.store = store;
    this.email = email;
    this.sms = sms;
    this.templates = templates;
    this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    this.zone = zone;
    this.clock = clock;
  }

  /** Publishes and then tells the citizen; the answer says how ({@code notice}: channel and status, or null). */
  public Future<JsonObject> publish(UUID answerId, String actor, String address) {
    return store.publish(answerId, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), actor, address)
        .compose(p -> notice(p).map(n -> p.toJson(zone).put("notice", n)));
  }

  private Future<JsonObject> notice(PublishStore.Published p) {
    boolean byEmail = p.email() != null && !p.email().isBlank();
    boolean byPhone = p.phone() != null && !p.phone().isBlank();
    if (!p.consent() || (!byEmail && !byPhone)) {
      return Future.succeededFuture(null);
    }
    CitizenSender sender = byEmail ? email : sms;
    String recipient = byEmail ? p.email() : p.phone();
    // the notice goes to the asker alone: their full name, as they gave it, addresses them
    String name = p.askerName() == null ? "" : p.askerName().strip();
    Map<String, Object> values = new HashMap<>();
    values.put("ho_ten", name);
    values.put("chuong_trinh", p.episodeTitle() == null ? "" : "“" + p.episodeTitle() + "”");
    values.put("hoi_dong", Issuer.of(null, p.council(), null, COUNCIL).inSentence());
    values.put("cau_hoi", p.question());
    values.put("co_quan", p.agency());
    values.put("noi_dung_tra_loi", p.answer());
    values.put("duong_dan", publicUrl + "/answers.html" + (p.episodeId() == null ? "" : "?episode=" + p.episodeId()));
    // an SMS is folded (or not) when it is sent, as its provider is set
    return templates.render(byEmail ? "answer-notice-email" : "answer-notice-sms", values)
        .compose(m -> send(p, sender, recipient, name.isEmpty() ? null : name, m));
  }

  private Future<JsonObject> send(PublishStore.Published p, CitizenSender sender, String recipient, String name,
                                  MessageTemplates.Message m) {
    String subject = m.subject();
    String text = m.body();
    UUID noticeId = UUID.randomUUID();
    boolean queued = sender.queued();
    return store.claimNotice(noticeId, p, sender.channel(), recipient, subject, text, queued).compose(claimed -> {
      if (!claimed) {
        return Future.succeededFuture(null);
      }
      if (queued) {
        return Future.succeededFuture(new JsonObject().put("channel", sender.channel()).put("status", "queued"));
      }
      return sender.send(new CitizenSender.CitizenMessage(recipient, name, subject, text))
          .transform(ar -> store.noticeDone(noticeId, p, sender.channel(),
                  ar.succeeded() ? null : String.valueOf(ar.cause().getMessage()))
              .map(v -> new JsonObject().put("channel", sender.channel())
                  .put("status", ar.succeeded() ? "sent" : "failed")));
    });
  }
}
