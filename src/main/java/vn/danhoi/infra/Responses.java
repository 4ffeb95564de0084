package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.concurrent.Callable;

/** Hands a route's future to the response: JSON on success, the failure handler otherwise. */
public final class Responses {

  public static final String CLIENT_ADDRESS = "clientAddress";

  private Responses() {
  }

  public static void send(RoutingContext ctx, int status, Future<?> result) {
    send(ctx, status, "application/json; charset=utf-8", result.map(body -> body instanceof JsonObject o ? o.encode()
        : body instanceof JsonArray a ? a.encode()
        : String.valueOf(body)));
  }

  /** A body of another type (an XML data source), never cached, its failure written as JSON like any other. */
  public static void send(RoutingContext ctx, int status, String contentType, Future<String> result) {
    result.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.response().setStatusCode(status)
          .putHeader("Content-Type", contentType)
          .putHeader("Cache-Control", "no-store")
          .end(ar.result());
    });
  }

  /** Runs the route body, turning an exception thrown while validating into a failed future. */
  public static <T> Future<T> attempt(Callable<Future<T>> body) {
    try {
      return body.call();
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  public static String clientAddress(RoutingContext ctx) {
    String address = ctx.get(CLIENT_ADDRESS);
    return address != null ? address : ctx.request().remoteAddress().hostAddress();
  }

  /** A path id; anything that is not a UUID cannot name a row, so it is a 404, not a 400. */
  public static UUID uuidParam(RoutingContext ctx, String name, String notFoundCode) {
    String raw = ctx.pathParam(name);
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiError.notFound(notFoundCode, "Không tìm thấy.");
    }
  }
}
