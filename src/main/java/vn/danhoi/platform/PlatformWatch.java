package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import vn.danhoi.metrics.Metrics;

import java.util.function.Supplier;

/**
 * Every platform's status read every few seconds, for /health and the metrics: a health check or a scrape
 * costs no query, and a platform whose status cannot be read says so without hiding the others.
 */
public final class PlatformWatch {

  private static final long PERIOD_MILLIS = 5_000;

  private final Vertx vertx;
  private final PlatformStatus streams;
  private final Supplier<Future<JsonObject>> zalo;
  private final Metrics metrics;
  private volatile JsonObject summary = new JsonObject();
  private long timer = -1;

  public PlatformWatch(Vertx vertx, PlatformStatus streams, Supplier<Future<JsonObject>> zalo, Metrics metrics) {
    this.vertx = vertx;
    this.streams = streams;
    this.zalo = zalo;
    this.metrics = metrics;
  }

  public void start() {
    refresh();
    timer = vertx.setPeriodic(PERIOD_MILLIS, id -> refresh());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** {youtube: {...}, facebook: {...}, zalo: {...}} as last read; empty until the first read. */
  public JsonObject summary() {
    return summary;
  }

  private void refresh() {
    Future<JsonObject> read = streams.summary()
        .otherwise(e -> new JsonObject().put("error", "Không đọc được trạng thái các buổi phát."));
    Future<JsonObject> z = zalo.get().otherwise(e -> new JsonObject().put("error", "Không đọc được trạng thái Zalo."));
    Future.all(read, z).onSuccess(v -> {
      JsonObject s = read.result().copy().put("zalo", z.result());
      summary = s;
      metrics.platformStatus(s);
    });
  }
}
