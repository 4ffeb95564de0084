package vn.danhoi.queue;

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

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Two server nodes on two ports, one PostgreSQL and one Redis: each pushes what the other received. */
@ExtendWith(VertxExtension.class)
class TwoNodeTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static String db;
  static TestNode a;
  static TestNode b;

  @BeforeAll
  static void start() {
    db = NODE.db();
    a = NODE.node();
    // a separate Vert.x instance, so the nodes share nothing but PostgreSQL and Redis
    b = NODE.onAnotherMachine();
  }

  @Test
  void itemSubmittedToOneNodeReachesAModeratorOnTheOther() {
    assertNotEquals(a.port(), b.port());
    String episode = a.liveEpisode("8085", "DT");
    try (SocketProbe onB = b.moderationSocket(episode, TestNode.ADMIN_TOKEN);
         SocketProbe onA = a.moderationSocket(episode, TestNode.ADMIN_TOKEN)) {
      onB.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      onA.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));

      String viaA = submit(a, episode, "Gửi tới nút A: bao giờ sửa đường ống?");
      String viaB = submit(b, episode, "Gửi tới nút B: điện chập chờn ở ấp 4");

      JsonObject crossed = onB.awaitItem(viaA).getJsonObject("item");
      assertEquals("Gửi tới nút A: bao giờ sửa đường ống?", crossed.getString("text"));
      onA.awaitItem(viaB);
      onA.awaitItem(viaA);
      onB.awaitItem(viaB);
      assertEquals(1, onB.itemCount(viaA));
      assertEquals(2, new Sql(db).submissions());
    }
  }

  private static String submit(TestNode node, String episode, String text) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Huỳnh Văn Nghĩa", text), null);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }
}
