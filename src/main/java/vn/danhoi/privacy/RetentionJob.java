package vn.danhoi.privacy;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Erases expired personal data every hour (first 5 minutes after start); several nodes may run it, the SQL is idempotent. */
public final class RetentionJob {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

  private final Vertx vertx;
  private final PrivacyStore store;
  private final int days;
  private long timer = -1;

  public RetentionJob(Vertx vertx, PrivacyStore store, int days) {
    this.vertx = vertx;
    this.store = store;
    this.days = days;
  }

  public void start() {
    timer = vertx.setPeriodic(300_000, 3_600_000, id -> store.retention(days, "system:retention")
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("Retention: erased the personal data of {} submissions older than {} days", n, days);
          }
        })
        .onFailure(e -> LOG.warn("Retention run failed: {}", e.toString())));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
