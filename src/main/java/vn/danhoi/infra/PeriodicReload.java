package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Reloads an in-memory copy now and every period: the copies the intake hot path reads instead of querying
 * (catalogue, complaint rules) pick up changes made on other nodes. A failed first load still starts the
 * node, with what the copy held before.
 */
public final class PeriodicReload {

  private final Supplier<Future<Void>> reload;
  private long timer = -1;

  public PeriodicReload(Supplier<Future<Void>> reload) {
    this.reload = reload;
  }

  public Future<Void> start(Vertx vertx, long periodMillis) {
    timer = vertx.setPeriodic(periodMillis, id -> reload.get());
    return reload.get().recover(e -> Future.succeededFuture());
  }

  public void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
