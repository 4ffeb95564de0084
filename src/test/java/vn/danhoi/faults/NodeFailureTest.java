package vn.danhoi.faults;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.danhoi.DanhoiApp;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.support.BlockedThreadWatch;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TcpProxy;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes on one PostgreSQL and one Redis; node A reaches Redis through a proxy the test can cut or slow
 * down, node B directly. A node that dies, or loses or waits on Redis, must not strand anything.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class NodeFailureTest {

  String db;
  TcpProxy proxy;
  Vertx vertxA;
  DanhoiApp a;
  int portA;
  TestNode b;
  Sql sql;
  String episode;
  String editor;
  WebClient http;

  @BeforeEach
  void start(Vertx vertx) {
    db = TestStores.newDatabase();
    String prefix = TestStores.newPrefix();
    URI redis = URI.create(TestStores.redisUrl());
    proxy = new TcpProxy(vertx, redis.getHost(), redis.getPort());
    int proxied = proxy.start();
    Map<String, String> envA = new HashMap<>(TestNode.env(db, "redis://127.0.0.1:" + proxied, prefix));
    envA.put("DANHOI_CLAIM_TTL_SECONDS", "2");
    portA = TestStores.freePort();
    envA.put("DANHOI_HTTP_PORT", Integer.toString(portA));
    // node A lives in its own Vert.x so the test can kill it without a graceful stop
    vertxA = Vertx.vertx();
    a = TestNode.await(DanhoiApp.start(vertxA, AppConfig.load(envA)));
    Map<String, String> envB = new HashMap<>(TestNode.env(db, TestStores.redisUrl(), prefix));
    envB.put("DANHOI_CLAIM_TTL_SECONDS", "2");
    b = TestNode.start(vertx, envB);
    sql = new Sql(db);
    episode = b.liveEpisode(null, null);
    editor = b.token("editor");
    http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
  }

  @AfterEach
  void stop() {
    http.close();
    b.close();
    if (a != null) {
      TestNode.await(a.stop());
      // awaited on its own: a callback chained after close would need the event loops being closed
      TestNode.await(vertxA.close());
    }
    proxy.close();
    TestStores.dropDatabase(db);
  }

  @Test
  void aKilledNodesCommittedSubmissionsAreQueuedByAnotherAndItsClaimsLapse() throws Exception {
    try (SocketProbe moderator = b.moderationSocket(episode, editor)) {
      moderator.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      String claimed = submitTo(portA, "Câu hỏi được giữ bởi biên tập viên trên nút A");
      moderator.awaitItem(claimed);
      assertEquals(200, actOn(portA, claimed, "claim", editor).statusCode());

      proxy.cut();
      String first = submitTo(portA, "Gửi tới nút A khi nút này mất Redis");
      String second = submitTo(portA, "Câu hỏi thứ hai gửi tới nút A");
      // committed by A, which cannot queue them (its Redis is gone); B's relay may already be sweeping them
      assertEquals(3, sql.submissions(), "both committed by A although its Redis is gone");

      // kill A: no graceful stop, its relay dies with its outbox unsent
      vertxA.close().await(10, TimeUnit.SECONDS);
      a = null;

      moderator.awaitItem(first);
      moderator.awaitItem(second);
      assertEquals(1, moderator.itemCount(first));
      assertEquals(1, moderator.itemCount(second));

      String other = b.token("editor");
      assertEquals(409, actOn(b.port(), claimed, "claim", other).statusCode(), "the claim still holds at first");
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      int status;
      do {
        status = actOn(b.port(), claimed, "claim", other).statusCode();
      } while (status == 409 && System.nanoTime() < deadline);
      assertEquals(200, status, "the dead node's editor's claim lapsed and another editor took the item");
    }
  }

  @Test
  void aSlowRedisNeverStallsTheNodeAndTimeoutsAreBounded() {
    try (BlockedThreadWatch watch = new BlockedThreadWatch();
         SocketProbe moderator = SocketProbe.bearer(vertxA, portA, "/ws/moderation/" + episode, editor)) {
      moderator.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      proxy.latency(3000);
      long started = System.nanoTime();
      Future<HttpResponse<Buffer>> slow = http.post(portA, "localhost", "/api/episodes/" + episode + "/questions")
          .sendJsonObject(TestNode.question("Đinh Văn Sơn", "Hỏi khi Redis chậm"));
      // while that request waits on Redis, the same node answers others at once
      HttpResponse<Buffer> episodes = TestNode.await(http.get(portA, "localhost", "/api/episodes").send());
      assertEquals(200, episodes.statusCode());
      assertFalse(slow.isComplete(), "the list answered while the submission was still waiting on Redis");
      HttpResponse<Buffer> accepted = TestNode.await(slow);
      assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
      assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "Redis waits are bounded");
      HttpResponse<Buffer> health = TestNode.await(http.get(portA, "localhost", "/health").send());
      assertEquals("DOWN", health.bodyAsJsonObject().getJsonObject("checks").getString("redis"));

      proxy.latency(0);
      moderator.awaitItem(accepted.bodyAsJsonObject().getString("id"));
      assertEquals(List.of(), watch.warnings(), "no event loop was blocked while Redis was slow");
    }
  }

  @Test
  void theWatchSeesAnEventLoopThatIsBlocked() {
    // the check above is only worth something if a blocked loop does show up in the watch
    Vertx strict = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(20)
        .setMaxEventLoopExecuteTime(50).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    try (BlockedThreadWatch watch = new BlockedThreadWatch()) {
      TestNode.await(strict.getOrCreateContext().<Void>executeBlocking(() -> null, false)
          .compose(v -> {
            Promise<Void> blocked = Promise.promise();
            strict.runOnContext(x -> {
              long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
              while (System.nanoTime() < until) {
                Thread.onSpinWait();
              }
              blocked.complete();
            });
            return blocked.future();
          }));
      assertFalse(watch.warnings().isEmpty(), "the 400 ms block was reported");
    } finally {
      strict.close();
    }
  }

  @Test
  void theStudioOnAnotherNodeShowsWhatWentOnAirWhileRedisWasAway() {
    String item = submitTo(b.port(), "Câu hỏi lên sóng khi Redis mất");
    try (SocketProbe studio = SocketProbe.bearer(b.vertx(), b.port(), "/ws/studio/" + episode, b.token("studio"))) {
      studio.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      proxy.cut();
      assertEquals(200, actOn(portA, item, "on-air", editor).statusCode(), "the action is committed");
      proxy.restore();
      JsonObject update = studio.await(m -> "studio.update".equals(m.getString("type")) && m.getValue("onAir") != null,
          Duration.ofSeconds(15));
      assertEquals(item, update.getJsonObject("onAir").getString("id"));
    }
  }

  @Test
  void theChairScreenOnTheNodeThatLostRedisShowsWhatAnotherNodeChangedMeanwhile() {
    sql.rows("UPDATE episodes SET kind = 'accountability' WHERE id = ?", UUID.fromString(episode));
    HttpResponse<Buffer> speaker = b.postJson("/api/episodes/" + episode + "/speakers", new JsonObject()
        .put("delegateName", "Đại biểu Lò Thị Hoa").put("room", "Điểm cầu huyện Điện Biên Đông")
        .put("subject", "Nước sạch cho bản Phì Nhừ").put("agency", "Sở Nông nghiệp và Môi trường"), editor);
    assertEquals(201, speaker.statusCode(), speaker.bodyAsString());
    String speakerId = speaker.bodyAsJsonObject().getString("id");
    try (SocketProbe chair = SocketProbe.bearer(vertxA, portA, "/ws/chair/" + episode, editor)) {
      chair.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      proxy.cut();
      // node B publishes the change while node A's Pub/Sub connection is down: A never hears it
      assertEquals(200, b.postJson("/api/episodes/" + episode + "/chair", new JsonObject().put("action", "next"), editor)
          .statusCode());
      proxy.restore();
      JsonObject update = chair.await(m -> "chair.update".equals(m.getString("type"))
          && m.getJsonObject("speaker") != null, Duration.ofSeconds(15));
      assertEquals(speakerId, update.getJsonObject("speaker").getString("id"));
    }
  }

  private String submitTo(int port, String text) {
    HttpResponse<Buffer> r = TestNode.await(http.post(port, "localhost", "/api/episodes/" + episode + "/questions")
        .sendJsonObject(TestNode.question("Trịnh Thị Mai", text)));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private HttpResponse<Buffer> actOn(int port, String item, String action, String token) {
    return TestNode.await(http.post(port, "localhost", "/api/items/" + item + "/actions")
        .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("action", action)));
  }
}
