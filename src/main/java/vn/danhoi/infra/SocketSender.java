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

  /** Who opened the socket: the actor, and the session (its id's hash) when a browser session did. */
  public record Owner(String actor, String sessionHash) {
    public static final Owner PUBLIC = new Owner(null, null);

    /** An owner's access ended: the whole actor (account disabled, token revoked) or one session. */
    public boolean revokedBy(String revokedActor, String revokedSession) {
      if (revokedSession != null) {
        return revokedSession.equals(sessionHash);
      }
      return revokedActor != null && revokedActor.equals(actor);
    }
  }

  /** Told when a socket opens and closes (the metrics count each audience's open sockets). */
  public interface Lifecycle {
    void opened();

    void closed();
  }

  /** Close code telling the page its access ended, so it goes to the login page instead of reconnecting. */
  public static final short ACCESS_ENDED = 4401;
  /** Close code of a node that is stopping (RFC 6455 "going away"): the page reconnects, to another node. */
  public static final short GOING_AWAY = 1001;

  private final ServerWebSocket ws;
  private final int maxUnflushed;
  private final Owner owner;
  private final AtomicInteger unflushed = new AtomicInteger();

  public SocketSender(ServerWebSocket ws, int maxUnflushed, Owner owner) {
    this.ws = ws;
    this.maxUnflushed = maxUnflushed;
    this.owner = owner;
  }

  public Owner owner() {
    return owner;
  }

  /**
   * Prepares a freshly upgraded socket on its own thread: the close callback is registered before anything
   * can close it unseen, and what the client sends is read and ignored (so its close and ping frames,
   * and frames over the size limit, are handled). Counted as open from here until its close callback.
   * False when the socket is already closed. Every live socket passes here, so this is where all of them
   * learn that the node is stopping: the HTTP server's graceful shutdown calls each connection's shutdown
   * handler, and the socket is closed as going away.
   */
  public static boolean attach(ServerWebSocket ws, Lifecycle open, Runnable onClose) {
    try {
      ws.closeHandler(x -> {
        open.closed();
        onClose.run();
      });
      // the close handler is in place, so it will run once: the count stays balanced
      open.opened();
      ws.shutdownHandler(x -> ws.close(GOING_AWAY, "server stopping"));
      ws.textMessageHandler(text -> { });
      ws.binaryMessageHandler(bytes -> { });
      ws.exceptionHandler(e -> ws.close());
      ws.resume();
      return true;
    } catch (IllegalStateException closedAlready) {
      return false;
    }
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
