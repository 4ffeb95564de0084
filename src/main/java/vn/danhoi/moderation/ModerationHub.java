package vn.danhoi.moderation;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;
import vn.danhoi.metrics.Metrics;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * This node's moderation sockets. Events reach it from every node through Redis Pub/Sub; Pub/Sub drops
 * messages while a connection is down, so after any Redis trouble the hub catches up from PostgreSQL.
 * Each socket remembers the items it was sent, so a catch-up or a redelivery never shows one twice.
 * All state is touched on the hub's own context only.
 */
public final class ModerationHub {

  private static final Logger LOG = LoggerFactory.getLogger(ModerationHub.class);
  private static final int SNAPSHOT_LIMIT = 5000;
  /** A console may owe this many messages (a whole show's burst after an outage) before it is cut off. */
  private static final int MAX_UNFLUSHED = 10_000;

  private final Context context;
  private final SubmissionStore store;
  private final ModerationStore replay;
  private final ZoneId zone;
  private final Metrics.OpenSockets open;
  private final Map<UUID, Set<Session>> sessions = new HashMap<>();

  public ModerationHub(Vertx vertx, SubmissionStore store, ModerationStore replay, ZoneId zone, Metrics metrics) {
    this.context = vertx.getOrCreateContext();
    this.store = store;
    this.replay = replay;
    this.zone = zone;
    this.open = metrics.sockets(Metrics.SocketKind.MODERATION);
  }

  /** Handles one live event: new items are sent once per socket, changes as they come. */
  public void onEvent(JsonObject event) {
    String type = event.getString("type", "");
    if (!type.startsWith("item.")) {
      return;
    }
    context.runOnContext(v -> {
      UUID episodeId = UUID.fromString(event.getString("episodeId"));
      Set<Session> targets = sessions.getOrDefault(episodeId, Set.of());
      if ("item.new".equals(type)) {
        JsonObject item = event.getJsonObject("item");
        targets.forEach(s -> s.offer(item));
      } else {
        JsonObject message = event.copy();
        message.remove("episodeId");
        targets.forEach(s -> s.change(message));
      }
    });
  }

  /** Closes the sockets of an account, token or session whose access just ended. */
  public void revoke(String actor, String sessionHash) {
    context.runOnContext(v -> sessions.values().forEach(set -> set.stream()
        .filter(s -> s.out.owner().revokedBy(actor, sessionHash))
        .forEach(s -> s.out.close(SocketSender.ACCESS_ENDED, "access ended"))));
  }

  /**
   * Re-sends, to sockets that have not seen them, items queued since Redis trouble began, then tells each
   * console it is caught up (the page shows it; tests wait for it).
   */
  public void catchUp(OffsetDateTime since) {
    context.runOnContext(v -> {
      for (UUID episodeId : new ArrayList<>(sessions.keySet())) {
        store.queuedSince(episodeId, since).onSuccess(items -> {
          Set<Session> targets = sessions.getOrDefault(episodeId, Set.of());
          for (Submission s : items) {
            JsonObject item = s.toModeratorJson(zone);
            targets.forEach(t -> t.offer(item));
          }
          targets.forEach(t -> t.change(new JsonObject().put("type", "caught-up")));
        });
      }
    });
  }

  /** The socket message type for an event of the log. */
  public static String messageType(String action, Submission item) {
    return switch (action) {
      case "submission.received" -> "item.new";
      case "item.claim" -> "item.claimed";
      case "item.release" -> "item.released";
      case "item.merge" -> "merged".equals(item.status()) ? "item.merged" : "item.updated";
      default -> "item.updated";
    };
  }

  /**
   * Subscribes the socket first, then sends the snapshot (or, for a client that reconnects with the last
   * event id it saw, what it missed since), so nothing arriving meanwhile is lost.
   */
  public void join(ServerWebSocket ws, UUID episodeId, Long since, SocketSender.Owner owner) {
    Session session = new Session(ws, owner);
    if (!SocketSender.attach(ws, open, () -> context.runOnContext(y -> leave(episodeId, session)))) {
      return;
    }
    context.runOnContext(v -> {
      if (ws.isClosed()) {
        // closed before it joined: never add it, or it would stay in the set for good
        return;
      }
      sessions.computeIfAbsent(episodeId, k -> new LinkedHashSet<>()).add(session);
      Future<Void> first = since == null
          ? store.byEpisode(episodeId, SNAPSHOT_LIMIT).map(items -> {
            session.snapshot(items);
            return null;
          })
          : replay.replay(episodeId, since).map(events -> {
            session.replay(events);
            return null;
          });
      first.onFailure(e -> {
        LOG.warn("Snapshot failed for a moderation socket: {}", e.toString());
        ws.close((short) 1011, "snapshot unavailable");
      });
    });
  }

  private void leave(UUID episodeId, Session session) {
    Set<Session> set = sessions.get(episodeId);
    if (set != null) {
      set.remove(session);
      if (set.isEmpty()) {
        sessions.remove(episodeId);
      }
    }
  }

  /** One moderator's socket: buffers events until its snapshot is out, then sends each item once. */
  private final class Session {
    private final SocketSender out;
    // by sequence number, one bit each: a set of ids grew with the show (seen in the soak), and a bounded
    // one forgot items that a large catch-up then sent again (seen after a 30 s Redis outage)
    private final SeenNumbers seen = new SeenNumbers();
    private final SeenNumbers seenEvents = new SeenNumbers();
    private List<Object> pending = new ArrayList<>();

    Session(ServerWebSocket ws, SocketSender.Owner owner) {
      this.out = new SocketSender(ws, MAX_UNFLUSHED, owner);
    }

    void snapshot(List<Submission> items) {
      JsonArray out = new JsonArray();
      for (Submission s : items) {
        seen.add(s.seq());
        out.add(s.toModeratorJson(zone));
      }
      send(new JsonObject().put("type", "snapshot").put("items", out));
      // changes buffered meanwhile may predate the snapshot; they carry whole items, so replaying is harmless
      flush();
    }

    /** What the client missed since the event it last saw, in the log's order. */
    void replay(List<ModerationStore.Replayed> events) {
      for (ModerationStore.Replayed r : events) {
        JsonObject item = r.item().toModeratorJson(zone);
        String type = messageType(r.action(), r.item());
        seenEvents.add(r.eventId());
        if ("item.new".equals(type)) {
          if (seen.add(r.item().seq())) {
            send(new JsonObject().put("type", type).put("eventId", r.eventId()).put("item", item));
          }
        } else {
          seen.add(r.item().seq());
          send(new JsonObject().put("type", type).put("eventId", r.eventId()).put("item", item));
        }
      }
      flush();
    }

    private void flush() {
      List<Object> buffered = pending;
      pending = null;
      for (Object o : buffered) {
        if (o instanceof Submission.Item item) {
          offer(item.json());
        } else {
          change((JsonObject) o);
        }
      }
    }

    void change(JsonObject message) {
      if (pending != null) {
        pending.add(message);
        return;
      }
      Long eventId = message.getLong("eventId");
      if (eventId == null || seenEvents.add(eventId)) {
        send(message);
      }
    }

    void offer(JsonObject item) {
      if (pending != null) {
        pending.add(new Submission.Item(item));
        return;
      }
      if (seen.add(item.getLong("seq"))) {
        send(new JsonObject().put("type", "item.new").put("item", item));
      }
    }

    private void send(JsonObject message) {
      out.send(message.encode());
    }
  }
}
