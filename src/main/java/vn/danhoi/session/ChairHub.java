package vn.danhoi.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.metrics.Metrics;
import vn.danhoi.queue.LiveChannel;
import vn.danhoi.queue.LiveMessage;
import vn.danhoi.queue.StateRoom;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * This node's chair's screens and the remote rooms' (communes', wards') read-only views of them. Like the studio display, every
 * message carries the whole state (the clock as the server holds it), and crosses nodes through Redis.
 */
public final class ChairHub {

  private final SessionStore store;
  private final Clock clock;
  private final ZoneId zone;
  private final Metrics metrics;
  private final StateRoom screens;

  public ChairHub(Vertx vertx, SessionStore store, LiveChannel channel, Clock clock, ZoneId zone, Metrics metrics) {
    this.store = store;
    this.clock = clock;
    this.zone = zone;
    this.metrics = metrics;
    this.screens = new StateRoom(vertx.getOrCreateContext(), channel, LiveMessage.CHAIR_UPDATE, this::state);
  }

  public Future<JsonObject> state(UUID episodeId) {
    return store.chair(episodeId, OffsetDateTime.now(clock), zone);
  }

  /** Reads the new state once and sends it to every node's screens of the episode. */
  public Future<JsonObject> changed(UUID episodeId) {
    return screens.changed(episodeId);
  }

  public void join(ServerWebSocket ws, UUID episodeId, SocketSender.Owner owner) {
    // a remote room's read-only view is the one screen opened without an owner
    screens.join(ws, episodeId, owner, metrics.sockets(SocketSender.Owner.PUBLIC.equals(owner)
        ? Metrics.SocketKind.CHAIR_VIEW : Metrics.SocketKind.CHAIR));
  }

  /** Closes the screens of an account or session whose access ended (read-only views have no owner). */
  public void revoke(String actor, String sessionHash) {
    screens.revoke(actor, sessionHash);
  }
}
