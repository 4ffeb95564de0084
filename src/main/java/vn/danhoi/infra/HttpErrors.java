package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every failure as the JSON error body; the only place that turns exceptions into responses. */
public final class HttpErrors {

  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {
  }

  public static void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (ctx.statusCode() == 400 && ctx.failure() != null && !(ctx.failure() instanceof ApiError)
        && type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
      // the body handler's 400 for a form the multipart reader could not read (a part without headers…)
      write(ctx, ApiError.invalid("body", "multipart_invalid", "Biểu mẫu multipart/form-data gửi lên không đọc được."));
      return;
    }
    write(ctx, toApiError(ctx.failure(), ctx.statusCode()));
  }

  public static void write(RoutingContext ctx, ApiError error) {
    answer(ctx, error);
  }

  private static Future<Void> answer(RoutingContext ctx, ApiError error) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      return ctx.request().connection().close();
    }
    response.setStatusCode(error.status()).putHeader("Content-Type", "application/json; charset=utf-8");
    if (error.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
    }
    return response.end(error.toJson().encode());
  }

  /**
   * Answers and closes the connection: for a request whose body is still arriving (or never will), so the
   * rest of it is not read on a connection nobody will use again.
   */
  public static void writeAndClose(RoutingContext ctx, ApiError error) {
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader("Connection", "close");
    }
    answer(ctx, error).onComplete(ended -> ctx.request().connection().close());
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
      if (Failures.isStoreUnavailable(failure)) {
        LOG.warn("PostgreSQL unavailable: {}", failure.toString());
        return ApiError.unavailable();
      }
      if (failure instanceof PgException) {
        LOG.error("SQL error", failure);
        return internal();
      }
      LOG.error("Unhandled failure", failure);
      return internal();
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
