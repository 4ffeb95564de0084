package vn.danhoi.auth;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.infra.Tokens;

/**
 * Resolves the caller of every staff route and socket, on the server: a machine's
 * {@code Authorization: Bearer} token (or, for a browser WebSocket, a {@code bearer.<token>} subprotocol),
 * or a staff member's session cookie. A session's state-changing requests must carry its CSRF token.
 */
public final class StaffAuth {

  public static final String COOKIE = "danhoi_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Staff BOOTSTRAP_ADMIN = new Staff("admin", "Quản trị (mã khởi tạo)", Role.ADMIN);

  private final String adminToken;
  private final TokenStore tokens;
  private final StaffStore staff;
  private final int idleMinutes;

  public StaffAuth(String adminToken, TokenStore tokens, StaffStore staff, int idleMinutes) {
    this.adminToken = adminToken;
    this.tokens = tokens;
    this.staff = staff;
    this.idleMinutes = idleMinutes;
  }

  /** The caller, failing with 401 when unknown, 403 when the role does not fit or the CSRF token is missing. */
  public Future<Staff> require(HttpServerRequest request, Role... allowed) {
    return identify(request).compose(who -> {
      if (who == null) {
        return Future.failedFuture(ApiError.unauthorized("auth.required", "Cần đăng nhập hoặc mã truy cập hợp lệ."));
      }
      if (!who.can(allowed)) {
        return Future.failedFuture(ApiError.forbidden());
      }
      if (who.viaSession() && changesState(request)
          && !Tokens.constantTimeEquals(String.valueOf(request.getHeader(CSRF_HEADER)), who.csrfToken())) {
        return Future.failedFuture(new ApiError(403, "auth.csrf", null,
            "Yêu cầu thiếu mã chống giả mạo (CSRF); hãy tải lại trang.", null));
      }
      return Future.succeededFuture(who);
    });
  }

  public Future<Staff> identify(HttpServerRequest request) {
    String token = Tokens.bearer(request);
    if (token != null && !token.isEmpty()) {
      if (!adminToken.isEmpty() && Tokens.constantTimeEquals(token, adminToken)) {
        return Future.succeededFuture(BOOTSTRAP_ADMIN);
      }
      return tokens.findActive(Tokens.sha256(token));
    }
    String session = sessionId(request);
    if (session == null) {
      return Future.succeededFuture(null);
    }
    String hash = Tokens.sha256(session);
    return staff.session(hash, idleMinutes).map(s -> {
      if (s == null) {
        return null;
      }
      if (s.stale()) {
        // idle time is counted to the minute; one write a minute per session is enough
        staff.touch(hash);
      }
      return s.account().asStaff(s.csrfToken());
    });
  }

  /** Who a socket belongs to, so it can be closed when that access ends. */
  public static SocketSender.Owner owner(HttpServerRequest request, Staff who) {
    String session = who.viaSession() ? sessionId(request) : null;
    return new SocketSender.Owner(who.actor(), session == null ? null : Tokens.sha256(session));
  }

  public static String sessionId(HttpServerRequest request) {
    Cookie cookie = request.getCookie(COOKIE);
    return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
  }

  private static boolean changesState(HttpServerRequest request) {
    HttpMethod m = request.method();
    return m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE;
  }
}
