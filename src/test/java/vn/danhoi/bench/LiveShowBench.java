package vn.danhoi.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.support.TestStores;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plays a live show against danhoi and measures it beside the machine's own limits.
 *
 * <p>Run: {@code bench/live-show.sh [options]}, or
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=vn.danhoi.bench.LiveShowBench
 * -Dexec.args="--mode show --rate 200 --seconds 30"}. {@code --help} lists every option
 * ({@link BenchOptions#OPTIONS}).
 *
 * <p>By default it starts the server itself as child JVMs ({@code vn.danhoi.Main} on this JVM's class path) on a
 * fresh database and Redis prefix: the machine's PostgreSQL and Redis when DANHOI_PG_URL / DANHOI_REDIS_URL are
 * set, embedded ones otherwise; with {@code --url} (and {@code --admin-token}, {@code --sms-secret},
 * {@code --pg-url}) it tests running servers instead.
 *
 * <p>Modes:
 * <ul>
 *   <li>{@code show}: W web questions/s (open loop, latency from the intended send time), S SMS/s, calls/s by O
 *   operators, M editors (token and moderation socket each) working items through claim, categorize, merge or
 *   shortlist and next, an on-air driver (on-air, wait for studio and viewers, answered), 1–3 studio sockets, V
 *   viewers.</li>
 *   <li>{@code max-intake}: probes doubling from --start-rate, bisects, confirms for --seconds, then the curve at
 *   25/50/75/100 % of the found rate; a rate passes with p99 ≤ --p99-ms and no error.</li>
 *   <li>{@code fanout}: for each of --fanout-viewers, connects them at --connect-rate, times --changes on-air
 *   changes to 95 % and 100 % of viewers, and the server's heap (after full GC) and RSS per socket.</li>
 *   <li>{@code limits}: pgbench single-row INSERT commits/s, redis-benchmark XADD/s, and a trivial Vert.x endpoint
 *   (child JVM) through the same rate search.</li>
 *   <li>{@code all}: limits, max-intake, the show at the found rate, fanout, then a second node and max-intake
 *   over both (total rate, cross-node delay).</li>
 * </ul>
 * After every run it checks that nothing was lost (every accepted submission one row in PostgreSQL and one
 * {@code item.new} on every moderation socket); the exit code is 1 when something was. Reports: Markdown and
 * JSON in --out (default bench/results), named by time and mode.
 */
public final class LiveShowBench {

  /** What a run produced. */
  public record Outcome(JsonObject report, Path markdown, Path json, boolean lossFree) {
  }

  private LiveShowBench() {
  }

  public static void main(String[] args) {
    int code;
    try {
      Outcome outcome = run(args);
      code = outcome == null || outcome.lossFree() ? 0 : 1;
      if (outcome != null) {
        System.out.println("Report: " + outcome.markdown() + " and " + outcome.json()
            + (outcome.lossFree() ? "" : "\nSOMETHING WAS LOST: see the report's last table"));
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n\n" + BenchOptions.usage());
      code = 2;
    } catch (Exception e) {
      e.printStackTrace();
      code = 3;
    }
    // Lettuce and Vert.x leave non-daemon threads behind for a while; the measurement is done
    System.exit(code);
  }

  /** Runs the benchmark the arguments describe and writes its reports; null for --help. */
  public static Outcome run(String... args) throws Exception {
    BenchOptions o = new BenchOptions(args);
    if (o.help) {
      System.out.println(BenchOptions.usage());
      return null;
    }
    String started = Instant.now().toString();
    String stamp = Report.stamp();
    JsonObject report = new JsonObject().put("mode", o.mode()).put("startedAt", started)
        .put("command", o.commandLine()).put("options", o.toJson()).put("loadAverageAtStart", Report.loadAverage());
    JsonArray loss = new JsonArray();
    report.put("loss", loss);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(o.integer("loops")));
    try {
      switch (o.mode()) {
        case "show" -> withServer(vertx, o, o.integer("nodes"), report, server ->
            report.put("show", show(vertx, server, o, o.integer("nodes"), o.number("rate"), loss, "show")));
        case "max-intake" -> withServer(vertx, o, o.integer("nodes"), report, server ->
            report.put("maxIntake", maxIntake(vertx, server, o, o.integer("nodes"), loss, "max-intake")));
        case "onair-load" -> withServer(vertx, o, 1, report, server -> {
          JsonObject intake = maxIntake(vertx, server, o, 1, loss, "max-intake");
          report.put("maxIntake", intake);
          report.put("onAirLoad", onAirLoad(vertx, server, o, intake.getDouble("maxRate"), loss));
        });
        case "fanout" -> withServer(vertx, o, 1, report, server -> report.put("fanout", fanout(vertx, server, o)));
        case "limits" -> {
          report.put("machine", Report.machine(pgServer(o), TestStores.redisUrl()));
          report.put("limits", limits(vertx, o));
        }
        default -> {
          report.put("limits", limits(vertx, o));
          withServer(vertx, o, 1, report, server -> {
            JsonObject intake = maxIntake(vertx, server, o, 1, loss, "max-intake");
            report.put("maxIntake", intake);
            double rate = Math.max(1, intake.getDouble("maxRate"));
            report.put("show", show(vertx, server, o, 1, rate, loss, "show at the found rate"));
            report.put("fanout", fanout(vertx, server, o));
            if (server.started()) {
              System.out.println("starting a second node");
              server.addNode();
            }
            if (server.nodes.size() > 1) {
              report.put("twoNodes", maxIntake(vertx, server, o, 2, loss, "max-intake, two nodes"));
            }
          });
        }
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    report.put("ratios", ratios(report));
    boolean lossFree = loss.stream().allMatch(l -> ((JsonObject) l).getBoolean("ok"));
    report.put("lossFree", lossFree).put("finishedAt", Instant.now().toString())
        .put("loadAverageAtEnd", Report.loadAverage())
        .put("laggingSteps", Report.laggingSteps(report, o.number("p99-ms")));
    report.put("targets", Report.targets(report));
    String name = stamp + "-" + o.mode();
    Path md = Report.write(o.out(), name, report);
    return new Outcome(report, md, o.out().resolve(name + ".json"), lossFree);
  }

  private interface WithServer {
    void run(ServerUnderTest server) throws Exception;
  }

  private static void withServer(Vertx vertx, BenchOptions o, int nodes, JsonObject report, WithServer body)
      throws Exception {
    try (ServerUnderTest server = ServerUnderTest.open(vertx, o, nodes)) {
      report.put("machine", Report.machine(server.pgUrl, server.redisUrl != null ? server.redisUrl
          : System.getenv("DANHOI_REDIS_URL")));
      report.put("serverNodes", server.nodes.stream().map(ServerUnderTest.Node::base).toList());
      body.run(server);
    }
  }

  // ---- show ----

  static JsonObject show(Vertx vertx, ServerUnderTest server, BenchOptions o, int nodes, double rate, JsonArray loss,
                         String label) throws Exception {
    double seconds = o.number("seconds");
    System.out.printf("%s: %.0f web questions/s for %.0f s, %d viewers%n", label, rate, seconds, o.integer("viewers"));
    try (ShowFloor floor = new ShowFloor(vertx, server, o, nodes, "Chương trình thử tải")) {
      floor.openModeration(o.integer("editors"));
      warmUp(floor, o, rate);
      floor.openStudios(o.integer("studios"));
      double connect = floor.connectViewers(o.integer("viewers"), o.number("connect-rate"));
      floor.startActors(o.number("editor-rate"), o.integer("onair-interval-ms"));
      CpuMeter cpu = new CpuMeter(server.jvms());
      CompletableFuture<OpenLoop.Result> web = floor.webLoad("web questions", rate, seconds);
      CompletableFuture<OpenLoop.Result> sms = o.number("sms") > 0 ? floor.smsLoad(o.number("sms"), seconds) : null;
      CompletableFuture<OpenLoop.Result> calls = o.number("calls") > 0
          ? floor.callLoad(o.number("calls"), seconds, Math.max(1, o.integer("operators"))) : null;
      JsonObject out = new JsonObject();
      out.put("webQuestions", stepJson(web.get(), o));
      out.put("cpu", cpu.toJson());
      if (sms != null) {
        out.put("sms", stepJson(sms.get(), o));
      }
      if (calls != null) {
        out.put("calls", stepJson(calls.get(), o));
      }
      floor.drain(o.integer("drain-seconds"));
      // a short run still shows one on-air change to the studio and the viewers
      floor.awaitOnAir(1, o.integer("drain-seconds"));
      floor.stopActors();
      JsonObject check = floor.lossCheck().put("run", label);
      loss.add(check);
      System.out.println("  " + web.get().line() + "; nothing lost: " + check.getBoolean("ok"));
      return floor.toJson().mergeIn(out).put("viewerConnectSeconds", Math.round(connect * 100) / 100.0)
          .put("loss", check);
    }
  }

  // ---- the on-air path under load ----

  /**
   * The on-air path timed at 0, 50 and 100 % of the intake's maximum, one step after the other on the same
   * sockets (the show's editors, studio screens and viewers): does the hosts' screen wait for the crowd? At 0 %
   * the editors work through a stock of questions asked before the step, so there is something to put on air.
   */
  static JsonObject onAirLoad(Vertx vertx, ServerUnderTest server, BenchOptions o, double max, JsonArray loss)
      throws Exception {
    double seconds = o.number("seconds");
    System.out.printf("on-air load: 0, 50 and 100 %% of %.0f web questions/s, %.0f s each, %d viewers%n", max,
        seconds, o.integer("viewers"));
    JsonArray steps = new JsonArray();
    try (ShowFloor floor = new ShowFloor(vertx, server, o, 1, "Đo lên sóng theo tải")) {
      floor.openModeration(o.integer("editors"));
      floor.openStudios(o.integer("studios"));
      double connect = floor.connectViewers(o.integer("viewers"), o.number("connect-rate"));
      for (int pct : new int[] {0, 50, 100}) {
        double rate = Math.round(max * pct / 100.0);
        if (rate == 0) {
          OpenLoop.Result stock = floor.webLoad("stock for the editors", 20, Math.min(10, seconds)).get();
          System.out.println("  " + stock.line());
          floor.drain(o.integer("drain-seconds"));
        }
        floor.resetLatencies();
        floor.resetOnAir();
        floor.startActors(o.number("editor-rate"), o.integer("onair-interval-ms"));
        CpuMeter cpu = new CpuMeter(server.jvms());
        JsonObject step = new JsonObject().put("percentOfMax", pct).put("rate", rate);
        if (rate > 0) {
          OpenLoop.Result r = floor.webLoad("web questions at " + pct + " %", rate, seconds).get();
          step.put("webQuestions", stepJson(r, o));
          System.out.println("  " + r.line());
        } else {
          // no intake: the on-air driver runs on its own for the step's length
          TimeUnit.MILLISECONDS.sleep((long) (seconds * 1000));
        }
        step.put("cpu", cpu.toJson());
        floor.stopActors();
        floor.drain(o.integer("drain-seconds"));
        JsonObject f = floor.toJson();
        step.put("latency", f.getJsonObject("latency")).put("onAirChanges", f.getLong("onAirChanges"))
            .put("studioMissed", f.getLong("studioMissed")).put("viewersMissed", f.getLong("viewersMissed"));
        System.out.printf("  %d %%: %d on-air changes, studio p99 %s ms, 95 %% of viewers p99 %s ms%n", pct,
            f.getLong("onAirChanges"), f.getJsonObject("latency").getJsonObject("onAirToStudio").getValue("p99Ms"),
            f.getJsonObject("latency").getJsonObject("fanout95").getValue("p99Ms"));
        steps.add(step);
      }
      JsonObject check = floor.lossCheck().put("run", "on-air load");
      loss.add(check);
      JsonObject out = new JsonObject().put("maxRate", max).put("steps", steps)
          .put("viewers", floor.viewerCount()).put("viewerConnectSeconds", Math.round(connect * 100) / 100.0)
          .put("loss", check);
      for (String key : new String[] {"onAirToStudio", "fanout95"}) {
        double none = p99(steps.getJsonObject(0), key);
        double full = p99(steps.getJsonObject(2), key);
        out.put(key + "FullOverNone", none > 0 ? Math.round(full / none * 100) / 100.0 : null);
      }
      return out;
    }
  }

  private static double p99(JsonObject step, String key) {
    JsonObject l = step.getJsonObject("latency").getJsonObject(key);
    return l == null || l.getLong("count", 0L) == 0 ? 0 : ((Number) l.getValue("p99Ms")).doubleValue();
  }

  /** Web questions before measuring, so the JIT and the pools are warm; their latencies are not kept. */
  private static void warmUp(ShowFloor floor, BenchOptions o, double rate) throws Exception {
    if (o.number("warmup-seconds") > 0) {
      OpenLoop.Result r = floor.webLoad("warm-up", rate, o.number("warmup-seconds")).get();
      System.out.println("  " + r.line());
      // what the warm-up left queued is finished before anything is measured
      floor.drain(o.integer("drain-seconds"));
      TimeUnit.SECONDS.sleep(1);
      floor.resetLatencies();
    }
  }

  private static JsonObject stepJson(OpenLoop.Result r, BenchOptions o) {
    return r.toJson().put("passes", r.passes(o.number("p99-ms")));
  }

  // ---- the rate search (danhoi's intake and the trivial endpoint) ----

  private interface Step {
    OpenLoop.Result run(String name, double rate, double seconds) throws Exception;
  }

  /** Probes doubling the rate, bisects, confirms for --seconds, then the curve at 25/50/75 % (100 % = confirm). */
  static JsonObject search(BenchOptions o, Step step) throws Exception {
    double target = o.number("p99-ms");
    double max = o.number("max-rate");
    double probe = o.number("probe-seconds");
    JsonArray steps = new JsonArray();
    double good = 0;
    double bad = Double.NaN;
    double rate = Math.min(max, o.number("start-rate"));
    while (true) {
      if (record(steps, step.run("probe", rate, probe), target)) {
        good = rate;
        if (rate >= max) {
          break;
        }
        rate = Math.min(max, rate * 2);
      } else {
        bad = rate;
        break;
      }
    }
    if (good == 0 && !Double.isNaN(bad)) {
      // even the first rate failed: search downwards
      double low = 0;
      for (int i = 0; i < o.integer("bisect") + 2 && good == 0; i++) {
        rate = Math.max(1, Math.round(bad / 4));
        if (record(steps, step.run("probe down", rate, probe), target)) {
          good = rate;
        } else {
          bad = rate;
        }
        low = rate;
      }
      if (good == 0) {
        return new JsonObject().put("maxRate", 0).put("p99TargetMs", target).put("steps", steps)
            .put("note", "no rate down to " + low + "/s passed");
      }
    }
    for (int i = 0; i < o.integer("bisect") && !Double.isNaN(bad); i++) {
      double mid = Math.round((good + bad) / 2);
      if (bad - good <= Math.max(10, good * 0.02)) {
        break;
      }
      if (record(steps, step.run("bisect", mid, probe), target)) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    boolean confirmed = false;
    for (int attempt = 0; attempt < 3 && !confirmed; attempt++) {
      confirmed = record(steps, step.run("confirm", good, o.number("seconds")), target);
      if (!confirmed) {
        good = Math.max(1, Math.floor(good * 0.9));
      }
    }
    double found = good;
    JsonArray curve = new JsonArray();
    for (int pct : new int[] {25, 50, 75}) {
      OpenLoop.Result r = step.run("curve " + pct + " %", Math.max(1, Math.round(found * pct / 100.0)),
          o.number("curve-seconds"));
      record(steps, r, target);
      curve.add(r.toJson().put("percentOfMax", pct));
    }
    curve.add(steps.getJsonObject(steps.size() - 4).copy().put("percentOfMax", 100));
    return new JsonObject().put("maxRate", found).put("p99TargetMs", target).put("confirmed", confirmed)
        .put("capped", found >= max).put("steps", steps).put("curve", curve);
  }

  private static boolean record(JsonArray steps, OpenLoop.Result r, double target) throws InterruptedException {
    boolean pass = r.passes(target);
    steps.add(r.toJson().put("passes", pass));
    System.out.println("  " + r.line() + (pass ? "  pass" : "  FAIL"));
    // let the server finish the step's work before the next one
    TimeUnit.SECONDS.sleep(1);
    return pass;
  }

  static JsonObject maxIntake(Vertx vertx, ServerUnderTest server, BenchOptions o, int nodes, JsonArray loss,
                              String label) throws Exception {
    System.out.println(label + ":");
    try (ShowFloor floor = new ShowFloor(vertx, server, o, nodes, "Đo sức nhận câu hỏi")) {
      // one console per node, so items are also checked (and timed) across nodes
      floor.openModeration(nodes);
      warmUp(floor, o, Math.min(o.number("start-rate"), o.number("max-rate")));
      JsonObject result = search(o, (name, rate, seconds) -> {
        floor.resetLatencies();
        CpuMeter cpu = new CpuMeter(server.jvms());
        OpenLoop.Result r = floor.webLoad(name, rate, seconds).get();
        r.extra().put("cpu", cpu.toJson());
        // the step's items reach the consoles before their delay is read (bounded)
        floor.drain(Math.min(10, o.integer("drain-seconds")));
        r.extra().put("submissionToModeration", floor.toModerationSameNode.toJson());
        if (nodes > 1) {
          r.extra().put("submissionToModerationCrossNode", floor.toModerationCrossNode.toJson());
        }
        return r;
      }).put("nodes", nodes);
      floor.drain(o.integer("drain-seconds"));
      JsonObject check = floor.lossCheck().put("run", label);
      loss.add(check);
      return result.put("floor", floor.toJson()).put("loss", check);
    }
  }

  // ---- fan-out ----

  static JsonArray fanout(Vertx vertx, ServerUnderTest server, BenchOptions o) throws Exception {
    JsonArray rows = new JsonArray();
    ChildJvm jvm = server.nodes.get(0).jvm();
    int changes = o.integer("changes");
    for (int wanted : o.integers("fanout-viewers")) {
      System.out.printf("fan-out: %d viewers%n", wanted);
      try (ShowFloor floor = new ShowFloor(vertx, server, o, 1, "Đo phát tới người xem")) {
        floor.addEditorToken(server.token("editor", "Biên tập fan-out " + floor.run));
        floor.openStudios(1);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
          items.add(floor.question("Câu hỏi số " + (i + 1) + " về giá điện và nước sạch ở xã Mỹ Yên"));
        }
        JsonObject before = jvm == null ? null : jvm.memory();
        double connect = floor.connectViewers(wanted, o.number("connect-rate"));
        JsonObject after = jvm == null ? null : jvm.memory();
        for (String item : items) {
          floor.onAir(0, item, false);
          TimeUnit.MILLISECONDS.sleep(500);
        }
        JsonObject row = floor.toJson().put("viewersWanted", wanted)
            .put("connectSeconds", Math.round(connect * 100) / 100.0);
        if (before != null && floor.viewerCount() > 0) {
          row.put("memoryBefore", before).put("memoryAfter", after)
              .put("heapPerSocketKiB", perSocket(before, after, "heapAfterGcBytes", floor.viewerCount()))
              .put("rssPerSocketKiB", perSocket(before, after, "rssBytes", floor.viewerCount()));
        }
        rows.add(row);
        JsonObject f = row.getJsonObject("latency");
        System.out.printf("  %d connected in %.1f s; 95 %% %s, 100 %% %s; heap/socket %s KiB%n", floor.viewerCount(),
            connect, f.getJsonObject("fanout95").encode(), f.getJsonObject("fanout100").encode(),
            row.getValue("heapPerSocketKiB"));
      }
    }
    return rows;
  }

  private static Double perSocket(JsonObject before, JsonObject after, String key, int sockets) {
    long a = before.getLong(key, -1L);
    long b = after.getLong(key, -1L);
    return a < 0 || b < 0 ? null : Math.round((b - a) / 1024.0 / sockets * 100) / 100.0;
  }

  // ---- the machine's limits ----

  private static String pgServer(BenchOptions o) {
    String pg = o.text("pg-url");
    return pg.isBlank() ? null : pg;
  }

  static JsonObject limits(Vertx vertx, BenchOptions o) throws Exception {
    JsonObject out = new JsonObject();
    System.out.println("limits: PostgreSQL INSERT commits/s with pgbench");
    String own = pgServer(o) == null ? TestStores.newDatabase() : null;
    try {
      JsonObject pg = Limits.pgInsert(own != null ? own : pgServer(o), o.integer("pg-clients"),
          o.integer("pg-seconds"));
      out.put("postgresInsert", pg);
      System.out.println("  " + pg.getDouble("insertCommitsPerSecond") + " commits/s");
    } catch (Exception e) {
      out.put("postgresInsertError", e.getMessage());
    } finally {
      if (own != null) {
        TestStores.dropDatabase(own);
      }
    }
    System.out.println("limits: Redis XADD/s with redis-benchmark");
    try {
      String redis = System.getenv("DANHOI_REDIS_URL");
      JsonObject x = Limits.redisXadd(redis == null || redis.isBlank() ? TestStores.redisUrl() : redis,
          o.integer("redis-requests"), o.integer("redis-clients"));
      out.put("redisXadd", x);
      System.out.println("  " + x.getDouble("xaddPerSecond") + " XADD/s");
    } catch (Exception e) {
      out.put("redisXaddError", e.getMessage());
    }
    System.out.println("limits: trivial Vert.x endpoint, same generator and search");
    int port = TestStores.freePort();
    try (ChildJvm trivial = ChildJvm.start("trivial-endpoint", TrivialEndpoint.class.getName(),
        o.serverJvmOptions(), Map.of(), List.of(Integer.toString(port), Integer.toString(o.serverLoops())),
        Path.of("target", "bench-logs", Report.stamp()))) {
      trivial.awaitHttp("http://127.0.0.1:" + port + "/health", Duration.ofMinutes(1));
      HttpClient client = vertx.createHttpClient(
          new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
          new PoolOptions().setHttp1MaxSize(o.integer("connections")));
      Ledger ledger = new Ledger('t', "trivial");
      Buffer body = new JsonObject().put("name", "Người xem").put("locality", "Xã Mỹ Yên")
          .put("phone", "0912345678").put("text", "Xin hỏi khi nào xã em có nước sạch và điện ổn định?")
          .put("consent", true).toBuffer();
      Step step = (name, rate, seconds) -> {
        CpuMeter cpu = new CpuMeter(List.of(trivial));
        OpenLoop.Result r = OpenLoop.start(vertx, name, rate, seconds, o.integer("loops"),
            ledger.batch((int) Math.round(rate * seconds), 1, 0),
            (local, global) -> OpenLoop.post(client, "127.0.0.1", port, "/api/episodes/x/questions", body)).get();
        r.extra().put("cpu", cpu.toJson());
        return r;
      };
      try {
        if (o.number("warmup-seconds") > 0) {
          System.out.println("  " + step.run("warm-up", Math.min(o.number("start-rate"), o.number("max-rate")),
              o.number("warmup-seconds")).line());
        }
        out.put("trivialHttp", search(o, step).put("eventLoops", o.serverLoops()));
      } finally {
        client.close().await(30, TimeUnit.SECONDS);
      }
    }
    return out;
  }

  /** Each of our figures over the matching machine limit, when both were measured in this run. */
  static JsonObject ratios(JsonObject report) {
    JsonObject out = new JsonObject();
    JsonObject limits = report.getJsonObject("limits", new JsonObject());
    Double insert = limits.getJsonObject("postgresInsert", new JsonObject()).getDouble("insertCommitsPerSecond");
    Double xadd = limits.getJsonObject("redisXadd", new JsonObject()).getDouble("xaddPerSecond");
    Double trivial = limits.getJsonObject("trivialHttp", new JsonObject()).getDouble("maxRate");
    for (String[] figure : new String[][] {{"maxIntake", "one-node intake"}, {"twoNodes", "two-node intake"}}) {
      Double rate = report.getJsonObject(figure[0], new JsonObject()).getDouble("maxRate");
      if (rate == null) {
        continue;
      }
      ratio(out, figure[1] + " / PostgreSQL INSERT commits", rate, insert);
      ratio(out, figure[1] + " / trivial Vert.x endpoint", rate, trivial);
      ratio(out, figure[1] + " / Redis XADD", rate, xadd);
    }
    return out;
  }

  private static void ratio(JsonObject out, String name, double ours, Double limit) {
    if (limit != null && limit > 0) {
      out.put(name, Math.round(ours / limit * 1000) / 1000.0);
    }
  }
}
