package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * One GET to a platform's JSON API, read whole, and the failures no answer explains (no connection, silence, a
 * connection dropped mid-answer) as TRANSIENT. No message ever carries the request's URL or Vert.x's own text for
 * it: the URL holds the credential (YouTube's key=, the Graph API's access_token=), and Vert.x's timeout message
 * repeats the URL with its query.
 */
final class PlatformHttp {

  /** An answer: its status, headers and body as a JSON object (null when it was empty or not an object). */
  record Answer(int status, MultiMap headers, JsonObject json) {
    boolean success() {
      return status >= 200 && status < 300;
    }
  }

  private final WebClient client;
  private final String platform;
  private final String baseUrl;
  private final long timeoutMillis;

  /**
   * @param platform how messages name the platform ("YouTube", "Facebook")
   * @param baseUrl  the API's root, without a trailing slash
   */
  PlatformHttp(Vertx vertx, String platform, String baseUrl, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(platform + ": the timeout must be positive");
    }
    String root = baseUrl.strip().replaceAll("/+$", "");
    if (!root.startsWith("https://") && !root.startsWith("http://")) {
      throw new IllegalArgumentException(platform + ": the API's URL is not an http(s) URL: " + root);
    }
    this.platform = platform;
    this.baseUrl = root;
    this.timeoutMillis = timeout.toMillis();
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setName("platform-" + platform.toLowerCase(java.util.Locale.ROOT))
        .setUserAgent("danhoi")
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis)));
  }

  /**
   * GET {@code path} with the query (values encoded here), bearer-authorised when {@code bearer} is set. Fails
   * only with a TRANSIENT {@link PlatformFailure}, and only when no whole answer came, or a 2xx one that is not a
   * JSON object; any other answer, errors included, is the caller's to read.
   */
  Future<Answer> get(String path, Map<String, String> query, String bearer) {
    HttpRequest<Buffer> request = client.getAbs(baseUrl + path).timeout(timeoutMillis);
    query.forEach(request::addQueryParam);
    if (bearer != null) {
      request.bearerTokenAuthentication(bearer);
    }
    return request.send().transform(sent -> {
      if (sent.failed()) {
        return Future.failedFuture(lost(sent.cause()));
      }
      HttpResponse<Buffer> response = sent.result();
      Answer answer = new Answer(response.statusCode(), response.headers(), object(response.body()));
      if (answer.success() && answer.json() == null) {
        return Future.failedFuture(new PlatformFailure(PlatformFailure.Kind.TRANSIENT,
            platform + ": câu trả lời của máy chủ không đọc được (không phải JSON)"));
      }
      return Future.succeededFuture(answer);
    });
  }

  /** A platform's id as one path segment: an admin typed it, and a "/" or "?" must not change the request. */
  static String segment(String id) {
    return URLEncoder.encode(id.strip(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  private PlatformFailure lost(Throwable cause) {
    String what;
    if (cause instanceof UnknownHostException) {
      what = "không tìm thấy máy chủ (DNS)";
    } else if (cause instanceof ConnectException || cause.getClass().getSimpleName().contains("ConnectTimeout")) {
      what = "không kết nối được tới máy chủ";
    } else if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
      what = "máy chủ không trả lời sau " + Math.max(1, timeoutMillis / 1000) + " giây";
    } else if (cause instanceof HttpClosedException) {
      what = "kết nối bị ngắt trước khi nhận đủ câu trả lời";
    } else {
      // the type only: a message may quote the request
      what = "lỗi mạng (" + cause.getClass().getSimpleName() + ")";
    }
    return new PlatformFailure(PlatformFailure.Kind.TRANSIENT, platform + ": " + what);
  }

  private static JsonObject object(Buffer body) {
    try {
      return body == null || body.length() == 0 ? null : new JsonObject(body);
    } catch (RuntimeException notAnObject) {
      return null;
    }
  }

  /** A platform's text with the credential blanked out, should an error message quote it. */
  static String scrub(String text, String credential) {
    if (text == null) {
      return "";
    }
    String out = text.strip();
    if (credential != null && credential.strip().length() >= 4) {
      out = out.replace(credential.strip(), "***");
    }
    return out.length() > 300 ? out.substring(0, 300) + "…" : out;
  }

  // The platforms' JSON read leniently: a field of an unexpected type reads as absent, not as a failed read.

  static JsonObject object(JsonObject json, String key) {
    return json != null && json.getValue(key) instanceof JsonObject o ? o : null;
  }

  static JsonArray array(JsonObject json, String key) {
    return json != null && json.getValue(key) instanceof JsonArray a ? a : new JsonArray();
  }

  static String string(JsonObject json, String key) {
    return json != null && json.getValue(key) instanceof String s && !s.isBlank() ? s : null;
  }

  static Long number(JsonObject json, String key) {
    return json != null && json.getValue(key) instanceof Number n ? n.longValue() : null;
  }

  /** Graph writes offsets without a colon (2026-12-07T14:03:11+0000); YouTube writes RFC 3339. */
  private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]xx");

  static OffsetDateTime time(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException notIso) {
      try {
        return OffsetDateTime.parse(value, COMPACT_OFFSET);
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }
}
