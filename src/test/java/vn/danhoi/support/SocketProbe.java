package vn.danhoi.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** A real WebSocket client that records every message, and lets a test wait for one (no sleeps). */
public final class SocketProbe implements AutoCloseable {

  private final List<JsonObject> messages = new ArrayList<>();
  private final List<String> raw = new ArrayList<>();
  private int frames;
  private JsonObject liveState;
  private final WebSocketClient client;
  private WebSocket socket;
  private boolean closed;
  private Short closeCode;

  private SocketProbe(WebSocketClient client) {
    this.client = client;
  }

  public static SocketProbe connect(Vertx vertx, int port, String path, Map<String, String> headers) {
    SocketProbe probe = new SocketProbe(vertx.createWebSocketClient());
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(path);
    headers.forEach(options::addHeader);
    try {
      probe.socket = Sockets.open(probe.client, options, ws -> {
        ws.textMessageHandler(probe::record);
        ws.closeHandler(v -> probe.markClosed(ws.closeStatusCode()));
      }).await(10, TimeUnit.SECONDS);
      return probe;
    } catch (TimeoutException e) {
      throw new AssertionError("WebSocket did not connect to " + path, e);
    }
  }

  public static SocketProbe bearer(Vertx vertx, int port, String path, String token) {
    return connect(vertx, port, path, Map.of("Authorization", "Bearer " + token));
  }

  /**
   * Records a message; a console's batch of new items (items.new) is recorded as one item.new per item, in its
   * order, so tests count and find items whether the hub sent them one by one or together.
   */
  private synchronized void record(String text) {
    frames++;
    JsonObject message = new JsonObject(text);
    if ("items.new".equals(message.getString("type"))) {
      for (Object item : message.getJsonArray("items")) {
        JsonObject one = new JsonObject().put("type", "item.new").put("item", item);
        raw.add(one.encode());
        messages.add(one);
      }
    } else {
      raw.add(text);
      messages.add(message);
      foldLiveState(message);
    }
    notifyAll();
  }

  /**
   * A viewer's socket is sent a numbered snapshot, then changes: after each the probe records the state they add
   * up to as a {@code live.state} message (what the live page shows), or {@code live.gap} for a change that does
   * not follow the state it holds.
   */
  private void foldLiveState(JsonObject message) {
    String type = message.getString("type");
    if ("snapshot".equals(type) && message.getValue("version") != null) {
      liveState = message.copy().put("type", "live.state");
    } else if ("live.change".equals(type)) {
      if (liveState == null || !liveState.getValue("version").equals(message.getValue("base"))) {
        messages.add(new JsonObject().put("type", "live.gap").put("change", message));
        return;
      }
      liveState = LiveChanges.apply(liveState, message);
    } else {
      return;
    }
    messages.add(liveState.copy());
  }

  private synchronized void markClosed(Short code) {
    closed = true;
    closeCode = code;
    notifyAll();
  }

  /** Waits for the first message matching, failing the test after the timeout. */
  public synchronized JsonObject await(Predicate<JsonObject> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < messages.size(); checked++) {
        if (match.test(messages.get(checked))) {
          return messages.get(checked);
        }
      }
      long left = deadline - System.nanoTime();
      if (closed) {
        throw new AssertionError("The server closed the WebSocket before a matching message; got " + raw);
      }
      if (left <= 0) {
        throw new AssertionError("No matching WebSocket message within " + timeout + "; got " + raw);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  public JsonObject awaitItem(String id) {
    return await(m -> "item.new".equals(m.getString("type")) && id.equals(m.getJsonObject("item").getString("id")),
        Duration.ofSeconds(15));
  }

  /** Waits until the item is known to this console: in its snapshot or pushed as new. */
  public JsonObject awaitSeen(String id) {
    return await(m -> ("item.new".equals(m.getString("type")) && id.equals(m.getJsonObject("item").getString("id")))
        || ("snapshot".equals(m.getString("type")) && m.getJsonArray("items") != null
            && m.getJsonArray("items").stream().anyMatch(i -> id.equals(((JsonObject) i).getString("id")))),
        Duration.ofSeconds(15));
  }

  /** Waits until n messages matching have arrived, failing the test after the timeout. */
  public synchronized void awaitCount(Predicate<JsonObject> match, long n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long found = 0;
    int checked = 0;
    while (true) {
      for (; checked < messages.size(); checked++) {
        if (match.test(messages.get(checked))) {
          found++;
        }
      }
      if (found >= n) {
        return;
      }
      long left = deadline - System.nanoTime();
      if (closed || left <= 0) {
        throw new AssertionError((closed ? "The server closed the WebSocket" : "Timed out after " + timeout)
            + " with " + found + " of " + n + " matching messages");
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  public synchronized long count(Predicate<JsonObject> match) {
    return messages.stream().filter(match).count();
  }

  public synchronized long itemCount(String id) {
    return count(m -> "item.new".equals(m.getString("type")) && id.equals(m.getJsonObject("item").getString("id")));
  }

  /** How many text messages the server sent (a batch of new items counts once). */
  public synchronized int frames() {
    return frames;
  }

  public synchronized List<String> raw() {
    return List.copyOf(raw);
  }

  /** Waits for the server to close the socket, failing the test after the timeout; the close code (or null). */
  public synchronized Short awaitClosed(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("The server did not close the WebSocket within " + timeout);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return closeCode;
  }

  public synchronized boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    if (socket != null && !socket.isClosed()) {
      socket.close();
    }
    client.close();
  }
}
