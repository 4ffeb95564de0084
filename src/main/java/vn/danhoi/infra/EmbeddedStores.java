package vn.danhoi.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

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

  private LocalPostgres postgres;
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
      stores.postgres = LocalPostgres.start(dataDir.resolve("embedded-postgres"), freePort(), false);
      stores.pgUrl = "postgresql://postgres@127.0.0.1:" + stores.postgres.port() + "/postgres";
    }
    if (config.embeddedRedis()) {
      int port = freePort();
      Path dir = Files.createDirectories(dataDir.resolve("redis"));
      stores.redis = RedisServer.newRedisServer()
          .executableProvider(redisBinary(dataDir))
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

  /** The Redis binary, unpacked into the data directory rather than the system's temporary folder. */
  public static ExecutableProvider redisBinary(Path dataDir) throws IOException {
    return ExecutableProvider.newJarResourceProvider(Files.createDirectories(dataDir.resolve("redis-bin")).toFile());
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
    } catch (IOException e) {
      LOG.warn("Stopping the embedded Redis: {}", e.toString());
    }
    if (postgres != null) {
      postgres.close();
    }
  }
}
