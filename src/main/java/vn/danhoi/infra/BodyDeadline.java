package vn.danhoi.infra;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every request body arrives in time or is answered 408: it must keep moving (no pause longer than the idle
 * limit) and be complete within the total limit. A multipart body whose closing boundary never comes, or a
 * client that stops sending, would otherwise hold its connection and its temporary file for ever. Mounted
 * before any body handler; {@link #done} marks the body as read.
 */
public final class BodyDeadline {

  private static final String DONE = "danhoi.body.read";
  /** RFC 2046 §5.1.1: 1 to 70 characters from a small set, not ending in a space. */
  private static final Pattern BOUNDARY = Pattern.compile("^[0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-]$");

  private BodyDeadline() {
  }

  public static Handler<RoutingContext> handler(AppConfig.BodyTime limits) {
    long idleMillis = limits.idleSeconds() * 1000L;
    long maxMillis = limits.maxSeconds() * 1000L;
    // checked a few times per idle period: a stalled body is answered within idle + a quarter of it
    long every = Math.max(100, Math.min(1000, idleMillis / 4));
    return ctx -> {
      HttpServerRequest request = ctx.request();
      if (!hasBody(request) || request.isEnded()) {
        ctx.next();
        return;
      }
      ApiError boundary = boundaryProblem(request.getHeader(HttpHeaders.CONTENT_TYPE));
      if (boundary != null) {
        HttpErrors.writeAndClose(ctx, boundary);
        return;
      }
      long started = System.nanoTime();
      long[] progress = {request.bytesRead(), started};
      long timer = ctx.vertx().setPeriodic(every, id -> {
        if (ctx.get(DONE) != null || ctx.response().ended() || ctx.response().closed()) {
          ctx.vertx().cancelTimer(id);
          return;
        }
        long now = System.nanoTime();
        long read = request.bytesRead();
        if (read != progress[0]) {
          progress[0] = read;
          progress[1] = now;
        }
        boolean idle = (now - progress[1]) / 1_000_000 >= idleMillis;
        boolean late = (now - started) / 1_000_000 >= maxMillis;
        if (idle || late) {
          ctx.vertx().cancelTimer(id);
          HttpErrors.writeAndClose(ctx, new ApiError(408, "body.timeout", null, idle
              ? "Dữ liệu gửi lên bị ngừng giữa chừng quá " + limits.idleSeconds() + " giây; yêu cầu bị huỷ."
              : "Dữ liệu gửi lên không xong trong " + limits.maxSeconds() + " giây; yêu cầu bị huỷ.", null));
          // after the answer: cancelling a file being written fails the body handler, which would answer 500
          ctx.cancelAndCleanupFileUploads();
        }
      });
      ctx.addEndHandler(ar -> ctx.vertx().cancelTimer(timer));
      ctx.next();
    };
  }

  /** The body is read: from here the time is the server's, not the sender's. */
  public static void done(RoutingContext ctx) {
    ctx.put(DONE, Boolean.TRUE);
    ctx.next();
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
        || (length != null && !length.isBlank() && !length.trim().equals("0"));
  }

  /**
   * A multipart form whose boundary is missing, empty or not one RFC 2046 allows: the multipart reader would
   * fail on it with an exception (a 500) or read the body as something else.
   */
  static ApiError boundaryProblem(String contentType) {
    if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    String boundary = null;
    String[] params = contentType.split(";");
    for (int i = 1; i < params.length; i++) {
      String p = params[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
        if (boundary != null) {
          boundary = "";
          break;
        }
        boundary = p.substring(eq + 1).trim();
        if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
          boundary = boundary.substring(1, boundary.length() - 1);
        }
      }
    }
    if (boundary != null && BOUNDARY.matcher(boundary).matches()) {
      return null;
    }
    return ApiError.invalid("boundary", "invalid", "Biểu mẫu multipart/form-data thiếu hoặc có boundary không hợp lệ"
        + " (1 đến 70 ký tự, trong phần Content-Type).");
  }
}
