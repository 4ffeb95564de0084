package vn.danhoi.platform;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.FakeFacebookGraph;
import vn.danhoi.support.FakeYouTube;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A viewer's comment under the YouTube stream or on the Facebook live video reaches the editors' live-chat tab
 * through the real server, PostgreSQL and Redis, once, with the platforms played by local fakes that speak their
 * documented APIs; an editor takes it into the main queue with one request; credentials never come back out;
 * one platform's outage leaves the other and the hotline as they were.
 */
@ExtendWith(VertxExtension.class)
class LiveChatBoardTest {

  static final Vertx FAKE_VERTX = Vertx.vertx();
  static final FakeYouTube YOUTUBE = FakeYouTube.start(FAKE_VERTX);
  static final FakeFacebookGraph FACEBOOK = FakeFacebookGraph.start(FAKE_VERTX);
  static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with("DANHOI_YOUTUBE_API_URL", YOUTUBE.baseUrl())
      .with("DANHOI_FACEBOOK_GRAPH_URL", FACEBOOK.baseUrl())
      .with("DANHOI_FACEBOOK_POLL_MS", "1000")
      .with("DANHOI_LIVECHAT_TICK_MS", "100")
      .with("DANHOI_LIVECHAT_RETRY_MS", "200")
      .with("DANHOI_LIVECHAT_MAX_RETRY_MS", "1000");

  static TestNode node;
  static Sql sql;
  static String episode;
  static StaffSession editor;
  static StaffSession operator;
  static final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    YOUTUBE.pollingIntervalMillis(1000);
    episode = node.liveEpisode("8077", "DT");
    editor = StaffSession.create(node, "bientap.lan", "Trần Thị Lan", List.of("editor"), null, null);
    operator = StaffSession.create(node, "dienthoai.hung", "Lê Văn Hùng", List.of("operator"), null, null);
    assertEquals(201, addStream("youtube", "https://www.youtube.com/watch?v=" + FakeYouTube.VIDEO_ID,
        FakeYouTube.API_KEY).statusCode());
    assertEquals(201, addStream("facebook", FakeFacebookGraph.LIVE_VIDEO_ID, FakeFacebookGraph.PAGE_TOKEN)
        .statusCode());
  }

  @AfterAll
  static void stop() {
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    if (!sorted.isEmpty()) {
      // for the closing note: from the fake platform taking the comment to the editors' API listing it
      System.out.println("Live chat delivery latency, fake platform to board (ms), n=" + sorted.size() + ": p50="
          + sorted.get(sorted.size() / 2) + " max=" + sorted.get(sorted.size() - 1) + " all=" + sorted);
    }
    YOUTUBE.close();
    FACEBOOK.close();
    FAKE_VERTX.close().await();
  }

  static HttpResponse<Buffer> addStream(String platform, String source, String credential) {
    return node.postJson("/api/episodes/" + episode + "/streams", new JsonObject().put("platform", platform)
        .put("sourceId", source).put("credential", credential).put("label", "Kênh THTV"), TestNode.ADMIN_TOKEN);
  }

  static JsonArray comments(String query) {
    HttpResponse<Buffer> r = editor.get("/api/episodes/" + episode + "/live-comments?" + query);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("comments");
  }

  /** Reads the board until a comment matches, and records how long it took from {@code since}. */
  static JsonObject awaitComment(String query, Predicate<JsonObject> match, long since) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Object o : comments(query)) {
        JsonObject c = (JsonObject) o;
        if (match.test(c)) {
          latencies.add((System.nanoTime() - since) / 1_000_000);
          return c;
        }
      }
      TestNode.await(node.vertx().timer(50));
    }
    throw new AssertionError("no matching comment within " + WAIT + ": " + comments(query).encodePrettily()
        + " streams: " + sql.rows("SELECT platform, state, last_error, cursor FROM platform_streams"));
  }

  static Predicate<JsonObject> text(String t) {
    return c -> t.equals(c.getString("text"));
  }

  @Test
  void aYouTubeCommentReachesTheBoardOnceAndIsTakenIntoTheQueue() {
    String question = "Cho em hỏi khi nào đường ĐT 781 qua xã Tân Hòa được sửa ạ?";
    long t0 = System.nanoTime();
    String id = YOUTUBE.addComment("Nguyễn Thị Mai", question);
    JsonObject c = awaitComment("", text(question), t0);
    assertEquals("youtube", c.getString("platform"));
    assertEquals("Nguyễn Thị Mai", c.getString("author"));
    assertTrue(c.getBoolean("question"));
    // read again and again by the poller, stored once
    long reads = YOUTUBE.count("/liveChat/messages");
    awaitReads("/liveChat/messages", reads + 2);
    assertEquals(1, sql.count("SELECT count(*) FROM live_comments WHERE external_id = ?", id));

    HttpResponse<Buffer> taken = editor.postJson("/api/live-comments/" + c.getString("id") + "/take", new JsonObject());
    assertEquals(200, taken.statusCode(), taken.bodyAsString());
    String submission = taken.bodyAsJsonObject().getString("id");
    assertNotNull(taken.bodyAsJsonObject().getString("receipt"));
    Map<String, Object> row = sql.rows("SELECT channel, asker_name, text, episode_id::text AS episode, status, "
        + "phone FROM submissions WHERE id = ?::uuid", submission).get(0);
    assertEquals("youtube", row.get("channel"));
    assertEquals("Nguyễn Thị Mai", row.get("asker_name"));
    assertEquals(question, row.get("text"));
    assertEquals(episode, row.get("episode"));
    assertEquals(null, row.get("phone"));
    // relayed to the moderators' queue like any other channel's
    sql.awaitRows(WAIT, "SELECT 1 FROM submission_queue WHERE submission_id = ?::uuid AND queued_at IS NOT NULL",
        submission);

    HttpResponse<Buffer> again = editor.postJson("/api/live-comments/" + c.getString("id") + "/take", new JsonObject());
    assertEquals(200, again.statusCode());
    assertTrue(again.bodyAsJsonObject().getBoolean("duplicate"));
    assertEquals(submission, again.bodyAsJsonObject().getString("id"));
    assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE channel = 'youtube' AND external_id = ?", id));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'live_comment.taken' AND actor = ?",
        editor.actor()));

    // an operator may not take comments
    assertEquals(403, operator.postJson("/api/live-comments/" + c.getString("id") + "/take", new JsonObject())
        .statusCode());
  }

  static void awaitReads(String path, long atLeast) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (YOUTUBE.count(path) < atLeast) {
      assertTrue(System.nanoTime() < deadline, "the poller stopped reading " + path);
      TestNode.await(node.vertx().timer(50));
    }
  }

  @Test
  void aFacebookCommentReachesTheBoardWithOrWithoutItsAuthor() {
    String question = "Xin hỏi bao giờ trạm y tế phường 3 có bác sĩ trực đêm?";
    long t0 = System.nanoTime();
    FACEBOOK.addComment("Lê Hoàng Nam", question);
    JsonObject c = awaitComment("", text(question), t0);
    assertEquals("facebook", c.getString("platform"));
    assertEquals("Lê Hoàng Nam", c.getString("author"));

    String anonymous = "Đề nghị tỉnh trả lời vì sao tiền đền bù dự án khu công nghiệp chậm ba năm?";
    long t1 = System.nanoTime();
    FACEBOOK.addAnonymousComment(anonymous);
    JsonObject a = awaitComment("", text(anonymous), t1);
    assertEquals(null, a.getString("author"));
  }

  @Test
  void theFiltersKeepQuestionsAndHideRepeatsProfanityAndSpam() {
    long t0 = System.nanoTime();
    YOUTUBE.addComment("Phạm Văn Tư", "Chào buổi tối cả nhà ❤️❤️");
    YOUTUBE.addComment("Phạm Văn Tư", "Tại sao nước sinh hoạt ở ấp Bến Cừ bị đục cả tháng nay?");
    YOUTUBE.addComment("Phạm Văn Tư", "Tại sao nước sinh hoạt ở ấp Bến Cừ bị đục cả tháng nay???");
    YOUTUBE.addComment("Shop Uy Tín", "Nhà cái uy tín nạp rút nhanh vào link bit.ly/abc123 nhận thưởng");
    YOUTUBE.addComment("Ẩn danh 99", "vcl chương trình gì mà dở thế, đm");
    String last = "Tuyệt vời, cảm ơn đài";
    YOUTUBE.addComment("Võ Thị Hạnh", last);
    awaitComment("", text(last), t0);

    JsonArray all = comments("after=0");
    JsonArray filtered = comments("questions=1&hideRepeats=1&hideBlocked=1");
    List<String> texts = filtered.stream().map(o -> ((JsonObject) o).getString("text")).toList();
    assertTrue(texts.contains("Tại sao nước sinh hoạt ở ấp Bến Cừ bị đục cả tháng nay?"), texts.toString());
    assertFalse(texts.contains("Tại sao nước sinh hoạt ở ấp Bến Cừ bị đục cả tháng nay???"), texts.toString());
    assertFalse(texts.stream().anyMatch(t -> t.contains("Nhà cái") || t.contains("vcl") || t.contains("Chào buổi")
        || t.equals(last)), texts.toString());
    JsonObject spam = find(all, "Nhà cái");
    assertEquals("spam", spam.getString("blocked"));
    assertEquals("profanity", find(all, "vcl").getString("blocked"));
    assertTrue(find(all, "bị đục cả tháng nay???").getBoolean("repeated"));

    // the office adds a word; comments read from then on are judged by it, on every node within the reload
    HttpResponse<Buffer> words = editor.get("/api/live-chat/blocked-words");
    List<String> entries = new ArrayList<>(words.bodyAsJsonObject().getJsonArray("entries").stream()
        .map(Object::toString).toList());
    entries.add("[spam]");
    entries.add("bán sim số đẹp");
    HttpResponse<Buffer> saved = editor.putJson("/api/live-chat/blocked-words",
        new JsonObject().put("entries", new JsonArray(entries)));
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    String sim = "Ai cần bán sim số đẹp giá rẻ không?";
    long t1 = System.nanoTime();
    YOUTUBE.addComment("Đại lý Sim", sim);
    assertEquals("spam", awaitComment("", text(sim), t1).getString("blocked"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'live_chat_rules.updated'"));
  }

  static JsonObject find(JsonArray list, String part) {
    return list.stream().map(o -> (JsonObject) o).filter(c -> c.getString("text").contains(part)).findFirst()
        .orElseThrow(() -> new AssertionError("no comment with " + part + " in " + list.encodePrettily()));
  }

  @Test
  void credentialsAreWriteOnlyAndAdminOnly() {
    HttpResponse<Buffer> byEditor = editor.postJson("/api/episodes/" + episode + "/streams", new JsonObject()
        .put("platform", "youtube").put("sourceId", "abcdefghijk").put("credential", "AIzaSy-editor-may-not"));
    assertEquals(403, byEditor.statusCode());
    HttpResponse<Buffer> list = editor.get("/api/episodes/" + episode + "/streams");
    assertEquals(200, list.statusCode());
    HttpResponse<Buffer> status = editor.get("/api/platforms/status?episode=" + episode);
    HttpResponse<Buffer> health = node.get("/health", null);
    for (HttpResponse<Buffer> r : List.of(list, status, health)) {
      assertFalse(r.bodyAsString().contains(FakeYouTube.API_KEY), r.bodyAsString());
      assertFalse(r.bodyAsString().contains(FakeFacebookGraph.PAGE_TOKEN), r.bodyAsString());
    }
    assertTrue(list.bodyAsJsonObject().getJsonArray("streams").stream()
        .allMatch(s -> ((JsonObject) s).getBoolean("credentialSet")));
    assertEquals(0, sql.count("SELECT count(*) FROM events WHERE coalesce(after::text, '') LIKE ? "
        + "OR coalesce(after::text, '') LIKE ?", "%" + FakeYouTube.API_KEY + "%", "%" + FakeFacebookGraph.PAGE_TOKEN + "%"));

    HttpResponse<Buffer> bad = node.postJson("/api/episodes/" + episode + "/streams", new JsonObject()
        .put("platform", "youtube").put("sourceId", "not a video").put("credential", "AIzaSy-0123456789"),
        TestNode.ADMIN_TOKEN);
    assertEquals(400, bad.statusCode());
    assertEquals("sourceId", bad.bodyAsJsonObject().getJsonObject("error").getString("field"), bad.bodyAsString());
    HttpResponse<Buffer> noKey = node.postJson("/api/episodes/" + episode + "/streams", new JsonObject()
        .put("platform", "tiktok").put("sourceId", "x").put("credential", "y"), TestNode.ADMIN_TOKEN);
    assertEquals(400, noKey.statusCode());
    assertEquals("platform", noKey.bodyAsJsonObject().getJsonObject("error").getString("field"), noKey.bodyAsString());
  }
}
