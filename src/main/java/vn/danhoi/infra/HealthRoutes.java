package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.function.Supplier;

/**
 * GET /health: 200 when PostgreSQL and Redis both answer, 503 naming the one that does not. The live platforms'
 * connections are reported beside them but never change the status: a YouTube outage leaves the node healthy.
 */
public final class HealthRoutes implements HttpRoutes {

  private final Pool pool;
  private final Redis redis;
  private final Supplier<JsonObject> platforms;

  public HealthRoutes(Pool pool, Redis redis, Supplier<JsonObject> platforms) {
    this.pool = pool;
    this.redis = redis;
    this.platforms = platforms;
  }

  @Override
  public void mount(Router router) {
    router.get("/health").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    Future<String> pg = pool.query("SELECT 1").execute().map("UP").otherwise("DOWN");
    Future<String> rd = redis.call(c -> c.ping()).map("UP").otherwise("DOWN");
    Future.join(pg, rd).onComplete(ar -> {
      String p = pg.result();
      String r = rd.result();
      String status = "UP".equals(p) ? ("UP".equals(r) ? "UP" : "DEGRADED") : "DOWN";
      ctx.response().setStatusCode("UP".equals(status) ? 200 : 503)
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .end(new JsonObject().put("status", status)
              .put("checks", new JsonObject().put("postgres", p).put("redis", r))
              .put("platforms", platforms.get()).encode());
    });
  }
}
