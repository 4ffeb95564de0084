package vn.danhoi.studio;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.metrics.Metrics;
import vn.danhoi.queue.LiveChannel;
import vn.danhoi.queue.LiveMessage;
import vn.danhoi.queue.StateRoom;

import java.util.UUID;

/**
 * This node's studio displays and public live pages, two audiences each sent its whole state as
 * {@link StudioStore} reads it for them: a display that missed a message is right again with the next.
 */
public final class StudioHub {

  public enum Audience { STUDIO, LIVE }

  private final Metrics metrics;
  private final StateRoom studio;
  private final StateRoom live;

  public StudioHub(Vertx vertx, StudioStore store, LiveChannel channel, Metrics metrics) {
    Context context = vertx.getOrCreateContext();
    this.metrics = metrics;
    this.studio = new StateRoom(context, channel, LiveMessage.STUDIO_UPDATE, store::studio);
    this.live = new StateRoom(context, channel, LiveMessage.LIVE_UPDATE, store::live);
  }

  /** Reads and publishes the studio's and viewers' state after a change in the episode. */
  public Future<Void> changed(UUID episodeId) {
    return Future.all(studio.changed(episodeId), live.changed(episodeId)).mapEmpty();
  }

  public void join(ServerWebSocket ws, UUID episodeId, Audience audience, SocketSender.Owner owner) {
    if (audience == Audience.STUDIO) {
      studio.join(ws, episodeId, owner, metrics.sockets(Metrics.SocketKind.STUDIO));
    } else {
      live.join(ws, episodeId, owner, metrics.sockets(Metrics.SocketKind.LIVE));
    }
  }

  /** Closes the studio displays of an account, token or session whose access just ended. */
  public void revoke(String actor, String sessionHash) {
    studio.revoke(actor, sessionHash);
  }
}
