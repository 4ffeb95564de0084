package vn.danhoi.studio;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.metrics.Metrics;
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
  private final Metrics metrics;
  /** Each message is the whole state, so a display behind by more than a few is better reconnected. */
  private static final int MAX_UNFLUSHED = 16;

  private final Map<Audience, Map<UUID, Set<SocketSender>>> sockets = Map.of(
      Audience.STUDIO, new HashMap<>(), Audience.LIVE, new HashMap<>());

  public StudioHub(Vertx vertx, StudioStore store, LiveChannel channel, Metrics metrics) {
    this.context = vertx.getOrCreateContext();
    this.store = store;
    this.channel = channel;
    this.metrics = metrics;
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

  public void join(ServerWebSocket ws, UUID episodeId, Audience audience, SocketSender.Owner owner) {
    SocketSender out = new SocketSender(ws, MAX_UNFLUSHED, owner);
    Metrics.OpenSockets open = metrics.sockets(audience == Audience.STUDIO ? Metrics.SocketKind.STUDIO
        : Metrics.SocketKind.LIVE);
    if (!SocketSender.attach(ws, open, () -> context.runOnContext(y -> leave(audience, episodeId, out)))) {
      return;
    }
    context.runOnContext(v -> {
      if (ws.isClosed()) {
        // closed before it joined: never add it, or it would stay in the set for good
        return;
      }
      sockets.get(audience).computeIfAbsent(episodeId, k -> new LinkedHashSet<>()).add(out);
      // a late snapshot may follow an update; both carry the whole state, so order does not matter
      (audience == Audience.STUDIO ? store.studio(episodeId) : store.live(episodeId))
          .onSuccess(state -> out.send(state.copy().put("type", "snapshot").encode()))
          .onFailure(e -> {
            LOG.warn("Studio snapshot failed: {}", e.toString());
            ws.close((short) 1011, "snapshot unavailable");
          });
    });
  }

  /**
   * Sends this node's displays the current state again: after a Redis outage, changes made meanwhile on
   * other nodes never reached them through Pub/Sub.
   */
  public void refreshAll() {
    context.runOnContext(v -> sockets.forEach((audience, byEpisode) -> byEpisode.keySet().forEach(episodeId ->
        (audience == Audience.STUDIO ? store.studio(episodeId) : store.live(episodeId)).onSuccess(state -> {
          String text = state.copy().put("type", audience == Audience.STUDIO ? "studio.update" : "live.update")
              .encode();
          byEpisode.getOrDefault(episodeId, Set.of()).forEach(out -> out.send(text));
        }))));
  }

  /** Closes the studio displays of an account, token or session whose access just ended. */
  public void revoke(String actor, String sessionHash) {
    context.runOnContext(v -> sockets.get(Audience.STUDIO).values().forEach(set -> set.stream()
        .filter(s -> s.owner().revokedBy(actor, sessionHash))
        .forEach(s -> s.close(SocketSender.ACCESS_ENDED, "access ended"))));
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
      Set<SocketSender> targets = sockets.get(audience).get(episodeId);
      if (targets == null) {
        return;
      }
      JsonObject message = event.copy();
      message.remove("episodeId");
      String text = message.encode();
      targets.forEach(t -> t.send(text));
    });
  }

  private void leave(Audience audience, UUID episodeId, SocketSender out) {
    Set<SocketSender> set = sockets.get(audience).get(episodeId);
    if (set != null) {
      set.remove(out);
      if (set.isEmpty()) {
        sockets.get(audience).remove(episodeId);
      }
    }
  }

}
