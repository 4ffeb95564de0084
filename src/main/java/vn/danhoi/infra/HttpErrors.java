package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Locale;
import java.util.Map;

/**
 * Writes every failure as the JSON error body; the only place that turns exceptions into responses, and
 * the one that logs a request the server failed (5xx): once, with its id, method, path and status.
 */
public final class HttpErrors {

  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
  private static final String LOGGED = "failureLogged";
  private static final long LINGER_MILLIS = 2_000;
  private static final long LINGER_BYTES = 16L * 1024 * 1024;

  private HttpErrors() {
  }

  public static void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (ctx.statusCode() == 400 && ctx.failure() != null && !(ctx.failure() instanceof ApiError)
        && type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      // the body handler's 400 for a form the multipart reader could not read (a part without headers…)
      write(ctx, ApiError.invalid("body", "multipart_invalid", "Biểu mẫu multipart/form-data gửi lên không đọc được."));
      return;
    }
    answer(ctx, toApiError(ctx.failure(), ctx.statusCode()), ctx.failure());
  }

  public static void write(RoutingContext ctx, ApiError error) {
    answer(ctx, error, error);
  }

  private static Future<Void> answer(RoutingContext ctx, ApiError error, Throwable cause) {
    String requestId = RequestIds.of(ctx);
    if (error.status() >= 500) {
      logFailure(ctx, requestId, error.status(), cause != null ? cause : error);
    }
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      return ctx.request().connection().close();
    }
    response.setStatusCode(error.status()).putHeader("Content-Type", "application/json; charset=utf-8");
    if (error.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
    }
    return response.end(error.toJson(requestId).encode());
  }

  /**
   * Answers and closes the connection: for a request whose body is still arriving (or never will), so the
   * rest of it is not kept on a connection nobody will use again.
   */
  public static void writeAndClose(RoutingContext ctx, ApiError error) {
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader("Connection", "close");
    }
    HttpServerRequest request = ctx.request();
    answer(ctx, error, error).onComplete(ended -> {
      // a client that stopped sending (408) has nothing more to say
      if (error.status() == 408 || request.isEnded()) {
        request.connection().close();
      } else {
        lingerThenClose(ctx.vertx(), request);
      }
    });
  }

  /**
   * Reads and drops what the client is still sending, then closes: a socket closed with unread bytes is
   * reset by the kernel, and a client still writing its body then loses the answer it was sent (nginx's
   * "lingering close"). Bounded in time and in bytes.
   */
  private static void lingerThenClose(Vertx vertx, HttpServerRequest request) {
    HttpConnection connection = request.connection();
    long timer = vertx.setTimer(LINGER_MILLIS, id -> connection.close());
    Runnable close = () -> {
      vertx.cancelTimer(timer);
      connection.close();
    };
    long[] drained = {0};
    try {
      request.handler(chunk -> {
        drained[0] += chunk.length();
        if (drained[0] > LINGER_BYTES) {
          close.run();
        }
      });
      request.endHandler(v -> close.run());
      request.exceptionHandler(e -> close.run());
      request.resume();
    } catch (IllegalStateException alreadyRead) {
      close.run();
    }
  }

  /**
   * One ERROR line with the stack trace. The path without its query, which may hold personal data, and
   * with any token a path carries (a chair's read-only view link) replaced by the parameter's name.
   */
  private static void logFailure(RoutingContext ctx, String requestId, int status, Throwable cause) {
    if (ctx.get(LOGGED) != null) {
      return;
    }
    ctx.put(LOGGED, true);
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    for (Map.Entry<String, String> p : ctx.pathParams().entrySet()) {
      if (p.getKey().toLowerCase(Locale.ROOT).contains("token") && !p.getValue().isEmpty()) {
        path = path.replace(p.getValue(), ":" + p.getKey());
      }
    }
    Map<String, String> previous = MDC.getCopyOfContextMap();
    MDC.put(RequestIds.KEY, requestId);
    MDC.put("method", method);
    MDC.put("path", path);
    MDC.put("status", Integer.toString(status));
    try {
      LOG.error("{} {} failed with {} (request {})", method, path, status, requestId, cause);
    } finally {
      if (previous == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(previous);
      }
    }
  }

  static ApiError toApiError(Throwable failure, int status) {
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure != null && failure.getCause() instanceof ApiError api) {
      return api;
    }
    // Vert.x 5 reports 500 as the status of a context failed with an exception: classify the exception, an
    // outage first (a PgException for a lost connection is an outage, not an SQL error)
    if (failure != null && (status < 400 || status == 500)) {
      // a file-system failure is an IOException too: told apart first, so a missing file is not a database outage
      return Failures.isStorageFailure(failure) ? ApiError.storageUnavailable()
          : Failures.isStoreUnavailable(failure) ? ApiError.unavailable() : internal();
    }
    return switch (status) {
      case 400 -> ApiError.badRequest("request.invalid", null, "Yêu cầu không hợp lệ.");
      case 401 -> ApiError.unauthorized("auth.required", "Cần đăng nhập hoặc mã truy cập.");
      case 403 -> ApiError.forbidden();
      case 404 -> ApiError.notFound("route.not_found", "Không tìm thấy địa chỉ này.");
      case 405 -> new ApiError(405, "method.not_allowed", null, "Phương thức không được hỗ trợ.", null);
      case 413 -> new ApiError(413, "body.too_large", null, "Dữ liệu gửi lên quá lớn.", null);
      case 415 -> new ApiError(415, "body.unsupported_media_type", null,
          "Định dạng dữ liệu không được hỗ trợ; hãy gửi JSON.", null);
      default -> status >= 400 && status < 500
          ? new ApiError(status, "request.rejected", null, "Yêu cầu bị từ chối.", null)
          : internal();
    };
  }

  private static ApiError internal() {
    return new ApiError(500, "internal", null, "Lỗi máy chủ; yêu cầu chưa được xử lý.", null);
  }
}
