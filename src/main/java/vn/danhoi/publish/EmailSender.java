package vn.danhoi.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import vn.danhoi.infra.Mailer;

import java.time.Clock;

/** Tells the citizen by e-mail through the configured SMTP server, on a worker thread (SMTP blocks). */
public final class EmailSender implements CitizenSender {

  private final Vertx vertx;
  private final Mailer mailer;
  private final Clock clock;

  public EmailSender(Vertx vertx, Mailer mailer, Clock clock) {
    this.vertx = vertx;
    this.mailer = mailer;
    this.clock = clock;
  }

  @Override
  public String channel() {
    return "email";
  }

  @Override
  public Future<Void> send(CitizenMessage m) {
    return vertx.executeBlocking(() -> mailer.send(new Mailer.Mail(m.recipient(), m.recipientName(),
        m.subject(), m.text(), null, null, clock.instant()))).mapEmpty();
  }
}
