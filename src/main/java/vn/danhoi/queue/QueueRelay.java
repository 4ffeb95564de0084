package vn.danhoi.queue;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.Redis;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Moves committed submissions from PostgreSQL (the outbox: rows with no queued_at) onto their episode's
 * Redis stream and announces them to every node. Redis may be down or emptied at any moment: the relay
 * keeps sweeping, and rebuilds the streams from PostgreSQL when it finds Redis empty. A Lua script makes
 * "add to the stream and announce" happen at most once per submission, so a retry never queues twice.
 */
public final class QueueRelay {

  private static final Logger LOG = LoggerFactory.getLogger(QueueRelay.class);
  private static final int BATCH = 500;

  private static final String PUSH = """
      if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
      if redis.call('EXISTS', KEYS[1]) == 0 then
        redis.call('XGROUP', 'CREATE', KEYS[1], 'moderation', '0', 'MKSTREAM')
      end
      redis.call('XADD', KEYS[1], '*', 'id', ARGV[1], 'seq', ARGV[2], 'channel', ARGV[3])
      if ARGV[4] ~= '' then redis.call('PUBLISH', ARGV[5], ARGV[4]) end
      return 1
      """;

  private final Vertx vertx;
  private final Redis redis;
  private final QueueKeys keys;
  private final SubmissionStore store;
  private final ZoneId zone;
  private final Clock clock;
  private final List<Handler<OffsetDateTime>> recoveryHandlers = new CopyOnWriteArrayList<>();
  private io.vertx.core.Context context;
  private long timer = -1;
  private boolean ticking;
  private volatile boolean redisHealthy;
  private OffsetDateTime troubleSince;

  public QueueRelay(Vertx vertx, Redis redis, SubmissionStore store, ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.keys = new QueueKeys(redis);
    this.store = store;
    this.zone = zone;
    this.clock = clock;
  }

  public void start(long intervalMillis) {
    context = vertx.getOrCreateContext();
    troubleSince = now();
    timer = vertx.setPeriodic(1, intervalMillis, id -> tick());
    redis.onReconnect(v -> context.runOnContext(x -> {
      noteTrouble(now().minusMinutes(2));
      tick();
    }));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /**
   * Called once Redis is usable again after an outage, a flush or a reconnection, with the time the
   * trouble began: sockets use it to catch up on what Pub/Sub may have missed.
   */
  public void onRecovered(Handler<OffsetDateTime> handler) {
    recoveryHandlers.add(handler);
  }

  /** Queues a just-committed submission at once; if Redis fails, the sweep will do it later. */
  public void submitted(Submission s) {
    push(s, true)
        .compose(v -> store.markQueued(s.id()))
        .onFailure(e -> {
          LOG.debug("Queueing {} deferred to the sweep: {}", s.id(), e.toString());
          noteTrouble(now());
        });
  }

  private Future<Long> push(Submission s, boolean announce) {
    String event = announce
        ? new JsonObject().put("type", "item.new").put("episodeId", s.episodeId().toString())
            .put("item", s.toModeratorJson(zone)).encode()
        : "";
    String[] k = {keys.stream(s.episodeId()), keys.queued(s.episodeId())};
    // the stream holds references only: askers' contact data is never persisted in Redis, so erasing it
    // from PostgreSQL erases it everywhere
    return redis.call(c -> c.<Long>eval(PUSH, ScriptOutputType.INTEGER, k,
        s.id().toString(), Long.toString(s.seq()), s.channel(), event, keys.events()));
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
      List<Future<Long>> pushes = new ArrayList<>(items.size());
      items.forEach(s -> pushes.add(push(s, false)));
      long last = items.get(items.size() - 1).seq();
      return Future.all(pushes).compose(v -> rebuildFrom(last)).map(n -> n + items.size());
    });
  }

  /** Relays the outbox in arrival order; Lettuce pipelines the pushes on one connection, keeping order. */
  private Future<Void> sweep() {
    return store.unqueued(BATCH).compose(items -> {
      if (items.isEmpty()) {
        return Future.succeededFuture();
      }
      List<Future<Void>> done = new ArrayList<>(items.size());
      items.forEach(s -> done.add(push(s, true).compose(n -> store.markQueued(s.id()))));
      return Future.all(done).compose(v -> items.size() == BATCH ? sweep() : Future.succeededFuture());
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
