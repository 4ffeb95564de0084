package vn.danhoi.moderation;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The editorial board's actions, through the API and the moderation sockets, checked in PostgreSQL. */
@ExtendWith(VertxExtension.class)
class ModerationActionsTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;
  static Sql sql;
  static String editorA;
  static String editorB;
  String episode;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    editorA = node.token("editor");
    editorB = node.token("editor");
  }

  @BeforeEach
  void freshEpisode() {
    episode = node.liveEpisode(null, null);
  }

  @Test
  void aClaimLocksTheItemForOtherEditorsUntilReleased() {
    String item = ask("Trần Văn Lộc", "Bao giờ có điện ba pha cho trại nuôi tôm?");
    try (SocketProbe console = node.moderationSocket(episode, editorB)) {
      console.awaitSeen(item);
      HttpResponse<Buffer> claimed = act(item, "claim", new JsonObject(), editorA);
      assertEquals(200, claimed.statusCode(), claimed.bodyAsString());
      assertNotNull(claimed.bodyAsJsonObject().getString("claimedBy"));
      console.await(m -> "item.claimed".equals(m.getString("type"))
          && item.equals(m.getJsonObject("item").getString("id")), Duration.ofSeconds(10));

      HttpResponse<Buffer> refused = act(item, "edit", new JsonObject().put("text", "Sửa bởi người khác"), editorB);
      assertError(refused, 409, "item.claimed");
      assertNull(sql.rows("SELECT edited_text FROM submissions WHERE id = ?", UUID.fromString(item)).get(0)
          .get("edited_text"));

      assertEquals(200, act(item, "release", new JsonObject(), editorA).statusCode());
      console.await(m -> "item.released".equals(m.getString("type")), Duration.ofSeconds(10));
      assertEquals(200, act(item, "claim", new JsonObject(), editorB).statusCode());
    }
  }

  @Test
  void twoEditorsRacingToClaimOneItemExactlyOneWins() {
    String item = ask("Lý Thị Mai", "Nước máy có mùi lạ ở khu phố 2");
    WebClient client = WebClient.create(node.vertx());
    List<Future<HttpResponse<Buffer>>> race = List.of(editorA, editorB, editorA, editorB).stream()
        .map(token -> client.post(node.port(), "localhost", "/api/items/" + item + "/actions")
            .bearerTokenAuthentication(token).putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(new JsonObject().put("action", "claim").encode())))
        .toList();
    TestNode.await(Future.join(race));
    List<Integer> statuses = race.stream().map(f -> f.result().statusCode()).toList();
    // the winner's second claim renews its own lock; the other editor is refused both times
    assertEquals(2, statuses.stream().filter(c -> c == 200).count(), statuses.toString());
    assertEquals(2, statuses.stream().filter(c -> c == 409).count(), statuses.toString());
    assertEquals(statuses.get(0), statuses.get(2), "both calls of one editor get the same answer");
    assertEquals(statuses.get(1), statuses.get(3), "both calls of one editor get the same answer");
    assertNotNull(sql.rows("SELECT claimed_by FROM submissions WHERE id = ?", UUID.fromString(item)).get(0)
        .get("claimed_by"));
    client.close();
  }

  @Test
  void editKeepsTheOriginalAndLogsBeforeAndAfter() {
    String original = "cho hoi khi nao xa toi co nuoc sach vay?? cam on";
    String item = ask("Đỗ Văn Hùng", original);
    HttpResponse<Buffer> r = act(item, "edit", new JsonObject().put("text", "Khi nào xã tôi có nước sạch?"), editorA);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(original, r.bodyAsJsonObject().getString("text"));
    assertEquals("Khi nào xã tôi có nước sạch?", r.bodyAsJsonObject().getString("editedText"));
    Map<String, Object> event = sql.rows("SELECT actor, before::text AS before, after::text AS after FROM events "
        + "WHERE entity_id = ? AND action = 'item.edit'", item).get(0);
    assertTrue(((String) event.get("actor")).startsWith("token:"));
    // the wording stays in the row (which erasure scrubs); the append-only log says it changed, not what to
    assertEquals(true, new JsonObject((String) event.get("after")).getBoolean("edited"));
    assertEquals(false, new JsonObject((String) event.get("before")).getBoolean("edited"));
    assertFalse(((String) event.get("after")).contains("Khi nào xã tôi có nước sạch?"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'contact.viewed' "
        + "AND entity_type = 'moderation.action' AND episode_id = ?", UUID.fromString(episode)),
        "the reply showed the asker's contact data, so the view is logged");
  }

  @Test
  void categorizeAndRejectAsComplaintKeepTheItem() {
    String item = ask("Phan Thị Lan", "Tôi tố cáo ông trưởng ấp lấy tiền hỗ trợ của gia đình tôi");
    HttpResponse<Buffer> cat = act(item, "categorize",
        new JsonObject().put("field", "Khác").put("agency", "Thanh tra tỉnh"), editorA);
    assertEquals(200, cat.statusCode());
    assertEquals("Thanh tra tỉnh", cat.bodyAsJsonObject().getString("agency"));
    assertError(act(item, "reject", new JsonObject().put("reason", "không thích"), editorA), 400, "reason.invalid");
    HttpResponse<Buffer> rejected = act(item, "reject", new JsonObject().put("reason", "complaint"), editorA);
    assertEquals(200, rejected.statusCode());
    Map<String, Object> row = sql.rows("SELECT status, reject_reason, text FROM submissions WHERE id = ?",
        UUID.fromString(item)).get(0);
    assertEquals("rejected", row.get("status"));
    assertEquals("complaint", row.get("reject_reason"));
    assertEquals("Tôi tố cáo ông trưởng ấp lấy tiền hỗ trợ của gia đình tôi", row.get("text"));
  }

  @Test
  void mergeCountsEveryAskerAndUnmergeGivesThemBack() {
    String first = ask("Ngô Văn Tài", "Khi nào có nước sạch ở ấp Bình Hoà?");
    String second = ask("Bùi Thị Hạnh", "Bao giờ ấp Bình Hoà có nước sạch?");
    String third = ask("Mai Văn Đức", "Ấp Bình Hoà khi nào có nước sạch vậy?");
    try (SocketProbe console = node.moderationSocket(episode, editorA)) {
      console.awaitSeen(third);
      assertEquals(200, act(second, "merge", new JsonObject().put("into", first), editorA).statusCode());
      HttpResponse<Buffer> merged = act(third, "merge", new JsonObject().put("into", first), editorA);
      assertEquals(200, merged.statusCode());
      console.await(m -> "item.merged".equals(m.getString("type"))
          && third.equals(m.getJsonObject("item").getString("id")), Duration.ofSeconds(10));
      JsonObject target = console.await(m -> "item.updated".equals(m.getString("type"))
          && first.equals(m.getJsonObject("item").getString("id"))
          && m.getJsonObject("item").getInteger("askerCount") == 3, Duration.ofSeconds(10)).getJsonObject("item");
      assertEquals(3, target.getInteger("askerCount"));
      assertEquals(3, sql.count("SELECT asker_count FROM submissions WHERE id = ?", UUID.fromString(first)));

      assertEquals(200, act(second, "unmerge", new JsonObject(), editorA).statusCode());
      assertEquals(2, sql.count("SELECT asker_count FROM submissions WHERE id = ?", UUID.fromString(first)));
      Map<String, Object> back = sql.rows("SELECT status, merged_into, asker_name FROM submissions WHERE id = ?",
          UUID.fromString(second)).get(0);
      assertEquals("received", back.get("status"));
      assertNull(back.get("merged_into"));
      assertEquals("Bùi Thị Hạnh", back.get("asker_name"));
      assertError(act(first, "merge", new JsonObject().put("into", first), editorA), 400, "into.invalid");
      assertError(act(second, "unmerge", new JsonObject(), editorA), 409, "item.invalid_transition");
    }
  }

  @Test
  void theShowRunsThroughShortlistNextOnAirAndAnswered() {
    String a = ask("Hồ Văn Nam", "Giá điện sinh hoạt bậc thang có thay đổi không?");
    String b = ask("Kiều Thị Vân", "Khi nào kéo điện về ấp 5?");
    assertError(act(a, "answered", new JsonObject(), editorA), 409, "item.invalid_transition");
    assertEquals(200, act(a, "shortlist", new JsonObject().put("responder", "Giám đốc Sở Công Thương"), editorA)
        .statusCode());
    assertEquals(200, act(b, "shortlist", new JsonObject(), editorA).statusCode());
    assertEquals(200, act(b, "order", new JsonObject().put("position", 1), editorA).statusCode());
    assertEquals(200, act(a, "next", new JsonObject(), editorA).statusCode());
    assertEquals(200, act(a, "on-air", new JsonObject(), editorA).statusCode());
    assertError(act(a, "on-air", new JsonObject(), editorA), 409, "item.invalid_transition");
    assertError(act(a, "merge", new JsonObject().put("into", b), editorA), 409, "item.invalid_transition");
    assertEquals(200, act(b, "on-air", new JsonObject(), editorA).statusCode());
    assertEquals("next", status(a), "the question taken off air goes back to next");
    assertEquals("on_air", status(b));
    HttpResponse<Buffer> answered = act(b, "answered", new JsonObject(), editorA);
    assertEquals(200, answered.statusCode());
    assertNotNull(answered.bodyAsJsonObject().getString("answeredAt"));
    assertEquals(200, act(a, "defer", new JsonObject(), editorA).statusCode());
    assertEquals("deferred", status(a));
    assertError(act(b, "defer", new JsonObject(), editorA), 409, "item.invalid_transition");
    assertEquals(9, sql.count("SELECT count(*) FROM events WHERE episode_id = ? AND action LIKE 'item.%'",
        UUID.fromString(episode)), "every change is an event");
  }

  @Test
  void actionsNeedAnEditorAndAValidAction() {
    String item = ask("Tạ Văn Bảy", "Đường ống nước bị vỡ ở ngã ba");
    assertError(act(item, "claim", new JsonObject(), null), 401, "auth.required");
    assertError(act(item, "claim", new JsonObject(), node.token("operator")), 403, "auth.forbidden");
    assertError(act(item, "claim", new JsonObject(), node.token("studio")), 403, "auth.forbidden");
    assertError(act(item, "fly", new JsonObject(), editorA), 400, "action.invalid");
    assertError(act(UUID.randomUUID().toString(), "claim", new JsonObject(), editorA), 404, "item.not_found");
    assertEquals(0, sql.count("SELECT count(*) FROM events WHERE entity_id = ? AND action LIKE 'item.%'", item));
  }

  @Test
  void searchIgnoresAccentsAndSimilarQuestionsAreSuggested() {
    String water = ask("Nguyễn Thị Nở", "Khi nào xã Mỹ Yên có nước sạch sinh hoạt?");
    ask("Chí Phèo", "Điện chập chờn cả tuần nay");
    String twin = ask("Lão Hạc", "Bao giờ xã Mỹ Yên có nước sạch sinh hoạt vậy?");
    HttpResponse<Buffer> found = node.get("/api/episodes/" + episode + "/queue?q=nuoc%20sach", editorA);
    assertEquals(200, found.statusCode());
    JsonArray items = found.bodyAsJsonObject().getJsonArray("items");
    assertEquals(2, items.size(), items.encode());
    HttpResponse<Buffer> similar = node.get("/api/items/" + twin + "/similar", editorA);
    assertEquals(200, similar.statusCode());
    assertEquals(water, similar.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id"));
  }

  @Test
  void aReconnectingConsoleGetsWhatItMissedInOrderWithoutDuplicates() {
    String item = ask("Lê Thị Ba", "Xin hỏi về giá nước sạch");
    HttpResponse<Buffer> first = act(item, "categorize", new JsonObject().put("field", "Nước sạch"), editorA);
    long seen = first.bodyAsJsonObject().getLong("eventId");
    String later = ask("Lê Văn Tư", "Hỏi thêm về ống nước");
    act(item, "edit", new JsonObject().put("text", "Giá nước sạch năm nay bao nhiêu?"), editorA);
    try (SocketProbe console = SocketProbe.bearer(node.vertx(), node.port(),
        "/ws/moderation/" + episode + "?since=" + seen, editorA)) {
      console.awaitItem(later);
      JsonObject edit = console.await(m -> "item.updated".equals(m.getString("type")), Duration.ofSeconds(10));
      assertEquals("Giá nước sạch năm nay bao nhiêu?", edit.getJsonObject("item").getString("editedText"));
      assertTrue(edit.getLong("eventId") > seen);
      assertEquals(0, console.count(m -> "snapshot".equals(m.getString("type"))));
      assertEquals(0, console.itemCount(item), "the item seen before is not sent as new again");
      String next = ask("Lê Văn Năm", "Câu hỏi mới sau khi kết nối lại");
      console.awaitItem(next);
      assertEquals(1, console.itemCount(later));
    }
  }

  private String status(String item) {
    return (String) sql.rows("SELECT status FROM submissions WHERE id = ?", UUID.fromString(item)).get(0).get("status");
  }

  private String ask(String name, String text) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions", TestNode.question(name, text), null);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  static HttpResponse<Buffer> act(String item, String action, JsonObject extra, String token) {
    return node.postJson("/api/items/" + item + "/actions", extra.copy().put("action", action), token);
  }

  static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals(code, r.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertFalse(r.bodyAsJsonObject().getJsonObject("error").getString("message").isBlank());
  }
}
