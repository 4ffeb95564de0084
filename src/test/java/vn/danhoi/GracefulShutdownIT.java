package vn.danhoi;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import vn.danhoi.support.PackagedServer;
import vn.danhoi.support.Sql;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.TestNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to the packaged server while citizens keep sending questions and consoles are open: it exits within
 * 10 s, every question it answered 2xx is in PostgreSQL (and was relayed to Redis), its sockets are closed
 * as going away (1001, so pages reconnect), and it starts again on the same data.
 */
class GracefulShutdownIT {

  private static final int CLIENTS = 12;
  private static final int ACCEPTED_BEFORE_SIGTERM = 300;
  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration EXIT = Duration.ofSeconds(10);

  @Test
  void sigtermMidStreamKeepsEveryAcceptedQuestionAndSendsSocketsAway() throws Exception {
    Map<String, String> env = PackagedServer.env("shutdown");
    String admin = "it-admin-" + UUID.randomUUID();
    env.put("DANHOI_ADMIN_TOKEN", admin);
    env.put("DANHOI_SMS_SECRET", "it-sms-" + UUID.randomUUID());
    env.put("DANHOI_DEMO", "off");
    env.put("DANHOI_RATE_LIMIT_PER_MINUTE", "10000000");
    env.put("DANHOI_RATE_LIMIT_BURST", "10000000");
    try {
      Accepted first = sigtermMidStream(env, admin);
      secondStartServes(env, first);
    } finally {
      PackagedServer.dropDatabase(env);
    }
  }

  /** What the first run accepted: the episode, and the ids of the questions answered 2xx. */
  private record Accepted(String episode, Set<String> ids) {
  }

  private static Accepted sigtermMidStream(Map<String, String> env, String admin) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (PackagedServer server = PackagedServer.start(env, START)) {
      String episode = liveEpisode(server, admin);
      SocketProbe moderation = SocketProbe.bearer(vertx, server.port(), "/ws/moderation/" + episode, admin);
      SocketProbe live = SocketProbe.connect(vertx, server.port(), "/ws/live/" + episode, Map.of());
      moderation.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(15));
      live.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(15));

      Stream stream = new Stream(server, episode);
      stream.awaitAccepted(Duration.ofSeconds(90));
      Duration exit = server.terminate(EXIT);
      stream.stop();
      Short moderationClose = moderation.awaitClosed(Duration.ofSeconds(5));
      Short liveClose = live.awaitClosed(Duration.ofSeconds(5));
      String out = server.output();
      String afterSigterm = out.substring(Math.max(0, out.indexOf("Stopping:")));

      System.out.printf("GracefulShutdownIT: %d questions sent by %d clients, %d answered 2xx (%d before SIGTERM), "
              + "%d other statuses %s, %d refused or cut; exit %d ms after SIGTERM; sockets closed %s and %s%n",
          stream.sent.get(), CLIENTS, stream.accepted.size(), stream.acceptedAtSigterm, stream.otherStatus.get(),
          stream.statuses, stream.failed.get(), exit.toMillis(), moderationClose, liveClose);
      System.out.println("GracefulShutdownIT: server output after SIGTERM:\n" + afterSigterm);

      assertTrue(exit.compareTo(EXIT) <= 0, "exited after " + exit);
      assertEquals(Short.valueOf((short) 1001), moderationClose, "the moderation console is sent away");
      assertEquals(Short.valueOf((short) 1001), liveClose, "the live page is sent away");
      assertTrue(afterSigterm.contains("Stopped in"), afterSigterm);
      assertFalse(afterSigterm.contains("\tat ") || afterSigterm.contains("Exception in thread"),
          "no stack trace for a normal stop:\n" + afterSigterm);
      if (env.containsKey("DANHOI_PG_URL")) {
        // with the embedded PostgreSQL stopped too, this is read after the second start instead
        assertAllStored(new Sql(server.pgUrl()), episode, stream.accepted);
        List<String> unqueued = new Sql(server.pgUrl()).rows("SELECT submission_id::text AS id FROM submission_queue "
            + "WHERE episode_id = ? AND queued_at IS NULL", UUID.fromString(episode)).stream()
            .map(r -> (String) r.get("id")).filter(stream.accepted::contains).toList();
        assertEquals(List.of(), unqueued, "what was accepted was relayed to Redis before the exit");
      }
      return new Accepted(episode, stream.accepted);
    } finally {
      vertx.close();
    }
  }

  /** A second start on the same data directory and database serves, and still holds what was accepted. */
  private static void secondStartServes(Map<String, String> env, Accepted first) throws IOException {
    try (PackagedServer again = PackagedServer.start(env, START)) {
      HttpResponse<String> health = again.get("/health", null);
      assertEquals(200, health.statusCode());
      assertEquals("UP", new JsonObject(health.body()).getString("status"));
      assertEquals(202, again.post("/api/episodes/" + first.episode() + "/questions",
          TestNode.question("Võ Thị Sáu", "Sau khi khởi động lại, câu hỏi có được nhận không?").encode(), null)
          .statusCode());
      assertAllStored(new Sql(again.pgUrl()), first.episode(), first.ids());
      again.terminate(EXIT);
    }
  }

  private static void assertAllStored(Sql sql, String episode, Set<String> accepted) {
    Set<String> stored = new HashSet<>();
    sql.rows("SELECT id::text AS id FROM submissions WHERE episode_id = ?", UUID.fromString(episode))
        .forEach(r -> stored.add((String) r.get("id")));
    Set<String> missing = new HashSet<>(accepted);
    missing.removeAll(stored);
    assertEquals(Set.of(), missing, "answered 2xx but not in PostgreSQL");
  }

  private static String liveEpisode(PackagedServer server, String admin) throws IOException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    HttpResponse<String> r = server.post("/api/episodes", new JsonObject()
        .put("title", "Dân hỏi – Chính quyền trả lời").put("topic", "Nước sạch và điện nông thôn")
        .put("startsAt", now.minusMinutes(5).toString()).put("durationMinutes", 60).encode(), admin);
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("id");
  }

  /** Citizens' web questions from several clients at once, each sending its next when the last is answered. */
  private static final class Stream {
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger otherStatus = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicBoolean stopped = new AtomicBoolean();
    final List<Thread> clients = new ArrayList<>();
    final CountDownLatch reached = new CountDownLatch(ACCEPTED_BEFORE_SIGTERM);
    volatile int acceptedAtSigterm;

    Stream(PackagedServer server, String episode) {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        Thread t = new Thread(() -> {
          for (int i = 0; !stopped.get() && System.nanoTime() < deadline; i++) {
            String body = TestNode.question("Người gửi " + client, "Câu hỏi số " + i + " của máy " + client)
                .encode();
            sent.incrementAndGet();
            try {
              HttpResponse<String> r = server.post("/api/episodes/" + episode + "/questions", body, null);
              if (r.statusCode() / 100 == 2) {
                accepted.add(new JsonObject(r.body()).getString("id"));
                reached.countDown();
              } else {
                otherStatus.incrementAndGet();
                statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
              }
            } catch (IOException refusedOrCut) {
              // the server stopped taking this client's requests: it would only be refused again
              failed.incrementAndGet();
              return;
            }
          }
        }, "question-client-" + c);
        t.start();
        clients.add(t);
      }
    }

    void awaitAccepted(Duration timeout) throws InterruptedException {
      if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("only " + accepted.size() + " questions accepted within " + timeout
            + "; statuses " + statuses + ", " + failed.get() + " failed");
      }
      acceptedAtSigterm = accepted.size();
    }

    void stop() throws InterruptedException {
      stopped.set(true);
      for (Thread t : clients) {
        t.join(Duration.ofSeconds(30).toMillis());
      }
    }
  }
}
