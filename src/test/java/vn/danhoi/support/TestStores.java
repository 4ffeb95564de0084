package vn.danhoi.support;

import vn.danhoi.infra.Database;
import vn.danhoi.infra.LocalPorts;
import vn.danhoi.infra.LocalPostgres;
import vn.danhoi.infra.LocalRedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL and Redis the suite runs against: DANHOI_PG_URL / DANHOI_REDIS_URL when set (CI uses the
 * machine's services), embedded servers otherwise. Each test class gets its own database and key prefix.
 */
public final class TestStores {

  private static String pgServerUrl;
  private static String redisUrl;

  private TestStores() {
  }

  public static synchronized String redisUrl() {
    init();
    return redisUrl;
  }

  /** A fresh, empty database on the test server; its URL. */
  public static String newDatabase() {
    init();
    String name = "danhoi_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    // the C locale, the least a server can have: Vietnamese folding must not depend on the server's locale
    exec(pgServerUrl, "CREATE DATABASE " + name
        + " ENCODING 'UTF8' LOCALE_PROVIDER libc LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
    return withDatabase(pgServerUrl, name);
  }

  public static void dropDatabase(String url) {
    String name = url.substring(url.lastIndexOf('/') + 1);
    exec(pgServerUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  public static String newPrefix() {
    return "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  private static synchronized void init() {
    if (pgServerUrl != null) {
      return;
    }
    try {
      String pg = System.getenv("DANHOI_PG_URL");
      String redis = System.getenv("DANHOI_REDIS_URL");
      Path data = Files.createDirectories(Path.of("target", "test-stores").toAbsolutePath());
      if (pg == null || pg.isBlank()) {
        // the same server the packaged application starts: as root it runs under the service account
        LocalPostgres embedded = LocalPostgres.start(data.resolve("postgres"), freePort(), true);
        pg = "postgresql://postgres@127.0.0.1:" + embedded.port() + "/postgres";
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
      }
      if (redis == null || redis.isBlank()) {
        LocalRedis embedded = LocalRedis.start(data.resolve("redis"), freePort(), false);
        redis = "redis://127.0.0.1:" + embedded.port();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
      }
      pgServerUrl = pg;
      redisUrl = redis;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the embedded test stores", e);
    }
  }

  static String withDatabase(String url, String db) {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    String query = q < 0 ? "" : url.substring(q);
    return base.substring(0, base.lastIndexOf('/') + 1) + db + query;
  }

  private static void exec(String url, String sql) {
    try (Connection c = DriverManager.getConnection(Database.jdbcUrl(url), Database.user(url),
        Database.password(url)); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public static int freePort() {
    try {
      return LocalPorts.free();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
