package vn.danhoi.metrics;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Measures how late a timer fires on its event loop: what every request on that loop waits on top of its own
 * work. Deployed once per event loop (Vert.x places each instance on the next loop), each re-arming a
 * one-shot timer, so a slow tick delays only its own next measurement.
 */
final class EventLoopProbe extends VerticleBase {

  static final long INTERVAL_MILLIS = 500;

  private final PrometheusMetrics metrics;
  private long timer = -1;
  private boolean stopped;

  EventLoopProbe(PrometheusMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    arm(Thread.currentThread().getName());
    return Future.succeededFuture();
  }

  private void arm(String loop) {
    long due = System.nanoTime() + INTERVAL_MILLIS * 1_000_000;
    timer = vertx.setTimer(INTERVAL_MILLIS, id -> {
      metrics.eventLoopDelay(loop, System.nanoTime() - due);
      if (!stopped) {
        arm(loop);
      }
    });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
