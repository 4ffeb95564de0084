package vn.danhoi.auth;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.infra.AddressPrefix;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RateLimiter;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.Tokens;
import vn.danhoi.metrics.Metrics.LoginFailure;
import vn.danhoi.metrics.Metrics;

import java.time.Clock;
import java.util.UUID;

/**
 * Staff log-in and log-out. A new session id is issued at every log-in (no session fixation). Attempts from
 * one source are rate-limited across nodes, and a source that failed too often for one username is refused
 * that username for a while; the account itself is never locked, so no stranger can keep its owner out. An
 * unknown username is answered like a wrong password, after the same Argon2 work.
 */
public final class AuthRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final StaffStore store;
  private final PasswordHasher hasher;
  private final RateLimiter limiter;
  private final LoginThrottle throttle;
  private final int maxHours;
  private final boolean secureCookie;
  private final AccessEnded accessEnded;
  private final Clock clock;
  private final Metrics metrics;

  public AuthRoutes(StaffAuth auth, StaffStore store, PasswordHasher hasher, RateLimiter limiter,
                    LoginThrottle throttle, int maxHours, boolean secureCookie, AccessEnded accessEnded, Clock clock,
                    Metrics metrics) {
    this.auth = auth;
    this.store = store;
    this.hasher = hasher;
    this.limiter = limiter;
    this.throttle = throttle;
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
    String source = AddressPrefix.source(address);
    Responses.send(ctx, 200, limiter.take("login", source).compose(v -> {
      JsonObject body = RequestBodies.jsonObject(ctx);
      String username = JsonFields.of(body).required("username", "tên đăng nhập", 64);
      // the password is checked as typed: no trimming or normalising
      if (!(body.getValue("password") instanceof String password) || password.isEmpty()) {
        throw ApiError.invalid("password", "required", "Vui lòng nhập mật khẩu.");
      }
      if (password.length() > 200) {
        throw ApiError.invalid("password", "too_long", "Mật khẩu quá dài.");
      }
      return throttle.wait(username, source).compose(waitMs -> {
        if (waitMs > 0) {
          metrics.loginFailed(LoginFailure.LOCKED);
          int seconds = (int) Math.max(1, (waitMs + 999) / 1000);
          return Future.failedFuture(new ApiError(429, "auth.locked", null,
              "Nơi này đã đăng nhập sai nhiều lần với tên này; thử lại sau " + (seconds + 59) / 60 + " phút.",
              seconds));
        }
        // an unknown username costs the same Argon2 work as a known one (see PasswordHasher.verify)
        return store.byUsername(username).compose(account -> hasher.verify(password,
            account == null ? null : account.passwordHash()).compose(ok -> {
              if (!ok || !account.active()) {
                metrics.loginFailed(account == null ? LoginFailure.UNKNOWN_USER
                    : !ok ? LoginFailure.WRONG_PASSWORD : LoginFailure.DISABLED);
                return failed(account, username, source, address);
              }
              return throttle.succeeded(username, source).compose(x -> startSession(ctx, account, address));
            }));
      });
    }));
  }

  /**
   * A wrong password (or no such account): counted for this source, and for the account's audit trail. With no
   * account the same statement runs for an id that matches nothing, so that the answer takes as long.
   */
  private Future<JsonObject> failed(StaffAccount account, String username, String source, String address) {
    Future<Void> audited = store.loginFailed(account == null ? UUID.randomUUID() : account.id(), address);
    return Future.all(throttle.failed(username, source), audited).compose(v -> Future.failedFuture(
        ApiError.unauthorized("auth.invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.")));
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
