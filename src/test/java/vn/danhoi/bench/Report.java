package vn.danhoi.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.support.Sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The run's JSON, its Markdown rendering, and the description of the machine it ran on. */
final class Report {

  private Report() {
  }

  static String stamp() {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
  }

  /** CPU, cores, RAM, Java, OS, and the PostgreSQL and Redis server versions (when reachable). */
  static JsonObject machine(String pgUrl, String redisUrl) {
    JsonObject m = new JsonObject();
    try {
      String cpu = Files.readString(Path.of("/proc/cpuinfo"));
      m.put("cpu", cpu.lines().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?"));
      m.put("cores", cpu.lines().filter(l -> l.startsWith("processor")).count());
      String mem = Files.readString(Path.of("/proc/meminfo"));
      mem.lines().filter(l -> l.startsWith("MemTotal")).findFirst().ifPresent(l ->
          m.put("ramGiB", Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0 * 10) / 10.0));
    } catch (IOException e) {
      m.put("cores", Runtime.getRuntime().availableProcessors());
    }
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    try {
      Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
          .findFirst().ifPresent(l -> m.put("openFilesLimit", l.replaceAll("\\s+", " ").split(" ")[3]));
    } catch (IOException e) {
      // not Linux
    }
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    if (pgUrl != null) {
      try {
        m.put("postgres", new Sql(pgUrl).rows("SELECT version() AS v").get(0).get("v").toString());
      } catch (RuntimeException e) {
        m.put("postgres", "unreadable: " + e.getMessage());
      }
    }
    if (redisUrl != null) {
      RedisClient client = RedisClient.create(redisUrl);
      try (StatefulRedisConnection<String, String> c = client.connect()) {
        m.put("redis", c.sync().info("server").lines().filter(l -> l.startsWith("redis_version:"))
            .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?"));
      } catch (RuntimeException e) {
        m.put("redis", "unreadable: " + e.getMessage());
      } finally {
        client.shutdown();
      }
    }
    return m;
  }

  /** Issue #5's targets beside what this run measured (only those the run measured). */
  static JsonArray targets(JsonObject r) {
    JsonArray out = new JsonArray();
    JsonObject intake = r.getJsonObject("maxIntake");
    if (intake != null) {
      double rate = intake.getDouble("maxRate", 0.0);
      target(out, "intake sustained ≥ 5,000 submissions/s, p99 ≤ 50 ms, no errors", Latency.fmt(rate) + "/s",
          rate >= 5000 && intake.getBoolean("confirmed", false) && intake.getDouble("p99TargetMs") <= 50);
      Double insert = r.getJsonObject("limits", new JsonObject()).getJsonObject("postgresInsert", new JsonObject())
          .getDouble("insertCommitsPerSecond");
      if (insert != null) {
        target(out, "intake ≥ 1.0 × single-row INSERT commits/s",
            String.format(Locale.ROOT, "%.3f ×", rate / insert), rate >= insert);
      }
    }
    JsonObject show = r.getJsonObject("show");
    if (show != null) {
      JsonObject lat = show.getJsonObject("latency");
      p99(out, "submission → moderator p99 ≤ 100 ms", lat.getJsonObject("submissionToModeration"), 100);
      p99(out, "on-air → studio p99 ≤ 50 ms", lat.getJsonObject("onAirToStudio"), 50);
    }
    JsonArray fanout = r.getJsonArray("fanout");
    if (fanout != null && !fanout.isEmpty()) {
      JsonObject biggest = fanout.getJsonObject(fanout.size() - 1);
      int viewers = biggest.getInteger("viewersWanted");
      JsonObject lat = biggest.getJsonObject("latency");
      worst(out, viewers + " viewers: 95 % updated within 500 ms (worst change)", lat.getJsonObject("fanout95"), 500,
          viewers >= 10_000);
      worst(out, viewers + " viewers: 100 % updated within 1 s (worst change)", lat.getJsonObject("fanout100"), 1000,
          viewers >= 10_000 && biggest.getLong("viewersMissed", 0L) == 0);
      Double heap = biggest.getDouble("heapPerSocketKiB");
      if (heap != null) {
        target(out, "≤ 20 KiB heap per live socket (" + viewers + " sockets)", heap + " KiB", heap <= 20);
      }
    }
    target(out, "zero lost or duplicated submissions", r.getBoolean("lossFree") ? "none" : "SOME", r.getBoolean(
        "lossFree"));
    return out;
  }

  private static void p99(JsonArray out, String what, JsonObject latency, double limitMs) {
    if (latency != null && latency.getValue("p99Ms") != null) {
      target(out, what, latency.getValue("p99Ms") + " ms", latency.getDouble("p99Ms") <= limitMs);
    }
  }

  private static void worst(JsonArray out, String what, JsonObject latency, double limitMs, boolean fullScale) {
    if (latency != null && latency.getValue("maxMs") != null) {
      // below 10,000 viewers the figure is shown, but the target is not judged
      target(out, what, latency.getValue("maxMs") + " ms", fullScale ? latency.getDouble("maxMs") <= limitMs : null);
    }
  }

  private static void target(JsonArray out, String what, String measured, Boolean met) {
    out.add(new JsonObject().put("target", what).put("measured", measured).put("met", met));
  }

  /** The 1, 5 and 15-minute load averages (other work on the machine shows in every figure). */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  /** Steps where the generator itself could not send on time: their latencies include the generator's stall. */
  static int laggingSteps(JsonObject report, double p99TargetMs) {
    int[] n = {0};
    report.forEach(e -> {
      if (e.getValue() instanceof JsonObject section) {
        countLag(section, p99TargetMs, n);
      }
    });
    return n[0];
  }

  private static void countLag(Object node, double limit, int[] n) {
    if (node instanceof JsonObject o) {
      JsonObject lag = o.getJsonObject("generatorLag");
      if (lag != null && lag.getValue("p99Ms") != null && lag.getDouble("p99Ms") > limit / 5) {
        n[0]++;
      }
      o.forEach(e -> countLag(e.getValue(), limit, n));
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> countLag(v, limit, n));
    }
  }

  /** Writes name.json and name.md in the folder; answers the Markdown file. */
  static Path write(Path folder, String name, JsonObject report) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(name + ".json"), report.encodePrettily(), StandardCharsets.UTF_8);
    Path md = folder.resolve(name + ".md");
    Files.writeString(md, markdown(report), StandardCharsets.UTF_8);
    return md;
  }

  static String markdown(JsonObject r) {
    StringBuilder b = new StringBuilder();
    b.append("# Live-show benchmark: ").append(r.getString("mode")).append("\n\n")
        .append("Started ").append(r.getString("startedAt")).append(", finished ").append(r.getString("finishedAt"))
        .append(". **Nothing lost: ").append(r.getBoolean("lossFree", false) ? "yes" : "NO").append("**.\n\n")
        .append("Reproduce:\n\n```sh\n").append(r.getString("command")).append("\n```\n\n");
    JsonObject m = r.getJsonObject("machine", new JsonObject());
    b.append("## Machine\n\n| | |\n| --- | --- |\n");
    m.forEach(e -> b.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n"));
    b.append("\nThe load generator runs on the same machine (").append(r.getJsonObject("options").getString("loops"))
        .append(" event loops); every server under test is a separate JVM. Load average (1/5/15 min) at the start: ")
        .append(r.getString("loadAverageAtStart")).append(", at the end: ").append(r.getString("loadAverageAtEnd"))
        .append(".\n");
    if (r.getInteger("laggingSteps", 0) > 0) {
      b.append("\n**Warning:** in ").append(r.getInteger("laggingSteps")).append(" step(s) the load generator itself "
          + "sent late (its lag p99 above a fifth of the p99 target): the machine was busy, and those latencies "
          + "include the generator's own stalls.\n");
    }

    JsonArray targets = r.getJsonArray("targets", new JsonArray());
    if (!targets.isEmpty()) {
      b.append("\n## Targets (issue #5)\n\n| target | measured | met |\n| --- | --- | --- |\n");
      for (int i = 0; i < targets.size(); i++) {
        JsonObject t = targets.getJsonObject(i);
        b.append("| ").append(t.getString("target")).append(" | ").append(t.getString("measured")).append(" | ")
            .append(t.getBoolean("met") == null ? "– (not at full scale)" : t.getBoolean("met") ? "yes" : "**no**")
            .append(" |\n");
      }
    }
    JsonObject limits = r.getJsonObject("limits");
    if (limits != null) {
      b.append("\n## The machine's limits\n\n| limit | per second | how |\n| --- | ---: | --- |\n");
      JsonObject pg = limits.getJsonObject("postgresInsert");
      if (pg != null) {
        b.append("| PostgreSQL single-row INSERT commits | ").append(Latency.fmt(pg.getValue("insertCommitsPerSecond")))
            .append(" | `").append(pg.getString("command")).append("`, script `").append(pg.getString("script"))
            .append("` |\n");
      }
      JsonObject redis = limits.getJsonObject("redisXadd");
      if (redis != null) {
        b.append("| Redis XADD | ").append(Latency.fmt(redis.getValue("xaddPerSecond"))).append(" | `")
            .append(redis.getString("command")).append("` |\n");
      }
      JsonObject trivial = limits.getJsonObject("trivialHttp");
      if (trivial != null) {
        b.append("| trivial Vert.x endpoint (202 + small JSON), same generator | ")
            .append(Latency.fmt(trivial.getValue("maxRate"))).append(" | max-rate search below, p99 ≤ ")
            .append(Latency.fmt(trivial.getValue("p99TargetMs"))).append(" ms, no errors |\n");
      }
      limits.forEach(e -> {
        if (e.getKey().endsWith("Error")) {
          b.append("\n").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
      });
      if (trivial != null) {
        search(b, "Trivial endpoint: rate search", trivial);
      }
    }
    JsonObject ratios = r.getJsonObject("ratios");
    if (ratios != null && !ratios.isEmpty()) {
      b.append("\n## Our figures as ratios to the machine's limits\n\n| figure | ratio |\n| --- | ---: |\n");
      ratios.forEach(e -> b.append("| ").append(e.getKey()).append(" | ")
          .append(String.format(Locale.ROOT, "%.3f", ((Number) e.getValue()).doubleValue())).append(" |\n"));
    }
    JsonObject intake = r.getJsonObject("maxIntake");
    if (intake != null) {
      search(b, "Intake: the highest sustained web-question rate (" + intake.getInteger("nodes", 1) + " node)", intake);
      floor(b, intake.getJsonObject("floor"));
    }
    JsonObject show = r.getJsonObject("show");
    if (show != null) {
      show(b, "The show", show);
    }
    JsonObject onAirLoad = r.getJsonObject("onAirLoad");
    if (onAirLoad != null) {
      onAirLoad(b, onAirLoad);
    }
    JsonArray fanout = r.getJsonArray("fanout");
    if (fanout != null) {
      b.append("\n## Public fan-out (one node)\n\nEach row: viewers connected gradually, then on-air changes; time "
              + "from "
              + "the on-air request until 95 % / 100 % of the viewers had the change. Heap is the server's heap after "
              + "a full GC (`jcmd GC.run`, `GC.heap_info`), RSS from `/proc/<pid>/status`.\n\n")
          .append("| viewers | connected | connect (s) | 95 % p50 / p99 / max (ms) | 100 % p50 / p99 / max (ms) | "
              + "missed | heap before → after (MiB) | heap per socket (KiB) | RSS per socket (KiB) |\n")
          .append("| ---: | ---: | ---: | --- | --- | ---: | --- | ---: | ---: |\n");
      for (int i = 0; i < fanout.size(); i++) {
        JsonObject f = fanout.getJsonObject(i);
        JsonObject lat = f.getJsonObject("latency", new JsonObject());
        b.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %d | %s → %s | %s | %s |%n",
            f.getInteger("viewersWanted"), f.getInteger("viewers"), Latency.fmt(f.getValue("connectSeconds")),
            triple(lat.getJsonObject("fanout95")), triple(lat.getJsonObject("fanout100")),
            f.getLong("viewersMissed", 0L), mib(f, "before"), mib(f, "after"),
            Latency.fmt(f.getValue("heapPerSocketKiB")), Latency.fmt(f.getValue("rssPerSocketKiB"))));
      }
    }
    JsonObject two = r.getJsonObject("twoNodes");
    if (two != null) {
      search(b, "Two nodes on one PostgreSQL and Redis: total intake", two);
      floor(b, two.getJsonObject("floor"));
    }
    JsonArray loss = r.getJsonArray("loss", new JsonArray());
    b.append("\n## Nothing lost\n\nEvery accepted (2xx) submission must be one row in PostgreSQL (found by the tag in "
            + "its text) and reach every moderation socket exactly once (`item.new`); nothing refused may be "
            + "stored. Zero tolerance.\n\n")
        .append(loss.isEmpty() ? "No submissions were sent in this mode.\n\n" : "")
        .append("| run | kind | sent | accepted | refused | failed | rows | lost | duplicated rows | extra rows | "
            + "not delivered (per socket) | delivered twice (per socket) | ok |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
    for (int i = 0; i < loss.size(); i++) {
      JsonObject l = loss.getJsonObject(i);
      for (String kind : new String[] {"web questions", "SMS", "hotline calls"}) {
        JsonObject k = l.getJsonObject(kind);
        if (k != null) {
          b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %s | %d | %d | %d | %s | %s | %s |%n",
              l.getString("run"), kind, k.getLong("sent"), k.getLong("accepted"), k.getLong("refused"),
              k.getLong("failed"),
              l.getBoolean("checkedInPostgres") ? k.getLong("rowsFound").toString() : "not checked",
              k.getLong("lost"), k.getLong("duplicatedRows"), k.getLong("extraRows"),
              k.getJsonArray("notDeliveredPerSocket").encode(),
              k.getJsonArray("deliveredMoreThanOncePerSocket").encode(), k.getBoolean("ok") ? "yes" : "**NO**"));
        }
      }
    }
    return b.toString();
  }

  private static void search(StringBuilder b, String title, JsonObject s) {
    b.append("\n## ").append(title).append("\n\n");
    if (s.containsKey("maxRate")) {
      b.append("Highest sustained rate: **").append(Latency.fmt(s.getValue("maxRate"))).append("/s** with p99 ≤ ")
          .append(Latency.fmt(s.getValue("p99TargetMs"))).append(" ms and no errors")
          .append(Boolean.TRUE.equals(s.getBoolean("capped")) ? " (capped by --max-rate)" : "")
          .append(Boolean.FALSE.equals(s.getBoolean("confirmed")) ? " — **the confirming run failed**" : "")
          .append(".\n\n");
    }
    b.append("| step | offered /s | seconds | ok | refused | failed | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | "
            + "generator lag p99 (ms) | → moderation p50 / p99 (ms) | → other node's moderation p50 / p99 (ms) | "
            + "cores: generator / servers / machine busy | passes |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
            + "| --- |\n");
    JsonArray steps = s.getJsonArray("steps", new JsonArray());
    for (int i = 0; i < steps.size(); i++) {
      JsonObject st = steps.getJsonObject(i);
      JsonObject l = st.getJsonObject("latency");
      b.append(String.format(Locale.ROOT,
          "| %s | %s | %s | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          st.getString("name"), Latency.fmt(st.getValue("offeredRate")), Latency.fmt(st.getValue("seconds")),
          st.getLong("ok"), st.getLong("refused"), st.getLong("failed"), Latency.fmt(l.getValue("p50Ms")),
          Latency.fmt(l.getValue("p99Ms")), Latency.fmt(l.getValue("p999Ms")), Latency.fmt(l.getValue("maxMs")),
          Latency.fmt(st.getJsonObject("generatorLag").getValue("p99Ms")),
          pair(st.getJsonObject("submissionToModeration")), pair(st.getJsonObject("submissionToModerationCrossNode")),
          cores(st.getJsonObject("cpu")), st.getBoolean("passes", false) ? "yes" : "no"));
    }
  }

  private static void show(StringBuilder b, String title, JsonObject show) {
    b.append("\n## ").append(title).append("\n\n");
    b.append(String.format(Locale.ROOT, "%d node(s); %d moderation sockets (one per editor), %d studio sockets, %d "
            + "viewers (connected in %s s, %d failed); %d on-air changes timed. Cores used during the load "
            + "(generator / servers / machine busy): %s.%n%n", show.getInteger("nodes"),
        show.getInteger("moderationSockets"), show.getInteger("studioSockets"), show.getInteger("viewers"),
        Latency.fmt(show.getValue("viewerConnectSeconds")), show.getLong("viewerConnectFailures"),
        show.getLong("onAirChanges"), cores(show.getJsonObject("cpu"))));
    b.append("| load | offered /s | seconds | ok | refused | failed |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (String k : new String[] {"webQuestions", "sms", "calls"}) {
      JsonObject l = show.getJsonObject(k);
      if (l != null) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d |%n", l.getString("name"),
            Latency.fmt(l.getValue("offeredRate")), Latency.fmt(l.getValue("seconds")), l.getLong("ok"),
            l.getLong("refused"), l.getLong("failed")));
      }
    }
    b.append('\n').append(Latency.header());
    for (String k : new String[] {"webQuestions", "sms", "calls"}) {
      JsonObject l = show.getJsonObject(k);
      if (l != null) {
        b.append(Latency.row(l.getString("name") + " HTTP (from the intended send time)", l.getJsonObject("latency")));
      }
    }
    floorLatencies(b, show);
    editorOutcomes(b, show);
  }

  private static void onAirLoad(StringBuilder b, JsonObject load) {
    b.append("\n## The on-air path at 0, 50 and 100 % of the intake's maximum\n\n")
        .append(String.format(Locale.ROOT, "One run, one step after the other, on the same sockets: %d viewers, the "
                + "show's editors and studio screens; 100 %% = %s web questions/s (found above). p99 at full "
                + "intake over p99 at none: studio %s, 95 %% of viewers %s (issue #22: at most 2).%n%n",
            load.getInteger("viewers"), Latency.fmt(load.getValue("maxRate")),
            Latency.fmt(load.getValue("onAirToStudioFullOverNone")), Latency.fmt(load.getValue("fanout95FullOverNone"))))
        .append("| intake | web questions/s | on-air changes | on-air HTTP p50 / p99 (ms) | → studio p50 / p99 / max "
            + "(ms) | → 95 % of viewers p50 / p99 / max (ms) | web HTTP p50 / p99 (ms) | → console p50 / p99 (ms) | "
            + "cores (generator / servers / machine) |\n")
        .append("| ---: | ---: | ---: | --- | --- | --- | --- | --- | --- |\n");
    JsonArray steps = load.getJsonArray("steps");
    for (int i = 0; i < steps.size(); i++) {
      JsonObject s = steps.getJsonObject(i);
      JsonObject lat = s.getJsonObject("latency");
      JsonObject web = s.getJsonObject("webQuestions");
      b.append(String.format(Locale.ROOT, "| %d %% | %s | %d | %s | %s | %s | %s | %s | %s |%n",
          s.getInteger("percentOfMax"), Latency.fmt(s.getValue("rate")), s.getLong("onAirChanges"),
          pair(lat.getJsonObject("onAirHttp")), triple(lat.getJsonObject("onAirToStudio")),
          triple(lat.getJsonObject("fanout95")), web == null ? "–" : pair(web.getJsonObject("latency")),
          pair(lat.getJsonObject("submissionToModeration")), cores(s.getJsonObject("cpu"))));
    }
  }

  private static void floor(StringBuilder b, JsonObject floor) {
    if (floor == null) {
      return;
    }
    b.append("\nDuring the last step (the curve's 75 %):\n\n").append(Latency.header());
    floorLatencies(b, floor);
  }

  private static void floorLatencies(StringBuilder b, JsonObject floor) {
    JsonObject lat = floor.getJsonObject("latency", new JsonObject());
    String[][] rows = {
        {"submissionToModeration", "web submission (intended send time) → moderation socket, same node"},
        {"submissionToModerationCrossNode", "web submission on node A → moderation socket on node B"},
        {"editorActionHttp", "editor action HTTP"},
        {"onAirHttp", "on-air request HTTP"},
        {"onAirToStudio", "editor on-air request → studio socket"},
        {"fanout95", "on-air request → 95 % of viewers"},
        {"fanout100", "on-air request → 100 % of viewers"},
    };
    for (String[] row : rows) {
      JsonObject s = lat.getJsonObject(row[0]);
      if (s != null && s.getLong("count", 0L) > 0) {
        b.append(Latency.row(row[1], s));
      }
    }
    if (floor.getLong("socketsClosedByServer", 0L) > 0) {
      b.append("\n**Sockets closed by the server during the run: ").append(floor.getLong("socketsClosedByServer"))
          .append("**\n");
    }
  }

  private static void editorOutcomes(StringBuilder b, JsonObject show) {
    JsonObject editors = show.getJsonObject("editorActions");
    if (editors != null && !editors.isEmpty()) {
      b.append("\nEditor actions (action, status[, error code]): ");
      editors.forEach(e -> b.append('`').append(e.getKey()).append("` ").append(e.getValue()).append(", "));
      b.setLength(b.length() - 2);
      b.append(". Studio sockets that missed an on-air change: ").append(show.getLong("studioMissed"))
          .append("; viewer updates missed: ").append(show.getLong("viewersMissed")).append(".\n");
    }
  }

  private static String cores(JsonObject cpu) {
    if (cpu == null) {
      return "–";
    }
    return Latency.fmt(cpu.getValue("generatorCores")) + " / " + Latency.fmt(cpu.getValue("serverCores")) + " / "
        + Latency.fmt(cpu.getValue("machineBusyCores"));
  }

  private static String pair(JsonObject l) {
    if (l == null || l.getLong("count", 0L) == 0) {
      return "–";
    }
    return Latency.fmt(l.getValue("p50Ms")) + " / " + Latency.fmt(l.getValue("p99Ms"));
  }

  private static String triple(JsonObject l) {
    if (l == null || l.getLong("count", 0L) == 0) {
      return "–";
    }
    return Latency.fmt(l.getValue("p50Ms")) + " / " + Latency.fmt(l.getValue("p99Ms")) + " / "
        + Latency.fmt(l.getValue("maxMs"));
  }

  private static String mib(JsonObject f, String when) {
    JsonObject mem = f.getJsonObject("memory" + (when.equals("before") ? "Before" : "After"));
    if (mem == null || mem.getLong("heapAfterGcBytes", -1L) < 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.1f", mem.getLong("heapAfterGcBytes") / 1048576.0);
  }
}
