package vn.danhoi.publish;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.danhoi.privacy.ContactRedaction;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Publication of approved answers and the notice to the citizen who asked: only with their consent and a
 * contact, by e-mail when they gave an address (else by SMS to their phone), once per answer.
 */
public final class PublishService {

  private final PublishStore store;
  private final CitizenSender email;
  private final CitizenSender sms;
  private final String publicUrl;
  private final Clock clock;

  public PublishService(PublishStore store, CitizenSender email, CitizenSender sms, String publicUrl, Clock clock) {
    this.store = store;
    this.email = email;
    this.sms = sms;
    this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    this.clock = clock;
  }

  /** Publishes and then tells the citizen; the answer says how ({@code notice}: channel and status, or null). */
  public Future<JsonObject> publish(UUID answerId, String actor, String address) {
    return store.publish(answerId, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), actor, address)
        .compose(p -> notice(p).map(n -> p.toJson().put("notice", n)));
  }

  private Future<JsonObject> notice(PublishStore.Published p) {
    boolean byEmail = p.email() != null && !p.email().isBlank();
    boolean byPhone = p.phone() != null && !p.phone().isBlank();
    if (!p.consent() || (!byEmail && !byPhone)) {
      return Future.succeededFuture(null);
    }
    CitizenSender sender = byEmail ? email : sms;
    String recipient = byEmail ? p.email() : p.phone();
    String name = ContactRedaction.publicName(p.askerName());
    String subject = "Câu hỏi của bạn đã được trả lời" + (p.episodeTitle() == null ? "" : " – " + p.episodeTitle());
    String link = publicUrl + "/answers.html" + (p.episodeId() == null ? "" : "?episode=" + p.episodeId());
    String text = byEmail
        ? "Chào " + (name == null ? "bạn" : name) + ",\n\nCâu hỏi bạn gửi tới chương trình"
            + (p.episodeTitle() == null ? "" : " “" + p.episodeTitle() + "”") + ":\n\n“" + p.question() + "”\n\n"
            + "đã được " + p.agency() + " trả lời:\n\n" + p.answer() + "\n\nXem trên trang công khai: " + link
            + "\n\nBan Biên tập chương trình."
        // an SMS stays short: who answered and where to read it
        : "Cau hoi cua ban da duoc " + p.agency() + " tra loi. Xem: " + link;
    UUID noticeId = UUID.randomUUID();
    return store.claimNotice(noticeId, p, sender.channel(), recipient, subject, text).compose(claimed -> {
      if (!claimed) {
        return Future.succeededFuture(null);
      }
      return sender.send(new CitizenSender.CitizenMessage(recipient, name, subject, text))
          .transform(ar -> store.noticeDone(noticeId, p, sender.channel(),
                  ar.succeeded() ? null : String.valueOf(ar.cause().getMessage()))
              .map(v -> new JsonObject().put("channel", sender.channel())
                  .put("status", ar.succeeded() ? "sent" : "failed")));
    });
  }
}
