package vn.danhoi.infra;

import io.vertx.core.json.JsonObject;

/**
 * The one error type of the API: a stable code, the field it concerns, an HTTP status and a message in
 * Vietnamese. Failed anywhere, written once by {@link HttpErrors}.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;
  private final Integer retryAfterSeconds;

  public ApiError(int status, String code, String field, String message, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiError badRequest(String code, String field, String message) {
    return new ApiError(400, code, field, message, null);
  }

  public static ApiError invalid(String field, String problem, String message) {
    return new ApiError(400, field + "." + problem, field, message, null);
  }

  public static ApiError notFound(String code, String message) {
    return new ApiError(404, code, null, message, null);
  }

  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, null, message, null);
  }

  public static ApiError unauthorized(String code, String message) {
    return new ApiError(401, code, null, message, null);
  }

  public static ApiError forbidden() {
    return new ApiError(403, "auth.forbidden", null, "Bạn không có quyền thực hiện thao tác này.", null);
  }

  public static ApiError tooManyRequests(int retryAfterSeconds) {
    return new ApiError(429, "rate.limited", null,
        "Bạn gửi quá nhiều yêu cầu; vui lòng thử lại sau " + retryAfterSeconds + " giây.", retryAfterSeconds);
  }

  public static ApiError unavailable() {
    return new ApiError(503, "service.unavailable", null,
        "Hệ thống tạm thời gián đoạn, chưa lưu được yêu cầu. Vui lòng gửi lại sau giây lát.", 5);
  }

  /** A file the server keeps could not be written or read: its disk, not the database, nor the request. */
  public static ApiError storageUnavailable() {
    return new ApiError(503, "storage.unavailable", null,
        "Không ghi/đọc được tệp trên máy chủ (ổ đĩa đầy, thiếu quyền ghi hoặc tệp đã bị xóa); yêu cầu chưa hoàn tất. "
            + "Vui lòng báo quản trị hệ thống.", null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The error body; with the request's id, which the client can quote when it reports the problem. */
  public JsonObject toJson(String requestId) {
    JsonObject error = new JsonObject().put("code", code);
    if (field != null) {
      error.put("field", field);
    }
    error.put("message", getMessage());
    if (requestId != null) {
      error.put("requestId", requestId);
    }
    return new JsonObject().put("error", error);
  }
}
