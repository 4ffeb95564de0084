package vn.danhoi.auth;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import vn.danhoi.infra.ApiError;

/**
 * Resolves the caller from an {@code Authorization: Bearer} header, or for browsers' WebSockets (which
 * cannot set headers) from a {@code bearer.<token>} entry in Sec-WebSocket-Protocol.
 */
public final class TokenAuth {

  private static final Staff BOOTSTRAP_ADMIN = new Staff("admin", "Quản trị (mã khởi tạo)", Role.ADMIN);

  private final String adminToken;
  private final TokenStore store;

  public TokenAuth(String adminToken, TokenStore store) {
    this.adminToken = adminToken;
    this.store = store;
  }

  /** The caller, failing with 401 when there is no valid token and 403 when the role does not fit. */
  public Future<Staff> require(HttpServerRequest request, Role... allowed) {
    return identify(request).compose(staff -> {
      if (staff == null) {
        return Future.failedFuture(ApiError.unauthorized("auth.required", "Cần đăng nhập hoặc mã truy cập hợp lệ."));
      }
      if (!staff.can(allowed)) {
        return Future.failedFuture(ApiError.forbidden());
      }
      return Future.succeededFuture(staff);
    });
  }

  public Future<Staff> identify(HttpServerRequest request) {
    String token = bearer(request);
    if (token == null || token.isEmpty()) {
      return Future.succeededFuture(null);
    }
    if (!adminToken.isEmpty() && Tokens.constantTimeEquals(token, adminToken)) {
      return Future.succeededFuture(BOOTSTRAP_ADMIN);
    }
    return store.findActive(Tokens.sha256(token));
  }

  static String bearer(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    String protocols = request.getHeader("Sec-WebSocket-Protocol");
    if (protocols != null) {
      for (String p : protocols.split(",")) {
        String v = p.trim();
        if (v.startsWith("bearer.")) {
          return v.substring(7);
        }
      }
    }
    return null;
  }
}
