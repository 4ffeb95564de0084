package vn.danhoi.moderation;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The on-air path has its own PostgreSQL connections: with every connection of the main pool stuck in intake, an
 * editor (a token checked in PostgreSQL) still puts a question on air and the studio shows it; the intake then
 * finishes, nothing lost.
 */
@ExtendWith(VertxExtension.class)
class OnAirLaneTest {

  static final int POOL = 2;
  static final int STUCK = 20;

  @RegisterExtension
  // as many intake commits in flight as connections, so none waits in the pool's queue (it would time out there)
  static final NodeUnderTest NODE = NodeUnderTest.create().with("DANHOI_PG_POOL_SIZE", Integer.toString(POOL))
      .with("DANHOI_INTAKE_BATCH_IN_FLIGHT", Integer.toString(POOL));

  static TestNode node;
  static Sql sql;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
  }

  @Test
  void anOnAirChangeReachesTheStudioWhileIntakeHoldsEveryOtherConnection() throws SQLException {
    String episode = node.liveEpisode(null, null);
    String editor = node.token("editor");
    String item = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Võ Thị Sáu", "Khi nào làm lại đường vào trường học ấp 2?"), null)
        .bodyAsJsonObject().getString("id");
    List<Future<HttpResponse<Buffer>>> intake = new ArrayList<>();
    try (SocketProbe studio = SocketProbe.bearer(node.vertx(), node.port(), "/ws/studio/" + episode,
        node.token("studio"))) {
      studio.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      try (Connection lock = sql.connect(); Statement st = lock.createStatement()) {
        lockOutbox(lock, st);
        for (int i = 0; i < STUCK; i++) {
          intake.add(node.parallel().post("/api/episodes/" + episode + "/questions")
              .sendJsonObject(TestNode.question("Đỗ Văn Nam", "Câu hỏi lúc đông số " + i)));
        }
        awaitBlockedConnections(POOL);

        HttpResponse<Buffer> onAir = node.postJson("/api/items/" + item + "/actions",
            new JsonObject().put("action", "on-air"), editor);
        assertEquals(200, onAir.statusCode(), onAir.bodyAsString());
        studio.await(m -> m.getJsonObject("onAir") != null && item.equals(m.getJsonObject("onAir").getString("id")),
            Duration.ofSeconds(10));
        assertFalse(intake.stream().anyMatch(Future::isComplete), "the intake was still stuck meanwhile");
        lock.rollback();
      }
      TestNode.await(Future.join(intake));
      intake.forEach(f -> assertEquals(202, f.result().statusCode(), f.result().bodyAsString()));
      assertEquals(STUCK + 1, sql.count("SELECT count(*) FROM submissions WHERE episode_id = ?",
          UUID.fromString(episode)));
    }
  }

  @Test
  void aRequestThatFindsNoFreeConnectionInTimeGetsA503ItCanRetry() throws SQLException {
    String episode = node.liveEpisode(null, null);
    String editor = node.token("editor");
    try (Connection lock = sql.connect(); Statement st = lock.createStatement()) {
      lockOutbox(lock, st);
      List<Future<HttpResponse<Buffer>>> intake = new ArrayList<>();
      for (int i = 0; i < POOL; i++) {
        intake.add(node.parallel().post("/api/episodes/" + episode + "/questions")
            .sendJsonObject(TestNode.question("Đỗ Văn Nam", "Câu hỏi lúc nghẽn số " + i)));
      }
      awaitBlockedConnections(POOL);
      // the queue is read on the main pool, where every connection is stuck: after the pool's wait, a 503
      HttpResponse<Buffer> queue = node.get("/api/episodes/" + episode + "/queue", editor);
      lock.rollback();
      assertEquals(503, queue.statusCode(), queue.bodyAsString());
      assertEquals("service.unavailable", queue.bodyAsJsonObject().getJsonObject("error").getString("code"));
      assertEquals("5", queue.getHeader("Retry-After"));
      TestNode.await(Future.join(intake));
      intake.forEach(f -> assertEquals(202, f.result().statusCode(), f.result().bodyAsString()));
    }
  }

  /**
   * Every submission's outbox row then waits for this lock, holding its connection of the main pool. SHARE mode
   * stops writers only: the relay's periodic reads of the outbox must not take a connection of the pool too (with
   * ACCESS EXCLUSIVE one did now and then, and a request meant to wait on the lock timed out in the pool's queue
   * instead). Its only write marks rows it has relayed, so the lock waits until there are none.
   */
  private static void lockOutbox(Connection lock, Statement st) throws SQLException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (sql.count("SELECT count(*) FROM submission_queue WHERE queued_at IS NULL") > 0) {
      assertTrue(System.nanoTime() < deadline, "the relay never emptied the outbox");
      Thread.onSpinWait();
    }
    lock.setAutoCommit(false);
    st.execute("LOCK TABLE submission_queue IN SHARE MODE");
  }

  /**
   * Waits until n intake commits (and not some other statement) wait on the outbox lock. They are known by the
   * start of SubmissionGroupInsert's statement: pg_stat_activity keeps only its first kilobyte.
   */
  private static void awaitBlockedConnections(int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (sql.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        + "AND wait_event_type = 'Lock' AND query LIKE 'WITH v (id, episode_id, channel, asker_name, %'") < n) {
      assertTrue(System.nanoTime() < deadline, "the intake's connections never waited on the lock");
      Thread.onSpinWait();
    }
  }
}
