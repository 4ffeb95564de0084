package vn.danhoi.support;

import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;

/**
 * A node on a new database and Redis prefix of its own, for a test class: started with the test settings plus
 * the given ones, and at close stopped and its database dropped (the database even when the node failed to
 * start half-way).
 */
public final class OwnNode implements AutoCloseable {

  private final String db;
  private final Map<String, String> env;
  private TestNode node;

  private OwnNode(String db, Map<String, String> env) {
    this.db = db;
    this.env = env;
  }

  public static OwnNode start(Vertx vertx, Map<String, String> settings) {
    String db = TestStores.newDatabase();
    Map<String, String> env = new HashMap<>(TestNode.env(db, TestStores.redisUrl(), TestStores.newPrefix()));
    env.putAll(settings);
    OwnNode own = new OwnNode(db, env);
    try {
      own.node = TestNode.start(vertx, env);
    } catch (RuntimeException | Error e) {
      own.close();
      throw e;
    }
    return own;
  }

  public TestNode node() {
    return node;
  }

  public String db() {
    return db;
  }

  /** The settings the node runs with, a copy to start another node on the same stores. */
  public Map<String, String> env() {
    return new HashMap<>(env);
  }

  @Override
  public void close() {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      TestStores.dropDatabase(db);
    }
  }
}
