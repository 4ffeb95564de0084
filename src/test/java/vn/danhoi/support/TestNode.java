package vn.danhoi.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import vn.danhoi.DanhoiApp;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.zalo.ZaloSignature;
import vn.danhoi.support.TestStores;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One running danhoi node for a test, reached only through HTTP and WebSockets like any client. */
public final class TestNode implements AutoCloseable {

  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
  public static final String SMS_SECRET = "test-sms-secret";
  public static final String ZALO_APP_ID = "1234567890123456789";
  public static final String ZALO_OA_SECRET_KEY = "test-zalo-oa-secret-key";

  private final Vertx vertx;
  private final DanhoiApp app;
  private final WebClient http;
  /** For bursts of concurrent requests (http above opens one connection per request). */
  private final WebClient parallel;
  private static final int PARALLEL_CONNECTIONS = 100;

  private TestNode(Vertx vertx, DanhoiApp app) {
    this.vertx = vertx;
    this.app = app;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(app.port()).setKeepAlive(false));
    this.parallel = WebClient.wrap(vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost")
        .setDefaultPort(app.port()), new PoolOptions().setHttp1MaxSize(PARALLEL_CONNECTIONS)));
  }

  /** The environment a node is started with; tests add or override DANHOI_* variables. */
  public static Map<String, String> env(String pgUrl, String redisUrl, String prefix) {
    Map<String, String> env = new HashMap<>();
    env.put("DANHOI_PG_URL", pgUrl);
    env.put("DANHOI_REDIS_URL", redisUrl);
    env.put("DANHOI_REDIS_PREFIX", prefix);
    env.put("DANHOI_ADMIN_TOKEN", ADMIN_TOKEN);
    env.put("DANHOI_SMS_SECRET", SMS_SECRET);
    env.put("DANHOI_ZALO_APP_ID", ZALO_APP_ID);
    env.put("DANHOI_ZALO_OA_SECRET_KEY", ZALO_OA_SECRET_KEY);
    env.put("DANHOI_HTTP_HOST", "127.0.0.1");
    env.put("DANHOI_HTTP_INSTANCES", "2");
    env.put("DANHOI_DEMO", "off");
    env.put("DANHOI_RELAY_INTERVAL_MS", "200");
    env.put("DANHOI_RATE_LIMIT_PER_MINUTE", "100000");
    env.put("DANHOI_RATE_LIMIT_BURST", "100000");
    env.put("DANHOI_REDIS_TIMEOUT_MS", "1000");
    // one test class asks many questions from one phone: its receipts must not hold back its answers
    env.put("DANHOI_SMS_PER_NUMBER_PER_DAY", "1000");
    return env;
  }

  /**
   * Points the node at a test IMAP mailbox (GreenMail's user "hopthu"), polled only through
   * {@code POST /api/intake/email/poll}: the timer stays out of the tests' way.
   */
  public static void mailbox(Map<String, String> env, int imapPort) {
    env.put("DANHOI_MAIL_IMAP_HOST", "127.0.0.1");
    env.put("DANHOI_MAIL_IMAP_PORT", Integer.toString(imapPort));
    env.put("DANHOI_MAIL_IMAP_TLS", "false");
    env.put("DANHOI_MAIL_IMAP_USER", "hopthu");
    env.put("DANHOI_MAIL_IMAP_PASSWORD", "hop-thu-Dai-2026");
    env.put("DANHOI_MAIL_IMAP_POLL_SECONDS", "3600");
  }

  /** Sends the node's mail to a test SMTP server (GreenMail's), in the clear, from this sender. */
  public static void outbox(Map<String, String> env, int smtpPort, String from) {
    env.put("DANHOI_SMTP_HOST", "127.0.0.1");
    env.put("DANHOI_SMTP_PORT", Integer.toString(smtpPort));
    env.put("DANHOI_SMTP_SECURITY", "none");
    env.put("DANHOI_SMTP_FROM", from);
  }

  /** The same settings without a mail server: mail is only logged. */
  public static void noOutbox(Map<String, String> env) {
    env.keySet().removeIf(name -> name.startsWith("DANHOI_SMTP_"));
  }

  public static TestNode start(Vertx vertx, Map<String, String> env) {
    return start(vertx, env, Clock.systemUTC());
  }

  /** A node whose features all read the time from this clock. */
  public static TestNode start(Vertx vertx, Map<String, String> env, Clock clock) {
    Map<String, String> withPort = new HashMap<>(env);
    withPort.putIfAbsent("DANHOI_HTTP_PORT", Integer.toString(TestStores.freePort()));
    AppConfig config = AppConfig.load(withPort);
    return new TestNode(vertx, await(DanhoiApp.start(vertx, config, clock)));
  }

  public int port() {
    return app.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  public HttpResponse<Buffer> get(String path, String token) {
    var req = http.get(path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return await(req.send());
  }

  public HttpResponse<Buffer> postJson(String path, Object body, String token) {
    return post(path, Buffer.buffer(body.toString()), "application/json", token, MultiMap.caseInsensitiveMultiMap());
  }

  /** An SMS as the gateway delivers it, signed, with a fresh message id. */
  public HttpResponse<Buffer> sms(String from, String to, String text) {
    byte[] body = new JsonObject().put("from", from).put("to", to).put("text", text)
        .put("messageId", "gw-" + UUID.randomUUID()).encode()
        .getBytes(StandardCharsets.UTF_8);
    return post("/api/intake/sms", Buffer.buffer(body), "application/json", null,
        MultiMap.caseInsensitiveMultiMap().add("X-Signature-256",
            SmsSignature.sign(SMS_SECRET, body)));
  }

  /** A Zalo OA webhook event as Zalo delivers it, signed with the test OA secret key over these exact bytes. */
  public HttpResponse<Buffer> zalo(byte[] body, String timestamp) {
    return post("/api/intake/zalo", Buffer.buffer(body), "application/json", null,
        MultiMap.caseInsensitiveMultiMap().add("X-ZEvent-Signature",
            ZaloSignature.sign(ZALO_APP_ID, body, timestamp, ZALO_OA_SECRET_KEY)));
  }

  /** A citizen's text to the OA, now, signed. */
  public HttpResponse<Buffer> zaloText(String userId, String messageId, String text) {
    String timestamp = Long.toString(System.currentTimeMillis());
    return zalo(zaloEvent("user_send_text", userId, messageId, new JsonObject().put("text", text), timestamp)
        .encode().getBytes(StandardCharsets.UTF_8), timestamp);
  }

  /** An OA webhook event in Zalo's documented shape; message holds text and attachments, msg_id is added. */
  public static JsonObject zaloEvent(String eventName, String userId, String messageId, JsonObject message,
                                     String timestamp) {
    return new JsonObject().put("app_id", ZALO_APP_ID).put("user_id_by_app", "app-" + userId)
        .put("event_name", eventName).put("sender", new JsonObject().put("id", userId))
        .put("recipient", new JsonObject().put("id", "579745863508352884"))
        .put("message", message.copy().put("msg_id", messageId)).put("timestamp", timestamp);
  }

  public HttpResponse<Buffer> post(String path, Buffer body, String contentType, String token, MultiMap headers) {
    var req = http.post(path);
    req.putHeaders(headers);
    if (contentType != null) {
      req.putHeader("Content-Type", contentType);
    }
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return await(req.sendBuffer(body));
  }

  /** Any method (PATCH, DELETE…) with an optional JSON body and a bearer token. */
  public HttpResponse<Buffer> request(String method, String path, JsonObject body, String token) {
    var req = http.request(HttpMethod.valueOf(method), path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return await(body == null ? req.send()
        : req.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body.encode())));
  }

  /** An episode on air now, taking questions, with an SMS number and keyword. */
  public String liveEpisode(String smsNumber, String keyword) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    JsonObject body = new JsonObject()
        .put("title", "Dân hỏi – Chính quyền trả lời")
        .put("topic", "Nước sạch và điện nông thôn")
        .put("startsAt", now.minusMinutes(5).toString())
        .put("durationMinutes", 60)
        .put("intake", new JsonObject().put("smsNumber", smsNumber).put("smsKeyword", keyword)
            .put("hotline", new JsonArray().add("0272 3826 111")));
    HttpResponse<Buffer> r = postJson("/api/episodes", body, ADMIN_TOKEN);
    if (r.statusCode() != 201) {
      throw new AssertionError("episode not created: " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("id");
  }

  public String token(String role) {
    HttpResponse<Buffer> r = postJson("/api/tokens", new JsonObject().put("name", "Kiểm thử " + role).put("role", role),
        ADMIN_TOKEN);
    if (r.statusCode() != 201) {
      throw new AssertionError("token not created: " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  /** A client of this node for many requests at once (up to 100 connections, kept alive); closed with the node. */
  public WebClient parallel() {
    return parallel;
  }

  public SocketProbe moderationSocket(String episodeId, String token) {
    return SocketProbe.bearer(vertx, port(), "/ws/moderation/" + episodeId, token);
  }

  public static JsonObject question(String name, String text) {
    return new JsonObject().put("name", name).put("locality", "Xã Mỹ Yên, huyện Bến Lức")
        .put("phone", "0912345678").put("text", text).put("consent", true);
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }

  /** The end of a class that made its own Vert.x, database and node (any may be missing): jqwik properties, which JUnit extensions do not reach. */
  public static void shutDown(TestNode node, Vertx vertx, String db) {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      if (vertx != null) {
        vertx.close().await();
      }
      if (db != null) {
        TestStores.dropDatabase(db);
      }
    }
  }

  @Override
  public void close() {
    http.close();
    parallel.close();
    await(app.stop());
  }
}
