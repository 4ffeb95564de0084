package vn.danhoi.publish;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.Logging;

/**
 * The default sender: sends nothing and logs one line, the contact masked (logs are not where personal data
 * belongs). The notification is still recorded, with channel {@code log}. Also the SMS stub: an SMS gateway
 * plugs in as another {@link CitizenSender} with channel {@code sms}.
 */
public final class LogSender implements CitizenSender {

  private static final Logger LOG = LoggerFactory.getLogger(LogSender.class);

  @Override
  public String channel() {
    return "log";
  }

  @Override
  public Future<Void> send(CitizenMessage message) {
    LOG.info("citizen notice (log only) to {}: {}", Logging.masked(message.recipient()), message.subject());
    return Future.succeededFuture();
  }
}
