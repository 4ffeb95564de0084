package vn.danhoi.platform;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.danhoi.support.FakeJsonApi;
import vn.danhoi.support.FakeYouTube;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A node that stops mid-show (a restart, a crash, a deploy) leaves its streams to whichever node runs next: the
 * next read goes on from the page token the last one stored, every comment is stored once, and two nodes running
 * side by side never store a comment twice.
 */
@ExtendWith(VertxExtension.class)
class LiveChatResumeTest {

  static final Vertx FAKE_VERTX = Vertx.vertx();
  static final FakeYouTube YOUTUBE = FakeYouTube.start(FAKE_VERTX);
  static final Duration WAIT = Duration.ofSeconds(20);

  @AfterAll
  static void stop() {
    YOUTUBE.close();
    FAKE_VERTX.close().await();
  }

  @Test
  void anotherNodeGoesOnFromTheStoredPageTokenAndStoresEachCommentOnce(Vertx vertx) {
    String db = TestStores.newDatabase();
    Sql sql = new Sql(db);
    Map<String, String> env = new HashMap<>(TestNode.env(db, TestStores.redisUrl(), TestStores.newPrefix()));
    env.put("DANHOI_YOUTUBE_API_URL", YOUTUBE.baseUrl());
    env.put("DANHOI_LIVECHAT_TICK_MS", "100");
    // a short lease: a node that died holding one gives the stream up this soon
    env.put("DANHOI_LIVECHAT_LEASE_MS", "1500");
    YOUTUBE.pollingIntervalMillis(200);
    YOUTUBE.pageSize(2);
    List<String> ids = new ArrayList<>();
    try {
      TestNode first = TestNode.start(vertx, env);
      String episode = first.liveEpisode(null, null);
      assertEquals(201, first.postJson("/api/episodes/" + episode + "/streams", new JsonObject()
          .put("platform", "youtube").put("sourceId", FakeYouTube.VIDEO_ID).put("credential", FakeYouTube.API_KEY),
          TestNode.ADMIN_TOKEN).statusCode());
      for (int i = 1; i <= 3; i++) {
        ids.add(YOUTUBE.addComment("Người xem " + i, "Câu hỏi thứ " + i + " về nước sạch ở ấp Bàu Sen?"));
      }
      sql.awaitRows(WAIT, "SELECT 1 FROM live_comments WHERE external_id = ?", ids.get(2));
      first.close();
      String stored = (String) sql.rows("SELECT cursor FROM platform_streams").get(0).get("cursor");

      // while no node runs, the chat goes on
      for (int i = 4; i <= 7; i++) {
        ids.add(YOUTUBE.addComment("Người xem " + i, "Câu hỏi thứ " + i + " về điện ở ấp Bàu Sen?"));
      }
      int seenBefore = YOUTUBE.requests().size();
      TestNode second = TestNode.start(vertx, env);
      TestNode third = TestNode.start(vertx, env);
      try {
        sql.awaitRows(WAIT, "SELECT 1 FROM live_comments WHERE external_id = ?", ids.get(6));
        FakeJsonApi.Request resumed = YOUTUBE.requests().stream().skip(seenBefore)
            .filter(r -> r.path().endsWith("/liveChat/messages")).findFirst().orElseThrow();
        assertEquals(stored, resumed.param("pageToken"), "the first read after the restart goes on from the stored token");
        for (int i = 8; i <= 11; i++) {
          ids.add(YOUTUBE.addComment("Người xem " + i, "Câu hỏi thứ " + i + " về trường học ở ấp Bàu Sen?"));
        }
        sql.awaitRows(WAIT, "SELECT 1 FROM live_comments WHERE external_id = ?", ids.get(10));
        assertEquals(ids.size(), sql.count("SELECT count(*) FROM live_comments"));
        assertEquals(ids.size(), sql.count("SELECT count(DISTINCT external_id) FROM live_comments"));
      } finally {
        third.close();
        second.close();
      }
    } finally {
      TestStores.dropDatabase(db);
    }
  }
}
