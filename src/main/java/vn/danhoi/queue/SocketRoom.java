package vn.danhoi.queue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.metrics.Metrics;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * This node's sockets of one audience, by episode: who joined, who left, whose access ended. The sets are
 * touched on one context only, so a join, a leave and a broadcast never race. A member is the socket's
 * sender, or an object holding it with what its audience remembers per socket.
 */
public final class SocketRoom<M> {

  private final Context context;
  private final Function<M, SocketSender> sender;
  private final Map<UUID, Set<M>> members = new HashMap<>();

  public SocketRoom(Context context, Function<M, SocketSender> sender) {
    this.context = context;
    this.sender = sender;
  }

  /** A room whose members are the senders themselves. */
  public static SocketRoom<SocketSender> of(Context context) {
    return new SocketRoom<>(context, Function.identity());
  }

  /**
   * Counts the freshly upgraded socket as open and, on the room's context, adds it to the episode, then runs
   * {@code joined} there (which sends its first message). Once closed, {@code leaving} runs and it leaves.
   */
  public void join(ServerWebSocket ws, UUID episodeId, M member, Metrics.OpenSockets open, Consumer<M> joined,
                   Consumer<M> leaving) {
    if (!SocketSender.attach(ws, open, () -> context.runOnContext(y -> {
      leaving.accept(member);
      leave(episodeId, member);
    }))) {
      return;
    }
    context.runOnContext(v -> {
      if (ws.isClosed()) {
        // closed before it joined: never add it, or it would stay in the set for good
        return;
      }
      members.computeIfAbsent(episodeId, k -> new LinkedHashSet<>()).add(member);
      joined.accept(member);
    });
  }

  /** Closes the sockets of an account, token or session whose access just ended. */
  public void revoke(String actor, String sessionHash) {
    onContext(() -> members.values().forEach(set -> set.stream().map(sender)
        .filter(s -> s.owner().revokedBy(actor, sessionHash))
        .forEach(s -> s.close(SocketSender.ACCESS_ENDED, "access ended"))));
  }

  /** Runs the action, on the room's context, for each socket of the episode on this node. */
  public void broadcast(UUID episodeId, Consumer<M> action) {
    onContext(() -> members.getOrDefault(episodeId, Set.of()).forEach(action));
  }

  /** Sends the text to each socket of the episode on this node. */
  public void send(UUID episodeId, String text) {
    broadcast(episodeId, m -> sender.apply(m).send(text));
  }

  /** Whether the episode has a socket on this node; on the room's context only. */
  public boolean has(UUID episodeId) {
    return members.containsKey(episodeId);
  }

  /** Runs the action, on the room's context, with each episode that has a socket on this node. */
  public void eachEpisode(Consumer<UUID> action) {
    onContext(() -> List.copyOf(members.keySet()).forEach(action));
  }

  /** Runs the action, on the room's context, for every socket of the room. */
  public void everyMember(Consumer<M> action) {
    onContext(() -> members.values().forEach(set -> set.forEach(action)));
  }

  private void leave(UUID episodeId, M member) {
    Set<M> set = members.get(episodeId);
    if (set != null) {
      set.remove(member);
      if (set.isEmpty()) {
        members.remove(episodeId);
      }
    }
  }

  /** Runs the action on the room's context: at once when already there, else queued to it. */
  public void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
