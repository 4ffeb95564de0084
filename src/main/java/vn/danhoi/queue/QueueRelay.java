package vn.danhoi.queue;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.GroupedCalls;
import vn.danhoi.infra.Redis;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;
import vn.danhoi.metrics.Metrics;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Moves committed submissions from PostgreSQL (the outbox: submission_queue rows with no queued_at) onto
 * their episode's Redis stream and announces them to every node. Redis may be down or emptied at any moment: the relay
 * keeps sweeping, and rebuilds the streams from PostgreSQL when it finds Redis empty. A Lua script makes
 * "add to the stream and announce" happen at most once per submission, so a retry never queues twice.
 */
public final class QueueRelay {

  private static final Logger LOG = LoggerFactory.getLogger(QueueRelay.class);
  private static final int BATCH = 500;

  private static final long MARK_EVERY_MILLIS = 50;
  private static final int MARK_BATCH = 2000;

  /** Most items in one script call: a group of concurrent submissions, or a slice of a sweep. */
  private static final int PUSH_GROUP = 128;

  // per item i (from 0): KEYS[2i+1] its stream, KEYS[2i+2] its episode's queued-set; ARGV[1] the events
  // channel, then ARGV[4i+2..4i+5] id, seq, channel, announcement ('' for none). One reply per item: 1 if
  // it was queued now, 0 if it had been before.
  private static final String PUSH = """
      local done = {}
      for i = 0, #KEYS / 2 - 1 do
        local stream, queued, a = KEYS[2 * i + 1], KEYS[2 * i + 2], 4 * i + 2
        if redis.call('HSETNX', queued, ARGV[a], ARGV[a + 1]) == 0 then
          done[i + 1] = 0
        else
          redis.call('XADD', stream, '*', 'id', ARGV[a], 'seq', ARGV[a + 1], 'channel', ARGV[a + 2])
          if ARGV[a + 3] ~= '' then redis.call('PUBLISH', ARGV[1], ARGV[a + 3]) end
          done[i + 1] = 1
        end
      end
      return done
      """;

  private final Vertx vertx;
  private final Redis redis;
  private final QueueKeys keys;
  private final SubmissionStore store;
  private final ZoneId zone;
  private final Clock clock;
  private final Metrics metrics;
  private final List<Handler<OffsetDateTime>> recoveryHandlers = new CopyOnWriteArrayList<>();
  private final GroupedCalls<Outgoing, Void> announced =
      new GroupedCalls<>(PUSH_GROUP, 2, items -> push(items, true));
  private Context context;
  private final Queue<UUID> toMark = new ConcurrentLinkedQueue<>();
  private long markTimer = -1;
  private long timer = -1;
  private boolean ticking;
  private volatile boolean stopped;
  private volatile boolean redisHealthy;
  private OffsetDateTime troubleSince;

  /** An item on its way to Redis, with when it was committed (System.nanoTime), or REBUILT. */
  private record Outgoing(Submission item, long committedNanos) {
  }

  /** An item put back after Redis lost it: it was relayed before, so its wait is not a relay delay. */
  private static final long REBUILT = Long.MIN_VALUE;

  public QueueRelay(Vertx vertx, Redis redis, SubmissionStore store, ZoneId zone, Clock clock, Metrics metrics) {
    this.vertx = vertx;
    this.redis = redis;
    this.keys = new QueueKeys(redis);
    this.store = store;
    this.zone = zone;
    this.clock = clock;
    this.metrics = metrics;
  }

  public void start(long intervalMillis) {
    context = vertx.getOrCreateContext();
    troubleSince = now();
    timer = vertx.setPeriodic(1, intervalMillis, id -> tick());
    markTimer = vertx.setPeriodic(MARK_EVERY_MILLIS, id -> markQueued());
    redis.onReconnect(v -> context.runOnContext(x -> {
      if (!stopped) {
        noteTrouble(now().minusMinutes(2));
        tick();
      }
    }));
  }

  /**
   * Stops the timers, then relays what this node still owes: one last sweep of the outbox (committed, not yet
   * in Redis) and the queued marks not yet written. Called once no request can commit any more; what it
   * cannot do now (Redis away) the next sweep of any node does.
   */
  public Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (markTimer >= 0) {
      vertx.cancelTimer(markTimer);
    }
    return sweep()
        .recover(e -> {
          LOG.warn("Outbox left in PostgreSQL for the next sweep: {}", e.toString());
          return Future.succeededFuture();
        })
        .compose(v -> {
          List<UUID> ids = new ArrayList<>();
          for (UUID id = toMark.poll(); id != null; id = toMark.poll()) {
            ids.add(id);
          }
          return ids.isEmpty() ? Future.<Void>succeededFuture() : store.markQueued(ids);
        });
  }

  /**
   * Records in PostgreSQL which items Redis has, a batch at a time. Nothing waits on it: until its mark is in,
   * an item is only pushed again by a sweep, which the script turns into a no-op.
   */
  private void markQueued() {
    List<UUID> ids = new ArrayList<>();
    while (ids.size() < MARK_BATCH) {
      UUID id = toMark.poll();
      if (id == null) {
        break;
      }
      ids.add(id);
    }
    if (!ids.isEmpty()) {
      store.markQueued(ids).onFailure(e -> LOG.debug("Queued marks left to the sweep: {}", e.toString()));
    }
  }

  /**
   * Called once Redis is usable again after an outage, a flush or a reconnection, with the time the
   * trouble began: sockets use it to catch up on what Pub/Sub may have missed.
   */
  public void onRecovered(Handler<OffsetDateTime> handler) {
    recoveryHandlers.add(handler);
  }

  /**
   * Queues a just-committed submission at once (with the others arriving meanwhile, in one script call);
   * if Redis fails, the sweep will do it later. An unrouted one waits for an editor to route it, which writes
   * its outbox row for the sweep.
   */
  public void submitted(Submission s) {
    if (s.episodeId() == null) {
      return;
    }
    announced.call(new Outgoing(s, System.nanoTime()))
        .onSuccess(v -> toMark.add(s.id()))
        .onFailure(e -> {
          LOG.debug("Queueing {} deferred to the sweep: {}", s.id(), e.toString());
          noteTrouble(now());
        });
  }

  /**
   * Adds the items to their streams in one script call; announces them to every node if asked. The relay delay
   * is recorded for the items this call queued, not for those an earlier push already had.
   */
  private Future<List<Future<Void>>> push(List<Outgoing> items, boolean announce) {
    String[] k = new String[items.size() * 2];
    String[] args = new String[1 + items.size() * 4];
    args[0] = keys.events();
    for (int i = 0; i < items.size(); i++) {
      Submission s = items.get(i).item();
      k[2 * i] = keys.stream(s.episodeId());
      k[2 * i + 1] = keys.queued(s.episodeId());
      args[4 * i + 1] = s.id().toString();
      args[4 * i + 2] = Long.toString(s.seq());
      args[4 * i + 3] = s.channel();
      // the stream holds references only: askers' contact data is never persisted in Redis, so erasing it
      // from PostgreSQL erases it everywhere
      args[4 * i + 4] = announce
          ? LiveMessage.ITEM_NEW.message().put("episodeId", s.episodeId().toString())
              .put("item", s.toModeratorJson(zone)).encode()
          : "";
    }
    return redis.call(c -> c.<List<Object>>eval(PUSH, ScriptOutputType.MULTI, k, args))
        .map(replies -> {
          long now = System.nanoTime();
          for (int i = 0; i < items.size() && i < replies.size(); i++) {
            long committed = items.get(i).committedNanos();
            if (committed != REBUILT && Long.valueOf(1).equals(replies.get(i))) {
              metrics.relayed(now - committed);
            }
          }
          return Collections.nCopies(items.size(), Future.<Void>succeededFuture());
        });
  }

  /** Pushes a list in slices of PUSH_GROUP, all sent at once (Lettuce pipelines them, in order). */
  private Future<Void> pushAll(List<Outgoing> items, boolean announce) {
    List<Future<List<Future<Void>>>> slices = new ArrayList<>();
    for (int from = 0; from < items.size(); from += PUSH_GROUP) {
      slices.add(push(items.subList(from, Math.min(items.size(), from + PUSH_GROUP)), announce));
    }
    return Future.all(slices).mapEmpty();
  }

  private void tick() {
    if (ticking) {
      return;
    }
    ticking = true;
    redis.call(c -> c.exists(keys.builtMarker()))
        .compose(n -> n > 0 ? Future.succeededFuture() : rebuild())
        .compose(v -> sweep())
        .onComplete(ar -> {
          ticking = false;
          if (ar.failed()) {
            if (redisHealthy) {
              LOG.warn("Redis unavailable, submissions wait in PostgreSQL: {}", ar.cause().toString());
            }
            redisHealthy = false;
            noteTrouble(now());
            return;
          }
          redisHealthy = true;
          if (troubleSince != null) {
            OffsetDateTime since = troubleSince.minusSeconds(5);
            troubleSince = null;
            // Pub/Sub comes back on its own connection, possibly after this one, and commands queued by
            // Lettuce during the reconnection may land late: catch up now and twice more to cover both.
            recoveryHandlers.forEach(h -> h.handle(since));
            for (long delay : new long[] {1000, 3000}) {
              vertx.setTimer(delay, t -> recoveryHandlers.forEach(h -> h.handle(since)));
            }
          }
        });
  }

  /** Re-queues, silently, everything PostgreSQL says was queued: Redis lost it. */
  private Future<Void> rebuild() {
    LOG.info("Redis has no live state: rebuilding the moderation queues from PostgreSQL");
    noteTrouble(now());
    return rebuildFrom(0).compose(count -> {
      LOG.info("Rebuilt {} queued items", count);
      return redis.call(c -> c.set(keys.builtMarker(), now().toString())).mapEmpty();
    });
  }

  private Future<Long> rebuildFrom(long afterSeq) {
    return store.queuedForRebuild(now().minusDays(1), afterSeq, BATCH).compose(items -> {
      if (items.isEmpty()) {
        return Future.succeededFuture(0L);
      }
      long last = items.get(items.size() - 1).seq();
      return pushAll(items.stream().map(s -> new Outgoing(s, REBUILT)).toList(), false)
          .compose(v -> rebuildFrom(last)).map(n -> n + items.size());
    });
  }

  /** Relays the outbox in arrival order; Lettuce pipelines the pushes on one connection, keeping order. */
  private Future<Void> sweep() {
    return store.unqueued(BATCH).compose(items -> {
      if (items.isEmpty()) {
        return Future.succeededFuture();
      }
      long read = System.nanoTime();
      return pushAll(items.stream().map(u -> new Outgoing(u.item(), read - u.waitingNanos())).toList(), true)
          .compose(v -> store.markQueued(items.stream().map(u -> u.item().id()).toList()))
          .compose(v -> items.size() == BATCH ? sweep() : Future.succeededFuture());
    });
  }

  /** The relay's state lives on its own context; callers on other event loops hop onto it. */
  private void noteTrouble(OffsetDateTime at) {
    context.runOnContext(v -> {
      if (troubleSince == null || at.isBefore(troubleSince)) {
        troubleSince = at;
      }
    });
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
