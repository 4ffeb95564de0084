package vn.danhoi;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import vn.danhoi.auth.TokenAuth;
import vn.danhoi.auth.TokenRoutes;
import vn.danhoi.auth.TokenStore;
import vn.danhoi.episode.DemoEpisode;
import vn.danhoi.episode.Episode;
import vn.danhoi.episode.EpisodeRoutes;
import vn.danhoi.episode.EpisodeStore;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.infra.Database;
import vn.danhoi.infra.HealthRoutes;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.HttpVerticle;
import vn.danhoi.infra.Origins;
import vn.danhoi.infra.RateLimiter;
import vn.danhoi.infra.Redis;
import vn.danhoi.intake.IntakeRoutes;
import vn.danhoi.intake.IntakeService;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.intake.SubmissionStore;
import vn.danhoi.moderation.ModerationHub;
import vn.danhoi.moderation.ModerationRoutes;
import vn.danhoi.moderation.ModerationService;
import vn.danhoi.moderation.ModerationStore;
import vn.danhoi.studio.StudioHub;
import vn.danhoi.studio.StudioRoutes;
import vn.danhoi.studio.StudioStore;
import vn.danhoi.queue.LiveChannel;
import vn.danhoi.queue.QueueRelay;

import java.time.Clock;
import java.util.List;

/**
 * One danhoi node: wires the stores, the live layer and the HTTP features, and starts them in order
 * (schema first, then the relay, then the servers). Several nodes may share one PostgreSQL and one Redis.
 */
public final class DanhoiApp {

  private final Vertx vertx;
  private final AppConfig config;
  private final Pool pool;
  private final Redis redis;
  private final QueueRelay relay;
  private final String deployment;
  private final int port;
  private final Episode demo;

  private DanhoiApp(Vertx vertx, AppConfig config, Pool pool, Redis redis, QueueRelay relay, String deployment,
                    int port, Episode demo) {
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.redis = redis;
    this.relay = relay;
    this.deployment = deployment;
    this.port = port;
    this.demo = demo;
  }

  public static Future<DanhoiApp> start(Vertx vertx, AppConfig config) {
    Clock clock = Clock.systemUTC();
    return Database.migrate(vertx, config.pgUrl()).compose(v -> {
      Pool pool = Database.pool(vertx, config.pgUrl(), config.pgPoolSize());
      Redis redis = Redis.start(vertx, config.redisUrl(), config.redisPrefix(), config.redisTimeoutMillis());
      EpisodeStore episodes = new EpisodeStore(pool);
      SubmissionStore submissions = new SubmissionStore(pool);
      TokenStore tokens = new TokenStore(pool);
      TokenAuth auth = new TokenAuth(config.adminToken(), tokens);
      QueueRelay relay = new QueueRelay(vertx, redis, submissions, config.zone(), clock);
      ModerationStore moderationStore = new ModerationStore(pool);
      ModerationHub hub = new ModerationHub(vertx, submissions, moderationStore, config.zone());
      LiveChannel live = new LiveChannel(redis);
      live.subscribe(hub::onEvent);
      StudioStore studioStore = new StudioStore(pool);
      StudioHub studio = new StudioHub(vertx, studioStore, live);
      RateLimiter limiter = new RateLimiter(redis, config.rateLimitPerMinute(), config.rateLimitBurst());
      relay.onRecovered(hub::catchUp);
      IntakeService intake = new IntakeService(episodes, submissions, relay::submitted, clock);
      Origins origins = new Origins(config.allowedOrigins(), config.publicUrl());
      List<HttpRoutes> features = List.of(
          new HealthRoutes(pool, redis),
          new EpisodeRoutes(episodes, auth, config.zone(), clock),
          new IntakeRoutes(intake, submissions, auth, limiter, new SmsSignature(config.smsSecret()), config.zone()),
          new ModerationRoutes(auth, intake, submissions, new ModerationService(moderationStore, clock), hub, studio,
              live, origins, config.zone()),
          new StudioRoutes(auth, intake, studioStore, studio, limiter, origins),
          new TokenRoutes(auth, tokens));
      Future<Episode> demo = config.demoData() ? DemoEpisode.ensure(episodes, clock) : Future.succeededFuture();
      int instances = config.httpInstances() > 0 ? config.httpInstances()
          : Math.max(1, Runtime.getRuntime().availableProcessors());
      List<HttpVerticle> verticles = new java.util.concurrent.CopyOnWriteArrayList<>();
      return demo.compose(d -> {
        relay.start(config.relayIntervalMillis());
        return vertx.deployVerticle(() -> {
              HttpVerticle verticle = new HttpVerticle(config, features);
              verticles.add(verticle);
              return verticle;
            }, new DeploymentOptions().setInstances(instances))
            .map(id -> new DanhoiApp(vertx, config, pool, redis, relay, id, verticles.get(0).actualPort(), d));
      });
    });
  }

  public int port() {
    return port;
  }

  public AppConfig config() {
    return config;
  }

  /** The demo episode created at this start, or null. */
  public Episode demoEpisode() {
    return demo;
  }

  public Future<Void> stop() {
    relay.stop();
    return vertx.undeploy(deployment)
        .eventually(() -> pool.close())
        .eventually(() -> {
          redis.close();
          return Future.succeededFuture();
        });
  }
}
