package vn.danhoi.infra;

import io.vertx.core.http.ServerWebSocket;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes to one WebSocket and bounds what it may owe: a client that stops reading is cut off (it
 * reconnects and gets a fresh snapshot) instead of growing this node's memory. Vert.x's own
 * writeQueueFull trips at a handful of queued messages when writing from another event loop, which a
 * normal burst exceeds, so the bound here counts messages not yet flushed to the network.
 */
public final class SocketSender {

  private final ServerWebSocket ws;
  private final int maxUnflushed;
  private final AtomicInteger unflushed = new AtomicInteger();

  public SocketSender(ServerWebSocket ws, int maxUnflushed) {
    this.ws = ws;
    this.maxUnflushed = maxUnflushed;
  }

  public ServerWebSocket socket() {
    return ws;
  }

  public void send(String text) {
    if (ws.isClosed()) {
      return;
    }
    if (unflushed.incrementAndGet() > maxUnflushed) {
      ws.close((short) 1008, "too slow");
      return;
    }
    ws.writeTextMessage(text).onComplete(ar -> unflushed.decrementAndGet());
  }

  public void close(short code, String reason) {
    ws.close(code, reason);
  }
}
