package vn.danhoi.sms;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.function.Function;

/**
 * One request to a provider's HTTP API, and what its failures mean for the message: the one place that tells a
 * request that never left (safe to send again) from one that left and got no answer (the provider may have it).
 */
final class ProviderCall {

  /**
   * When a provider asks for patience without saying how long (429 without Retry-After, 5xx, no connection): no
   * wish of its own, so the notices' queue's backoff (doubling from its first pause) decides.
   */
  static final Duration DEFAULT_RETRY = Duration.ZERO;
  /**
   * Bad credentials or a wrong account will not mend by themselves for the next message, but the office can fix
   * the configuration; refusing every notice for good meanwhile would lose them, so they wait this long instead.
   */
  static final Duration CONFIGURATION_RETRY = Duration.ofMinutes(5);

  /** A provider's answer, read whole. */
  record Answer(int status, MultiMap headers, Buffer body) {

    boolean success() {
      return status >= 200 && status < 300;
    }

    /** The body as a JSON object; null when it is empty or not one. */
    JsonObject json() {
      return jsonObject(body);
    }

    String excerpt() {
      String text = body.toString().strip();
      return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
  }

  private ProviderCall() {
  }

  /**
   * A client for one provider. No keep-alive: a pooled connection the far end has closed meanwhile fails only
   * once the request is written, which would turn a message that never left into an unconfirmed one; a
   * notice's SMS is rare enough to afford its own connection.
   */
  static HttpClient client(Vertx vertx, String name, Duration timeout) {
    return vertx.createHttpClient(new HttpClientOptions()
        .setName("sms-" + name)
        .setKeepAlive(false)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
  }

  /**
   * Sends one request. The future always succeeds: with {@code read} of the answer (a throwing {@code read}
   * counts as no answer); with RetryLater when no connection could be opened (refused, unknown host, connect
   * timeout: the request never left); with {@code lost} of the failure when the request was or may have been
   * written and no answer came within {@code timeout} of silence, or the connection broke.
   */
  static Future<SmsResult> exchange(HttpClient client, RequestOptions options, Buffer body, Duration timeout,
      Function<Answer, SmsResult> read, Function<Throwable, SmsResult> lost) {
    long millis = timeout.toMillis();
    return client.request(options.setConnectTimeout(millis).setIdleTimeout(millis)).transform(opened -> {
      if (opened.failed()) {
        return Future.succeededFuture(
            new SmsResult.RetryLater("connect", "no connection: " + reason(opened.cause()), DEFAULT_RETRY));
      }
      return opened.result().send(body)
          .compose(response -> response.body().map(b -> new Answer(response.statusCode(), response.headers(), b)))
          .map(read)
          .otherwise(lost);
    });
  }

  /** A body as a JSON object; null when it is empty or not one. */
  static JsonObject jsonObject(Buffer body) {
    try {
      return body == null || body.length() == 0 ? null : new JsonObject(body);
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /** What broke, for a result's reason: the exception's message, or its type when it has none. */
  static String reason(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
