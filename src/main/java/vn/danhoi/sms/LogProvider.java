package vn.danhoi.sms;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.Logging;

/**
 * The provider of a machine with no SMS contract (a studio's laptop, a test node): sends nothing and logs one
 * line, the number masked. Every send is taken, so the notices' flow runs as it would with a real gateway.
 */
public final class LogProvider implements SmsProvider {

  private static final Logger LOG = LoggerFactory.getLogger(LogProvider.class);

  @Override
  public String name() {
    return "log";
  }

  @Override
  public boolean foldsDiacritics() {
    return true;
  }

  @Override
  public Future<SmsResult> send(OutgoingSms sms) {
    SmsText.Parts parts = SmsText.count(sms.text());
    LOG.info("SMS (log only) for notice {} to {}: {} part(s), {}", sms.noticeId(), Logging.masked(sms.to()),
        parts.segments(), parts.encoding());
    return Future.succeededFuture(new SmsResult.Accepted("log-" + sms.noticeId()));
  }

  /** Nothing sends this provider reports, so whatever claims to be one is not. */
  @Override
  public DeliveryReport report(ReportRequest request) {
    throw new BadSignature("the log provider sends no delivery reports");
  }
}
