package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The PostgreSQL pool, and the schema migrations run once at start-up, off the event loop. */
public final class Database {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private Database() {
  }

  /** name: the pool_name label of its meters. */
  public static Pool pool(Vertx vertx, String url, int size, String name) {
    PgConnectOptions connect = PgConnectOptions.fromUri(url)
        .setCachePreparedStatements(true)
        // the client caches only statements up to 2,048 characters by default: a longer one (intake's group
        // statement) would be parsed and planned afresh at each call
        .setPreparedStatementCacheSqlLimit(1 << 20)
        .setReconnectAttempts(0);
    PoolOptions pool = new PoolOptions()
        .setMaxSize(size)
        // a request waiting longer than this for a connection gets a 503 it can retry
        .setConnectionTimeout(5)
        .setMaxWaitQueueSize(4096)
        .setShared(false)
        // the pool_name label of Vert.x's pool meters (in use, queued, queue time)
        .setName(name);
    return PgBuilder.pool().with(pool).with(new NetClientOptions().setConnectTimeout(3000))
        .connectingTo(connect).using(vertx).build();
  }

  public static Future<Void> migrate(Vertx vertx, String url) {
    return vertx.executeBlocking(() -> {
      MigrateResult result = Flyway.configure()
          .dataSource(jdbcUrl(url), user(url), password(url))
          .locations("classpath:db/migration")
          .load()
          .migrate();
      // Flyway's own lines are quietened (they repeat the JDBC URL, query included); this one says what changed
      LOG.info("PostgreSQL schema at version {} ({} migrations applied now)",
          result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
          result.migrationsExecuted);
      return null;
    });
  }

  public static String jdbcUrl(String url) {
    URI uri = URI.create(url);
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
  }

  public static String user(String url) {
    String info = URI.create(url).getRawUserInfo();
    if (info == null) {
      return System.getProperty("user.name");
    }
    return decode(info.contains(":") ? info.substring(0, info.indexOf(':')) : info);
  }

  public static String password(String url) {
    String info = URI.create(url).getRawUserInfo();
    return info == null || !info.contains(":") ? null : decode(info.substring(info.indexOf(':') + 1));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
