package vn.danhoi.queue;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.Redis;

import java.util.List;
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

  public LiveChannel(Redis redis) {
    this.redis = redis;
    this.channel = new QueueKeys(redis).events();
    redis.onMessage(this::dispatch);
    redis.subscribe(channel);
  }

  public void subscribe(Handler<JsonObject> handler) {
    subscribers.add(handler);
  }

  public Future<Void> publish(JsonObject event) {
    String message = event.encode();
    return redis.call(c -> c.publish(channel, message)).<Void>mapEmpty().recover(e -> {
      LOG.debug("Redis did not take a live event, delivering locally: {}", e.toString());
      dispatch(message);
      return Future.succeededFuture();
    });
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
