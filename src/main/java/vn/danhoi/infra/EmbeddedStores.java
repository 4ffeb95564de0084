package vn.danhoi.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL and a real Redis started from Maven artifacts, for a machine with only a JDK: used
 * when no URL is configured. Their data lives under the data directory and survives a restart.
 */
public final class EmbeddedStores implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStores.class);

  private EmbeddedPostgres postgres;
  private RedisServer redis;
  private String pgUrl;
  private String redisUrl;

  /** Starts what the configuration leaves unset; returns the configuration pointing at them. */
  public static EmbeddedStores start(AppConfig config) throws IOException {
    EmbeddedStores stores = new EmbeddedStores();
    Path dataDir = config.dataDir().toAbsolutePath();
    Files.createDirectories(dataDir);
    stores.pgUrl = config.pgUrl();
    stores.redisUrl = config.redisUrl();
    if (config.embeddedPostgres()) {
      if ("root".equals(System.getProperty("user.name"))) {
        // initdb and postgres refuse to run as root by design; say so instead of failing obscurely
        throw new AppConfig.ConfigException("DANHOI_PG_URL: the embedded PostgreSQL cannot run as root. "
            + "Run danhoi as an ordinary user, or set DANHOI_PG_URL to an existing server.");
      }
      stores.postgres = startPostgres(dataDir);
      stores.pgUrl = "postgresql://postgres@127.0.0.1:" + stores.postgres.getPort() + "/postgres";
    }
    if (config.embeddedRedis()) {
      int port = freePort();
      Path dir = Files.createDirectories(dataDir.resolve("redis"));
      stores.redis = RedisServer.newRedisServer()
          .port(port)
          .bind("127.0.0.1")
          .setting("dir " + dir)
          .setting("appendonly yes")
          .build();
      stores.redis.start();
      stores.redisUrl = "redis://127.0.0.1:" + port;
      LOG.info("Embedded Redis on port {} (data in {})", port, dir);
    }
    return stores;
  }

  static EmbeddedPostgres startPostgres(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("postgres");
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(Files.createDirectories(dataDir.resolve("pg-bin")).toFile())
        .setLocaleConfig("encoding", "UTF8")
        .setLocaleConfig("locale", "C")
        .setPort(freePort())
        // stopped by Main's shutdown hook after the node has drained; its own hook would stop it meanwhile
        .setRegisterShutdownHook(false)
        .start();
    LOG.info("Embedded PostgreSQL on port {} (data in {})", pg.getPort(), dir);
    return pg;
  }

  public AppConfig applyTo(AppConfig config) {
    return config.withStores(pgUrl, redisUrl);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      if (redis != null) {
        redis.stop();
      }
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException e) {
      LOG.warn("Stopping the embedded stores: {}", e.toString());
    }
  }
}
