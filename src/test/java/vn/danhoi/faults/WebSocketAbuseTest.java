package vn.danhoi.faults;

import io.netty.util.internal.PlatformDependent;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sockets;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thousands of socket cycles, oversized frames, and a live-page client that never reads. */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class WebSocketAbuseTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      // hundreds of "+1"s from this one test address drive the updates; the per-address cap is not under test here
      .with("DANHOI_SUPPORTS_PER_ADDRESS", "100000");

  static TestNode node;
  static Sql sql;
  static Vertx vertx;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    node = NODE.node();
    sql = NODE.sql();
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aThousandConnectDisconnectCyclesLeaveTheNodeHealthy() throws Exception {
    String episode = node.liveEpisode(null, null);
    String path = "/ws/live/" + episode;
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(200));
    try {
      int cycles = 0;
      AtomicInteger closedEarly = new AtomicInteger();
      AtomicInteger connected = new AtomicInteger();
      AtomicInteger snapshots = new AtomicInteger();
      AtomicInteger closed = new AtomicInteger();
      // in batches: half close cleanly after their snapshot, half vanish without a close frame
      for (int batch = 0; batch < 10; batch++) {
        List<Future<Void>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          Promise<Void> snapshot = Promise.promise();
          // a socket the server closes before its snapshot (it may, when its state cannot be read in time)
          // is counted below rather than waited for until the test times out
          Promise<Void> gone = Promise.promise();
          Future<WebSocket> opened = Sockets.open(client, new WebSocketConnectOptions().setHost("localhost")
              .setPort(node.port()).setURI(path), s -> {
                s.textMessageHandler(t -> {
                  if (snapshot.tryComplete()) {
                    snapshots.incrementAndGet();
                  }
                });
                s.closeHandler(v -> {
                  if (snapshot.tryComplete()) {
                    closedEarly.incrementAndGet();
                  }
                  closed.incrementAndGet();
                  gone.tryComplete();
                });
              });
          // done when the connection is gone, whoever closed it: the future close() returns is not waited
          // for, as it may never complete when the server's close crosses the client's
          all.add(opened.compose(ws -> {
            connected.incrementAndGet();
            return snapshot.future().compose(x -> {
              if (!ws.isClosed()) {
                ws.close();
              }
              return gone.future();
            });
          }));
        }
        try {
          TestNode.await(Future.all(all));
        } catch (AssertionError e) {
          // where a batch stalls says which side waits: the upgrade, the snapshot or the close handshake
          throw new AssertionError("batch " + batch + " stalled: " + connected + " connected, " + snapshots
              + " snapshots, " + closedEarly + " closed early, " + closed + " closed, of "
              + (cycles + all.size()) + " so far", e);
        }
        cycles += all.size();
        for (int i = 0; i < 50; i++) {
          try (Socket raw = upgrade(path, 0)) {
            String head = readHead(raw.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
          }
          cycles++;
        }
      }
      assertEquals(1000, cycles);
      assertTrue(closedEarly.get() <= 10, closedEarly.get() + " of 500 sockets were closed before their snapshot");
    } finally {
      client.close();
    }
    assertHealthy();
    try (SocketProbe live = SocketProbe.connect(vertx, node.port(), path, Map.of())) {
      live.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      // the hub still pushes to the new socket: put a question on air and see it arrive
      String item = ask(episode, "Phạm Văn Đồng", "Khi nào có đèn đường ở ấp 4?");
      act(item, "on-air");
      live.await(m -> "live.state".equals(m.getString("type")) && m.getJsonObject("onAir") != null
          && item.equals(m.getJsonObject("onAir").getString("id")), Duration.ofSeconds(10));
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anOversizedFrameClosesTheModerationSocket() {
    String episode = node.liveEpisode(null, null);
    String bigText = "Tin nhắn quá khổ ".repeat(80 * 1024 / 17 + 1);
    // one frame over 64 KiB
    assertClosedBy(episode, ws -> ws.writeFrame(WebSocketFrame.textFrame(bigText, true)));
    // a message over 64 KiB in frames that are each under the limit
    String half = "Phần ".repeat(40 * 1024 / 5);
    assertClosedBy(episode, ws -> ws.writeFrame(WebSocketFrame.textFrame(half, false))
        .compose(v -> ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(half), true))));
    assertHealthy();
    try (SocketProbe console = node.moderationSocket(episode, TestNode.ADMIN_TOKEN)) {
      console.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      String item = ask(episode, "Đỗ Thị Hoa", "Trường học xã bao giờ có nhà vệ sinh mới?");
      console.awaitItem(item);
    }
  }

  private void assertClosedBy(String episode, Function<WebSocket, Future<Void>> abuse) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(1024 * 1024).setMaxMessageSize(1024 * 1024));
    try {
      Promise<Void> closed = Promise.promise();
      Promise<Void> snapshot = Promise.promise();
      WebSocket ws = TestNode.await(Sockets.open(client, new WebSocketConnectOptions().setHost("localhost")
          .setPort(node.port()).setURI("/ws/moderation/" + episode)
          .addHeader("Authorization", "Bearer " + TestNode.ADMIN_TOKEN), s -> {
            s.closeHandler(v -> closed.tryComplete());
            s.textMessageHandler(t -> snapshot.tryComplete());
            s.exceptionHandler(e -> { });
          }));
      TestNode.await(snapshot.future());
      abuse.apply(ws);
      // the server closes it; a socket left open would time out here
      TestNode.await(closed.future().timeout(15, TimeUnit.SECONDS));
      assertTrue(ws.isClosed());
    } finally {
      client.close();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void liveClientsThatNeverReadAreCutOffWithoutGrowingMemory() throws Exception {
    String episode = node.liveEpisode(null, null);
    // viewers are sent what changed: each "+1" sends the question on air again, so make it a heavy one
    String longText = "Xin hỏi về việc bồi thường giải phóng mặt bằng dự án đường tỉnh 830 đi qua ấp 3 ";
    String onAir = ask(episode, "Nguyễn Thị Quan Tâm", longText.repeat(1990 / longText.length()));
    act(onAir, "on-air");

    long heapBefore = usedHeapAfterGc();
    long directBefore = PlatformDependent.usedDirectMemory();
    WebSocketClient readerClient = vertx.createWebSocketClient();
    List<Socket> deaf = new ArrayList<>();
    try {
      for (int i = 0; i < DEAF_CLIENTS; i++) {
        Socket client = upgrade("/ws/live/" + episode, 4096);
        deaf.add(client);
        // the upgrade's answer, then the first byte of the snapshot: the socket has joined its episode
        InputStream in = client.getInputStream();
        assertTrue(readHead(in).startsWith("HTTP/1.1 101"));
        assertTrue(in.read() != -1);
      }
      // a client that does read, counting what it is sent without keeping it, measures what each deaf one is owed
      AtomicInteger updates = new AtomicInteger();
      AtomicLong updateBytes = new AtomicLong();
      Promise<Void> snapshot = Promise.promise();
      Promise<Void> allUpdates = Promise.promise();
      int planned = 3_600;
      // the node already has viewers, so the snapshot comes at once
      WebSocket reader = TestNode.await(Sockets.open(readerClient, new WebSocketConnectOptions()
          .setHost("localhost").setPort(node.port()).setURI("/ws/live/" + episode), ws -> ws.textMessageHandler(t -> {
            if (t.contains("\"type\":\"snapshot\"")) {
              snapshot.tryComplete();
              return;
            }
            updateBytes.addAndGet(t.getBytes(StandardCharsets.UTF_8).length);
            updates.incrementAndGet();
            // concurrent supports may read the same count, and then only one change is sent: wait for the last
            if (t.contains("\"supports\":" + planned + ",") || t.contains("\"supports\":" + planned + "}")) {
              allUpdates.tryComplete();
            }
          })));
      TestNode.await(snapshot.future());
      // many updates: each support from a new voter (no cookie) changes the question on air
      int supports = 0;
      ExecutorService pool = Executors.newFixedThreadPool(20);
      while (supports < planned) {
        List<Future<HttpResponse<Buffer>>> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++, supports++) {
          CompletableFuture<HttpResponse<Buffer>> f = CompletableFuture
              .supplyAsync(() -> node.post("/api/items/" + onAir + "/support", Buffer.buffer(), null, null,
                  MultiMap.caseInsensitiveMultiMap()), pool);
          batch.add(Future.fromCompletionStage(f));
        }
        for (HttpResponse<Buffer> r : TestNode.await(Future.all(batch)).<HttpResponse<Buffer>>list()) {
          assertEquals(200, r.statusCode(), r.bodyAsString());
        }
      }
      pool.shutdown();
      TestNode.await(allUpdates.future().timeout(60, TimeUnit.SECONDS));
      TestNode.await(reader.close());
      long owedEach = updateBytes.get();
      System.out.println("each deaf client was owed " + updates.get() + " changes, " + owedEach + " bytes");
      long causedBytes = owedEach * DEAF_CLIENTS;
      long heapGrowth = usedHeapAfterGc() - heapBefore;
      long directGrowth = directBefore < 0 ? 0 : PlatformDependent.usedDirectMemory() - directBefore;
      // more than the kernel's send buffer of a socket can hold (tcp_wmem's 4 MiB at most), so Netty must queue
      assertTrue(owedEach > 6L * 1024 * 1024, "each deaf client was owed " + owedEach + " bytes");
      assertTrue(causedBytes > 40L * 1024 * 1024, "the deaf clients were owed " + causedBytes + " bytes");
      // Netty reserves direct memory a whole pool chunk (16 MiB) at a time, whoever asks: one chunk is the
      // allocator's, not the deaf clients'. Anything buffering what is owed still fails this.
      long chunk = 16L * 1024 * 1024;
      assertTrue(heapGrowth + Math.max(0, directGrowth - chunk) < causedBytes / 4, "memory grew by heap "
          + heapGrowth + " + direct " + directGrowth + " bytes for " + causedBytes + " bytes owed to the deaf clients");

      // the server has closed each deaf client: reading now drains what the kernel held, then hits the end (all
      // at once: each waits out the server's closing handshake)
      ExecutorService readers = Executors.newFixedThreadPool(DEAF_CLIENTS);
      List<java.util.concurrent.Future<Long>> reads = new ArrayList<>();
      for (Socket client : deaf) {
        reads.add(readers.submit(() -> drain(client)));
      }
      readers.shutdown();
      for (java.util.concurrent.Future<Long> r : reads) {
        long read = r.get();
        assertTrue(read >= 0, "the server never closed a client that does not read");
        assertTrue(read < owedEach / 2, "read " + read + " of " + owedEach + " bytes: it was cut off, not fed");
      }
    } finally {
      readerClient.close();
      for (Socket client : deaf) {
        client.close();
      }
    }
    assertHealthy();
  }

  /** Several, so that what they are owed together dwarfs the heap's noise, though each message is a small change. */
  private static final int DEAF_CLIENTS = 10;

  /** Reads a socket to its end: the bytes read, or -1 when it is still open after 20 s. */
  private static long drain(Socket client) throws IOException {
    client.setSoTimeout(20_000);
    InputStream in = client.getInputStream();
    byte[] buf = new byte[64 * 1024];
    long read = 0;
    try {
      int n;
      while ((n = in.read(buf)) != -1) {
        read += n;
      }
    } catch (SocketException reset) {
      // closed: what was read so far counts
    } catch (SocketTimeoutException stillOpen) {
      return -1;
    }
    return read;
  }

  // ---------------------------------------------------------------- helpers

  static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** A WebSocket upgrade sent by hand on a plain TCP socket; nothing is read unless the caller reads. */
  static Socket upgrade(String path, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(new InetSocketAddress("127.0.0.1", node.port()), 5000);
    s.setSoTimeout(10_000);
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + node.port() + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  static String readHead(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      b.append((char) c);
      if (b.length() >= 4 && b.lastIndexOf("\r\n\r\n") == b.length() - 4) {
        break;
      }
    }
    return b.toString();
  }

  static String ask(String episode, String name, String text) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question(name, text), null);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  static void act(String item, String action) {
    HttpResponse<Buffer> r = node.postJson("/api/items/" + item + "/actions", new JsonObject().put("action", action),
        TestNode.ADMIN_TOKEN);
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }

  static void assertHealthy() {
    HttpResponse<Buffer> health = node.get("/health", null);
    assertEquals(200, health.statusCode(), "health: " + health.bodyAsString());
  }
}
