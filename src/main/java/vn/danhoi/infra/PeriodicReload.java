package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * An in-memory copy of rows other nodes may change (the keyword catalogue, the complaint rules, the message
 * templates), read on hot paths instead of querying: loaded at start, then every period, so a change made on
 * another node is seen within it; a failed load keeps the previous copy and never stops the node from starting.
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
