package vn.danhoi.support;

import io.vertx.core.Future;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.function.Consumer;

/** Opens client sockets the one way that cannot miss a frame. */
public final class Sockets {

  private Sockets() {
  }

  /**
   * Sets the handlers, then upgrades. Handlers set once connect() has completed (in map or onSuccess) can come
   * after the server's first frame, which is then dropped: the live, studio and console sockets send their
   * snapshot the moment they open, and tests saw it lost.
   */
  public static Future<WebSocket> open(WebSocketClient client, WebSocketConnectOptions options,
                                       Consumer<ClientWebSocket> handlers) {
    ClientWebSocket ws = client.webSocket();
    handlers.accept(ws);
    return ws.connect(options);
  }
}
