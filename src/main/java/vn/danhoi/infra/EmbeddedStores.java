package vn.danhoi.infra;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL and a real Redis started from Maven artifacts, for a machine with only a JDK: used
 * when no URL is configured. Their data lives under the data directory and survives a restart.
 */
public final class EmbeddedStores implements AutoCloseable {

  private LocalPostgres postgres;
  private LocalRedis redis;
  private String pgUrl;
  private String redisUrl;

  /** Starts what the configuration leaves unset; returns the configuration pointing at them. */
  public static EmbeddedStores start(AppConfig config) throws IOException {
    EmbeddedStores stores = new EmbeddedStores();
    Path dataDir = config.stores().dataDir().toAbsolutePath();
    Files.createDirectories(dataDir);
    stores.pgUrl = config.stores().pgUrl();
    stores.redisUrl = config.stores().redisUrl();
    if (config.stores().embeddedPostgres()) {
      stores.postgres = LocalPostgres.start(dataDir.resolve("embedded-postgres"), LocalPorts.free(), false);
      stores.pgUrl = "postgresql://postgres@127.0.0.1:" + stores.postgres.port() + "/postgres";
    }
    if (config.stores().embeddedRedis()) {
      stores.redis = LocalRedis.start(dataDir.resolve("embedded-redis"), LocalPorts.free(), true);
      stores.redisUrl = "redis://127.0.0.1:" + stores.redis.port();
    }
    return stores;
  }

  public boolean runsPostgres() {
    return postgres != null;
  }

  public boolean runsRedis() {
    return redis != null;
  }

  public AppConfig applyTo(AppConfig config) {
    return config.withStores(pgUrl, redisUrl);
  }

  @Override
  public void close() {
    closeWithin(Duration.ofSeconds(10));
  }

  /**
   * Redis first, then PostgreSQL, both within {@code budget}: the node above them has already drained, and
   * an orchestrator kills whatever is still running when its own wait ends.
   */
  public void closeWithin(Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    if (redis != null) {
      redis.closeWithin(budget.dividedBy(4));
    }
    if (postgres != null) {
      postgres.closeWithin(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }
}
