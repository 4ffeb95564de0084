package vn.danhoi.publish;

import io.vertx.core.Future;

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
}
