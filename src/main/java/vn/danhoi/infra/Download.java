package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A file going to a staff member's browser as an attachment: generated (DOCX, PDF, XLSX, CSV) or kept on
 * disk (a scan, an agency's answer, a session report). Never cached: it holds what only staff may read.
 */
public record Download(String fileName, String mediaType, byte[] bytes) {

  private static final Logger LOG = LoggerFactory.getLogger(Download.class);

  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  public static final String PDF = "application/pdf";
  public static final String CSV = "text/csv; charset=utf-8";

  /** A file kept in the {@link FileStore}, sent from disk under the name the staff member will see. */
  public record Stored(Path path, String fileName, String mediaType) {
  }

  /** The file, or the failure through the router's error handler (a JSON 4xx, never a half-sent body). */
  public static void send(RoutingContext ctx, Future<Download> file) {
    file.onSuccess(f -> headers(ctx, f.fileName(), f.mediaType()).end(Buffer.buffer(f.bytes())))
        .onFailure(ctx::fail);
  }

  /**
   * A stored file; a file gone from the disk before anything is sent is the JSON error (storage.unavailable),
   * once its headers are out a failure can only be logged, the client sees a cut body.
   */
  public static void sendStored(RoutingContext ctx, Future<Stored> file) {
    file.onSuccess(f -> headers(ctx, f.fileName(), f.mediaType()).sendFile(f.path().toString())
            .onFailure(e -> {
              if (ctx.response().headWritten()) {
                LOG.warn("Sending {} failed: {}", f.path().getFileName(), e.toString());
              } else {
                ctx.response().headers().remove("Content-Disposition");
                ctx.fail(e);
              }
            }))
        .onFailure(ctx::fail);
  }

  /** RFC 6266: an ASCII fallback and the UTF-8 name, so Vietnamese names survive every browser. */
  public static String disposition(String name) {
    String ascii = VietnameseText.fold(name).replaceAll("[^A-Za-z0-9._-]", "_");
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  private static HttpServerResponse headers(RoutingContext ctx, String fileName, String mediaType) {
    return ctx.response().setStatusCode(200)
        .putHeader("Content-Type", mediaType)
        .putHeader("Content-Disposition", disposition(fileName))
        .putHeader("Cache-Control", "no-store");
  }
}
