package vn.danhoi.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop load: request i is due at start + i/rate whatever the earlier answers did, and its latency
 * is counted from that intended time, so a server (or a connection pool) that falls behind shows as
 * latency instead of silently slowing the load down (no coordinated omission). Each event loop of the
 * generator sends every loops-th request from a 1 ms timer.
 */
final class OpenLoop {

  /** Sends request local (global index in the ledger) and answers its HTTP status. */
  interface Sender {
    Future<Integer> send(int local, int global);
  }

  /** What one step did; ok means the expected 2xx. */
  record Result(String name, double rate, double seconds, int total, long ok, long refused, long failed,
                Latency latency, Latency lag, double elapsedSeconds, JsonObject extra) {

    long errors() {
      return refused + failed;
    }

    boolean passes(double p99Ms) {
      return errors() == 0 && latency.count() > 0 && latency.p99Ms() <= p99Ms;
    }

    JsonObject toJson() {
      return new JsonObject().put("name", name).put("offeredRate", rate).put("seconds", seconds).put("sent", total)
          .put("ok", ok).put("refused", refused).put("failed", failed)
          .put("okPerSecond", Math.round(ok / seconds * 10) / 10.0)
          .put("drainedAfterSeconds", Math.round(elapsedSeconds * 100) / 100.0)
          .put("latency", latency.toJson()).put("generatorLag", lag.toJson()).mergeIn(extra);
    }

    String line() {
      JsonObject l = latency.toJson();
      return String.format(Locale.ROOT, "%s: %.0f/s for %.0f s, %d ok, %d refused, %d failed, p50 %s ms, p99 %s ms, "
              + "max %s ms", name, rate, seconds, ok, refused, failed, Latency.fmt(l.getValue("p50Ms")),
          Latency.fmt(l.getValue("p99Ms")), Latency.fmt(l.getValue("maxMs")));
    }
  }

  private OpenLoop() {
  }

  /** Starts the step; the future completes when every request has been answered or failed. */
  static CompletableFuture<Result> start(Vertx vertx, String name, double rate, double seconds, int loops,
                                         Ledger.Batch batch, Sender sender) {
    int total = batch.size;
    CompletableFuture<Result> done = new CompletableFuture<>();
    Latency latency = new Latency();
    Latency lag = new Latency();
    AtomicLong ok = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicInteger finished = new AtomicInteger();
    long start = System.nanoTime() + 20_000_000L;
    double nanosPerRequest = 1e9 / rate;
    Runnable complete = () -> done.complete(new Result(name, rate, seconds, total, ok.get(), refused.get(),
        failed.get(), latency, lag, (System.nanoTime() - start) / 1e9, new JsonObject()));
    if (total == 0) {
      complete.run();
      return done;
    }
    for (int k = 0; k < loops; k++) {
      int first = k;
      // from a non-Vert.x thread each call gives a new context on the next event loop
      Context context = vertx.getOrCreateContext();
      context.runOnContext(v -> {
        int[] next = {first};
        vertx.setPeriodic(1, timer -> {
          long now = System.nanoTime();
          while (next[0] < total && start + (long) (next[0] * nanosPerRequest) <= now) {
            int local = next[0];
            long intended = start + (long) (local * nanosPerRequest);
            batch.intended.set(local, intended);
            lag.recordNanos(now - intended);
            Future<Integer> answer;
            try {
              answer = sender.send(local, batch.base + local);
            } catch (RuntimeException e) {
              answer = Future.failedFuture(e);
            }
            answer.onComplete(ar -> {
              latency.recordNanos(System.nanoTime() - intended);
              if (ar.succeeded() && ar.result() / 100 == 2) {
                ok.incrementAndGet();
                batch.outcome.set(local, Ledger.ACCEPTED);
              } else if (ar.succeeded()) {
                refused.incrementAndGet();
                batch.outcome.set(local, Ledger.REFUSED);
              } else {
                failed.incrementAndGet();
                batch.outcome.set(local, Ledger.FAILED);
              }
              if (finished.incrementAndGet() == total) {
                complete.run();
              }
            });
            next[0] += loops;
          }
          if (next[0] >= total) {
            vertx.cancelTimer(timer);
          }
        });
      });
    }
    return done;
  }

  /** POSTs body and answers the status once the whole response has been read. */
  static Future<Integer> post(HttpClient client, String host, int port, String uri, Buffer body,
                              String... headers) {
    return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(uri)
            .setIdleTimeout(30_000))
        .compose(req -> {
          req.putHeader("Content-Type", "application/json");
          for (int i = 0; i + 1 < headers.length; i += 2) {
            req.putHeader(headers[i], headers[i + 1]);
          }
          return req.send(body);
        })
        .compose(resp -> resp.body().map(b -> resp.statusCode()));
  }
}
