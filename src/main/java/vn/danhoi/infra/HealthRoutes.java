package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** GET /health: 200 when PostgreSQL and Redis both answer, 503 naming the one that does not. */
public final class HealthRoutes implements HttpRoutes {

  private final Pool pool;
  private final Redis redis;

  public HealthRoutes(Pool pool, Redis redis) {
    this.pool = pool;
    this.redis = redis;
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
              .put("checks", new JsonObject().put("postgres", p).put("redis", r)).encode());
    });
  }
}
