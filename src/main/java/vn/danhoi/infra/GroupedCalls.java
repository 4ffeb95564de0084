package vn.danhoi.infra;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit: calls that arrive while earlier ones are still in flight wait and go together in the next
 * call of {@code batch}, so under load one round trip and one commit serve many requests, and at rest a
 * call goes out at once (no timer, no added delay). Each caller's future completes on the caller's own
 * context, only after the batch holding its input has completed.
 *
 * <p>{@code batch} gets the inputs in arrival order and answers one result per input, in the same order: a
 * result may fail alone (the others still succeed), or the whole batch may fail.
 * Callers on several event loops share one instance, so the queue is guarded by the instance's lock.
 */
public final class GroupedCalls<I, O> {

  private record Waiting<I, O>(I input, Promise<O> promise, Context context) {
  }

  private final Function<List<I>, Future<List<Future<O>>>> batch;
  private final int maxBatch;
  private final int maxInFlight;
  private final ArrayDeque<Waiting<I, O>> queue = new ArrayDeque<>();
  private int inFlight;

  /**
   * @param maxBatch    the most inputs in one call (1 turns grouping off: every input is its own call)
   * @param maxInFlight the most calls running at once; the others wait and grow the next batch
   */
  public GroupedCalls(int maxBatch, int maxInFlight, Function<List<I>, Future<List<Future<O>>>> batch) {
    if (maxBatch < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("maxBatch and maxInFlight must be at least 1");
    }
    this.batch = batch;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  public Future<O> call(I input) {
    Context context = Vertx.currentContext();
    Promise<O> promise = Promise.promise();
    List<Waiting<I, O>> next;
    synchronized (this) {
      queue.add(new Waiting<>(input, promise, context));
      next = takeBatch();
    }
    if (next != null) {
      run(next);
    }
    return promise.future();
  }

  /** The next batch to send, when a call may start now; the caller holds the lock. */
  private List<Waiting<I, O>> takeBatch() {
    if (queue.isEmpty() || inFlight >= maxInFlight) {
      return null;
    }
    inFlight++;
    List<Waiting<I, O>> next = new ArrayList<>(Math.min(queue.size(), maxBatch));
    while (!queue.isEmpty() && next.size() < maxBatch) {
      next.add(queue.poll());
    }
    return next;
  }

  private void run(List<Waiting<I, O>> items) {
    List<I> inputs = new ArrayList<>(items.size());
    items.forEach(w -> inputs.add(w.input()));
    Future<List<Future<O>>> result;
    try {
      result = batch.apply(inputs);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      for (int i = 0; i < items.size(); i++) {
        Waiting<I, O> w = items.get(i);
        if (ar.failed()) {
          complete(w, null, ar.cause());
        } else if (ar.result().size() != items.size()) {
          complete(w, null, new IllegalStateException("a grouped call answered " + ar.result().size()
              + " results for " + items.size() + " inputs"));
        } else {
          Future<O> one = ar.result().get(i);
          complete(w, one.succeeded() ? one.result() : null, one.succeeded() ? null : one.cause());
        }
      }
      List<Waiting<I, O>> next;
      synchronized (this) {
        inFlight--;
        next = takeBatch();
      }
      if (next != null) {
        run(next);
      }
    });
  }

  private void complete(Waiting<I, O> w, O value, Throwable failure) {
    Runnable done = failure == null ? () -> w.promise().complete(value) : () -> w.promise().fail(failure);
    if (w.context() == null || w.context() == Vertx.currentContext()) {
      done.run();
    } else {
      w.context().runOnContext(v -> done.run());
    }
  }
}
