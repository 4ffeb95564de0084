package vn.danhoi.metrics;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.infra.HttpErrors;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.Tokens;

import java.util.function.Supplier;

/**
 * GET /metrics for Prometheus: on the main port behind the bearer token (no token: no route, a 404), on a port
 * of its own when one is configured (for in-cluster scraping, bound to its own address). While it runs it also
 * feeds the meters nothing else would: the event-loop probes and the outbox backlog, counted off the hot path.
 */
public final class MetricsEndpoint implements HttpRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
  private static final long BACKLOG_EVERY_MILLIS = 5000;

  private final Vertx vertx;
  private final PrometheusMetrics metrics;
  private final AppConfig.Metrics config;
  private final Supplier<Future<Long>> backlog;
  private HttpServer server;
  private String probes;
  private long backlogTimer = -1;
  private boolean counting;

  /** backlog: counts the submissions committed but not yet queued in Redis. */
  public MetricsEndpoint(Vertx vertx, PrometheusMetrics metrics, AppConfig.Metrics config,
                         Supplier<Future<Long>> backlog) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.config = config;
    this.backlog = backlog;
  }

  @Override
  public void mount(Router router) {
    if (!config.token().isEmpty()) {
      router.get("/metrics").handler(this::scrape);
    }
  }

  public Future<Void> start() {
    if (!config.enabled()) {
      return Future.succeededFuture();
    }
    backlogTimer = vertx.setPeriodic(1, BACKLOG_EVERY_MILLIS, id -> countBacklog());
    Future<String> deployed = vertx.deployVerticle(() -> new EventLoopProbe(metrics),
            new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE))
        .onSuccess(id -> probes = id);
    if (config.port() == 0) {
      return deployed.mapEmpty();
    }
    Router router = Router.router(vertx);
    router.get("/metrics").handler(this::scrape);
    router.route().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(HttpErrors::handle);
    router.errorHandler(404, HttpErrors::handle);
    router.errorHandler(405, HttpErrors::handle);
    return deployed.compose(id -> vertx.createHttpServer(new HttpServerOptions().setHost(config.host())
            .setPort(config.port())).requestHandler(router).listen())
        .onSuccess(s -> server = s)
        .mapEmpty();
  }

  public Future<Void> stop() {
    if (backlogTimer >= 0) {
      vertx.cancelTimer(backlogTimer);
    }
    Future<Void> undeployed = probes == null ? Future.succeededFuture() : vertx.undeploy(probes);
    return server == null ? undeployed : undeployed.eventually(() -> server.close());
  }

  private void countBacklog() {
    if (counting) {
      return;
    }
    counting = true;
    backlog.get()
        .onSuccess(metrics::outboxBacklog)
        // PostgreSQL down: nothing can be committed meanwhile either, so the last count stands
        .onFailure(e -> LOG.debug("Outbox backlog not counted: {}", e.toString()))
        .onComplete(ar -> counting = false);
  }

  private void scrape(RoutingContext ctx) {
    if (!config.token().isEmpty()) {
      String presented = Tokens.bearer(ctx.request());
      if (presented == null || !Tokens.constantTimeEquals(presented, config.token())) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        HttpErrors.write(ctx, ApiError.unauthorized("metrics.token_required",
            "Cần mã truy cập số liệu giám sát (DANHOI_METRICS_TOKEN)."));
        return;
      }
    }
    vertx.executeBlocking(metrics::scrape, false).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .end(ar.result());
    });
  }
}
