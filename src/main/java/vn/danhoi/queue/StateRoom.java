package vn.danhoi.queue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.metrics.Metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The sockets of an audience kept up to date with its whole state: a display, a public page, a chair's screen.
 * After a change the node that made it reads the state once and publishes it; every node forwards it to its own
 * sockets. After a Redis outage every node reads the state of its sockets' episodes afresh, since changes made
 * meanwhile never reached it.
 * <p>
 * Most audiences are sent the whole state each time: a socket that missed one message is right again with the
 * next. An audience sent changes (the viewers, by the thousand, whose state holds up to a hundred answered
 * questions) is sent instead what differs from the state this node sent before ({@link StateChange}), numbered:
 * each socket starts from a snapshot of this node's latest state with its number, and a change names the
 * number it applies to, so a page that finds a gap reconnects rather than show a wrong list. A socket is never
 * silently skipped a message: one that falls behind is closed ({@link SocketSender}).
 */
public final class StateRoom {

  private static final Logger LOG = LoggerFactory.getLogger(StateRoom.class);
  /** A screen behind by more than a few messages is better reconnected (to a fresh snapshot). */
  private static final int MAX_UNFLUSHED = 16;

  /** The state this node last sent an episode's sockets, and its number. */
  private record Sent(long version, JsonObject state) {
  }

  private final Context context;
  private final SocketRoom<SocketSender> room;
  private final LiveChannel channel;
  private final LiveMessage type;
  /** Null: the whole state each time. */
  private final LiveMessage changeType;
  private final Function<UUID, Future<JsonObject>> state;
  /** Touched on the room's context only; an episode's entry goes with its last socket. */
  private final Map<UUID, Sent> sent = new HashMap<>();

  /** The sockets sent {@code type} messages carrying what {@code state} reads for an episode. */
  public StateRoom(Context context, LiveChannel channel, LiveMessage type, Function<UUID, Future<JsonObject>> state) {
    this(context, channel, type, null, state);
  }

  private StateRoom(Context context, LiveChannel channel, LiveMessage type, LiveMessage changeType,
                    Function<UUID, Future<JsonObject>> state) {
    if (!type.wholeState()) {
      throw new IllegalArgumentException(type + " does not carry the whole state");
    }
    this.context = context;
    this.room = SocketRoom.of(context);
    this.channel = channel;
    this.type = type;
    this.changeType = changeType;
    this.state = state;
    channel.subscribe(this::onEvent);
    channel.onRecovered(this::catchUp);
  }

  /**
   * An audience whose sockets are sent {@code changeType} messages, each what changed since the last; the nodes
   * still tell each other the whole state as {@code type}.
   */
  public static StateRoom sendingChanges(Context context, LiveChannel channel, LiveMessage type,
                                         LiveMessage changeType, Function<UUID, Future<JsonObject>> state) {
    return new StateRoom(context, channel, type, changeType, state);
  }

  /** Reads the episode's state once and sends it to every node's sockets; completes with the state read. */
  public Future<JsonObject> changed(UUID episodeId) {
    return state.apply(episodeId).compose(s -> channel.publish(type.carrying(s)
        .put("episodeId", episodeId.toString())).map(s));
  }

  public void join(ServerWebSocket ws, UUID episodeId, SocketSender.Owner owner, Metrics.OpenSockets open) {
    room.join(ws, episodeId, new SocketSender(ws, MAX_UNFLUSHED, owner), open, out -> {
      Sent latest = sent.get(episodeId);
      if (latest != null) {
        out.send(snapshot(latest));
        return;
      }
      // a late snapshot may follow an update; for whole states order does not matter, and for changes the
      // snapshot is this node's latest state, which every later change starts from
      state.apply(episodeId).onSuccess(s -> room.onContext(() -> out.send(changeType == null
              ? LiveMessage.SNAPSHOT.carrying(s).encode()
              : snapshot(sent.computeIfAbsent(episodeId, k -> new Sent(1, normal(s)))))))
          .onFailure(e -> {
            LOG.warn("Snapshot failed for a {} socket: {}", type.wire(), e.toString());
            ws.close((short) 1011, "snapshot unavailable");
          });
    }, out -> context.runOnContext(v -> {
      // queued, so it runs once the socket has left its episode
      if (changeType != null && !room.has(episodeId)) {
        sent.remove(episodeId);
      }
    }));
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
    room.eachEpisode(episodeId -> state.apply(episodeId).onSuccess(s -> deliver(episodeId, normal(s))));
  }

  private void onEvent(JsonObject event) {
    if (!type.is(event)) {
      return;
    }
    JsonObject s = event.copy();
    s.remove("type");
    s.remove("episodeId");
    deliver(UUID.fromString(event.getString("episodeId")), s);
  }

  private void deliver(UUID episodeId, JsonObject s) {
    if (changeType == null) {
      room.send(episodeId, type.carrying(s).encode());
      return;
    }
    room.onContext(() -> {
      Sent before = sent.get(episodeId);
      if (before == null) {
        // no socket here has been sent a snapshot yet: those joining will be sent this state
        if (room.has(episodeId)) {
          sent.put(episodeId, new Sent(1, s));
        }
        return;
      }
      JsonObject change = StateChange.between(before.state(), s);
      if (change.isEmpty()) {
        return;
      }
      Sent now = new Sent(before.version() + 1, s);
      sent.put(episodeId, now);
      room.send(episodeId, changeType.message().mergeIn(change)
          .put("base", before.version()).put("version", now.version()).encode());
    });
  }

  private String snapshot(Sent latest) {
    return LiveMessage.SNAPSHOT.carrying(latest.state()).put("version", latest.version()).encode();
  }

  /** The state as it comes back from JSON, so a state read here and one heard from the channel compare equal. */
  private static JsonObject normal(JsonObject s) {
    return new JsonObject(s.encode());
  }

}
