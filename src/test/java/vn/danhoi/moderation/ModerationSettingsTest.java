package vn.danhoi.moderation;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GET /api/console/settings gives the moderation console the values the server enforces: the claim lifetime of
 * this node's configuration (not a number written in the page), the reject reasons it accepts, the limits.
 */
@ExtendWith(VertxExtension.class)
class ModerationSettingsTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().with("DANHOI_CLAIM_TTL_SECONDS", "45")
      .with("DANHOI_TIMEZONE", "Asia/Ho_Chi_Minh");

  static TestNode node;
  static String editor;

  @BeforeAll
  static void start() {
    node = NODE.node();
    editor = node.token("editor");
  }

  @Test
  void onlyStaffReadTheSettings() {
    HttpResponse<Buffer> anonymous = node.get("/api/console/settings", null);
    assertEquals(401, anonymous.statusCode(), anonymous.bodyAsString());
    assertEquals(200, node.get("/api/console/settings", editor).statusCode());
    assertEquals(200, node.get("/api/console/settings", node.token("operator")).statusCode());
  }

  @Test
  void theSettingsAreTheNodesConfigurationAndWhatItEnforces() {
    JsonObject settings = node.get("/api/console/settings", editor).bodyAsJsonObject();
    assertEquals(45, settings.getInteger("claimTtlSeconds"));
    assertEquals("Asia/Ho_Chi_Minh", settings.getString("timeZone"));
    JsonArray reasons = settings.getJsonArray("rejectReasons");
    assertEquals(ModerationCommand.REJECT_REASONS.size(), reasons.size());
    for (Object r : reasons) {
      JsonObject reason = (JsonObject) r;
      assertEquals(ModerationCommand.REJECT_REASONS.get(reason.getString("id")), reason.getString("label"), reason.encode());
    }
    assertEquals(new JsonObject().put("text", 2000).put("name", 120).put("locality", 200).put("notes", 1000),
        settings.getJsonObject("limits"));

    // the lifetime the page is told is the one the server keeps: 44 s after a claim it holds, 46 s after it lapsed
    String episode = node.liveEpisode(null, null);
    String held = ask(episode, "Nguyễn Thị Hoa", "Bao giờ ấp 3 xã Tân Phú có nước sạch?");
    String lapsed = ask(episode, "Lê Văn Tám", "Đường tỉnh 830 đoạn qua xã Lương Hòa bao giờ sửa?");
    for (String id : new String[] {held, lapsed}) {
      assertEquals(200, node.postJson("/api/items/" + id + "/actions", new JsonObject().put("action", "claim"), editor)
          .statusCode());
    }
    Sql sql = NODE.sql();
    sql.rows("UPDATE submissions SET claimed_at = now() - interval '44 seconds' WHERE id = ? RETURNING id",
        UUID.fromString(held));
    sql.rows("UPDATE submissions SET claimed_at = now() - interval '46 seconds' WHERE id = ? RETURNING id",
        UUID.fromString(lapsed));
    String colleague = node.token("editor");
    JsonObject claim = new JsonObject().put("action", "claim");
    assertEquals(409, node.postJson("/api/items/" + held + "/actions", claim, colleague).statusCode());
    assertEquals(200, node.postJson("/api/items/" + lapsed + "/actions", claim, colleague).statusCode());
  }

  private static String ask(String episode, String name, String text) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions", TestNode.question(name, text), null);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }
}
