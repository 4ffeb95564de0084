package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;

/**
 * A multipart upload route larger than the API's body limit: the caller is checked before a byte of the body
 * is read (a refused upload is answered and its connection closed), the body gets its own limit, and going
 * over it answers the route's own 413 JSON error. Each request writes into a folder of its own, removed
 * whole when the exchange ends however it ends (answered, refused, timed out, abandoned by the client), so
 * no ending can leave a file behind; a route keeps a file by moving it out before it answers.
 */
public final class GuardedUpload {

  private GuardedUpload() {
  }

  /**
   * Mounts the route: {@code guard} checks the caller (its result is put in the context under {@code key}),
   * files are written under {@code dir}, at most {@code maxBytes} per file.
   */
  public static void mount(Router router, String path, Function<HttpServerRequest, Future<?>> guard, String key,
                           Path dir, long maxBytes, ApiError tooLarge, Handler<RoutingContext> handler) {
    router.post(path).handler(ctx -> {
      ctx.request().pause();
      guard.apply(ctx.request()).onComplete(ar -> {
        if (ar.failed()) {
          // the refused upload is not read: answer, then close the connection it would still be arriving on
          ctx.response().putHeader("Connection", "close");
          ctx.fail(ar.cause());
          return;
        }
        ctx.put(key, ar.result());
        ctx.next();
      });
    });
    router.post(path).handler(ctx -> {
      Path own = dir.resolve(UUID.randomUUID().toString());
      ctx.addEndHandler(ended -> UploadFolders.remove(ctx.vertx(), own));
      BodyHandler.create(own.toString()).setBodyLimit(maxBytes + 64L * 1024)
          .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(false).handle(ctx);
    });
    router.post(path).handler(BodyDeadline::done);
    router.post(path).handler(handler);
    router.route(path).failureHandler(ctx -> {
      if (ctx.failure() == null && ctx.statusCode() == 413) {
        // the rest of a refused body is not read
        HttpErrors.writeAndClose(ctx, tooLarge);
      } else {
        ctx.next();
      }
    });
  }

  /** "<what> quá lớn; tối đa N KB." as a 413 naming the field. */
  public static ApiError tooLarge(String field, String what, long maxBytes) {
    return new ApiError(413, field + ".too_large", field, what + " quá lớn; tối đa "
        + String.format("%,d", maxBytes / 1024).replace(',', '.') + " KB.", null);
  }
}
