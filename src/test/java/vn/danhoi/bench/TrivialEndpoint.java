package vn.danhoi.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;

import java.util.UUID;

/**
 * The machine's own HTTP ceiling: a Vert.x server with as many event loops as danhoi's that reads each
 * POST body and answers 202 with a small JSON, nothing else. Started by {@link LiveShowBench} as a child
 * JVM: java … vn.danhoi.bench.TrivialEndpoint port instances.
 */
public final class TrivialEndpoint extends VerticleBase {

  private final int port;

  private TrivialEndpoint(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int instances = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new TrivialEndpoint(port), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("trivial endpoint on port " + port + ", " + instances + " event loops"))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .requestHandler(req -> {
          if (req.method() == HttpMethod.GET) {
            req.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
            return;
          }
          req.body().onComplete(body -> req.response().setStatusCode(202)
              .putHeader("Content-Type", "application/json")
              .end("{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"received\"}"));
        })
        .listen();
  }
}
