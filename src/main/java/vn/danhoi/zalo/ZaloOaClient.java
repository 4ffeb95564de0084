package vn.danhoi.zalo;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.sms.SmsResult;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The Zalo OA API, through a Vert.x WebClient: a text message to one user ({@code POST /v3.0/oa/message/cs},
 * header {@code access_token}, body {@code {"recipient":{"user_id"},"message":{"text"}}}, answer
 * {@code {"error":0,"message":"Success","data":{"message_id"}}}), and the access token's refresh when Zalo
 * says it expired ({@link ZaloTokens}). Every outcome is an {@link SmsResult}, decided as the SMS providers'
 * are: only what Zalo certainly did not take is sent again. Tokens are never logged nor put in an error.
 */
public final class ZaloOaClient {

  private static final Logger LOG = LoggerFactory.getLogger(ZaloOaClient.class);

  /** The access token is invalid (-216) or expired (-124): refreshed once, then the notice fails. */
  private static final Set<Integer> TOKEN = Set.of(-216, -124);
  /** Too many requests: tried again later. */
  private static final int RATE_LIMIT = -32;
  private static final Duration RATE_LIMIT_PAUSE = Duration.ofMinutes(1);

  private final WebClient web;
  private final ZaloTokens tokens;
  private final String apiBase;
  private final Duration timeout;
  private volatile String lastError;
  private volatile Instant lastErrorAt;

  public ZaloOaClient(Vertx vertx, AppConfig.Zalo config, ZaloTokens tokens) {
    this.timeout = Duration.ofMillis(config.timeoutMillis());
    this.web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(config.timeoutMillis())
        .setIdleTimeout((int) Math.max(1, timeout.toSeconds())).setUserAgent("danhoi"));
    this.tokens = tokens;
    this.apiBase = config.apiBase().replaceAll("/+$", "");
  }

  /** The name notices record as their provider. */
  public String name() {
    return "zalo-oa";
  }

  /** Sends a text to a Zalo user who wrote to the OA. */
  public Future<SmsResult> send(String userId, String text) {
    return tokens.load().compose(v -> tokens.usable() ? sendOnce(userId, text)
        : Future.succeededFuture(failed(new SmsResult.Refused("token", tokens.state().problem()))));
  }

  private Future<SmsResult> sendOnce(String userId, String text) {
    return post(userId, text).compose(r -> {
      if (!(r instanceof SmsResult.Refused refused) || !"token".equals(refused.code())) {
        return Future.succeededFuture(r);
      }
      // Zalo's access tokens live 25 hours: one refresh, one more try
      return tokens.refresh().compose(ok -> ok ? post(userId, text) : Future.succeededFuture(
          new SmsResult.Refused("token", refused.reason() + " " + tokens.state().problem())));
    }).map(this::failed);
  }

  private Future<SmsResult> post(String userId, String text) {
    JsonObject body = new JsonObject()
        .put("recipient", new JsonObject().put("user_id", userId))
        .put("message", new JsonObject().put("text", text));
    return web.postAbs(apiBase + "/v3.0/oa/message/cs")
        .putHeaders(MultiMap.caseInsensitiveMultiMap().add("access_token", tokens.accessToken()))
        .timeout(timeout.toMillis())
        .sendJsonObject(body)
        .map(ZaloOaClient::answer)
        .otherwise(e -> e instanceof ConnectException
            ? new SmsResult.RetryLater("network", "Không kết nối được Zalo OA API: " + e.getMessage(), null)
            // the request may have reached Zalo: never resent, so the citizen is not told twice
            : new SmsResult.Unconfirmed("Zalo không trả lời: " + e.getClass().getSimpleName()));
  }

  /** Zalo's answer, as its documentation lists the codes. */
  static SmsResult answer(HttpResponse<Buffer> response) {
    if (response.statusCode() >= 500) {
      return new SmsResult.RetryLater("http " + response.statusCode(), "Zalo OA API tạm thời lỗi.", null);
    }
    JsonObject json;
    try {
      json = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      json = null;
    }
    if (json == null || !(json.getValue("error") instanceof Number n)) {
      return new SmsResult.Unconfirmed("Zalo trả lời không đúng dạng (HTTP " + response.statusCode() + ").");
    }
    int error = n.intValue();
    String message = String.valueOf(json.getValue("message", ""));
    if (error == 0) {
      JsonObject data = json.getJsonObject("data", new JsonObject());
      return new SmsResult.Accepted(data.getValue("message_id") == null ? null : String.valueOf(data.getValue("message_id")));
    }
    if (TOKEN.contains(error)) {
      return new SmsResult.Refused("token", "Zalo: access token không hợp lệ hoặc đã hết hạn (" + error + " " + message
          + ").");
    }
    if (error == RATE_LIMIT) {
      return new SmsResult.RetryLater(Integer.toString(error), "Zalo: gửi quá nhiều, thử lại sau (" + message + ").",
          RATE_LIMIT_PAUSE);
    }
    // -213 (not a follower), -230 (no interaction in 7 days) and the rest: this user cannot be written to now
    return new SmsResult.Refused(Integer.toString(error), "Zalo: " + message);
  }

  private SmsResult failed(SmsResult r) {
    String problem = r instanceof SmsResult.Refused f ? f.code() + ": " + f.reason()
        : r instanceof SmsResult.RetryLater l ? l.code() + ": " + l.reason()
        : r instanceof SmsResult.Unconfirmed u ? u.reason() : null;
    if (problem != null) {
      lastError = problem;
      lastErrorAt = Instant.now();
      LOG.warn("Zalo OA message not sent: {}", problem);
    }
    return r;
  }

  /** This node's last failure and the token's state, for {@link ZaloStatus}. */
  JsonObject health() {
    return new JsonObject().put("token", tokens.state().wire()).put("nodeLastError", lastError)
        .put("nodeLastErrorAt", lastErrorAt == null ? null : lastErrorAt.toString());
  }
}
