package vn.danhoi.infra;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TcpProxy;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every response carries an X-Request-Id; an error body quotes it; a request the server fails (here with
 * PostgreSQL out of reach behind a proxy) is logged once, at ERROR, under that id, without its query string
 * or a token its path carries.
 */
@ExtendWith(VertxExtension.class)
class RequestIdTest {

  private static final String ID = "[0-9a-f]{20}";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().postgresThroughProxy().with("DANHOI_TRUST_PROXY", "true");

  static TcpProxy proxy;
  static TestNode behindProxy;
  static TestNode direct;
  static String episode;

  @BeforeAll
  static void start(Vertx vertx) {
    proxy = NODE.proxy();
    behindProxy = NODE.node();
    direct = TestNode.start(vertx, TestNode.env(NODE.db(), TestStores.redisUrl(), TestStores.newPrefix()));
    episode = behindProxy.liveEpisode(null, null);
  }

  @AfterAll
  static void stop() {
    direct.close();
  }

  @Test
  void everyResponseCarriesAnIdAndAnErrorQuotesIt() {
    HttpResponse<Buffer> ok = direct.get("/health", null);
    assertEquals(200, ok.statusCode());
    assertTrue(ok.getHeader(RequestIds.HEADER).matches(ID), ok.getHeader(RequestIds.HEADER));

    HttpResponse<Buffer> page = direct.get("/index.html", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.getHeader(RequestIds.HEADER).matches(ID));
    assertNotEquals(ok.getHeader(RequestIds.HEADER), page.getHeader(RequestIds.HEADER));

    HttpResponse<Buffer> missing = direct.get("/api/no-such-thing", null);
    assertEquals(404, missing.statusCode());
    assertEquals(missing.getHeader(RequestIds.HEADER), error(missing).getString("requestId"));

    HttpResponse<Buffer> invalid = direct.postJson("/api/episodes/" + episode + "/questions",
        new JsonObject().put("text", ""), null);
    assertEquals(400, invalid.statusCode());
    assertTrue(invalid.getHeader(RequestIds.HEADER).matches(ID));
    assertEquals(invalid.getHeader(RequestIds.HEADER), error(invalid).getString("requestId"));
  }

  @Test
  void aTrustedProxysIdIsKeptOnlyWhenShortAndPlain() {
    assertEquals("lb-7f3a.01_Z", withIncomingId(behindProxy, "lb-7f3a.01_Z").getHeader(RequestIds.HEADER));
    assertTrue(withIncomingId(behindProxy, "abc\" forged=1").getHeader(RequestIds.HEADER).matches(ID));
    assertTrue(withIncomingId(behindProxy, "x".repeat(65)).getHeader(RequestIds.HEADER).matches(ID));
    assertTrue(withIncomingId(direct, "lb-7f3a.01_Z").getHeader(RequestIds.HEADER).matches(ID),
        "a node not behind a trusted proxy makes its own id");
  }

  @Test
  void aServerFailureIsLoggedOnceUnderItsId() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    String viewToken = "Vt".repeat(16);
    proxy.cut();
    try {
      HttpResponse<Buffer> view = behindProxy.get("/ws/chair-view/" + viewToken, null);
      HttpResponse<Buffer> question = behindProxy.postJson("/api/episodes/" + episode + "/questions?phone=0912345678",
          TestNode.question("Trần Văn Bảy", "Khi nào sửa cầu Rạch Đào?"), null);

      for (HttpResponse<Buffer> r : List.of(view, question)) {
        assertEquals(503, r.statusCode(), r.bodyAsString());
        String id = r.getHeader(RequestIds.HEADER);
        assertEquals(id, error(r).getString("requestId"));
        List<ILoggingEvent> lines;
        synchronized (log) {
          lines = log.list.stream().filter(e -> e.getFormattedMessage().contains(id)).toList();
        }
        assertEquals(1, lines.size(), "one line per failed request: " + lines);
        ILoggingEvent line = lines.get(0);
        assertEquals(Level.ERROR, line.getLevel());
        assertNotNull(line.getThrowableProxy(), "the stack trace is in the line");
        assertEquals(id, line.getMDCPropertyMap().get(RequestIds.KEY));
        assertTrue(line.getFormattedMessage().contains("503"), line.getFormattedMessage());
      }
      String viewLine = only(log, view.getHeader(RequestIds.HEADER));
      assertTrue(viewLine.contains("GET /ws/chair-view/:token"), viewLine);
      assertFalse(viewLine.contains(viewToken), "the view link's token is a secret");
      String questionLine = only(log, question.getHeader(RequestIds.HEADER));
      assertTrue(questionLine.contains("POST /api/episodes/" + episode + "/questions "), questionLine);
      assertFalse(questionLine.contains("0912345678"), "the query string may hold personal data");
    } finally {
      proxy.restore();
      root.detachAppender(log);
    }
  }

  private static String only(ListAppender<ILoggingEvent> log, String id) {
    synchronized (log) {
      return log.list.stream().filter(e -> e.getFormattedMessage().contains(id)).findFirst().orElseThrow()
          .getFormattedMessage();
    }
  }

  private static HttpResponse<Buffer> withIncomingId(TestNode node, String incomingId) {
    HttpResponse<Buffer> r = node.post("/api/no-such-thing", Buffer.buffer("{}"), "application/json", null,
        MultiMap.caseInsensitiveMultiMap().add(RequestIds.HEADER, incomingId));
    assertEquals(404, r.statusCode());
    assertEquals(r.getHeader(RequestIds.HEADER), error(r).getString("requestId"));
    return r;
  }

  private static JsonObject error(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error");
  }
}
