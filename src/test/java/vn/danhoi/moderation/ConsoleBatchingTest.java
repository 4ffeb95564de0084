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
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst of questions reaches an editor's console coalesced (several new items per message) yet each item exactly
 * once, and a change to an item never arrives before the item itself.
 */
@ExtendWith(VertxExtension.class)
class ConsoleBatchingTest {

  static final int BURST = 200;

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;

  @BeforeAll
  static void start() {
    node = NODE.node();
  }

  @Test
  void aBurstArrivesInFewerMessagesThanItemsEachItemOnceAndChangesAfterTheirItem() {
    String episode = node.liveEpisode(null, null);
    String editor = node.token("editor");
    try (SocketProbe console = node.moderationSocket(episode, editor)) {
      console.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        all.add(node.parallel().post("/api/episodes/" + episode + "/questions")
            .sendJsonObject(TestNode.question("Lê Thị Hồng", "Khi nào sửa cầu Rạch Đào, câu số " + i + "?")));
      }
      // claimed as soon as it is stored, likely while the console's batch holding it is still being gathered
      String first = TestNode.await(all.get(0)).bodyAsJsonObject().getString("id");
      assertEquals(200, node.postJson("/api/items/" + first + "/actions", new JsonObject().put("action", "claim"),
          editor).statusCode());
      TestNode.await(Future.join(all));
      Set<String> accepted = new HashSet<>();
      all.forEach(f -> {
        assertEquals(202, f.result().statusCode(), f.result().bodyAsString());
        accepted.add(f.result().bodyAsJsonObject().getString("id"));
      });

      console.awaitCount(m -> "item.new".equals(m.getString("type")), BURST, Duration.ofSeconds(30));
      console.await(m -> "item.claimed".equals(m.getString("type"))
          && first.equals(m.getJsonObject("item").getString("id")), Duration.ofSeconds(10));

      List<String> seen = new ArrayList<>();
      int newAt = -1;
      int claimedAt = -1;
      List<String> raw = console.raw();
      for (int i = 0; i < raw.size(); i++) {
        JsonObject m = new JsonObject(raw.get(i));
        String id = m.containsKey("item") ? m.getJsonObject("item").getString("id") : null;
        if ("item.new".equals(m.getString("type"))) {
          seen.add(id);
          newAt = first.equals(id) ? i : newAt;
        } else if ("item.claimed".equals(m.getString("type")) && first.equals(id)) {
          claimedAt = i;
        }
      }
      assertEquals(BURST, seen.size(), "each new item once");
      assertEquals(accepted, new HashSet<>(seen));
      assertTrue(newAt >= 0 && newAt < claimedAt, "the claim came after its item: " + newAt + " < " + claimedAt);
      assertTrue(console.frames() < BURST, "coalesced: " + console.frames() + " messages for " + BURST + " items");
    }
  }
}
