package vn.danhoi.studio;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.metrics.Metrics;
import vn.danhoi.queue.LiveChannel;
import vn.danhoi.queue.LiveMessage;
import vn.danhoi.queue.StateRoom;

import java.util.UUID;
import java.util.function.Function;

/**
 * This node's studio displays, public live pages and broadcast graphics (overlays), three audiences each sent
 * its whole state as it is read for them: a display that missed a message is right again with the next. Every
 * change that reaches the studio reaches the graphics too, so an overlay never lags the hosts' screen.
 */
public final class StudioHub {

  public enum Audience { STUDIO, LIVE, OVERLAY }

  private final Metrics metrics;
  private final StateRoom studio;
  private final StateRoom live;
  private final StateRoom overlay;

  /** {@code overlay} reads a graphic's state (the overlay package's, which builds on this one). */
  public StudioHub(Vertx vertx, StudioStore store, Function<UUID, Future<JsonObject>> overlay, LiveChannel channel,
                   Metrics metrics) {
    Context context = vertx.getOrCreateContext();
    this.metrics = metrics;
    this.studio = new StateRoom(context, channel, LiveMessage.STUDIO_UPDATE, store::studio);
    // a viewer's state holds up to a hundred answered questions, and viewers come by the thousand: changes only
    this.live = StateRoom.sendingChanges(context, channel, LiveMessage.LIVE_UPDATE, LiveMessage.LIVE_CHANGE,
        store::live);
    this.overlay = new StateRoom(context, channel, LiveMessage.OVERLAY_UPDATE, overlay);
  }

  /** Reads and publishes the studio's, viewers' and graphics' state after a change in the episode. */
  public Future<Void> changed(UUID episodeId) {
    return Future.all(studio.changed(episodeId), live.changed(episodeId), overlay.changed(episodeId)).mapEmpty();
  }

  public void join(ServerWebSocket ws, UUID episodeId, Audience audience, SocketSender.Owner owner) {
    switch (audience) {
      case STUDIO -> studio.join(ws, episodeId, owner, metrics.sockets(Metrics.SocketKind.STUDIO));
      case LIVE -> live.join(ws, episodeId, owner, metrics.sockets(Metrics.SocketKind.LIVE));
      case OVERLAY -> overlay.join(ws, episodeId, owner, metrics.sockets(Metrics.SocketKind.OVERLAY));
    }
  }

  /**
   * Closes the studio displays of an account, token or session whose access just ended, and the graphics
   * of an overlay link just revoked (their owner is the link).
   */
  public void revoke(String actor, String sessionHash) {
    studio.revoke(actor, sessionHash);
    overlay.revoke(actor, sessionHash);
  }
}
