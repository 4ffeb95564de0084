package vn.danhoi.publish;

import io.vertx.core.Future;


/**
 * How a citizen is told that the answer to their question is published. Pluggable: a log-only default and an
 * SMTP e-mail sender, which send at once; and SMS, which is {@link #queued}: the notice is recorded as queued
 * and the notices' queue sends it through the configured provider, with retries and delivery reports.
 */
public interface CitizenSender {

  /** What {@code notifications.channel} records for a message this sender handled: email, sms or log. */
  String channel();

  /** Sends the message; a failed future is recorded as a failed notification, never retried automatically. */
  Future<Void> send(CitizenMessage message);

  /** True when the notice is only recorded here, as queued, and the notices' queue sends it. */
  default boolean queued() {
    return false;
  }

  /** The SMS sender: channel sms, every message queued in PostgreSQL for the notices' queue to send. */
  CitizenSender QUEUED_SMS = new CitizenSender() {
    @Override
    public String channel() {
      return "sms";
    }

    @Override
    public Future<Void> send(CitizenMessage message) {
      return Future.failedFuture(new IllegalStateException("SMS are sent by the notices' queue"));
    }

    @Override
    public boolean queued() {
      return true;
    }
  };

  /** One message to one citizen: the contact (e-mail address or phone number), a subject and a text. */
  record CitizenMessage(String recipient, String recipientName, String subject, String text) {
  }

}
