package vn.danhoi.publish;

import io.vertx.core.Future;
import vn.danhoi.infra.VietnameseText;
import vn.danhoi.message.MessageTemplates;


/**
 * How a citizen is told that the answer to their question is published. Pluggable: a log-only default, an
 * SMTP e-mail sender, and an SMS gateway when one is contracted (the SMS sender is the log-only one until then).
 */
public interface CitizenSender {

  /** What {@code notifications.channel} records for a message this sender handled: email, sms or log. */
  String channel();

  /** Sends the message; a failed future is recorded as a failed notification, never retried automatically. */
  Future<Void> send(CitizenMessage message);

  /** One message to one citizen: the contact (e-mail address or phone number), a subject and a text. */
  record CitizenMessage(String recipient, String recipientName, String subject, String text) {
  }

  /**
   * An SMS as it leaves: Vietnamese without its marks (case kept, "Tiếp công dân" → "Tiep cong dan"), dashes
   * and quotes in their plain forms, so it stays in the GSM 7-bit alphabet (160 characters a part instead of 70,
   * and no handset or gateway mangles it). The office writes SMS templates with their marks; they go here.
   */
  static MessageTemplates.Message smsText(MessageTemplates.Message m) {
    return new MessageTemplates.Message(withoutMarks(m.subject()), withoutMarks(m.body()));
  }

  private static String withoutMarks(String text) {
    return VietnameseText.withoutMarks(text).replaceAll("[\u2012-\u2015]", "-").replaceAll("[\u2018\u2019]", "'")
        .replaceAll("[\u201C\u201D]", "\"").replaceAll("[^\\x00-\\x7F]", "");
  }
}
