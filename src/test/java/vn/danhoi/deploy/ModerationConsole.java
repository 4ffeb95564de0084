package vn.danhoi.deploy;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import vn.danhoi.support.Sockets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The editors' board as moderation.js runs it, through the proxy: one socket that reconnects by itself after
 * a drop (from the last event it saw, else afresh with a snapshot), and the items it has been shown. Each
 * connection records the node nginx gave it and when it opened and closed.
 */
final class ModerationConsole implements AutoCloseable {

  /** One socket's life. */
  static final class Connection {
    /** The node that took the socket. */
    String upstream;
    /** Every node nginx tried, as $upstream_addr lists them: "x, y" when x was already gone. */
    String tried;
    long openedAtNanos = -1;
    final boolean resumed;
    long firstMessageAtNanos = -1;
    long closedAtNanos = -1;
    int closeCode = -1;

    Connection(boolean resumed) {
      this.resumed = resumed;
    }

    void opened(String tried, long atNanos) {
      this.tried = tried;
      this.upstream = tried == null ? null : tried.substring(tried.lastIndexOf(' ') + 1);
      this.openedAtNanos = atNanos;
    }

    @Override
    public String toString() {
      return "socket on " + tried + (resumed ? " (resumed with ?since=)" : " (snapshot)")
          + (closedAtNanos < 0 ? ", open" : ", closed with " + closeCode);
    }
  }

  private static final Set<String> ITEM_EVENTS =
      Set.of("item.new", "item.updated", "item.claimed", "item.released", "item.merged");

  private final Vertx vertx;
  private final WebSocketClient client;
  private final int port;
  private final String path;
  private final String token;
  private final String origin;
  private final Map<String, JsonObject> board = new LinkedHashMap<>();
  private final List<Connection> connections = new ArrayList<>();
  private final List<String> failedAttempts = new ArrayList<>();
  private Long lastEventId;
  private boolean haveSnapshot;
  private boolean stopped;
  private WebSocket socket;

  ModerationConsole(Vertx vertx, int port, String episodeId, String token, String origin) {
    this.vertx = vertx;
    this.client = vertx.createWebSocketClient();
    this.port = port;
    this.path = "/ws/moderation/" + episodeId;
    this.token = token;
    this.origin = origin;
  }

  /** Opens the first socket and waits for its snapshot. */
  ModerationConsole open(Duration timeout) {
    connect(0);
    awaitConnections(1, timeout);
    awaitFirstMessage(0, timeout);
    return this;
  }

  private synchronized String nextPath() {
    return haveSnapshot && lastEventId != null ? path + "?since=" + lastEventId : path;
  }

  private void connect(int attempt) {
    String uri = nextPath();
    // what a browser on the public origin sends; the token as a header, as machines and tests do
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI(uri).addHeader("Origin", origin).addHeader("Authorization", "Bearer " + token)
        .addSubProtocol("danhoi");
    Connection connection = new Connection(uri.contains("?since="));
    // the handlers go on before the upgrade, so the snapshot the server sends at once cannot be missed
    Sockets.open(client, options, s -> {
      s.textMessageHandler(text -> received(connection, new JsonObject(text)));
      s.closeHandler(v -> closed(connection, s.closeStatusCode()));
    }).onComplete(ar -> {
      if (ar.failed()) {
        synchronized (this) {
          failedAttempts.add(ar.cause().toString());
        }
        retry(attempt + 1);
        return;
      }
      WebSocket ws = ar.result();
      synchronized (this) {
        connection.opened(ws.headers().get(Nginx.UPSTREAM_HEADER), System.nanoTime());
        if (stopped) {
          ws.close();
          return;
        }
        socket = ws;
        connections.add(connection);
        notifyAll();
      }
    });
  }

  /** Backs off like socket.js (doubling, capped), only faster: the check has a deadline. */
  private void retry(int attempt) {
    synchronized (this) {
      if (stopped) {
        return;
      }
    }
    long delay = Math.min(100L << Math.min(attempt, 4), 1000);
    vertx.setTimer(delay, t -> connect(attempt));
  }

  private synchronized void received(Connection connection, JsonObject message) {
    if (connection.firstMessageAtNanos < 0) {
      connection.firstMessageAtNanos = System.nanoTime();
    }
    String type = message.getString("type");
    if ("snapshot".equals(type)) {
      haveSnapshot = true;
      message.getJsonArray("items").forEach(i -> board.put(((JsonObject) i).getString("id"), (JsonObject) i));
    } else if ("items.new".equals(type)) {
      // new items the hub sent together, like the page's socket.js
      message.getJsonArray("items").forEach(i -> board.put(((JsonObject) i).getString("id"), (JsonObject) i));
    } else if (ITEM_EVENTS.contains(type)) {
      Long eventId = message.getLong("eventId");
      if (eventId != null && (lastEventId == null || eventId > lastEventId)) {
        lastEventId = eventId;
      }
      JsonObject item = message.getJsonObject("item");
      board.put(item.getString("id"), item);
    }
    notifyAll();
  }

  private void closed(Connection connection, Short code) {
    synchronized (this) {
      connection.closedAtNanos = System.nanoTime();
      connection.closeCode = code == null ? -1 : code;
      socket = null;
      notifyAll();
      if (stopped) {
        return;
      }
    }
    retry(0);
  }

  synchronized List<Connection> connections() {
    return List.copyOf(connections);
  }

  synchronized Set<String> board() {
    return Set.copyOf(board.keySet());
  }

  synchronized List<String> failedAttempts() {
    return List.copyOf(failedAttempts);
  }

  void awaitConnections(int n, Duration timeout) {
    await(() -> connections.size() >= n, timeout, () -> "only " + connections.size() + " of " + n
        + " sockets opened; failed attempts: " + failedAttempts);
  }

  void awaitFirstMessage(int connection, Duration timeout) {
    await(() -> connections.get(connection).firstMessageAtNanos >= 0, timeout,
        () -> "no message on " + connections.get(connection));
  }

  void awaitClosed(int connection, Duration timeout) {
    await(() -> connections.get(connection).closedAtNanos >= 0, timeout,
        () -> connections.get(connection) + " did not close");
  }

  /** Waits until every id is on the board. */
  void awaitOnBoard(Set<String> ids, Duration timeout) {
    await(() -> board.keySet().containsAll(ids), timeout, () -> {
      Set<String> missing = ids.stream().filter(id -> !board.containsKey(id)).collect(Collectors.toSet());
      return missing.size() + " of " + ids.size() + " accepted questions missing from the board: " + missing;
    });
  }

  private synchronized void await(BooleanSupplier done, Duration timeout,
                                  Supplier<String> failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(failure.get());
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    WebSocket open;
    synchronized (this) {
      stopped = true;
      open = socket;
    }
    if (open != null && !open.isClosed()) {
      open.close();
    }
    client.close();
  }
}
