package vn.danhoi.intake;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public question endpoint limits each client address with a token bucket kept in Redis: a burst of
 * five, then one a minute; the bucket is shared by every node.
 */
@ExtendWith(VertxExtension.class)
class RateLimitTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      // one token a minute: no refill can happen while a test runs, however slow the machine
      .with("DANHOI_RATE_LIMIT_PER_MINUTE", "1")
      .with("DANHOI_RATE_LIMIT_BURST", "5")
      .with("DANHOI_TRUST_PROXY", "true");

  static String prefix;
  static TestNode node;
  static Sql sql;
  static String episode;

  @BeforeAll
  static void start() {
    prefix = NODE.prefix();
    node = NODE.node();
    sql = NODE.sql();
    episode = node.liveEpisode("8085", "DT");
  }

  @Test
  void sixthQuickPostFromOneAddressIsLimitedWhileAnotherAddressGoesThrough() {
    // warm the path up from an unrelated address, so the six posts below are quick
    assertEquals(202, ask(node, "192.0.2.200", "Khởi động").statusCode());

    List<HttpResponse<Buffer>> replies = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      replies.add(ask(node, "203.0.113.7", "Câu hỏi số " + i + " về nước sạch ở xã Long Hựu"));
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(202, replies.get(i).statusCode(), "post " + (i + 1) + ": " + replies.get(i).bodyAsString());
    }
    assertLimited(replies.get(5));

    HttpResponse<Buffer> other = ask(node, "198.51.100.9", "Ở ấp Cầu Tre vẫn chưa có điện lưới");
    assertEquals(202, other.statusCode(), other.bodyAsString());

    assertEquals(5, sql.count("SELECT count(*) FROM submissions WHERE client_address = ?", "203.0.113.7"));
    assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE client_address = ?", "198.51.100.9"));
    assertEquals(0, sql.count("SELECT count(*) FROM submissions WHERE client_address = ? AND text = ?",
        "203.0.113.7", "Câu hỏi số 6 về nước sạch ở xã Long Hựu"));
  }

  @Test
  void oneAddressIsLimitedInTotalAcrossTwoNodes(Vertx vertx) {
    try (TestNode second = TestNode.start(vertx, NODE.env())) {
      assertEquals(202, ask(second, "192.0.2.201", "Khởi động nút thứ hai").statusCode());
      assertEquals(202, ask(node, "192.0.2.202", "Khởi động nút thứ nhất").statusCode());

      String address = "203.0.113.50";
      TestNode[] order = {node, second, node, second, node};
      for (int i = 0; i < order.length; i++) {
        HttpResponse<Buffer> r = ask(order[i], address, "Hai nút, câu hỏi " + (i + 1) + ": giá điện bậc thang");
        assertEquals(202, r.statusCode(), "post " + (i + 1) + ": " + r.bodyAsString());
      }
      assertLimited(ask(second, address, "Hai nút, câu hỏi 6: giá điện bậc thang"));
      assertLimited(ask(node, address, "Hai nút, câu hỏi 7: giá điện bậc thang"));

      assertEquals(5, sql.count("SELECT count(*) FROM submissions WHERE client_address = ?", address));
    }
  }

  @Test
  void aFloodOfConcurrentPostsFromOneAddressGetsExactlyItsBurst(Vertx vertx) {
    assertEquals(202, ask(node, "192.0.2.203", "Khởi động").statusCode());
    WebClient client = WebClient.wrap(vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(node.port()),
        new PoolOptions().setHttp1MaxSize(50)));
    try {
      // fifty at once from one address, interleaved with ten other addresses asking once each
      List<Future<HttpResponse<Buffer>>> flood = new ArrayList<>();
      List<Future<HttpResponse<Buffer>>> others = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        flood.add(client.post("/api/episodes/" + episode + "/questions").putHeader("X-Forwarded-For", "203.0.113.99")
            .sendJsonObject(TestNode.question("Trương Thị Lan", "Dồn dập số " + i + " về giá nước")));
        if (i % 5 == 0) {
          others.add(client.post("/api/episodes/" + episode + "/questions")
              .putHeader("X-Forwarded-For", "198.51.100." + (100 + i))
              .sendJsonObject(TestNode.question("Lê Văn Tám", "Câu hỏi riêng số " + i)));
        }
      }
      TestNode.await(Future.join(new ArrayList<>(flood)));
      TestNode.await(Future.join(new ArrayList<>(others)));
      assertEquals(5, flood.stream().filter(f -> f.result().statusCode() == 202).count());
      assertEquals(45, flood.stream().filter(f -> f.result().statusCode() == 429).count());
      assertTrue(others.stream().allMatch(f -> f.result().statusCode() == 202), "other addresses are not held back");
      assertEquals(5, sql.count("SELECT count(*) FROM submissions WHERE client_address = ?", "203.0.113.99"));
    } finally {
      client.close();
    }
  }

  private static HttpResponse<Buffer> ask(TestNode target, String address, String text) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", address);
    return target.post("/api/episodes/" + episode + "/questions",
        Buffer.buffer(TestNode.question("Trương Thị Lan", text).encode()), "application/json", null, headers);
  }

  private static void assertLimited(HttpResponse<Buffer> r) {
    assertEquals(429, r.statusCode(), r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertNotNull(error, r.bodyAsString());
    assertEquals("rate.limited", error.getString("code"));
    assertFalse(error.getString("message", "").isBlank());
    String retryAfter = r.getHeader("Retry-After");
    assertNotNull(retryAfter, "429 without Retry-After");
    int seconds = Integer.parseInt(retryAfter);
    assertTrue(seconds >= 1 && seconds <= 60, "Retry-After " + seconds);
  }
}
