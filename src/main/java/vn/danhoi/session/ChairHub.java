package vn.danhoi.session;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.metrics.Metrics;
import vn.danhoi.queue.LiveChannel;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * This node's chair's screens and the district rooms' read-only views of them. Like the studio display, every
 * message carries the whole state (the clock as the server holds it), and crosses nodes through Redis.
 */
public final class ChairHub {

  private static final int MAX_UNFLUSHED = 16;

  private final Context context;
  private final SessionStore store;
  private final LiveChannel channel;
  private final Clock clock;
  private final ZoneId zone;
  private final Metrics metrics;
  private final Map<UUID, Set<SocketSender>> sockets = new HashMap<>();

  public ChairHub(Vertx vertx, SessionStore store, LiveChannel channel, Clock clock, ZoneId zone, Metrics metrics) {
    this.context = vertx.getOrCreateContext();
    this.store = store;
    this.channel = channel;
    this.clock = clock;
    this.zone = zone;
    this.metrics = metrics;
    channel.subscribe(this::onEvent);
  }

  public Future<JsonObject> state(UUID episodeId) {
    return store.chair(episodeId, OffsetDateTime.now(clock), zone);
  }

  /** Reads the new state once and sends it to every node's screens of the episode. */
  public Future<JsonObject> changed(UUID episodeId) {
    return state(episodeId).compose(state -> channel.publish(state.copy().put("type", "chair.update")
        .put("episodeId", episodeId.toString())).map(state));
  }

  public void join(ServerWebSocket ws, UUID episodeId, SocketSender.Owner owner) {
    SocketSender out = new SocketSender(ws, MAX_UNFLUSHED, owner);
    // a district room's read-only view is the one screen opened without an owner
    Metrics.OpenSockets open = metrics.sockets(SocketSender.Owner.PUBLIC.equals(owner) ? Metrics.SocketKind.CHAIR_VIEW
        : Metrics.SocketKind.CHAIR);
    if (!SocketSender.attach(ws, open, () -> context.runOnContext(y -> leave(episodeId, out)))) {
      return;
    }
    context.runOnContext(v -> {
      if (ws.isClosed()) {
        return;
      }
      sockets.computeIfAbsent(episodeId, k -> new LinkedHashSet<>()).add(out);
      state(episodeId).onSuccess(state -> out.send(state.copy().put("type", "snapshot").encode()))
          .onFailure(e -> ws.close((short) 1011, "snapshot unavailable"));
    });
  }

  /** Closes the screens of an account or session whose access ended (read-only views have no owner). */
  public void revoke(String actor, String sessionHash) {
    context.runOnContext(v -> sockets.values().forEach(set -> set.stream()
        .filter(s -> s.owner().revokedBy(actor, sessionHash))
        .forEach(s -> s.close(SocketSender.ACCESS_ENDED, "access ended"))));
  }

  private void onEvent(JsonObject event) {
    if (!"chair.update".equals(event.getString("type"))) {
      return;
    }
    context.runOnContext(v -> {
      Set<SocketSender> targets = sockets.get(UUID.fromString(event.getString("episodeId")));
      if (targets == null) {
        return;
      }
      JsonObject message = event.copy();
      message.remove("episodeId");
      String text = message.encode();
      targets.forEach(t -> t.send(text));
    });
  }

  private void leave(UUID episodeId, SocketSender out) {
    Set<SocketSender> set = sockets.get(episodeId);
    if (set != null) {
      set.remove(out);
      if (set.isEmpty()) {
        sockets.remove(episodeId);
      }
    }
  }
}
