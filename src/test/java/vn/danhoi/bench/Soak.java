package vn.danhoi.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.HdrHistogram.Recorder;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.support.Sql;
import vn.danhoi.support.Sockets;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A long show at a moderate steady load against one node in this JVM: web questions, SMS, hotline calls,
 * editors taking questions on air and off, moderation, studio and live sockets. Every minute it forces a
 * full GC and records heap, threads and open file descriptors; at the end it checks that nothing was lost
 * and writes a Markdown report under bench/results/.
 * Run: DANHOI_PG_URL=… DANHOI_REDIS_URL=… mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *        -Dexec.mainClass=vn.danhoi.bench.Soak -Dexec.args="30 40"     (minutes, web questions per second)
 */
public final class Soak {

  private Soak() {
  }

  record Sample(int minute, long heapMiB, int threads, long fds, long accepted, long errors, double p99Ms) {
  }

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    String db = TestStores.newDatabase();
    Vertx vertx = Vertx.vertx();
    TestNode node = TestNode.start(vertx, TestNode.env(db, TestStores.redisUrl(), TestStores.newPrefix()));
    Sql sql = new Sql(db);
    String episode = node.liveEpisode("8085", "DT");
    String editor = node.token("editor");
    String operator = node.token("operator");
    String studio = node.token("studio");
    WebClient http = WebClient.wrap(vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost")
        .setDefaultPort(node.port()), new PoolOptions().setHttp1MaxSize(32)));

    AtomicLong accepted = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    Recorder latency = new Recorder(3);
    Map<String, Boolean> items = new ConcurrentHashMap<>();
    List<AtomicLong> delivered = new ArrayList<>();
    // Vert.x 5 closes a client once nothing references it: keep the one the sockets belong to
    WebSocketClient sockets = vertx.createWebSocketClient();
    for (int i = 0; i < 5; i++) {
      AtomicLong count = new AtomicLong();
      delivered.add(count);
      Sockets.open(sockets, new WebSocketConnectOptions().setHost("localhost").setPort(node.port())
              .setURI("/ws/moderation/" + episode).addHeader("Authorization", "Bearer " + editor),
          ws -> ws.textMessageHandler(t -> {
            if (t.startsWith("{\"type\":\"item.new\"")) {
              count.incrementAndGet();
            } else if (t.startsWith("{\"type\":\"items.new\"")) {
              count.addAndGet(new JsonObject(t).getJsonArray("items").size());
            } else if (t.startsWith("{\"type\":\"snapshot\"")) {
              // items that came in while the socket was opening arrive in its snapshot
              count.addAndGet(new JsonObject(t).getJsonArray("items").size());
            }
          }).closeHandler(v -> System.out.println("moderation socket closed: " + ws.closeStatusCode() + " "
              + ws.closeReason())));
    }
    for (int i = 0; i < 2; i++) {
      Sockets.open(sockets, new WebSocketConnectOptions().setHost("localhost").setPort(node.port())
          .setURI("/ws/studio/" + episode).addHeader("Authorization", "Bearer " + studio),
          ws -> ws.textMessageHandler(t -> { }));
    }
    for (int i = 0; i < 50; i++) {
      Sockets.open(sockets, new WebSocketConnectOptions().setHost("localhost").setPort(node.port())
          .setURI("/ws/live/" + episode), ws -> ws.textMessageHandler(t -> { }));
    }

    AtomicLong seq = new AtomicLong();
    List<Long> timers = new ArrayList<>();
    timers.add(vertx.setPeriodic(1000L / Math.max(1, rate), id -> {
      long n = seq.incrementAndGet();
      long start = System.nanoTime();
      http.post("/api/episodes/" + episode + "/questions").putHeader("Idempotency-Key", "soak-" + n)
          .sendJsonObject(new JsonObject().put("name", "Người xem " + n).put("locality", "Xã Mỹ Yên")
              .put("phone", "0912345678").put("text", "Câu hỏi số " + n + " về nước sạch và điện").put("consent", true))
          .onComplete(ar -> record(ar, 202, start, latency, accepted, errors, items));
    }));
    timers.add(vertx.setPeriodic(1000, id -> {
      long n = seq.incrementAndGet();
      byte[] body = new JsonObject().put("from", "+8491200" + (n % 10000)).put("to", "8085")
          .put("text", "DT tin nhắn " + n).put("messageId", "soak-sms-" + n).encode().getBytes(StandardCharsets.UTF_8);
      long start = System.nanoTime();
      http.post("/api/intake/sms").putHeader("Content-Type", "application/json")
          .putHeader("X-Signature-256", SmsSignature.sign(TestNode.SMS_SECRET, body)).sendBuffer(Buffer.buffer(body))
          .onComplete(ar -> record(ar, 200, start, latency, accepted, errors, items));
    }));
    timers.add(vertx.setPeriodic(5000, id -> {
      long n = seq.incrementAndGet();
      long start = System.nanoTime();
      http.post("/api/episodes/" + episode + "/calls").bearerTokenAuthentication(operator)
          .sendJsonObject(new JsonObject().put("callerName", "Người gọi " + n).put("callerPhone", "0987654321")
              .put("locality", "Cần Giuộc").put("text", "Cuộc gọi " + n).put("readyForAir", true))
          .onComplete(ar -> record(ar, 201, start, latency, accepted, errors, items));
    }));
    String[] cycle = {"claim", "categorize", "next", "on-air", "answered"};
    timers.add(vertx.setPeriodic(2000, id -> items.keySet().stream().findAny().ifPresent(item -> {
      items.remove(item);
      Future<?> chain = Future.succeededFuture();
      for (String action : cycle) {
        chain = chain.compose(v -> http.post("/api/items/" + item + "/actions").bearerTokenAuthentication(editor)
            .sendJsonObject(new JsonObject().put("action", action).put("field", "Nước sạch"))
            .map(r -> {
              if (r.statusCode() != 200) {
                errors.incrementAndGet();
              }
              return r;
            }));
      }
    })));

    List<Sample> samples = new ArrayList<>();
    for (int minute = 1; minute <= minutes; minute++) {
      TimeUnit.MINUTES.sleep(1);
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
      Sample s = new Sample(minute, heap, ManagementFactory.getThreadMXBean().getThreadCount(), fds(),
          accepted.get(), errors.get(), latency.getIntervalHistogram().getValueAtPercentile(99) / 1000.0);
      samples.add(s);
      System.out.printf("minute %d: heap after GC %d MiB, threads %d, fds %d, accepted %d, errors %d, p99 %.1f ms%n",
          s.minute(), s.heapMiB(), s.threads(), s.fds(), s.accepted(), s.errors(), s.p99Ms());
    }
    timers.forEach(vertx::cancelTimer);
    // let the last requests finish and their items reach the sockets before counting (bounded)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && delivered.stream().anyMatch(d -> d.get() < accepted.get())) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    long rows = sql.submissions();
    long unqueued = sql.count("SELECT count(*) FROM submission_queue WHERE queued_at IS NULL");
    String report = report(minutes, rate, samples, rows, unqueued, delivered);
    System.out.println(report);
    Path out = Path.of("bench", "results", "soak-" + Instant.now().toString().replace(':', '-') + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    node.close();
    vertx.close().await(30, TimeUnit.SECONDS);
    TestStores.dropDatabase(db);
    System.exit(0);
  }

  private static void record(AsyncResult<HttpResponse<Buffer>> ar, int expected, long start,
                             Recorder latency, AtomicLong accepted, AtomicLong errors, Map<String, Boolean> items) {
    latency.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start), 60_000_000L));
    if (ar.succeeded() && ar.result().statusCode() == expected) {
      accepted.incrementAndGet();
      String id = ar.result().bodyAsJsonObject().getString("id");
      if (id != null && items.size() < 1000) {
        items.put(id, true);
      }
    } else {
      errors.incrementAndGet();
    }
  }

  private static long fds() {
    try (var list = Files.list(Path.of("/proc/self/fd"))) {
      return list.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String report(int minutes, int rate, List<Sample> samples, long rows, long unqueued,
                               List<AtomicLong> delivered) {
    StringBuilder b = new StringBuilder();
    b.append("# Soak: ").append(minutes).append(" minutes, ").append(rate)
        .append(" web questions/s + 1 SMS/s + 1 call/5 s + an on-air cycle every 2 s, 5 moderation, 2 studio and "
            + "50 live sockets\n\n")
        .append("| minute | heap after full GC (MiB) | threads | open fds | accepted | errors | p99 (ms) |\n")
        .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Sample s : samples) {
      b.append(String.format("| %d | %d | %d | %d | %d | %d | %.1f |%n", s.minute(), s.heapMiB(), s.threads(),
          s.fds(), s.accepted(), s.errors(), s.p99Ms()));
    }
    Sample first = samples.get(Math.min(1, samples.size() - 1));
    Sample last = samples.get(samples.size() - 1);
    b.append("\nAccepted ").append(last.accepted()).append(", rows in PostgreSQL ").append(rows)
        .append(", not queued ").append(unqueued).append(", items delivered per moderation socket (snapshot + item.new) ");
    delivered.forEach(d -> b.append(d.get()).append(' '));
    b.append("\n\nHeap after GC from minute ").append(first.minute()).append(" to ").append(last.minute()).append(": ")
        .append(first.heapMiB()).append(" → ").append(last.heapMiB()).append(" MiB; threads ").append(first.threads())
        .append(" → ").append(last.threads()).append("; fds ").append(first.fds()).append(" → ").append(last.fds())
        .append(".\n");
    return b.toString();
  }
}
