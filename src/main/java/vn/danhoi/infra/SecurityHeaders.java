package vn.danhoi.infra;

import io.vertx.core.http.HttpServerResponse;

/** Headers every response carries: no inline script may run, no page may frame ours. */
public final class SecurityHeaders {

  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src ";
  private static final String CSP_REST = "; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors ";

  private final String studioFrameAncestors;
  private final String connectSources;

  /**
   * The studio display may be framed by the hosts' own tools where configured; no other page ever. Pages open
   * sockets only to their own origin ('self', which CSP Level 3 browsers match for ws: and wss: on the same
   * host), and to the public URL's host where one is configured (for browsers that do not).
   */
  public SecurityHeaders(String studioFrameAncestors, String publicUrl) {
    this.studioFrameAncestors = studioFrameAncestors == null || studioFrameAncestors.isBlank()
        ? "'none'" : studioFrameAncestors;
    String sources = "'self'";
    if (publicUrl != null && publicUrl.matches("^https?://[^/\\s;,']+.*$")) {
      String hostPort = publicUrl.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
      sources += " " + (publicUrl.startsWith("https:") ? "wss://" : "ws://") + hostPort;
    }
    this.connectSources = sources;
  }

  public void apply(String path, HttpServerResponse response) {
    boolean studio = path.equals("/studio.html");
    String ancestors = studio ? studioFrameAncestors : "'none'";
    response.putHeader("Content-Security-Policy", CSP + connectSources + CSP_REST + ancestors)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    if (ancestors.equals("'none'")) {
      response.putHeader("X-Frame-Options", "DENY");
    }
  }
}
