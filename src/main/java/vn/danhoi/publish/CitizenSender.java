package vn.danhoi.publish;

import io.vertx.core.Future;
import vn.danhoi.message.MessageTemplates;
import vn.danhoi.sms.SmsText;


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
   * and no handset or gateway mangles it): {@link SmsText#fold}. The office writes SMS templates with their
   * marks; they go here.
   */
  static MessageTemplates.Message smsText(MessageTemplates.Message m) {
    return new MessageTemplates.Message(SmsText.fold(m.subject()), SmsText.fold(m.body()));
  }
}
