package vn.danhoi.infra;

import io.vertx.core.http.HttpServerResponse;

/** Headers every response carries: no inline script may run, no page may frame ours. */
public final class SecurityHeaders {

  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "connect-src 'self' ws: wss:; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors ";

  private final String studioFrameAncestors;

  /** The studio display may be framed by the hosts' own tools where configured; no other page ever. */
  public SecurityHeaders(String studioFrameAncestors) {
    this.studioFrameAncestors = studioFrameAncestors == null || studioFrameAncestors.isBlank()
        ? "'none'" : studioFrameAncestors;
  }

  public void apply(String path, HttpServerResponse response) {
    boolean studio = path.equals("/studio.html");
    String ancestors = studio ? studioFrameAncestors : "'none'";
    response.putHeader("Content-Security-Policy", CSP + ancestors)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    if (ancestors.equals("'none'")) {
      response.putHeader("X-Frame-Options", "DENY");
    }
  }
}
