package vn.danhoi.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.HdrHistogram.Histogram;
import vn.danhoi.support.Sockets;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Latency from an editor's "on air" request to the studio display's WebSocket message, over many
 * actions, on two server nodes (editor on one, studio on the other, so the path crosses Redis).
 * Run: DANHOI_PG_URL=… DANHOI_REDIS_URL=… mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *        -Dexec.mainClass=vn.danhoi.bench.OnAirLatencyBench -Dexec.args=1000
 */
public final class OnAirLatencyBench {

  private OnAirLatencyBench() {
  }

  public static void main(String[] args) throws Exception {
    int actions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    String db = TestStores.newDatabase();
    Map<String, String> env = TestNode.env(db, TestStores.redisUrl(), TestStores.newPrefix());
    Vertx vertxA = Vertx.vertx();
    Vertx vertxB = Vertx.vertx();
    TestNode a = TestNode.start(vertxA, env);
    TestNode b = TestNode.start(vertxB, env);
    try {
      String editor = a.token("editor");
      String studio = a.token("studio");
      String episode = a.liveEpisode(null, null);
      List<String> items = List.of(ask(a, episode, "Khi nào có nước sạch?"), ask(a, episode, "Giá điện năm nay?"));

      Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
      Map<String, Long> arrived = new ConcurrentHashMap<>();
      // held in a variable: Vert.x 5 closes a client nothing references any more
      WebSocketClient sockets = vertxB.createWebSocketClient();
      WebSocket ws = Sockets.open(sockets, new WebSocketConnectOptions().setHost("localhost")
              .setPort(b.port()).setURI("/ws/studio/" + episode).addHeader("Authorization", "Bearer " + studio),
              socket -> socket.textMessageHandler(text -> {
            long now = System.nanoTime();
            JsonObject onAir = new JsonObject(text).getJsonObject("onAir");
            if (onAir != null) {
              CountDownLatch latch = waiting.get(onAir.getString("id"));
              if (latch != null && arrived.putIfAbsent(onAir.getString("id"), now) == null) {
                latch.countDown();
              }
            }
          }))
          .await(10, TimeUnit.SECONDS);

      WebClient http = WebClient.create(vertxA);
      Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
      int warmup = Math.min(100, actions / 10);
      for (int i = 0; i < warmup + actions; i++) {
        String item = items.get(i % 2);
        CountDownLatch latch = new CountDownLatch(1);
        arrived.remove(item);
        waiting.put(item, latch);
        long start = System.nanoTime();
        int status = http.post(a.port(), "localhost", "/api/items/" + item + "/actions")
            .bearerTokenAuthentication(editor)
            .sendJsonObject(new JsonObject().put("action", "on-air"))
            .await(10, TimeUnit.SECONDS).statusCode();
        if (status != 200 || !latch.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("action " + i + " got " + status + " or no studio message");
        }
        if (i >= warmup) {
          histogram.recordValue(TimeUnit.NANOSECONDS.toMicros(arrived.get(item) - start));
        }
      }
      ws.close();
      http.close();
      System.out.printf("on-air -> studio socket (editor on node A, studio on node B), %d actions:%n", actions);
      System.out.printf("  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n",
          histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
          histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
      System.out.println("  reproduce: DANHOI_PG_URL=... DANHOI_REDIS_URL=... mvn -q test-compile exec:java "
          + "-Dexec.classpathScope=test -Dexec.mainClass=vn.danhoi.bench.OnAirLatencyBench -Dexec.args=" + actions);
    } finally {
      a.close();
      b.close();
      vertxA.close().await(10, TimeUnit.SECONDS);
      vertxB.close().await(10, TimeUnit.SECONDS);
      TestStores.dropDatabase(db);
    }
    // Lettuce and Vert.x leave non-daemon threads behind for a while; the measurement is done
    System.exit(0);
  }

  private static String ask(TestNode node, String episode, String text) {
    return node.postJson("/api/episodes/" + episode + "/questions", TestNode.question("Nguyễn Văn An", text), null)
        .bodyAsJsonObject().getString("id");
  }
}
