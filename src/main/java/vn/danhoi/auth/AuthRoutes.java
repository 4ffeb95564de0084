package vn.danhoi.auth;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RateLimiter;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.metrics.Metrics;
import vn.danhoi.metrics.Metrics.LoginFailure;

import java.time.Clock;
import java.time.Duration;

/**
 * Staff log-in and log-out. A new session id is issued at every log-in (no session fixation); failed
 * attempts are answered more and more slowly, then lock the account for a while; attempts from one
 * address are rate-limited across nodes.
 */
public final class AuthRoutes implements HttpRoutes {

  private final Vertx vertx;
  private final StaffAuth auth;
  private final StaffStore store;
  private final PasswordHasher hasher;
  private final RateLimiter limiter;
  private final int lockAfter;
  private final int lockMinutes;
  private final int maxHours;
  private final boolean secureCookie;
  private final AccessEnded accessEnded;
  private final Clock clock;
  private final Metrics metrics;

  public AuthRoutes(Vertx vertx, StaffAuth auth, StaffStore store, PasswordHasher hasher, RateLimiter limiter,
                    int lockAfter, int lockMinutes, int maxHours, boolean secureCookie, AccessEnded accessEnded,
                    Clock clock, Metrics metrics) {
    this.vertx = vertx;
    this.auth = auth;
    this.store = store;
    this.hasher = hasher;
    this.limiter = limiter;
    this.lockAfter = lockAfter;
    this.lockMinutes = lockMinutes;
    this.maxHours = maxHours;
    this.secureCookie = secureCookie;
    this.accessEnded = accessEnded;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/auth/login").handler(this::login);
    router.post("/api/auth/logout").handler(this::logout);
    router.get("/api/auth/me").handler(this::me);
  }

  private void login(RoutingContext ctx) {
    String address = Responses.clientAddress(ctx);
    Responses.send(ctx, 200, limiter.take("login", address).compose(v -> {
      JsonObject body = RequestBodies.jsonObject(ctx);
      String username = JsonFields.of(body).required("username", "tên đăng nhập", 64);
      // the password is checked as typed: no trimming or normalising
      if (!(body.getValue("password") instanceof String password) || password.isEmpty()) {
        throw ApiError.invalid("password", "required", "Vui lòng nhập mật khẩu.");
      }
      if (password.length() > 200) {
        throw ApiError.invalid("password", "too_long", "Mật khẩu quá dài.");
      }
      return store.byUsername(username).compose(account -> {
        if (account != null && account.locked(clock.instant())) {
          metrics.loginFailed(LoginFailure.LOCKED);
          long seconds = Math.max(1, Duration.between(clock.instant(), account.lockedUntil().toInstant()).toSeconds());
          return Future.failedFuture(new ApiError(429, "auth.locked", null,
              "Tài khoản tạm khoá do đăng nhập sai nhiều lần; thử lại sau " + (seconds + 59) / 60 + " phút.",
              (int) seconds));
        }
        return hasher.verify(password, account == null ? null : account.passwordHash()).compose(ok -> {
          if (!ok || !account.active()) {
            metrics.loginFailed(account == null ? LoginFailure.UNKNOWN_USER
                : !ok ? LoginFailure.WRONG_PASSWORD : LoginFailure.DISABLED);
            return failed(account, address);
          }
          return startSession(ctx, account, address);
        });
      });
    }));
  }

  /** A wrong password: counted, and answered after a delay that grows with the failures in a row. */
  private Future<JsonObject> failed(StaffAccount account, String address) {
    int previous = account == null ? 0 : account.failedLogins();
    Future<Void> counted = account == null ? Future.succeededFuture()
        : store.loginFailed(account, lockAfter, lockMinutes, address);
    long delay = Math.min(2000, 250L * (previous + 1));
    Promise<Void> slowed = Promise.promise();
    vertx.setTimer(delay, t -> slowed.complete());
    return counted.compose(v -> slowed.future()).compose(v -> Future.failedFuture(ApiError.unauthorized(
        "auth.invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.")));
  }

  private Future<JsonObject> startSession(RoutingContext ctx, StaffAccount account, String address) {
    String old = StaffAuth.sessionId(ctx.request());
    Future<Void> ended = old == null ? Future.succeededFuture()
        : store.endSession(Tokens.sha256(old), account.actor(), address)
            .onSuccess(v -> accessEnded.ended(null, Tokens.sha256(old)));
    String sessionId = Tokens.generate();
    String csrf = Tokens.generate();
    return ended.compose(v -> store.startSession(account, Tokens.sha256(sessionId), csrf, maxHours, address))
        .map(v -> {
          ctx.response().addCookie(cookie(sessionId, maxHours * 3600L));
          return new JsonObject().put("user", account.asStaff(csrf).toJson()).put("csrfToken", csrf);
        });
  }

  private void logout(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request()).compose(who -> {
      String session = StaffAuth.sessionId(ctx.request());
      ctx.response().addCookie(cookie("", 0));
      if (session == null) {
        return Future.succeededFuture();
      }
      String hash = Tokens.sha256(session);
      return store.endSession(hash, who.actor(), Responses.clientAddress(ctx))
          .onSuccess(v -> accessEnded.ended(who.actor(), hash));
    }).map(v -> new JsonObject().put("loggedOut", true)));
  }

  private void me(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request()).map(who -> new JsonObject()
        .put("user", who.toJson()).put("csrfToken", who.csrfToken())));
  }

  private Cookie cookie(String value, long maxAgeSeconds) {
    return Cookie.cookie(StaffAuth.COOKIE, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(secureCookie)
        .setMaxAge(maxAgeSeconds);
  }
}
