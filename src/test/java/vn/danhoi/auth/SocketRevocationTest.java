package vn.danhoi.auth;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A socket outlives the request that authorised it: when that access ends, every node closes it. */
@ExtendWith(VertxExtension.class)
class SocketRevocationTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode a;
  static TestNode b;
  static Vertx vertxB;

  @BeforeAll
  static void start() {
    a = NODE.node();
    b = NODE.onAnotherMachine();
    vertxB = b.vertx();
  }

  @Test
  void disablingAnEditorClosesTheirConsoleOnEveryNode() {
    String episode = a.liveEpisode(null, null);
    String id = account("bientap.hoa", "editor");
    String cookie = logIn("bientap.hoa");
    try (SocketProbe onB = browserSocket(b, "/ws/moderation/" + episode, cookie);
         SocketProbe studioOnA = browserSocket(a, "/ws/studio/" + episode, cookie)) {
      onB.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      studioOnA.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      HttpResponse<Buffer> patched = TestNode.await(WebClient.create(a.vertx())
          .patch(a.port(), "localhost", "/api/staff/" + id).bearerTokenAuthentication(TestNode.ADMIN_TOKEN)
          .sendJsonObject(new JsonObject().put("active", false)));
      assertEquals(200, patched.statusCode(), patched.bodyAsString());
      onB.awaitClosed(Duration.ofSeconds(10));
      studioOnA.awaitClosed(Duration.ofSeconds(10));
    }
  }

  @Test
  void loggingOutClosesThatSessionsSocketsOnly() {
    String episode = a.liveEpisode(null, null);
    account("bientap.lan", "editor");
    String first = logIn("bientap.lan");
    String second = logIn("bientap.lan");
    try (SocketProbe kept = browserSocket(a, "/ws/moderation/" + episode, first);
         SocketProbe ended = browserSocket(b, "/ws/moderation/" + episode, second)) {
      kept.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      ended.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      JsonObject me = b.get("/api/auth/me", null).bodyAsJsonObject();
      assertEquals(401, b.get("/api/auth/me", null).statusCode(), me.encode());
      HttpResponse<Buffer> out = TestNode.await(WebClient.create(b.vertx())
          .post(b.port(), "localhost", "/api/auth/logout").putHeader("Cookie", second)
          .putHeader("X-CSRF-Token", csrf(b, second)).send());
      assertEquals(200, out.statusCode(), out.bodyAsString());
      ended.awaitClosed(Duration.ofSeconds(10));
      String later = a.postJson("/api/episodes/" + episode + "/questions",
          TestNode.question("Phan Văn Khải", "Câu hỏi sau khi một phiên đăng xuất"), null).bodyAsJsonObject()
          .getString("id");
      kept.awaitItem(later);
    }
  }

  @Test
  void revokingAMachineTokenClosesItsSockets() {
    String episode = a.liveEpisode(null, null);
    JsonObject token = a.postJson("/api/tokens", new JsonObject().put("name", "Màn hình trường quay 2")
        .put("role", "studio"), TestNode.ADMIN_TOKEN).bodyAsJsonObject();
    try (SocketProbe studio = SocketProbe.bearer(vertxB, b.port(), "/ws/studio/" + episode,
        token.getString("token"))) {
      studio.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      HttpResponse<Buffer> revoked = TestNode.await(WebClient.create(a.vertx())
          .delete(a.port(), "localhost", "/api/tokens/" + token.getString("id"))
          .bearerTokenAuthentication(TestNode.ADMIN_TOKEN).send());
      assertEquals(200, revoked.statusCode());
      studio.awaitClosed(Duration.ofSeconds(10));
    }
  }

  private static String account(String username, String role) {
    HttpResponse<Buffer> r = a.postJson("/api/staff", new JsonObject().put("username", username)
        .put("displayName", "Biên tập " + username).put("password", "mat-khau-dai-" + username)
        .put("roles", new JsonArray().add(role)), TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  /** Logs in and returns the Cookie header a browser would send. */
  private static String logIn(String username) {
    HttpResponse<Buffer> r = a.postJson("/api/auth/login", new JsonObject().put("username", username)
        .put("password", "mat-khau-dai-" + username), null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    String setCookie = r.cookies().stream().filter(c -> c.startsWith(StaffAuth.COOKIE + "=")).findFirst()
        .orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static String csrf(TestNode node, String cookie) {
    return TestNode.await(WebClient.create(node.vertx())
        .get(node.port(), "localhost", "/api/auth/me").putHeader("Cookie", cookie).send())
        .bodyAsJsonObject().getString("csrfToken");
  }

  private static SocketProbe browserSocket(TestNode node, String path, String cookie) {
    return SocketProbe.connect(node.vertx(), node.port(), path,
        Map.of("Cookie", cookie, "Origin", "http://localhost:" + node.port()));
  }

}
