package vn.danhoi.followup;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the reminder and escalation pass every few minutes; one pass at a time on this node. */
public final class FollowupJob {

  private static final Logger LOG = LoggerFactory.getLogger(FollowupJob.class);

  private final Vertx vertx;
  private final FollowupService service;
  private final long intervalMillis;
  private long timer = -1;
  private boolean running;

  public FollowupJob(Vertx vertx, FollowupService service, long intervalMillis) {
    this.vertx = vertx;
    this.service = service;
    this.intervalMillis = intervalMillis;
  }

  public void start() {
    timer = vertx.setPeriodic(intervalMillis, id -> {
      if (running) {
        return;
      }
      running = true;
      service.run().onComplete(ar -> {
        running = false;
        if (ar.failed()) {
          LOG.warn("Follow-up pass failed: {}", ar.cause().toString());
        } else if (ar.result().getInteger("reminded") + ar.result().getInteger("escalated") > 0) {
          LOG.info("Follow-up pass: {}", ar.result().encode());
        }
      });
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
