package vn.danhoi.infra;

import io.vertx.core.http.HttpServerResponse;

/** Headers every response carries: no inline script may run, no page may frame ours. */
public final class SecurityHeaders {

  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "connect-src 'self' ws: wss:; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {
  }

  public static void apply(HttpServerResponse response) {
    response.putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer");
  }
}
