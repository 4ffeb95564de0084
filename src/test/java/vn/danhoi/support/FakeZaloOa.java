package vn.danhoi.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The Zalo OA API on a local port, speaking its documented shapes: {@code POST /v3.0/oa/message/cs} with header
 * {@code access_token} and body {@code {"recipient":{"user_id"},"message":{"text"}}}, answered
 * {@code {"error":0,"message":"Success","data":{"message_id"}}} or an error ({@code -216} invalid token,
 * {@code -124} expired, {@code -32} rate limit); and the OAuth refresh, {@code POST /v4/oa/access_token} (form
 * refresh_token, app_id, grant_type=refresh_token; header secret_key). A request of another shape is answered
 * 400 and listed in {@link #violations()}. Answers can be scripted for the next messages and refreshes.
 */
public final class FakeZaloOa implements AutoCloseable {

  public static final String ACCESS_TOKEN = "zalo-oa-access-token-1";
  public static final String REFRESH_TOKEN = "zalo-oa-refresh-token-1";
  public static final String APP_SECRET = "zalo-app-secret-key";

  /** A message the OA API took: to whom, what, with which token. */
  public record Sent(String userId, String text, String token) {
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<JsonObject> nextMessageAnswers = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<JsonObject> nextRefreshAnswers = new ConcurrentLinkedDeque<>();
  private final Set<String> validTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile String refreshToken = REFRESH_TOKEN;
  private int issued = 1;

  private FakeZaloOa(Vertx vertx) throws Exception {
    this.vertx = vertx;
    validTokens.add(ACCESS_TOKEN);
    this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
  }

  /** Starts on its own Vert.x (closed with it), so a test class can name its address before its node starts. */
  public static FakeZaloOa start() {
    try {
      return new FakeZaloOa(Vertx.vertx());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The node's settings to send receipts here. */
  public void configure(Map<String, String> env) {
    env.put("DANHOI_ZALO_API_BASE", baseUrl());
    env.put("DANHOI_ZALO_OAUTH_BASE", baseUrl());
    env.put("DANHOI_ZALO_ACCESS_TOKEN", ACCESS_TOKEN);
    env.put("DANHOI_ZALO_REFRESH_TOKEN", REFRESH_TOKEN);
    env.put("DANHOI_ZALO_APP_SECRET", APP_SECRET);
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** The next message is answered with this Zalo error (the token-expired and rate-limit answers). */
  public void answerNextMessage(int error, String message) {
    nextMessageAnswers.add(new JsonObject().put("error", error).put("message", message));
  }

  /** Every token so far stops working (as after 25 hours); only a refresh gives a working one. */
  public void expireTokens() {
    validTokens.clear();
  }

  /** The next refresh is refused with this error (a spent or revoked refresh token). */
  public void refuseNextRefresh(int error, String description) {
    nextRefreshAnswers.add(new JsonObject().put("error", error).put("error_name", "Invalid refresh token")
        .put("error_description", description));
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      if ("POST".equals(req.method().name()) && "/v3.0/oa/message/cs".equals(req.path())) {
        message(req, body);
      } else if ("POST".equals(req.method().name()) && "/v4/oa/access_token".equals(req.path())) {
        refresh(req, body);
      } else {
        violations.add("unexpected " + req.method() + " " + req.path());
        answer(req, 404, new JsonObject().put("error", -404));
      }
    });
  }

  private void message(HttpServerRequest req, Buffer body) {
    String token = req.getHeader("access_token");
    JsonObject json;
    try {
      json = body.toJsonObject();
    } catch (RuntimeException e) {
      json = new JsonObject();
    }
    JsonObject recipient = json.getJsonObject("recipient");
    JsonObject message = json.getJsonObject("message");
    if (token == null || recipient == null || !(recipient.getValue("user_id") instanceof String userId)
        || message == null || !(message.getValue("text") instanceof String text)
        || !String.valueOf(req.getHeader("Content-Type")).startsWith("application/json")
        || json.size() != 2) {
      violations.add("bad message request: token " + (token != null) + ", body " + json.encode());
      answer(req, 400, new JsonObject().put("error", -201).put("message", "Parameters are invalid"));
      return;
    }
    JsonObject scripted = nextMessageAnswers.poll();
    if (scripted != null) {
      answer(req, 200, scripted);
    } else if (!validTokens.contains(token)) {
      answer(req, 200, new JsonObject().put("error", -216).put("message", "Access token is invalid"));
    } else {
      sent.add(new Sent(userId, text, token));
      answer(req, 200, new JsonObject().put("error", 0).put("message", "Success")
          .put("data", new JsonObject().put("message_id", "zmsg-" + sent.size()).put("user_id", userId)));
    }
  }

  private synchronized void refresh(HttpServerRequest req, Buffer body) {
    Map<String, String> form = new java.util.TreeMap<>();
    new io.netty.handler.codec.http.QueryStringDecoder(body.toString(), java.nio.charset.StandardCharsets.UTF_8, false)
        .parameters().forEach((k, v) -> form.put(k, v.get(0)));
    if (!APP_SECRET.equals(req.getHeader("secret_key")) || !"refresh_token".equals(form.get("grant_type"))
        || !TestNode.ZALO_APP_ID.equals(form.get("app_id")) || form.get("refresh_token") == null) {
      violations.add("bad refresh request: " + form.keySet());
      answer(req, 400, new JsonObject().put("error", -14002).put("error_name", "Invalid app id"));
      return;
    }
    JsonObject scripted = nextRefreshAnswers.poll();
    if (scripted != null || !refreshToken.equals(form.get("refresh_token"))) {
      answer(req, 200, scripted != null ? scripted : new JsonObject().put("error", -14014)
          .put("error_name", "Invalid refresh token"));
      return;
    }
    issued++;
    String access = "zalo-oa-access-token-" + issued;
    refreshToken = "zalo-oa-refresh-token-" + issued;
    validTokens.add(access);
    answer(req, 200, new JsonObject().put("access_token", access).put("refresh_token", refreshToken)
        .put("expires_in", "90000"));
  }

  private static void answer(HttpServerRequest req, int status, JsonObject body) {
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
