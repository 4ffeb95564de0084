package vn.danhoi.faults;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TcpProxy;
import vn.danhoi.support.TestNode;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL out of reach mid-show (its connections cut through a proxy): nobody is told "received" for
 * something that was not committed; senders get 503 with Retry-After; the node heals by itself.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class PostgresOutageTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().postgresThroughProxy();

  static TcpProxy proxy;
  static TestNode node;
  static Sql sql;

  @BeforeAll
  static void start() {
    proxy = NODE.proxy();
    node = NODE.node();
    sql = NODE.sql();
  }

  @Test
  void submissionsGetAnHonest503WhilePostgresIsAwayAndSucceedAfter() {
    String episode = node.liveEpisode(null, null);
    assertEquals(202, submit(episode, "Trước sự cố").statusCode());

    proxy.cut();
    int accepted = 1;
    // the faults profile keeps PostgreSQL away for 20 s (issue 6); the default suite for a moment
    long until = System.nanoTime() + Duration.ofSeconds(Long.getLong("danhoi.faults.pgOutageSeconds", 0)).toNanos();
    for (int i = 0; i < 5 || System.nanoTime() < until; i++) {
      HttpResponse<Buffer> r = submit(episode, "Trong sự cố " + i);
      assertEquals(503, r.statusCode(), r.bodyAsString());
      assertEquals("service.unavailable", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
      assertNotNull(r.getHeader("Retry-After"));
      assertTrue(Integer.parseInt(r.getHeader("Retry-After")) >= 1);
    }
    HttpResponse<Buffer> health = node.get("/health", null);
    assertEquals(503, health.statusCode());
    assertEquals("DOWN", health.bodyAsJsonObject().getJsonObject("checks").getString("postgres"));

    proxy.restore();
    // the pool reconnects by itself; the first requests after the cut may still meet a dead connection
    HttpResponse<Buffer> after = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      after = submit(episode, "Sau sự cố");
      if (after.statusCode() == 202) {
        accepted++;
        break;
      }
      assertEquals(503, after.statusCode(), after.bodyAsString());
    }
    assertEquals(202, after.statusCode(), "the node did not recover: " + after.bodyAsString());
    assertEquals(200, node.get("/health", null).statusCode());
    assertEquals(accepted, sql.submissions(), "exactly the submissions answered 202 are stored");
    assertEquals(accepted, sql.count("SELECT count(*) FROM events WHERE action = 'submission.received'"),
        "no half-written submission: each has its event and nothing else");
  }

  private static HttpResponse<Buffer> submit(String episode, String text) {
    return node.postJson("/api/episodes/" + episode + "/questions",
        new JsonObject().put("name", "Lê Thị Hồng").put("locality", "Xã Lương Hòa").put("text", text)
            .put("consent", true), null);
  }
}
