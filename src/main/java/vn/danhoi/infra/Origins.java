package vn.danhoi.infra;

import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-site WebSocket hijacking guard: a browser always sends Origin on a WebSocket upgrade, and only
 * our own pages (or configured ones) may open a socket with the user's credentials.
 */
public final class Origins {

  private final List<String> allowed;

  public Origins(List<String> allowed, String publicUrl) {
    ArrayList<String> all = new ArrayList<>(allowed);
    if (publicUrl != null && !publicUrl.isBlank()) {
      all.add(publicUrl.replaceAll("/+$", ""));
    }
    this.allowed = List.copyOf(all);
  }

  public boolean allowed(HttpServerRequest request) {
    String origin = request.getHeader("Origin");
    if (origin == null) {
      // not a browser: non-browser clients authenticate with a header a page cannot forge
      return true;
    }
    String host = request.getHeader("Host");
    if (host != null && (origin.equals("http://" + host) || origin.equals("https://" + host))) {
      return true;
    }
    return allowed.contains(origin);
  }

  public static ApiError refused() {
    return new ApiError(403, "origin.forbidden", null, "Nguồn kết nối (Origin) không được phép.", null);
  }
}
