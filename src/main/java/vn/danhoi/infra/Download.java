package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * A generated file (DOCX, PDF, XLSX) going to a staff member's browser as an attachment. Never cached: it
 * holds what only staff may read, and it is made afresh from the live data each time.
 */
public record Download(String fileName, String mediaType, byte[] bytes) {

  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  public static final String PDF = "application/pdf";

  /** The file, or the failure through the router's error handler (a JSON 4xx, never a half-sent body). */
  public static void send(RoutingContext ctx, Future<Download> file) {
    file.onSuccess(f -> ctx.response().setStatusCode(200)
            .putHeader("Content-Type", f.mediaType())
            .putHeader("Content-Disposition", "attachment; filename=\"" + f.fileName() + "\"")
            .putHeader("Cache-Control", "no-store")
            .end(Buffer.buffer(f.bytes())))
        .onFailure(ctx::fail);
  }
}
