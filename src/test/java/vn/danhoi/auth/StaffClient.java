package vn.danhoi.auth;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import vn.danhoi.support.Sockets;
import vn.danhoi.support.TestNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Staff as the server sees them: a browser holding a session (its cookie, sent by hand since WebClient keeps
 * none, and the CSRF token it was given), a machine with a Bearer token, or nobody; each from a client
 * address of its own (the node trusts X-Forwarded-For), so tests never share a log-in limit.
 */
final class StaffClient implements AutoCloseable {

  static final String COOKIE = "danhoi_session";
  private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

  private final TestNode node;
  private final WebClient http;

  StaffClient(TestNode node) {
    this.node = node;
    this.http = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(node.port()).setKeepAlive(false));
  }

  /** A client address no other request of this JVM has used. */
  static String newAddress() {
    int n = ADDRESSES.getAndIncrement();
    return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
  }

  /** The Origin a browser sends from the node's own pages. */
  String ownOrigin() {
    return "http://localhost:" + node.port();
  }

  /** An account and the password it was created with. */
  record Account(String id, String username, String displayName, String password) {
    String actor() {
      return "staff:" + id;
    }
  }

  /** What a browser holds after logging in. */
  record Session(Account account, String cookie, String csrf, String address) {
    String actor() {
      return account.actor();
    }
  }

  /** A response, with what a test needs of it. */
  record Reply(int status, String body, MultiMap headers, List<String> setCookies) {

    JsonObject json() {
      return new JsonObject(body);
    }

    JsonArray array() {
      return new JsonArray(body);
    }

    String code() {
      try {
        JsonObject error = json().getJsonObject("error");
        return error == null ? null : error.getString("code");
      } catch (RuntimeException e) {
        return null;
      }
    }

    String message() {
      return json().getJsonObject("error").getString("message");
    }

    /** The body less the request's own id (which differs between any two requests), to compare answers. */
    String bodyWithoutRequestId() {
      JsonObject json = json();
      JsonObject error = json.getJsonObject("error");
      if (error != null) {
        error.remove("requestId");
      }
      return json.encode();
    }

    /** The Set-Cookie header of the session cookie, or null when none was set. */
    String sessionSetCookie() {
      return setCookies.stream().filter(c -> c.startsWith(COOKIE + "=")).findFirst().orElse(null);
    }

    /** The session cookie's value this response set, or null. */
    String sessionCookie() {
      String header = sessionSetCookie();
      if (header == null) {
        return null;
      }
      String value = header.substring(COOKIE.length() + 1);
      int end = value.indexOf(';');
      return end < 0 ? value : value.substring(0, end);
    }

    /** Every byte the client received, headers included, to search for what must never be sent. */
    String everything() {
      StringBuilder all = new StringBuilder().append(status).append('\n');
      headers.forEach(h -> all.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
      return all.append(body).toString();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** One request being built. */
  final class Request {
    private final HttpMethod method;
    private final String path;
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    private Buffer body;

    private Request(HttpMethod method, String path) {
      this.method = method;
      this.path = path;
    }

    Request json(JsonObject json) {
      body = Buffer.buffer(json.encode());
      headers.set("Content-Type", "application/json");
      return this;
    }

    Request bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    Request cookie(String value) {
      return header("Cookie", COOKIE + "=" + value);
    }

    Request csrf(String token) {
      return header("X-CSRF-Token", token);
    }

    Request from(String address) {
      return header("X-Forwarded-For", address);
    }

    Request header(String name, String value) {
      headers.set(name, value);
      return this;
    }

    /** As the browser holding this session: its cookie, its address and, when it changes state, its CSRF token. */
    Request as(Session s) {
      cookie(s.cookie()).from(s.address());
      if (changesState(method)) {
        csrf(s.csrf());
      }
      return this;
    }

    Future<Reply> sendAsync() {
      HttpRequest<Buffer> req = http.request(method, path);
      req.putHeaders(headers);
      Future<HttpResponse<Buffer>> sent = body == null ? req.send() : req.sendBuffer(body);
      return sent.map(r -> new Reply(r.statusCode(), r.bodyAsString() == null ? "" : r.bodyAsString(),
          r.headers(), r.cookies()));
    }

    Reply send() {
      return TestNode.await(sendAsync());
    }
  }

  static boolean changesState(HttpMethod m) {
    return m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE;
  }

  Request request(HttpMethod method, String path) {
    return new Request(method, path);
  }

  Request get(String path) {
    return request(HttpMethod.GET, path);
  }

  Request post(String path, JsonObject body) {
    return request(HttpMethod.POST, path).json(body);
  }

  /** Creates an account with the bootstrap admin token, as the council office would. */
  Account createStaff(String username, String displayName, String password, String agency, String... roles) {
    JsonObject body = new JsonObject().put("username", username).put("displayName", displayName)
        .put("password", password).put("roles", new JsonArray(List.of((Object[]) roles)));
    if (agency != null) {
      body.put("agency", agency);
    }
    Reply r = post("/api/staff", body).bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(201, r.status(), "account not created: " + r);
    return new Account(r.json().getString("id"), username, displayName, password);
  }

  /** A log-in attempt from this address, carrying the cookie the browser already had (or none). */
  Reply login(String username, String password, String address, String cookie) {
    Request req = post("/api/auth/login", new JsonObject().put("username", username).put("password", password))
        .from(address);
    if (cookie != null) {
      req.cookie(cookie);
    }
    return req.send();
  }

  /** Logs in from a fresh address; the session a browser would keep. */
  Session logIn(Account account) {
    String address = newAddress();
    Reply r = login(account.username(), account.password(), address, null);
    assertEquals(200, r.status(), "log-in failed: " + r);
    String cookie = r.sessionCookie();
    assertNotNull(cookie, "no session cookie set: " + r.setCookies());
    String csrf = r.json().getString("csrfToken");
    assertNotNull(csrf);
    return new Session(account, cookie, csrf, address);
  }

  /** The upgrade answer of a WebSocket: 101 and the first message, or the refusal's status and body. */
  record Upgrade(int status, String first, String body) {
    boolean accepted() {
      return status == 101;
    }

    JsonObject firstJson() {
      return new JsonObject(first);
    }

    String code() {
      try {
        return new JsonObject(body).getJsonObject("error").getString("code");
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  /** Opens the socket with these headers; when accepted, waits for its first message, then closes it. */
  Upgrade socket(String path, Map<String, String> headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(node.port())
        .setURI(path);
    headers.forEach(options::addHeader);
    WebSocketClient client = node.vertx().createWebSocketClient();
    Promise<String> first = Promise.promise();
    try {
      WebSocket ws;
      try {
        ws = Sockets.open(client, options, s -> {
          s.textMessageHandler(first::tryComplete);
          s.closeHandler(v -> first.tryFail("closed before its first message"));
        }).await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof UpgradeRejectedException)) {
          cause = cause.getCause();
        }
        if (cause == null) {
          throw new AssertionError("WebSocket " + path + " neither opened nor was refused", e);
        }
        UpgradeRejectedException refused = (UpgradeRejectedException) cause;
        return new Upgrade(refused.getStatus(), null,
            refused.getBody() == null ? "" : refused.getBody().toString(StandardCharsets.UTF_8));
      }
      try {
        String text = first.future().await(10, TimeUnit.SECONDS);
        return new Upgrade(101, text, null);
      } catch (Exception e) {
        throw new AssertionError("WebSocket " + path + " opened but sent no first message", e);
      } finally {
        ws.close();
      }
    } finally {
      client.close();
    }
  }

  /** What a browser page of ours sends on a WebSocket upgrade: its session cookie and its own Origin. */
  Map<String, String> browser(Session s) {
    Map<String, String> h = new LinkedHashMap<>();
    if (s != null) {
      h.put("Cookie", COOKIE + "=" + s.cookie());
      h.put("X-Forwarded-For", s.address());
    }
    h.put("Origin", ownOrigin());
    return h;
  }

  static void assertError(Reply r, int status, String code) {
    assertEquals(status, r.status(), r.toString());
    assertEquals(code, r.code(), r.toString());
    assertFalse(r.message().isBlank());
  }

  /** SHA-256 in hex, computed here rather than by the server's own code: how session ids are stored. */
  static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
