package vn.danhoi.infra;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser-side defences every response carries (CSP without inline script, no sniffing, no referrer, no
 * framing except the studio page where configured), CORS closed, and the legal basis stored per channel.
 */
@ExtendWith(VertxExtension.class)
class SecurityHeadersTest {

  static final String OBS = "https://obs.dai-truyen-hinh.vn";
  static final String PUBLIC_URL = "https://danhoi.dai-truyen-hinh.vn";
  static final List<String> PAGES = List.of("/", "/index.html", "/operator.html", "/moderation.html", "/studio.html",
      "/live.html", "/login.html", "/admin.html", "/chair.html", "/dialogue.html", "/session.html");
  static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc\\s*=)[^>]*>", Pattern.CASE_INSENSITIVE);
  static final Pattern EVENT_ATTRIBUTE = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;
  static TestNode framed;
  static Sql sql;
  static String episode;

  @BeforeAll
  static void start() {
    node = NODE.node();
    // a second node of the same deployment whose studio page the hosts' broadcast software may frame
    framed = NODE.another(env -> {
      env.put("DANHOI_STUDIO_FRAME_ANCESTORS", OBS);
      env.put("DANHOI_PUBLIC_URL", PUBLIC_URL);
    });
    sql = NODE.sql();
    episode = node.liveEpisode("8085", "HOI");
  }

  @Test
  void everyPageAndRouteCarriesTheSecurityHeaders() {
    List<String> paths = new ArrayList<>(PAGES);
    paths.addAll(List.of("/js/api.js", "/js/studio.js", "/css/app.css", "/api/episodes", "/api/episodes/" + episode,
        "/health", "/api/khong-co-dia-chi-nay", "/trang-khong-ton-tai.html", "/api/audit", "/api/privacy/retention"));
    for (String path : paths) {
      HttpResponse<Buffer> r = send(node, HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap());
      if (PAGES.contains(path) || path.startsWith("/js/") || path.startsWith("/css/")
          || path.startsWith("/api/episodes") || path.equals("/health")) {
        assertEquals(200, r.statusCode(), path + " is served");
      }
      assertCommonHeaders(path, r);
      assertNotFramable(path, r);
    }
    // errors written by the failure handler keep them as well
    HttpResponse<Buffer> refused = send(node, HttpMethod.POST, "/api/privacy/erase", MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json"));
    assertEquals(401, refused.statusCode());
    assertCommonHeaders("POST /api/privacy/erase", refused);
    assertNotFramable("POST /api/privacy/erase", refused);
  }

  @Test
  void thePagesHaveNoInlineScriptTheirPolicyWouldBlock() {
    for (String path : PAGES) {
      HttpResponse<Buffer> r = send(node, HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap());
      assertEquals(200, r.statusCode(), path);
      String html = r.body().toString(StandardCharsets.UTF_8);
      assertTrue(html.toLowerCase(Locale.ROOT).contains("<script"), path + " loads its script");
      Matcher inline = INLINE_SCRIPT.matcher(html);
      assertFalse(inline.find(), () -> path + " has an inline script at " + inline.start());
      Matcher handler = EVENT_ATTRIBUTE.matcher(html);
      assertFalse(handler.find(), () -> path + " has an inline event handler at " + handler.start());
      assertFalse(html.toLowerCase(Locale.ROOT).contains("javascript:"), path + " has a javascript: URL");
    }
  }

  @Test
  void onlyTheStudioPageFollowsTheConfiguredFrameAncestors() {
    // default configuration: the studio page may not be framed either
    HttpResponse<Buffer> closed = send(node, HttpMethod.GET, "/studio.html", MultiMap.caseInsensitiveMultiMap());
    assertEquals(List.of("'none'"), directive(closed, "frame-ancestors"));
    assertEquals("DENY", closed.getHeader("X-Frame-Options"));

    for (String path : List.of("/studio.html", "/studio.html?man-hinh=2")) {
      HttpResponse<Buffer> studio = send(framed, HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap());
      assertEquals(200, studio.statusCode());
      assertCommonHeaders(path, studio);
      assertEquals(List.of(OBS), directive(studio, "frame-ancestors"), path);
      assertNull(studio.getHeader("X-Frame-Options"), "X-Frame-Options would forbid what the CSP allows");
    }
    for (String path : List.of("/", "/moderation.html", "/operator.html", "/live.html", "/login.html", "/js/studio.js",
        "/api/episodes", "/health")) {
      HttpResponse<Buffer> r = send(framed, HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap());
      assertCommonHeaders(path, r);
      assertNotFramable(path + " on the framed node", r);
    }
  }

  @Test
  void socketsMayConnectOnlyToThePagesOwnOriginAndThePublicUrl() {
    for (String path : List.of("/moderation.html", "/studio.html", "/live.html", "/api/episodes")) {
      assertEquals(List.of("'self'"), directive(send(node, HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap()),
          "connect-src"), path);
      assertEquals(List.of("'self'", "wss://danhoi.dai-truyen-hinh.vn"), directive(send(framed, HttpMethod.GET, path,
          MultiMap.caseInsensitiveMultiMap()), "connect-src"), path + " with a public URL");
    }
  }

  @Test
  void corsIsClosed() {
    for (TestNode n : List.of(node, framed)) {
      MultiMap preflight = MultiMap.caseInsensitiveMultiMap()
          .add("Origin", "https://evil.example")
          .add("Access-Control-Request-Method", "POST")
          .add("Access-Control-Request-Headers", "content-type, x-csrf-token");
      for (String path : List.of("/api/episodes/" + episode + "/questions", "/api/privacy/erase", "/api/auth/login")) {
        HttpResponse<Buffer> r = send(n, HttpMethod.OPTIONS, path, preflight);
        assertNoCors("OPTIONS " + path, r);
      }
      MultiMap origin = MultiMap.caseInsensitiveMultiMap().add("Origin", "https://evil.example");
      for (String path : List.of("/api/episodes", "/api/episodes/" + episode, "/api/auth/me", "/health")) {
        HttpResponse<Buffer> r = send(n, HttpMethod.GET, path, origin);
        assertNoCors("GET " + path, r);
      }
      HttpResponse<Buffer> post = n.post("/api/episodes/" + episode + "/questions", Buffer.buffer(TestNode
          .question("Hà Văn Tuấn", "Câu hỏi gửi từ một trang lạ").encode()), "application/json", null, origin);
      assertNoCors("POST questions", post);
    }
  }

  @Test
  void consentIsStoredWithTheBasisOfEachChannel() {
    HttpResponse<Buffer> web = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Ông Văn Đức", "Khi nào nâng cấp trạm y tế xã?"), null);
    assertEquals(202, web.statusCode(), web.bodyAsString());
    byte[] smsBody = new JsonObject().put("from", "+84945123456").put("to", "8085")
        .put("text", "HOI Trợ cấp người cao tuổi nhận ở đâu?").put("messageId", "gw-" + UUID.randomUUID()).encode()
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<Buffer> sms = node.post("/api/intake/sms", Buffer.buffer(smsBody), "application/json", null,
        MultiMap.caseInsensitiveMultiMap().add("X-Signature-256", SmsSignature.sign(TestNode.SMS_SECRET, smsBody)));
    assertEquals(200, sms.statusCode(), sms.bodyAsString());
    HttpResponse<Buffer> call = node.postJson("/api/episodes/" + episode + "/calls", new JsonObject()
        .put("callerName", "Bà Năm Thơm").put("callerPhone", "0945 654 321").put("locality", "Xã An Thạnh")
        .put("text", "Xin hỏi về bảo hiểm y tế hộ gia đình"), node.token("operator"));
    assertEquals(201, call.statusCode(), call.bodyAsString());

    Map<String, Object> w = basis(web.bodyAsJsonObject().getString("id"));
    assertEquals("web", w.get("channel"));
    assertEquals(true, w.get("consent"));
    assertTrue(((String) w.get("consent_basis")).startsWith("web-form:"), String.valueOf(w.get("consent_basis")));
    assertTrue(((String) w.get("consent_basis")).length() > "web-form:".length(), "the consent text's version");
    assertNotNull(w.get("received_at"), "when consent was given");
    Map<String, Object> s = basis(sms.bodyAsJsonObject().getString("id"));
    assertEquals("sms", s.get("channel"));
    assertEquals("sms", s.get("consent_basis"));
    Map<String, Object> h = basis(call.bodyAsJsonObject().getString("id"));
    assertEquals("hotline", h.get("channel"));
    assertEquals("hotline-call", h.get("consent_basis"));

    // without consent a web question is refused and nothing is kept
    long before = sql.submissions();
    for (Object consent : Arrays.asList(false, null)) {
      JsonObject q = TestNode.question("Ông Văn Đức", "Câu hỏi không kèm đồng ý");
      q.put("consent", consent);
      HttpResponse<Buffer> refused = node.postJson("/api/episodes/" + episode + "/questions", q, null);
      assertEquals(400, refused.statusCode(), refused.bodyAsString());
      assertEquals("consent.required", refused.bodyAsJsonObject().getJsonObject("error").getString("code"));
    }
    assertEquals(before, sql.submissions());
  }

  // ---- helpers ----

  private static Map<String, Object> basis(String id) {
    return sql.rows("SELECT channel, consent, consent_basis, received_at FROM submissions WHERE id = ?",
        UUID.fromString(id)).get(0);
  }

  private static void assertCommonHeaders(String path, HttpResponse<Buffer> r) {
    String csp = r.getHeader("Content-Security-Policy");
    assertNotNull(csp, path + " has no Content-Security-Policy");
    List<String> script = directive(r, "script-src");
    assertNotNull(script, path + ": no script-src in " + csp);
    assertTrue(script.contains("'self'"), path + ": " + csp);
    for (String loose : List.of("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")) {
      assertFalse(script.contains(loose), path + ": script-src allows " + loose);
    }
    assertFalse(csp.contains("'unsafe-inline'"), path + ": " + csp);
    List<String> connect = directive(r, "connect-src");
    assertNotNull(connect, path + ": no connect-src in " + csp);
    for (String loose : List.of("ws:", "wss:", "*", "http:", "https:")) {
      assertFalse(connect.contains(loose), path + ": connect-src allows " + loose + " (any host)");
    }
    assertNotNull(directive(r, "frame-ancestors"), path + ": no frame-ancestors in " + csp);
    assertEquals("nosniff", r.getHeader("X-Content-Type-Options"), path);
    String referrer = r.getHeader("Referrer-Policy");
    assertNotNull(referrer, path + " has no Referrer-Policy");
    assertTrue(List.of("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin")
        .contains(referrer), path + ": Referrer-Policy " + referrer);
  }

  private static void assertNotFramable(String path, HttpResponse<Buffer> r) {
    assertEquals(List.of("'none'"), directive(r, "frame-ancestors"), path);
    assertEquals("DENY", r.getHeader("X-Frame-Options"), path);
  }

  private static void assertNoCors(String what, HttpResponse<Buffer> r) {
    for (String header : List.of("Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
        "Access-Control-Allow-Methods", "Access-Control-Allow-Headers")) {
      assertNull(r.getHeader(header), what + " answered " + header + ": " + r.getHeader(header));
    }
  }

  /** The tokens of one CSP directive, or null when the policy does not have it. */
  private static List<String> directive(HttpResponse<Buffer> r, String name) {
    List<String> policies = r.headers().getAll("Content-Security-Policy");
    assertEquals(1, policies.size(), "one policy: " + policies);
    Map<String, List<String>> directives = new HashMap<>();
    for (String part : policies.get(0).split(";")) {
      String[] tokens = part.trim().split("\\s+");
      if (tokens.length > 0 && !tokens[0].isEmpty()) {
        directives.put(tokens[0].toLowerCase(Locale.ROOT), List.of(tokens).subList(1, tokens.length));
      }
    }
    return directives.get(name);
  }

  private static HttpResponse<Buffer> send(TestNode n, HttpMethod method, String path, MultiMap headers) {
    WebClient client = WebClient.create(n.vertx(), new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(n.port()).setKeepAlive(false));
    try {
      HttpRequest<Buffer> req = client.request(method, path);
      req.putHeaders(headers);
      return TestNode.await(req.send());
    } finally {
      client.close();
    }
  }
}
