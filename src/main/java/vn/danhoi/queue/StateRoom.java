package vn.danhoi.queue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.metrics.Metrics;

import java.util.UUID;
import java.util.function.Function;

/**
 * The sockets of an audience that is always sent its whole state: a display, a public page, a chair's screen.
 * After a change the node that made it reads the state once and publishes it; every node forwards it to its own
 * sockets. A socket that missed one message is right again with the next, and after a Redis outage every node
 * reads the state of its sockets' episodes afresh, since changes made meanwhile never reached it.
 */
public final class StateRoom {

  private static final Logger LOG = LoggerFactory.getLogger(StateRoom.class);
  /** Each message is the whole state, so a screen behind by more than a few is better reconnected. */
  private static final int MAX_UNFLUSHED = 16;

  private final SocketRoom<SocketSender> room;
  private final LiveChannel channel;
  private final LiveMessage type;
  private final Function<UUID, Future<JsonObject>> state;

  /** The sockets sent {@code type} messages carrying what {@code state} reads for an episode. */
  public StateRoom(Context context, LiveChannel channel, LiveMessage type, Function<UUID, Future<JsonObject>> state) {
    if (!type.wholeState()) {
      throw new IllegalArgumentException(type + " does not carry the whole state");
    }
    this.room = SocketRoom.of(context);
    this.channel = channel;
    this.type = type;
    this.state = state;
    channel.subscribe(this::onEvent);
    channel.onRecovered(this::catchUp);
  }

  /** Reads the episode's state once and sends it to every node's sockets; completes with the state read. */
  public Future<JsonObject> changed(UUID episodeId) {
    return state.apply(episodeId).compose(s -> channel.publish(type.carrying(s)
        .put("episodeId", episodeId.toString())).map(s));
  }

  public void join(ServerWebSocket ws, UUID episodeId, SocketSender.Owner owner, Metrics.OpenSockets open) {
    room.join(ws, episodeId, new SocketSender(ws, MAX_UNFLUSHED, owner), open, out ->
        // a late snapshot may follow an update; both carry the whole state, so order does not matter
        state.apply(episodeId).onSuccess(s -> out.send(LiveMessage.SNAPSHOT.carrying(s).encode()))
            .onFailure(e -> {
              LOG.warn("Snapshot failed for a {} socket: {}", type.wire(), e.toString());
              ws.close((short) 1011, "snapshot unavailable");
            }), out -> { });
  }

  /** Closes the sockets of an account, token or session whose access just ended. */
  public void revoke(String actor, String sessionHash) {
    room.revoke(actor, sessionHash);
  }

  /**
   * After a Redis outage: publishes afresh the episodes whose state this node could not publish, and sends this
   * node's sockets their state again, since changes other nodes published meanwhile never reached them.
   */
  private void catchUp() {
    channel.takeStaleEpisodes(type).forEach(this::changed);
    room.eachEpisode(episodeId -> state.apply(episodeId)
        .onSuccess(s -> room.send(episodeId, type.carrying(s).encode())));
  }

  private void onEvent(JsonObject event) {
    if (!type.is(event)) {
      return;
    }
    JsonObject message = event.copy();
    message.remove("episodeId");
    room.send(UUID.fromString(event.getString("episodeId")), message.encode());
  }
}
