package vn.danhoi.infra;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.MDC;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** One HTTP server instance (one per event loop): the API, the sockets and the static webroot. */
public final class HttpVerticle extends VerticleBase {

  /** How long requests in flight may take to finish when the node stops, before their connections are cut. */
  private static final long SHUTDOWN_GRACE_MILLIS = 3000;

  private final AppConfig config;
  private final List<HttpRoutes> features;
  private HttpServer server;

  public HttpVerticle(AppConfig config, List<HttpRoutes> features) {
    this.config = config;
    this.features = features;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    SecurityHeaders headers = new SecurityHeaders(config.security().studioFrameAncestors(), config.http().publicUrl());
    router.route().handler(ctx -> {
      ctx.put(Responses.CLIENT_ADDRESS, clientAddress(ctx));
      String requestId = RequestIds.assign(ctx.request(), config.http().trustProxy());
      ctx.put(RequestIds.KEY, requestId);
      headers.apply(ctx.normalizedPath(), ctx.response());
      // whatever the handlers log on this thread while the request is routed carries its id
      MDC.put(RequestIds.KEY, requestId);
      try {
        ctx.next();
      } finally {
        MDC.remove(RequestIds.KEY);
      }
    });
    // every body, uploads and JSON alike, keeps arriving and ends in time
    router.route("/api/*").handler(BodyDeadline.handler(config.http().bodyTime()));
    features.forEach(f -> f.mountUploads(router));
    BodyHandler body = BodyHandler.create(false).setHandleFileUploads(false)
        .setBodyLimit(config.http().bodyLimitBytes());
    router.post("/api/*").handler(body);
    router.put("/api/*").handler(body);
    router.patch("/api/*").handler(body);
    router.route("/api/*").handler(BodyDeadline::done);
    features.forEach(f -> f.mount(router));
    router.route("/api/*").handler(ctx -> ctx.fail(404));
    router.route("/ws/*").handler(ctx -> ctx.fail(404));
    router.route().handler(StaticHandler.create("webroot").setCachingEnabled(true).setMaxAgeSeconds(60));
    router.route().failureHandler(HttpErrors::handle);
    router.errorHandler(404, HttpErrors::handle);
    router.errorHandler(405, HttpErrors::handle);

    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.http().host())
        .setPort(config.http().port())
        .setCompressionSupported(true)
        .setMaxWebSocketFrameSize(64 * 1024)
        .setMaxWebSocketMessageSize(64 * 1024)
        .setIdleTimeout(120)
        .setWebSocketSubProtocols(List.of("danhoi"));
    return vertx.createHttpServer(options).requestHandler(router).invalidRequestHandler(HttpVerticle::invalid)
        .listen().onSuccess(s -> server = s);
  }

  /**
   * Stops accepting connections and tells the open ones to finish: requests in flight get their answer
   * (bounded by the grace period), WebSockets are closed as going away (see {@link SocketSender#attach}).
   */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** A request the HTTP codec could not read (line or headers too long, malformed): the JSON error, then close. */
  private static void invalid(HttpServerRequest request) {
    // headers that could not be read are not trusted, a proxy's request id included
    String requestId = RequestIds.assign(request, false);
    Throwable cause = request.decoderResult().cause();
    ApiError error;
    if (cause instanceof TooLongHttpLineException) {
      error = new ApiError(414, "request.uri_too_long", null, "Địa chỉ yêu cầu quá dài.", null);
    } else if (cause instanceof TooLongFrameException) {
      error = new ApiError(431, "request.headers_too_large", null, "Phần đầu của yêu cầu quá lớn.", null);
    } else {
      error = ApiError.badRequest("request.malformed", null, "Yêu cầu HTTP không hợp lệ.");
    }
    request.response().setStatusCode(error.status()).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Connection", "close").end(error.toJson(requestId).encode())
        .onComplete(v -> request.connection().close());
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  private String clientAddress(RoutingContext ctx) {
    if (config.http().trustProxy()) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        // the client can write anything at the front; the entry our load balancer appended is the last
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].trim();
      }
    }
    return ctx.request().remoteAddress().hostAddress();
  }
}
