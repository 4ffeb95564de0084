package vn.danhoi.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A staff member logged in through the login API like a browser: the session cookie on every request, the
 * CSRF token on every state-changing one. The account is created by the bootstrap admin token first.
 */
public final class StaffSession implements AutoCloseable {

  public static final String PASSWORD = "Mật-khẩu-Đài-2026!";

  private final WebClient http;
  private final String staffId;
  private final String sessionId;
  private final String csrfToken;
  private final JsonObject user;

  private StaffSession(WebClient http, String staffId, String sessionId, String csrfToken, JsonObject user) {
    this.http = http;
    this.staffId = staffId;
    this.sessionId = sessionId;
    this.csrfToken = csrfToken;
    this.user = user;
  }

  /**
   * Creates the account and logs it in. {@code loginFrom} is sent as X-Forwarded-For when not null (a node
   * that trusts its proxy then counts the log-in against that address, not against 127.0.0.1).
   */
  public static StaffSession create(TestNode node, String username, String displayName, List<String> roles,
                                    String agency, String loginFrom) {
    JsonObject account = new JsonObject().put("username", username).put("displayName", displayName)
        .put("password", PASSWORD).put("roles", new JsonArray(roles));
    if (agency != null) {
      account.put("agency", agency);
    }
    HttpResponse<Buffer> created = node.postJson("/api/staff", account, TestNode.ADMIN_TOKEN);
    if (created.statusCode() != 201) {
      throw new AssertionError("staff account not created: " + created.bodyAsString());
    }
    String staffId = created.bodyAsJsonObject().getString("id");
    WebClient http = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(node.port()).setKeepAlive(false));
    HttpRequest<Buffer> login = http.post("/api/auth/login").putHeader("Content-Type", "application/json");
    if (loginFrom != null) {
      login.putHeader("X-Forwarded-For", loginFrom);
    }
    HttpResponse<Buffer> r = TestNode.await(login.sendBuffer(Buffer.buffer(new JsonObject()
        .put("username", username).put("password", PASSWORD).encode())));
    if (r.statusCode() != 200) {
      http.close();
      throw new AssertionError("log-in failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    String session = null;
    for (String c : r.cookies()) {
      String first = c.split(";", 2)[0].trim();
      if (first.startsWith("danhoi_session=")) {
        session = first.substring("danhoi_session=".length());
      }
    }
    if (session == null || session.isEmpty()) {
      http.close();
      throw new AssertionError("no session cookie in " + r.cookies());
    }
    JsonObject body = r.bodyAsJsonObject();
    return new StaffSession(http, staffId, session, body.getString("csrfToken"), body.getJsonObject("user"));
  }

  /** The staff account's id, as created. */
  public String staffId() {
    return staffId;
  }

  /** What the event log records as the actor for this person. */
  public String actor() {
    return "staff:" + staffId;
  }

  public JsonObject user() {
    return user;
  }

  public String csrfToken() {
    return csrfToken;
  }

  /** The Cookie header a browser would send, e.g. on a WebSocket upgrade. */
  public String cookieHeader() {
    return "danhoi_session=" + sessionId;
  }

  /** Headers for a WebSocket upgrade with this session, plus any extra ones. */
  public Map<String, String> socketHeaders(Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(extra);
    headers.put("Cookie", cookieHeader());
    return headers;
  }

  public HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null, MultiMap.caseInsensitiveMultiMap());
  }

  public HttpResponse<Buffer> get(String path, MultiMap headers) {
    return send(HttpMethod.GET, path, null, headers);
  }

  public HttpResponse<Buffer> postJson(String path, JsonObject body) {
    return send(HttpMethod.POST, path, body, MultiMap.caseInsensitiveMultiMap());
  }

  public HttpResponse<Buffer> postJson(String path, JsonObject body, MultiMap headers) {
    return send(HttpMethod.POST, path, body, headers);
  }

  /** A form with files, as the pages' upload forms send it. */
  public HttpResponse<Buffer> postForm(String path, MultipartForm form) {
    return TestNode.await(http.post(path).putHeader("Cookie", cookieHeader()).putHeader("X-CSRF-Token", csrfToken)
        .sendMultipartForm(form));
  }

  public HttpResponse<Buffer> putJson(String path, JsonObject body) {
    return send(HttpMethod.PUT, path, body, MultiMap.caseInsensitiveMultiMap());
  }

  public HttpResponse<Buffer> delete(String path) {
    return send(HttpMethod.DELETE, path, null, MultiMap.caseInsensitiveMultiMap());
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body, MultiMap headers) {
    HttpRequest<Buffer> req = http.request(method, path);
    req.putHeaders(headers);
    req.putHeader("Cookie", cookieHeader());
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      req.putHeader("X-CSRF-Token", csrfToken);
    }
    if (body == null) {
      return TestNode.await(req.send());
    }
    req.putHeader("Content-Type", "application/json");
    return TestNode.await(req.sendBuffer(Buffer.buffer(body.encode())));
  }

  @Override
  public void close() {
    http.close();
  }
}
