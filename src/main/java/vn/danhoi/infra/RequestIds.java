package vn.danhoi.infra;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Every request's id: sent back in X-Request-Id, written in its JSON error and in the log line of a server
 * failure, so a citizen's or a proxy's report can be matched to the log.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  /** The key of the id in the routing context and in the logging MDC. */
  public static final String KEY = "requestId";
  // anything longer or with other characters could forge log lines or carry data: a fresh id replaces it
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {
  }

  /** The id a trusted proxy already gave the request, if it is short and plain; a new one otherwise. */
  public static String assign(HttpServerRequest request, boolean trustProxy) {
    String incoming = trustProxy ? request.getHeader(HEADER) : null;
    String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : generate();
    request.response().putHeader(HEADER, id);
    return id;
  }

  /** This request's id (set by the first route of the router). */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id != null ? id : ctx.response().headers().get(HEADER);
  }

  private static String generate() {
    // unique enough to find one request in a day's log; nothing depends on it being unguessable
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format("%016x%04x", random.nextLong(), random.nextInt(0x10000));
  }
}
