package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Upgrades a request to a WebSocket only once every check passed: the origin first, then the caller's
 * checks (identity, role, episode). A refused client gets an HTTP error and never a socket.
 */
public final class SocketUpgrade {

  private SocketUpgrade() {
  }

  public static <T> void upgrade(RoutingContext ctx, Origins origins, Supplier<Future<T>> checks,
                                 BiConsumer<ServerWebSocket, T> join) {
    if (!origins.allowed(ctx.request())) {
      HttpErrors.write(ctx, Origins.refused());
      return;
    }
    // the checks are asynchronous: hold the request so the upgrade can still happen afterwards
    ctx.request().pause();
    Responses.attempt(checks::get)
        .compose(checked -> {
          ctx.request().resume();
          return ctx.request().toWebSocket().map(ws -> {
            join.accept(ws, checked);
            return ws;
          });
        })
        .onFailure(e -> {
          ctx.request().resume();
          if (!ctx.response().headWritten()) {
            ctx.fail(e);
          }
        });
  }
}
