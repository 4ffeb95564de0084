package vn.danhoi.moderation;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.audit.AuditLog;
import vn.danhoi.auth.Staff;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.intake.ItemStatus;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;
import vn.danhoi.metrics.Metrics;
import vn.danhoi.queue.LiveMessage;
import vn.danhoi.queue.SocketRoom;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * This node's moderation sockets. Events reach it from every node through Redis Pub/Sub; Pub/Sub drops
 * messages while a connection is down, so after any Redis trouble the hub catches up from PostgreSQL.
 * Each socket remembers the items it was sent, so a catch-up or a redelivery never shows one twice.
 * All state is touched on the hub's own context only.
 *
 * <p>Every item an editor is sent carries the asker's contact data, so every send is a view the audit log
 * counts (Law 91/2025/QH15): the snapshot or replay is recorded, with the number of items holding contact
 * data, before it is sent; the items pushed later are counted per socket and recorded every few seconds and
 * when the socket closes, one row per socket and period rather than one per push, with the exact count.
 */
public final class ModerationHub {

  private static final Logger LOG = LoggerFactory.getLogger(ModerationHub.class);
  private static final int SNAPSHOT_LIMIT = 5000;
  /** A console may owe this many messages (a whole show's burst after an outage) before it is cut off. */
  private static final int MAX_UNFLUSHED = 10_000;
  /** How often the counts of pushed items are written to the audit log. */
  private static final long VIEWS_EVERY_MS = 5_000;
  /**
   * New items reach a console at most this often, together: at a thousand questions a second one frame per item
   * per console cost more than the items (and no editor reads faster), while one item after a quiet spell still
   * goes at once.
   */
  static final long BATCH_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  /** The most items in one message: a catch-up of thousands goes as many messages of a readable size (~30 KiB). */
  static final int BATCH_MAX_ITEMS = 50;

  private final Context context;
  private final SubmissionStore store;
  private final ModerationStore replay;
  private final ZoneId zone;
  private final Metrics.OpenSockets open;
  private final AuditLog audit;
  private final Vertx vertx;
  private final SocketRoom<Session> sessions;
  private long viewsTimer = -1;
  private boolean flushDue;
  private long lastFlushAt = System.nanoTime() - BATCH_WINDOW_NANOS;

  /** Who is looking, for the audit log: the editor and the address they connected from. */
  public record Viewer(Staff staff, String address) {
  }

  public ModerationHub(Vertx vertx, SubmissionStore store, ModerationStore replay, ZoneId zone, AuditLog audit,
                       Metrics metrics) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.sessions = new SocketRoom<>(context, s -> s.out);
    this.store = store;
    this.replay = replay;
    this.zone = zone;
    this.open = metrics.sockets(Metrics.SocketKind.MODERATION);
    this.audit = audit;
  }

  /** Starts writing the counts of pushed items every few seconds. */
  public void start() {
    context.runOnContext(v -> viewsTimer = vertx.setPeriodic(VIEWS_EVERY_MS,
        id -> sessions.everyMember(Session::recordViews)));
  }

  /** Stops the timer and writes what is still counted. */
  public Future<Void> stop() {
    return Future.<Void>future(p -> context.runOnContext(v -> {
      if (viewsTimer >= 0) {
        vertx.cancelTimer(viewsTimer);
      }
      sessions.everyMember(Session::sendNewItems);
      List<Future<Void>> writes = new ArrayList<>();
      // on the room's context, so every write is listed before the join
      sessions.everyMember(s -> writes.add(s.recordViews()));
      Future.join(writes).<Void>mapEmpty().onComplete(p);
    }));
  }

  /** Handles one live event: new items are sent once per socket, changes as they come. */
  public void onEvent(JsonObject event) {
    LiveMessage type = LiveMessage.of(event).orElse(null);
    if (type == null || !type.item()) {
      return;
    }
    UUID episodeId = UUID.fromString(event.getString("episodeId"));
    if (type == LiveMessage.ITEM_NEW) {
      JsonObject item = event.getJsonObject("item");
      sessions.broadcast(episodeId, s -> s.offer(item));
    } else {
      JsonObject message = event.copy();
      message.remove("episodeId");
      sessions.broadcast(episodeId, s -> s.change(message));
    }
  }

  /**
   * Sends the new items gathered since the last flush: after the current event when the window since the last
   * flush has passed, else when it passes. Runs on the hub's context (from within a broadcast).
   */
  private void flushSoon() {
    if (flushDue) {
      return;
    }
    flushDue = true;
    long wait = lastFlushAt + BATCH_WINDOW_NANOS - System.nanoTime();
    if (wait <= 0) {
      context.runOnContext(v -> flushAll());
    } else {
      vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), id -> flushAll());
    }
  }

  private void flushAll() {
    flushDue = false;
    lastFlushAt = System.nanoTime();
    sessions.everyMember(Session::sendNewItems);
  }

  /** Closes the sockets of an account, token or session whose access just ended. */
  public void revoke(String actor, String sessionHash) {
    sessions.revoke(actor, sessionHash);
  }

  /**
   * Re-sends, to sockets that have not seen them, items queued since Redis trouble began, then tells each
   * console it is caught up (the page shows it; tests wait for it).
   */
  public void catchUp(OffsetDateTime since) {
    sessions.eachEpisode(episodeId -> store.queuedSince(episodeId, since).onSuccess(items -> {
      List<JsonObject> queued = items.stream().map(s -> s.toModeratorJson(zone)).toList();
      sessions.broadcast(episodeId, t -> {
        queued.forEach(t::offer);
        t.change(LiveMessage.CAUGHT_UP.message());
      });
    }));
  }

  /** The socket message type for an event of the log. */
  public static String messageType(String action, Submission item) {
    return itemMessage(action, item).wire();
  }

  private static LiveMessage itemMessage(String action, Submission item) {
    return switch (action) {
      case "submission.received" -> LiveMessage.ITEM_NEW;
      case "item.claim" -> LiveMessage.ITEM_CLAIMED;
      case "item.release" -> LiveMessage.ITEM_RELEASED;
      case "item.merge" -> item.itemStatus() == ItemStatus.MERGED ? LiveMessage.ITEM_MERGED : LiveMessage.ITEM_UPDATED;
      default -> LiveMessage.ITEM_UPDATED;
    };
  }

  /**
   * Subscribes the socket first, then sends the snapshot (or, for a client that reconnects with the last
   * event id it saw, what it missed since), so nothing arriving meanwhile is lost.
   */
  public void join(ServerWebSocket ws, UUID episodeId, Long since, SocketSender.Owner owner, Viewer viewer) {
    sessions.join(ws, episodeId, new Session(ws, owner, episodeId, viewer), open, session -> {
      // recorded before it is sent, so no view of contact data goes unrecorded
      Future<Void> first = since == null
          ? store.byEpisode(episodeId, SNAPSHOT_LIMIT).compose(items -> session.viewed(items.stream()
              .filter(s -> Submission.carriesContact(s.toModeratorJson(zone))).count()).map(recorded -> {
                session.snapshot(items);
                return null;
              }))
          : replay.replay(episodeId, since).compose(events -> session.viewed(events.stream()
              .filter(r -> Submission.carriesContact(r.item().toModeratorJson(zone))).count()).map(recorded -> {
                session.replay(events);
                return null;
              }));
      first.onFailure(e -> {
        LOG.warn("Snapshot failed for a moderation socket: {}", e.toString());
        ws.close((short) 1011, "snapshot unavailable");
      });
    }, Session::recordViews);
  }

  /** One moderator's socket: buffers events until its snapshot is out, then sends each item once. */
  private final class Session {
    private final SocketSender out;
    private final UUID episodeId;
    private final Viewer viewer;
    /** Items with contact data sent since the last record. */
    private long unrecorded;
    // by sequence number, one bit each: a set of ids grew with the show (seen in the soak), and a bounded
    // one forgot items that a large catch-up then sent again (seen after a 30 s Redis outage)
    private final SeenNumbers seen = new SeenNumbers();
    private final SeenNumbers seenEvents = new SeenNumbers();
    private List<Object> pending = new ArrayList<>();
    /** New items not yet sent: they go together, ahead of any later change (so a change never precedes its item). */
    private List<JsonObject> newItems = new ArrayList<>();

    Session(ServerWebSocket ws, SocketSender.Owner owner, UUID episodeId, Viewer viewer) {
      this.out = new SocketSender(ws, MAX_UNFLUSHED, owner);
      this.episodeId = episodeId;
      this.viewer = viewer;
    }

    /** The snapshot's or replay's view, recorded even when empty: the editor opened the board. */
    Future<Void> viewed(long items) {
      return audit.contactsViewed(viewer.staff(), "moderation.socket", episodeId, (int) items, viewer.address());
    }

    /** Writes the count of pushed items with contact data, if any, and starts counting again. */
    Future<Void> recordViews() {
      long n = unrecorded;
      if (n == 0) {
        return Future.succeededFuture();
      }
      unrecorded = 0;
      return audit.contactsViewed(viewer.staff(), "moderation.push", episodeId, (int) n, viewer.address())
          .onFailure(e -> {
            // put back so the next period records them; the log must not lose a view
            unrecorded += n;
            LOG.warn("Recording pushed contact views failed: {}", e.toString());
          });
    }

    void snapshot(List<Submission> items) {
      JsonArray out = new JsonArray();
      for (Submission s : items) {
        seen.add(s.seq());
        out.add(s.toModeratorJson(zone));
      }
      send(LiveMessage.SNAPSHOT.message().put("items", out));
      // changes buffered meanwhile may predate the snapshot; they carry whole items, so replaying is harmless
      flush();
    }

    /** What the client missed since the event it last saw, in the log's order. */
    void replay(List<ModerationStore.Replayed> events) {
      for (ModerationStore.Replayed r : events) {
        JsonObject item = r.item().toModeratorJson(zone);
        LiveMessage type = itemMessage(r.action(), r.item());
        seenEvents.add(r.eventId());
        if (type == LiveMessage.ITEM_NEW) {
          if (seen.add(r.item().seq())) {
            send(type.message().put("eventId", r.eventId()).put("item", item));
          }
        } else {
          seen.add(r.item().seq());
          send(type.message().put("eventId", r.eventId()).put("item", item));
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
        sendNewItems();
        count(message.getJsonObject("item"));
        send(message);
      }
    }

    void offer(JsonObject item) {
      if (pending != null) {
        pending.add(new Submission.Item(item));
        return;
      }
      if (seen.add(item.getLong("seq"))) {
        count(item);
        newItems.add(item);
        flushSoon();
      }
    }

    /** One item as item.new, several as items.new messages of at most BATCH_MAX_ITEMS, in arrival order. */
    void sendNewItems() {
      if (newItems.isEmpty()) {
        return;
      }
      List<JsonObject> items = newItems;
      newItems = new ArrayList<>();
      if (items.size() == 1) {
        send(LiveMessage.ITEM_NEW.message().put("item", items.get(0)));
        return;
      }
      for (int from = 0; from < items.size(); from += BATCH_MAX_ITEMS) {
        List<Object> part = new ArrayList<>(items.subList(from, Math.min(items.size(), from + BATCH_MAX_ITEMS)));
        send(LiveMessage.ITEMS_NEW.message().put("items", new JsonArray(part)));
      }
    }

    private void count(JsonObject item) {
      if (Submission.carriesContact(item)) {
        unrecorded++;
      }
    }

    private void send(JsonObject message) {
      out.send(message.encode());
    }
  }
}
