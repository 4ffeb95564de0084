package vn.danhoi.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import vn.danhoi.infra.AppConfig;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's one Prometheus registry: Vert.x's own meters (HTTP by route pattern, the PostgreSQL pool, the
 * JVM) when the Vertx instance was built by {@link #vertx}, and danhoi's meters. The Vertx instance carries it
 * (Vert.x needs the registry at creation, the application finds it there), so Main and tests build their
 * Vertx the same way and nothing threads it through start-up.
 */
public final class PrometheusMetrics implements Metrics, Shareable {

  /** Stored channel values (the CHECK of submissions.channel); anything else would be a schema change. */
  static final List<String> CHANNELS = List.of("web", "sms", "hotline", "email", "post", "form", "youtube",
      "facebook", "zalo");
  /** The live chats read (platform_streams.platform), their states and the kinds of failed read. */
  static final List<String> PLATFORMS = List.of("youtube", "facebook");
  static final List<String> STREAM_STATES = List.of("connected", "waiting", "backoff", "failed");
  static final List<String> READ_FAILURES = List.of("transient", "rate_limited", "quota", "credential", "not_found",
      "ended");

  /** Latency buckets, 1 ms to 1 min: a few fixed ones rather than Micrometer's ~70 per series. */
  private static final double[] BUCKETS = bucketsNanos(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000,
      10_000, 30_000, 60_000);
  private static final Set<String> BUCKETED = Set.of("vertx.http.server.response.time", "vertx.pool.queue.time",
      "danhoi.relay.delay", "danhoi.event.loop.delay");

  private static final String LOCAL_MAP = "danhoi.metrics";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> submissions = new ConcurrentHashMap<>();
  private final Map<LoginFailure, Counter> loginFailures = new EnumMap<>(LoginFailure.class);
  private final Map<SocketKind, OpenSockets> sockets = new EnumMap<>(SocketKind.class);
  private final Map<String, Timer> loopDelays = new ConcurrentHashMap<>();
  private final Timer relayDelay;
  private final Map<String, Counter> platformComments = new ConcurrentHashMap<>();
  private final Map<String, Counter> platformFailures = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> platformGauges = new ConcurrentHashMap<>();
  private final AtomicLong backlog = new AtomicLong();
  private volatile boolean backlogKnown;

  private PrometheusMetrics() {
    // a request's route label lists every route it passed ("/api/>/api/episodes/:episodeId/questions"): the last
    // one is the pattern that answered it
    registry.config().meterFilter(MeterFilter.replaceTagValues(Label.HTTP_ROUTE.toString(),
        route -> route.substring(route.lastIndexOf('>') + 1)));
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        return id.getType() == Meter.Type.TIMER && BUCKETED.contains(id.getName())
            ? DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config)
            : config;
      }
    });
    // every series exists from the start at 0, so rate() and alerts see the first event
    CHANNELS.forEach(this::submissionCounter);
    for (LoginFailure reason : LoginFailure.values()) {
      loginFailures.put(reason, Counter.builder("danhoi.login.failures").tag("reason", reason.label())
          .description("Refused staff log-ins").register(registry));
    }
    for (SocketKind kind : SocketKind.values()) {
      AtomicLong open = new AtomicLong();
      Gauge.builder("danhoi.websockets.open", open, AtomicLong::get).tag("kind", kind.label())
          .description("WebSockets open on this node").register(registry);
      sockets.put(kind, new OpenSockets() {
        @Override
        public void opened() {
          open.incrementAndGet();
        }

        @Override
        public void closed() {
          open.decrementAndGet();
        }
      });
    }
    for (String platform : PLATFORMS) {
      platformComments.put(platform, Counter.builder("danhoi.platform.comments").tag("platform", platform)
          .description("Live chat comments stored by this node").register(registry));
      for (String kind : READ_FAILURES) {
        platformFailures.put(platform + "/" + kind, Counter.builder("danhoi.platform.read.failures")
            .tag("platform", platform).tag("kind", kind).description("Failed reads of a live chat").register(registry));
      }
      for (String state : STREAM_STATES) {
        platformGauge("danhoi.platform.streams", platform, state, "Live streams being read, by state");
      }
      platformGauge("danhoi.platform.quota.left", platform, null,
          "YouTube: quota units left today; Facebook: percent of the rate budget left");
    }
    for (String platform : List.of("youtube", "facebook", "zalo")) {
      platformGauge("danhoi.platform.messages.per.minute", platform, null,
          "Comments or messages received from the platform in the last minute (every node)");
    }
    relayDelay = Timer.builder("danhoi.relay.delay")
        .description("From a submission's commit to its entry in the Redis stream").register(registry);
  }

  /**
   * A Vertx instance reporting into a new registry when metrics are enabled, a plain one otherwise. Vert.x
   * labels HTTP meters by route pattern, method and status (never the raw path), pools by name.
   */
  public static Vertx vertx(AppConfig.Metrics config, VertxOptions options) {
    if (!config.enabled()) {
      return Vertx.vertx(options);
    }
    PrometheusMetrics metrics = new PrometheusMetrics();
    MicrometerMetricsOptions micrometer = new MicrometerMetricsOptions()
        .setEnabled(true)
        // Vert.x keeps registries in a static map by name: one per Vertx, removed when it closes
        .setRegistryName("danhoi-" + UUID.randomUUID())
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE,
            Label.POOL_NAME))
        .setJvmMetricsEnabled(true);
    Vertx vertx = Vertx.builder().with(new VertxOptions(options).setMetricsOptions(micrometer))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry)).build();
    vertx.sharedData().<String, PrometheusMetrics>getLocalMap(LOCAL_MAP).put("registry", metrics);
    return vertx;
  }

  /** The registry the Vertx instance was built with; a fresh one (danhoi's meters only) for any other. */
  public static PrometheusMetrics of(Vertx vertx) {
    LocalMap<String, PrometheusMetrics> map = vertx.sharedData().getLocalMap(LOCAL_MAP);
    PrometheusMetrics existing = map.get("registry");
    if (existing != null) {
      return existing;
    }
    PrometheusMetrics created = new PrometheusMetrics();
    existing = map.putIfAbsent("registry", created);
    return existing != null ? existing : created;
  }

  /** The text exposition format (0.0.4); CPU work proportional to the series, so callers run it off the loop. */
  String scrape() {
    return registry.scrape();
  }

  private Counter submissionCounter(String channel) {
    return submissions.computeIfAbsent(channel, c -> Counter.builder("danhoi.submissions").tag("channel", c)
        .description("Submissions committed, by channel").register(registry));
  }

  @Override
  public void submissionAccepted(String channel) {
    if (CHANNELS.contains(channel)) {
      submissionCounter(channel).increment();
    }
  }

  @Override
  public void loginFailed(LoginFailure reason) {
    loginFailures.get(reason).increment();
  }

  @Override
  public OpenSockets sockets(SocketKind kind) {
    return sockets.get(kind);
  }

  @Override
  public void relayed(long delayNanos) {
    relayDelay.record(Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
  }

  private void platformGauge(String name, String platform, String state, String description) {
    AtomicLong value = new AtomicLong();
    Gauge.Builder<AtomicLong> g = Gauge.builder(name, value, AtomicLong::get).tag("platform", platform)
        .description(description);
    if (state != null) {
      g.tag("state", state);
    }
    g.register(registry);
    platformGauges.put(name + "/" + platform + (state == null ? "" : "/" + state), value);
  }

  @Override
  public void platformComments(String platform, int added) {
    Counter c = platformComments.get(platform);
    if (c != null && added > 0) {
      c.increment(added);
    }
  }

  @Override
  public void platformReadFailed(String platform, String kind) {
    Counter c = platformFailures.get(platform + "/" + kind);
    if (c != null) {
      c.increment();
    }
  }

  @Override
  public void platformStatus(io.vertx.core.json.JsonObject summary) {
    for (String platform : PLATFORMS) {
      io.vertx.core.json.JsonObject p = summary.getJsonObject(platform, new io.vertx.core.json.JsonObject());
      for (String state : STREAM_STATES) {
        platformGauges.get("danhoi.platform.streams/" + platform + "/" + state).set(p.getLong(state, 0L));
      }
      platformGauges.get("danhoi.platform.messages.per.minute/" + platform).set(p.getLong("perMinute", 0L));
      io.vertx.core.json.JsonObject quota = p.getJsonObject("quotaLeft");
      long left = quota == null ? 0 : quota.getLong("units", quota.getLong("percent", 0L));
      platformGauges.get("danhoi.platform.quota.left/" + platform).set(left);
    }
    platformGauges.get("danhoi.platform.messages.per.minute/zalo")
        .set(summary.getJsonObject("zalo", new io.vertx.core.json.JsonObject()).getLong("perMinute", 0L));
  }

  /** How late a timer fired on one event loop (the loop's thread name is the label). */
  void eventLoopDelay(String loop, long lateNanos) {
    loopDelays.computeIfAbsent(loop, l -> Timer.builder("danhoi.event.loop.delay").tag("loop", l)
            .description("How late a timer fires on the event loop: time the loop spent on other work")
            .register(registry))
        .record(Math.max(0, lateNanos), TimeUnit.NANOSECONDS);
  }

  /** Submissions committed but not yet in Redis; the series appears with the first count. */
  void outboxBacklog(long count) {
    backlog.set(count);
    if (!backlogKnown) {
      backlogKnown = true;
      Gauge.builder("danhoi.outbox.backlog", backlog, AtomicLong::get)
          .description("Submissions committed to PostgreSQL and not yet queued in Redis").register(registry);
    }
  }

  private static double[] bucketsNanos(double... millis) {
    double[] out = new double[millis.length];
    for (int i = 0; i < millis.length; i++) {
      out[i] = Duration.ofMillis(1).toNanos() * millis[i];
    }
    return out;
  }
}
