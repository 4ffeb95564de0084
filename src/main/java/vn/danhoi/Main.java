package vn.danhoi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.episode.Episode;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.infra.EmbeddedStores;
import vn.danhoi.infra.Logging;
import vn.danhoi.infra.Secrets;
import vn.danhoi.metrics.PrometheusMetrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts one node from the configuration, with embedded stores when none is configured. */
public final class Main {

  static {
    Logging.install();
  }

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    AppConfig config;
    EmbeddedStores stores;
    try {
      config = AppConfig.load(System.getenv());
      stores = EmbeddedStores.start(config);
      config = Secrets.ensure(stores.applyTo(config));
    } catch (AppConfig.ConfigException e) {
      System.err.println("danhoi: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = PrometheusMetrics.vertx(config.metrics(), new VertxOptions().setFileSystemOptions(
        new FileSystemOptions().setFileCacheDir(
            config.stores().dataDir().resolve("vertx-cache").toAbsolutePath().toString())));
    AppConfig started = config;
    DanhoiApp.start(vertx, config)
        .onSuccess(app -> {
          printBanner(app, started, stores);
          Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx, app, stores), "danhoi-stop"));
        })
        .onFailure(e -> {
          // a setting checked as the node starts (the working-days file, the data directory) is refused the
          // way load() refuses one: its variable named, exit code 2
          boolean setting = e instanceof AppConfig.ConfigException;
          if (setting) {
            System.err.println("danhoi: " + e.getMessage());
          } else {
            LOG.error("Start-up failed", e);
          }
          stores.close();
          System.exit(setting ? 2 : 1);
        });
  }

  /**
   * On SIGTERM: the node stops in an order that loses nothing (see {@link DanhoiApp#stop}), then Vert.x, then
   * the embedded stores, all within the 10 s an orchestrator waits before it kills. Waited for from this
   * hook's own thread: a callback on an event loop would find the loop already gone.
   */
  private static void stop(Vertx vertx, DanhoiApp app, EmbeddedStores stores) {
    long begun = System.nanoTime();
    // one budget for the whole stop, under the orchestrator's 10 s: the stores get what the node leaves
    long deadline = begun + STOP_BUDGET.toNanos();
    LOG.info("Stopping: no new connections, finishing the requests in flight");
    awaitQuietly(app.stop(), 6, "the node");
    awaitQuietly(vertx.close(), 1, "Vert.x");
    stores.closeWithin(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    LOG.info("Stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
  }

  private static final Duration STOP_BUDGET = Duration.ofMillis(9_500);

  private static void awaitQuietly(Future<?> step, long seconds, String what) {
    try {
      step.await(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warn("Stopping {} took over {} s; going on", what, seconds);
    } catch (RuntimeException e) {
      LOG.warn("Stopping {}: {}", what, e.toString());
    }
  }

  /**
   * Where to go and how to get in. Secrets are never printed (a console's scroll-back and the log collector
   * keep them): the banner says where they are.
   */
  private static void printBanner(DanhoiApp app, AppConfig config, EmbeddedStores stores) {
    String base = config.http().publicUrl().isBlank() ? "http://localhost:" + app.port() : config.http().publicUrl();
    Episode demo = app.demoEpisode();
    String episodeQuery = demo == null ? "" : "?episode=" + demo.id();
    String secrets = Secrets.file(config.stores().dataDir()).toAbsolutePath() + " (owner-only)";
    StringBuilder out = new StringBuilder()
        .append("danhoi is running\n")
        .append("  Trang công khai (public):      ").append(base).append("/\n")
        .append("  Tổng đài viên (operator):      ").append(base).append("/operator.html").append(episodeQuery).append('\n')
        .append("  Biên tập (moderation):         ").append(base).append("/moderation.html").append(episodeQuery).append('\n')
        .append("  Bình luận (live chat):         ").append(base).append("/livechat.html").append(episodeQuery).append('\n')
        .append("  Trường quay (studio):          ").append(base).append("/studio.html").append(episodeQuery).append('\n')
        .append("  Trang trực tiếp (live page):   ").append(base).append("/live.html").append(episodeQuery).append('\n')
        .append("  Kỳ phát sóng (episode page):   ").append(base)
        .append(demo == null ? "/programs.html" : "/episode.html?id=" + demo.id()).append('\n')
        .append("  Health:                        ").append(base).append("/health\n")
        .append("  PostgreSQL: ").append(stores.runsPostgres() ? "embedded " : "")
        .append(Secrets.redactUrl(config.stores().pgUrl())).append('\n')
        .append("  Redis:      ").append(stores.runsRedis() ? "embedded " : "")
        .append(Secrets.redactUrl(config.stores().redisUrl())).append('\n')
        .append("  Admin token (mã quản trị):     ").append(System.getenv("DANHOI_ADMIN_TOKEN") == null
            ? "adminToken in " + secrets : "DANHOI_ADMIN_TOKEN").append('\n')
        .append("  SMS webhook secret:            ").append(System.getenv("DANHOI_SMS_SECRET") == null
            ? "smsSecret in " + secrets : "DANHOI_SMS_SECRET").append('\n');
    if (demo != null) {
      out.append("  Demo episode: ").append(demo.title()).append(" (").append(demo.id()).append(")\n");
    }
    if (!app.demoAccounts().isEmpty()) {
      out.append("  Demo accounts (đăng nhập tại ").append(base).append("/login.html; passwords: demoPasswords in ")
          .append(secrets).append("):\n");
      app.demoAccounts().forEach((user, role) ->
          out.append("    ").append(String.format("%-14s", user)).append(role.id()).append('\n'));
    }
    LOG.info(out.toString().stripTrailing());
  }
}
