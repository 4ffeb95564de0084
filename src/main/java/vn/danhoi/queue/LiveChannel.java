package vn.danhoi.queue;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.Redis;

import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Live events to every node's sockets through Redis Pub/Sub. When Redis cannot take a message, this
 * node's own sockets still get it, and the others catch up from PostgreSQL once Redis is back.
 */
public final class LiveChannel {

  private static final Logger LOG = LoggerFactory.getLogger(LiveChannel.class);

  private final Redis redis;
  private final String channel;
  private final List<Handler<JsonObject>> subscribers = new CopyOnWriteArrayList<>();
  private final List<Runnable> recoveryHandlers = new CopyOnWriteArrayList<>();
  /** Events other nodes have not heard yet, oldest first; bounded, so a long outage cannot grow memory for good. */
  private final Deque<String> unsent = new ConcurrentLinkedDeque<>();
  private static final int MAX_UNSENT = 10_000;
  /** By whole-state message type, the episodes whose state other nodes have not heard. */
  private final Map<LiveMessage, Set<UUID>> staleEpisodes = new ConcurrentHashMap<>();

  public LiveChannel(Redis redis) {
    this.redis = redis;
    this.channel = new QueueKeys(redis).events();
    redis.onMessage(this::dispatch);
    redis.subscribe(channel);
  }

  public void subscribe(Handler<JsonObject> handler) {
    subscribers.add(handler);
  }

  /** Called once what Redis could not take meanwhile has been published again, after each Redis recovery. */
  public void onRecovered(Runnable handler) {
    recoveryHandlers.add(handler);
  }

  public Future<Void> publish(JsonObject event) {
    String message = event.encode();
    return redis.call(c -> c.publish(channel, message)).<Void>mapEmpty().recover(e -> {
      LOG.debug("Redis did not take a live event, delivering locally: {}", e.toString());
      dispatch(message);
      LiveMessage type = LiveMessage.of(event).orElse(null);
      if (type != null && type.wholeState()) {
        // whole-state messages go stale: after the outage the episode's state is read and sent afresh
        staleEpisodes.computeIfAbsent(type, t -> ConcurrentHashMap.newKeySet())
            .add(UUID.fromString(event.getString("episodeId")));
      } else {
        unsent.addLast(message);
        while (unsent.size() > MAX_UNSENT) {
          unsent.pollFirst();
        }
      }
      return Future.succeededFuture();
    });
  }

  /** Redis is usable again: publishes what it could not take, then lets the rooms catch up. */
  public void recovered() {
    resendUnsent().onComplete(ar -> recoveryHandlers.forEach(Runnable::run));
  }

  /** Episodes whose state of this type could not be published; taken (and forgotten) by the caller. */
  Set<UUID> takeStaleEpisodes(LiveMessage type) {
    Set<UUID> stale = staleEpisodes.get(type);
    if (stale == null) {
      return Set.of();
    }
    Set<UUID> taken = new HashSet<>(stale);
    stale.removeAll(taken);
    return taken;
  }

  /**
   * Publishes, in order, what Redis could not take while it was away, so the other nodes' sockets catch
   * up; this node's own sockets see them again and ignore what they already have.
   */
  private Future<Void> resendUnsent() {
    String message = unsent.peekFirst();
    if (message == null) {
      return Future.succeededFuture();
    }
    return redis.call(c -> c.publish(channel, message)).compose(n -> {
      unsent.remove(message);
      return resendUnsent();
    }, e -> Future.succeededFuture());
  }

  private void dispatch(String message) {
    JsonObject event;
    try {
      event = new JsonObject(message);
    } catch (RuntimeException e) {
      LOG.warn("Ignoring a malformed live event");
      return;
    }
    subscribers.forEach(s -> s.handle(event));
  }
}
