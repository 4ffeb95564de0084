package vn.danhoi.studio;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.queue.LiveChannel;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * This node's studio displays and public live pages. After every change the node that made it reads the
 * new state once and publishes it; every node forwards it to its own sockets. Each message carries the
 * whole state, so a display that missed one is right again with the next.
 */
public final class StudioHub {

  private static final Logger LOG = LoggerFactory.getLogger(StudioHub.class);

  public enum Audience { STUDIO, LIVE }

  private final Context context;
  private final StudioStore store;
  private final LiveChannel channel;
  private final Map<Audience, Map<UUID, Set<ServerWebSocket>>> sockets = Map.of(
      Audience.STUDIO, new HashMap<>(), Audience.LIVE, new HashMap<>());

  public StudioHub(Vertx vertx, StudioStore store, LiveChannel channel) {
    this.context = vertx.getOrCreateContext();
    this.store = store;
    this.channel = channel;
    channel.subscribe(this::onEvent);
  }

  /** Reads and publishes the studio's and viewers' state after a change in the episode. */
  public Future<Void> changed(UUID episodeId) {
    return Future.all(store.studio(episodeId), store.live(episodeId)).compose(states -> Future.all(
        channel.publish(states.<JsonObject>resultAt(0).copy().put("type", "studio.update")
            .put("episodeId", episodeId.toString())),
        channel.publish(states.<JsonObject>resultAt(1).copy().put("type", "live.update")
            .put("episodeId", episodeId.toString())))).mapEmpty();
  }

  public void join(ServerWebSocket ws, UUID episodeId, Audience audience) {
    context.runOnContext(v -> {
      sockets.get(audience).computeIfAbsent(episodeId, k -> new LinkedHashSet<>()).add(ws);
      ws.closeHandler(x -> context.runOnContext(y -> leave(audience, episodeId, ws)));
      // a late snapshot may follow an update; both carry the whole state, so order does not matter
      (audience == Audience.STUDIO ? store.studio(episodeId) : store.live(episodeId))
          .onSuccess(state -> send(ws, state.copy().put("type", "snapshot")))
          .onFailure(e -> {
            LOG.warn("Studio snapshot failed: {}", e.toString());
            ws.close((short) 1011, "snapshot unavailable");
          });
    });
  }

  private void onEvent(JsonObject event) {
    String type = event.getString("type", "");
    Audience audience = switch (type) {
      case "studio.update" -> Audience.STUDIO;
      case "live.update" -> Audience.LIVE;
      default -> null;
    };
    if (audience == null) {
      return;
    }
    context.runOnContext(v -> {
      UUID episodeId = UUID.fromString(event.getString("episodeId"));
      Set<ServerWebSocket> targets = sockets.get(audience).get(episodeId);
      if (targets == null) {
        return;
      }
      JsonObject message = event.copy();
      message.remove("episodeId");
      targets.forEach(ws -> send(ws, message));
    });
  }

  private void leave(Audience audience, UUID episodeId, ServerWebSocket ws) {
    Set<ServerWebSocket> set = sockets.get(audience).get(episodeId);
    if (set != null) {
      set.remove(ws);
      if (set.isEmpty()) {
        sockets.get(audience).remove(episodeId);
      }
    }
  }

  private static void send(ServerWebSocket ws, JsonObject message) {
    if (ws.isClosed()) {
      return;
    }
    if (ws.writeQueueFull()) {
      // a viewer that does not read is dropped rather than buffered; the page reconnects by itself
      ws.close((short) 1008, "too slow");
      return;
    }
    ws.writeTextMessage(message.encode());
  }
}
