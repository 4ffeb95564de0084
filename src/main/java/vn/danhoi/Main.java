package vn.danhoi;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import vn.danhoi.episode.Episode;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.infra.EmbeddedStores;
import vn.danhoi.infra.Secrets;
import vn.danhoi.metrics.PrometheusMetrics;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Starts one node from the configuration, with embedded stores when none is configured. */
public final class Main {

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
        new FileSystemOptions().setFileCacheDir(config.dataDir().resolve("vertx-cache").toAbsolutePath().toString())));
    AppConfig started = config;
    DanhoiApp.start(vertx, config)
        .onSuccess(app -> {
          printBanner(app, started);
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CountDownLatch done = new CountDownLatch(1);
            app.stop().eventually(vertx::close).onComplete(ar -> done.countDown());
            try {
              done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
              Thread.currentThread().interrupt();
            }
            stores.close();
          }));
        })
        .onFailure(e -> {
          System.err.println("danhoi: start-up failed: " + e);
          e.printStackTrace();
          stores.close();
          System.exit(1);
        });
  }

  private static void printBanner(DanhoiApp app, AppConfig config) {
    String base = config.publicUrl().isBlank() ? "http://localhost:" + app.port() : config.publicUrl();
    Episode demo = app.demoEpisode();
    String episodeQuery = demo == null ? "" : "?episode=" + demo.id();
    StringBuilder out = new StringBuilder()
        .append("\n  danhoi is running\n")
        .append("  Trang công khai (public):      ").append(base).append("/\n")
        .append("  Tổng đài viên (operator):      ").append(base).append("/operator.html").append(episodeQuery).append('\n')
        .append("  Biên tập (moderation):         ").append(base).append("/moderation.html").append(episodeQuery).append('\n')
        .append("  Kỳ phát sóng (episode page):   ").append(base)
        .append(demo == null ? "/programs.html" : "/episode.html?id=" + demo.id()).append('\n')
        .append("  Health:                        ").append(base).append("/health\n")
        .append("  PostgreSQL: ").append(config.embeddedPostgres() ? "embedded " : "").append(redact(config.pgUrl())).append('\n')
        .append("  Redis:      ").append(config.redisUrl()).append('\n');
    if (System.getenv("DANHOI_ADMIN_TOKEN") == null) {
      out.append("  Admin token (mã quản trị):     ").append(config.adminToken()).append('\n');
    }
    if (System.getenv("DANHOI_SMS_SECRET") == null) {
      out.append("  SMS webhook secret:            ").append(config.smsSecret()).append('\n');
    }
    if (demo != null) {
      out.append("  Demo episode: ").append(demo.title()).append(" (").append(demo.id()).append(")\n");
    }
    if (!app.demoAccounts().isEmpty()) {
      out.append("  Demo accounts (đăng nhập tại ").append(base).append("/login.html):\n");
      app.demoAccounts().forEach((user, password) ->
          out.append("    ").append(String.format("%-14s", user)).append(password).append('\n'));
    }
    System.out.println(out);
  }

  private static String redact(String url) {
    return url.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
  }
}
