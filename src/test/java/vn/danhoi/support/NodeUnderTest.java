package vn.danhoi.support;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The node a test class runs against, as a JUnit extension: before the class's own {@code @BeforeAll} a new
 * database and Redis prefix and a node started on them with the test settings plus the class's; after its
 * {@code @AfterAll} every node it started stopped and the database dropped (even when starting failed
 * half-way). The node runs on the Vert.x of the class's {@code VertxExtension}, the one its tests are given.
 * <pre>
 * &#64;ExtendWith(VertxExtension.class)
 * class SomeTest {
 *   &#64;RegisterExtension
 *   static final NodeUnderTest NODE = NodeUnderTest.create().with("DANHOI_TRUST_PROXY", "true");
 *
 *   &#64;BeforeAll
 *   static void start() {
 *     node = NODE.node();   // and NODE.sql(), NODE.db(), NODE.prefix()…; the class's own set-up follows
 * </pre>
 * A class that also registers a mail server orders it first ({@code @Order(1)}) when its settings name it:
 * extensions start in their order, unordered ones after ordered ones. The jqwik properties, which JUnit
 * extensions do not reach, start their node themselves.
 */
public final class NodeUnderTest implements BeforeAllCallback, AfterAllCallback {

  private final Map<String, String> settings = new LinkedHashMap<>();
  private final List<Consumer<Map<String, String>>> laterSettings = new ArrayList<>();
  private Clock clock = Clock.systemUTC();
  private boolean withDataDir;
  private boolean postgresThroughProxy;
  private Function<Map<String, String>, Vertx> ownVertx;

  /** What to undo after all, the last started first. */
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private String db;
  private String prefix;
  private Map<String, String> env;
  private Vertx vertx;
  private Path dataDir;
  private TcpProxy proxy;
  private TestNode node;
  private Sql sql;

  private NodeUnderTest() {
  }

  public static NodeUnderTest create() {
    return new NodeUnderTest();
  }

  /** A setting (a DANHOI_* variable) on top of the test settings. */
  public NodeUnderTest with(String name, String value) {
    settings.put(name, value);
    return this;
  }

  /** Settings known only when the class starts (a mail server's port), applied after the fixed ones. */
  public NodeUnderTest with(Consumer<Map<String, String>> later) {
    laterSettings.add(later);
    return this;
  }

  /** The clock all the node's features read the time from. */
  public NodeUnderTest clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** A new temporary folder as the node's data directory (uploads, scans), left behind for a look after a failure. */
  public NodeUnderTest withDataDir() {
    this.withDataDir = true;
    return this;
  }

  /** The node reaches PostgreSQL through a {@link TcpProxy} the test can cut; {@link #sql()} reaches it directly. */
  public NodeUnderTest postgresThroughProxy() {
    this.postgresThroughProxy = true;
    return this;
  }

  /** A Vert.x of the class's own making from the node's settings (metrics), instead of VertxExtension's. */
  public NodeUnderTest vertx(Function<Map<String, String>, Vertx> make) {
    this.ownVertx = make;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    try {
      db = TestStores.newDatabase();
      started.push(() -> TestStores.dropDatabase(db));
      prefix = TestStores.newPrefix();
      env = new HashMap<>(TestNode.env(db, TestStores.redisUrl(), prefix));
      env.putAll(settings);
      if (withDataDir) {
        dataDir = Files.createTempDirectory("danhoi-" + context.getRequiredTestClass().getSimpleName());
        env.put("DANHOI_DATA_DIR", dataDir.toString());
      }
      laterSettings.forEach(later -> later.accept(env));
      if (ownVertx != null) {
        vertx = ownVertx.apply(new HashMap<>(env));
        started.push(() -> vertx.close().await());
      } else {
        vertx = (Vertx) context.getExecutableInvoker().invoke(
            NodeUnderTest.class.getDeclaredMethod("extensionVertx", Vertx.class));
      }
      if (postgresThroughProxy) {
        proxy = TcpProxy.inFrontOf(vertx, db);
        started.push(proxy);
        env.put("DANHOI_PG_URL", proxy.through(db));
      }
      node = TestNode.start(vertx, env, clock);
      started.push(node);
      sql = new Sql(db);
    } catch (Exception | Error e) {
      afterAll(context);
      throw e;
    }
  }

  /** Asks the class's VertxExtension for its Vert.x, which it then closes itself after the class. */
  private static Vertx extensionVertx(Vertx vertx) {
    return vertx;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    Exception failed = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  public TestNode node() {
    return node;
  }

  /** The node's database, read directly. */
  public Sql sql() {
    return sql;
  }

  /** The node's database URL. */
  public String db() {
    return db;
  }

  /** The node's Redis key prefix. */
  public String prefix() {
    return prefix;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The proxy in front of PostgreSQL, with {@link #postgresThroughProxy()}. */
  public TcpProxy proxy() {
    return proxy;
  }

  /** The settings the node runs with, a copy to start another node of the same deployment in a test. */
  public Map<String, String> env() {
    return new HashMap<>(env);
  }

  /** Another node of the same deployment on the same Vert.x and clock, its settings changed; stopped after all. */
  public TestNode another(Consumer<Map<String, String>> change) {
    Map<String, String> changed = env();
    change.accept(changed);
    TestNode other = TestNode.start(vertx, changed, clock);
    started.push(other);
    return other;
  }

  /**
   * Another node of the same deployment in a Vert.x of its own, as on a second machine: the two share nothing
   * but PostgreSQL and Redis. Stopped, and its Vert.x closed, after all.
   */
  public TestNode onAnotherMachine() {
    Vertx elsewhere = Vertx.vertx();
    started.push(() -> elsewhere.close().await());
    TestNode other = TestNode.start(elsewhere, env(), clock);
    started.push(other);
    return other;
  }
}
