package vn.danhoi.support;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Hmac;
import vn.danhoi.sms.HttpJsonProvider;
import vn.danhoi.sms.ReportRequest;
import vn.danhoi.sms.TwilioProvider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two SMS providers on one local port, speaking their documented shapes: Twilio's Messages resource
 * ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, Basic auth, form fields To/From/Body/StatusCallback,
 * 201 with {@code {"sid":"SM…","status":"queued",…}} or an error {@code {code, message, more_info, status}}) and
 * an eSMS.vn-like JSON gateway ({@link #HTTP_PATH}, body {@link #HTTP_TEMPLATE}, answer
 * {@code {"CodeResult":"100","SMSID":"…"}}). Every request is recorded; each answer can be scripted per recipient
 * or for the next requests; and the reports each provider sends can be built, signed as it signs them.
 *
 * <pre>{@code
 * FakeSmsProviders sms = FakeSmsProviders.start(vertx);            // from the test thread
 * SmsProvider twilio = new TwilioProvider(vertx, sms.twilioSettings(callbackUrl, Duration.ofSeconds(2)));
 * sms.script("0912345678", Behaviour.refuse());
 * ... the server sends ...
 * List<Message> sent = sms.awaitMessages(2, Duration.ofSeconds(10));
 * Report report = FakeSmsProviders.twilioReport(callbackUrl + "?notice=" + id, FakeSmsProviders.AUTH_TOKEN,
 *     sent.get(0).id(), "delivered", null);
 * sms.post(report);                                                 // or report.asRequest() for a unit test
 * }</pre>
 */
public final class FakeSmsProviders implements AutoCloseable {

  public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  public static final String AUTH_TOKEN = "twilio-test-token-6c1f";
  public static final String FROM = "+15005550006";
  public static final String HTTP_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/";
  public static final String HTTP_API_KEY = "esms-api-key";
  public static final String HTTP_SECRET_KEY = "esms-secret-key";
  public static final String BRANDNAME = "DANHOI";
  /** eSMS.vn's SendMultipleMessage_V4_post_json body: credentials in the body, {{to}} as the national number. */
  public static final String HTTP_TEMPLATE = "{\"ApiKey\":\"" + HTTP_API_KEY + "\",\"SecretKey\":\"" + HTTP_SECRET_KEY
      + "\",\"Phone\":\"{{to}}\",\"Content\":\"{{text}}\",\"Brandname\":\"{{brandname}}\",\"SmsType\":\"2\","
      + "\"IsUnicode\":\"0\",\"RequestId\":\"{{id}}\"}";

  private static final Pattern TWILIO_MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");

  /** What the fake answers a message with. */
  public enum Kind { ACCEPT, REFUSE, RATE_LIMIT, SERVER_ERROR, SILENT, RAW }

  /**
   * One scripted answer. Twilio's refusal is 400 code 21211 (invalid To), its rate limit 429 code 20429; the
   * gateway's refusal is CodeResult 99; a rate limit is 429 on both; SILENT never answers (a client timeout).
   */
  public record Behaviour(Kind kind, int status, Duration retryAfter, String body) {

    public static Behaviour accept() {
      return new Behaviour(Kind.ACCEPT, 0, null, null);
    }

    public static Behaviour refuse() {
      return new Behaviour(Kind.REFUSE, 0, null, null);
    }

    /** 429 with Retry-After in seconds, or none when {@code retryAfter} is null. */
    public static Behaviour rateLimit(Duration retryAfter) {
      return new Behaviour(Kind.RATE_LIMIT, 429, retryAfter, null);
    }

    /** 500, 502, 503…: a server that could not take the message. */
    public static Behaviour serverError(int status) {
      return new Behaviour(Kind.SERVER_ERROR, status, null, null);
    }

    public static Behaviour silent() {
      return new Behaviour(Kind.SILENT, 0, null, null);
    }

    /** Any answer, as given (a JSON body when it starts with { or [), whichever endpoint is asked. */
    public static Behaviour raw(int status, String body) {
      return new Behaviour(Kind.RAW, status, null, body);
    }
  }

  /** A request as received: the headers, the raw body, and the body read as a form or as JSON. */
  public record Request(HttpMethod method, String path, MultiMap headers, Buffer body) {

    /** The form fields (first value of each), for Twilio's requests. */
    public Map<String, String> form() {
      Map<String, String> fields = new TreeMap<>();
      new QueryStringDecoder(body.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters()
          .forEach((name, values) -> fields.put(name, values.get(0)));
      return fields;
    }

    /** The JSON object of the gateway's requests; null when the body is not one. */
    public JsonObject json() {
      try {
        return new JsonObject(body);
      } catch (RuntimeException notJson) {
        return null;
      }
    }
  }

  /**
   * One SMS a provider was asked to send: which provider (twilio or http), to whom as sent, the text, our notice
   * id when the request carried it (the gateway's RequestId; Twilio's StatusCallback ?notice=), the id the fake
   * answered with (SM… or the SMSID; null unless accepted), and how the fake answered.
   */
  public record Message(String provider, String to, String text, String noticeId, String id, Kind answer,
      Request request) {
  }

  /** A delivery report as a provider posts it; {@link #asRequest()} is what danhoi's webhook hands the provider. */
  public record Report(String url, MultiMap headers, Buffer body, String mediaType) {

    public ReportRequest asRequest() {
      return new ReportRequest(url, headers, body, mediaType);
    }
  }

  private final HttpServer server;
  private final HttpClient client;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final Map<String, Behaviour> byNumber = new ConcurrentHashMap<>();
  private final Deque<Behaviour> next = new ConcurrentLinkedDeque<>();
  private final List<Waiter> waiters = new ArrayList<>();

  private record Waiter(int count, CompletableFuture<List<Message>> done) {
  }

  private FakeSmsProviders(Vertx vertx) {
    this.server = vertx.createHttpServer().requestHandler(this::handle);
    this.client = vertx.createHttpClient();
  }

  /** Starts the fake on a free local port; call it from the test thread (it waits for the port). */
  public static FakeSmsProviders start(Vertx vertx) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("FakeSmsProviders.start waits: use listen(vertx) on an event loop");
    }
    try {
      return listen(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the fake SMS providers did not start", e);
    }
  }

  /** Starts the fake on a free local port, without waiting. */
  public static Future<FakeSmsProviders> listen(Vertx vertx) {
    FakeSmsProviders fake = new FakeSmsProviders(vertx);
    return fake.server.listen(0, "127.0.0.1").map(fake);
  }

  public int port() {
    return server.actualPort();
  }

  /** What {@link TwilioProvider.Settings#baseUrl()} takes: http://127.0.0.1:port. */
  public String twilioBaseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The gateway's send URL, for {@link HttpJsonProvider.Settings#url()}. */
  public String httpUrl() {
    return "http://127.0.0.1:" + port() + HTTP_PATH;
  }

  /** Settings for a TwilioProvider sending here (from {@link #FROM}, folding diacritics). */
  public TwilioProvider.Settings twilioSettings(String statusCallbackUrl, Duration timeout) {
    return new TwilioProvider.Settings(twilioBaseUrl(), ACCOUNT_SID, AUTH_TOKEN, FROM, null, statusCallbackUrl, true,
        timeout);
  }

  /**
   * Settings for an HttpJsonProvider sending here with {@link #HTTP_TEMPLATE}; success is CodeResult 100, the id
   * SMSID. Its reports are JSON {"RequestId": id, "Status": "DELIVRD" | "UNDELIV" | "ENROUTE", "ErrorCode": …}
   * signed with {@code reportSecret}.
   */
  public HttpJsonProvider.Settings httpSettings(String reportSecret, boolean idempotent, Duration timeout) {
    return new HttpJsonProvider.Settings(httpUrl(), "POST", Map.of(), HTTP_TEMPLATE, BRANDNAME, "CodeResult",
        List.of("100"), "SMSID", "ErrorMessage", List.of("429"), idempotent, reportSecret, "RequestId", "Status",
        List.of("DELIVRD"), List.of("UNDELIV", "REJECTD", "EXPIRED"), "ErrorCode", true, timeout);
  }

  /** Answers every message to this number (0912345678, 84… and +84… are one number) so, until scripted again. */
  public FakeSmsProviders script(String toNumber, Behaviour behaviour) {
    byNumber.put(national(toNumber), behaviour);
    return this;
  }

  /** Answers the next messages so, one behaviour each, whoever they are for; before any per-number script. */
  public FakeSmsProviders scriptNext(Behaviour... behaviours) {
    next.addAll(List.of(behaviours));
    return this;
  }

  /** Every request received, in order, messages or not. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Every message received, in order, whatever it was answered. */
  public List<Message> received() {
    return List.copyOf(messages);
  }

  /**
   * The messages once at least {@code n} have come, waiting at most {@code within}; call it from the test thread.
   *
   * @throws AssertionError when fewer came in time, listing those that did
   */
  public List<Message> awaitMessages(int n, Duration within) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("awaitMessages blocks: never call it on an event loop");
    }
    CompletableFuture<List<Message>> done = new CompletableFuture<>();
    synchronized (waiters) {
      if (messages.size() >= n) {
        return List.copyOf(messages);
      }
      waiters.add(new Waiter(n, done));
    }
    try {
      return done.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("expected " + n + " SMS within " + within + ", got " + messages.size() + ": "
          + messages);
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Forgets the requests, messages and scripts, for a test class that shares one fake. */
  public void reset() {
    requests.clear();
    messages.clear();
    byNumber.clear();
    next.clear();
  }

  /**
   * Twilio's status callback for one message: the form it posts (MessageSid, MessageStatus, ErrorCode when not
   * null, and the rest of its fields) to {@code url} (the StatusCallback it was given, ?notice=… included), signed
   * with X-Twilio-Signature: Base64(HMAC-SHA1(authToken, url + each parameter's name and value, by name)).
   */
  public static Report twilioReport(String url, String authToken, String messageSid, String status, String errorCode) {
    Map<String, String> form = new TreeMap<>();
    form.put("AccountSid", ACCOUNT_SID);
    form.put("ApiVersion", "2010-04-01");
    form.put("From", FROM);
    form.put("To", "+84912345678");
    form.put("MessageSid", messageSid);
    form.put("SmsSid", messageSid);
    form.put("MessageStatus", status);
    form.put("SmsStatus", status);
    if (errorCode != null) {
      form.put("ErrorCode", errorCode);
    }
    StringBuilder signed = new StringBuilder(url);
    StringBuilder body = new StringBuilder();
    form.forEach((name, value) -> {
      signed.append(name).append(value);
      body.append(body.length() == 0 ? "" : "&").append(name).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    });
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/x-www-form-urlencoded")
        .add("X-Twilio-Signature", Hmac.sha1Base64(authToken, signed.toString()));
    return new Report(url, headers, Buffer.buffer(body.toString()), "application/x-www-form-urlencoded");
  }

  /** The gateway's report: the JSON body as given, with X-Signature-256: sha256=hex(HMAC-SHA256(secret, body)). */
  public static Report httpReport(String url, String secret, JsonObject body) {
    Buffer raw = body.toBuffer();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json")
        .add("X-Signature-256", Hmac.sha256Header(secret, raw.getBytes()));
    return new Report(url, headers, raw, "application/json");
  }

  /** Posts a report to the URL it names (danhoi's webhook), as the provider would; the answer's status. */
  public Future<Integer> post(Report report) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(report.url());
    report.headers().forEach(options::putHeader);
    return client.request(options).compose(r -> r.send(report.body()))
        .compose(r -> r.body().map(b -> r.statusCode()));
  }

  /** Stops the server and its client, dropping the requests held unanswered (SILENT). */
  public Future<Void> stop() {
    return Future.join(client.close(), server.close()).mapEmpty();
  }

  /** {@link #stop()}, waited for when called off the event loop, so Vert.x is not closed under it. */
  @Override
  public void close() {
    Future<Void> stopped = stop();
    if (!Context.isOnEventLoopThread()) {
      try {
        stopped.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the fake SMS providers did not stop", e);
      }
    }
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      Request request = new Request(req.method(), req.path(),
          MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body.copy());
      requests.add(request);
      Matcher twilio = TWILIO_MESSAGES.matcher(req.path());
      if (req.method() == HttpMethod.POST && twilio.matches()) {
        twilio(req, request, twilio.group(1));
      } else if (req.method() == HttpMethod.POST && req.path().equals(HTTP_PATH)) {
        gateway(req, request);
      } else {
        req.response().setStatusCode(404).end();
      }
    });
  }

  private void twilio(HttpServerRequest req, Request request, String accountSid) {
    String expected = "Basic " + Base64.getEncoder()
        .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(request.headers().get("Authorization"))) {
      twilioError(req, 401, 20003, "Authenticate", null);
      return;
    }
    if (!ACCOUNT_SID.equals(accountSid)) {
      twilioError(req, 404, 20404, "The requested resource /2010-04-01/Accounts/" + accountSid
          + "/Messages.json was not found", null);
      return;
    }
    Map<String, String> form = request.form();
    if (form.get("To") == null) {
      twilioError(req, 400, 21604, "A 'To' phone number is required.", null);
      return;
    }
    if (form.get("From") == null && form.get("MessagingServiceSid") == null) {
      twilioError(req, 400, 21603, "A 'From' phone number is required.", null);
      return;
    }
    if (form.get("Body") == null) {
      twilioError(req, 400, 21602, "Message body is required.", null);
      return;
    }
    String callback = form.get("StatusCallback");
    List<String> notice = callback == null ? null : new QueryStringDecoder(callback).parameters().get("notice");
    Behaviour behaviour = behaviour(form.get("To"));
    String sid = behaviour.kind() == Kind.ACCEPT ? "SM" + UUID.randomUUID().toString().replace("-", "") : null;
    record(new Message("twilio", form.get("To"), form.get("Body"), notice == null ? null : notice.get(0), sid,
        behaviour.kind(), request));
    switch (behaviour.kind()) {
      case ACCEPT -> json(req, 201, new JsonObject()
          .put("sid", sid)
          .put("account_sid", ACCOUNT_SID)
          .put("to", form.get("To"))
          .put("from", form.getOrDefault("From", null))
          .put("messaging_service_sid", form.getOrDefault("MessagingServiceSid", null))
          .put("body", form.get("Body"))
          .put("status", form.containsKey("MessagingServiceSid") ? "accepted" : "queued")
          .put("num_segments", "1")
          .put("direction", "outbound-api")
          .put("api_version", "2010-04-01")
          .put("date_created", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME))
          .putNull("error_code")
          .putNull("error_message")
          .put("uri", "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + sid + ".json"));
      case REFUSE -> twilioError(req, 400, 21211, "The 'To' number " + form.get("To")
          + " is not a valid phone number.", null);
      case RATE_LIMIT -> twilioError(req, 429, 20429, "Too Many Requests", behaviour.retryAfter());
      case SERVER_ERROR -> twilioError(req, behaviour.status(), 20500, "Internal Server Error", null);
      case SILENT -> {
      }
      case RAW -> raw(req, behaviour);
    }
  }

  private void gateway(HttpServerRequest req, Request request) {
    JsonObject body = request.json();
    if (body == null) {
      json(req, 200, new JsonObject().put("CodeResult", "99").put("ErrorMessage", "Request body is not JSON"));
      return;
    }
    if (!HTTP_API_KEY.equals(body.getString("ApiKey")) || !HTTP_SECRET_KEY.equals(body.getString("SecretKey"))) {
      json(req, 200, new JsonObject().put("CodeResult", "101").put("ErrorMessage", "Authorize Failed"));
      return;
    }
    String to = body.getString("Phone");
    Behaviour behaviour = behaviour(to);
    String smsId = behaviour.kind() == Kind.ACCEPT ? UUID.randomUUID().toString() : null;
    record(new Message("http", to, body.getString("Content"), body.getString("RequestId"), smsId, behaviour.kind(),
        request));
    switch (behaviour.kind()) {
      case ACCEPT -> json(req, 200, new JsonObject().put("CodeResult", "100").put("CountRegenerate", 0)
          .put("SMSID", smsId));
      case REFUSE -> json(req, 200, new JsonObject().put("CodeResult", "99")
          .put("ErrorMessage", "Số điện thoại " + to + " không hợp lệ"));
      case RATE_LIMIT -> {
        if (behaviour.retryAfter() != null) {
          req.response().putHeader("Retry-After", String.valueOf(behaviour.retryAfter().toSeconds()));
        }
        json(req, 429, new JsonObject().put("CodeResult", "429").put("ErrorMessage", "Too many requests"));
      }
      case SERVER_ERROR -> req.response().setStatusCode(behaviour.status()).end("Service Unavailable");
      case SILENT -> {
      }
      case RAW -> raw(req, behaviour);
    }
  }

  private Behaviour behaviour(String to) {
    Behaviour scripted = next.poll();
    if (scripted != null) {
      return scripted;
    }
    return byNumber.getOrDefault(national(to), Behaviour.accept());
  }

  private void record(Message message) {
    List<Waiter> ready = new ArrayList<>();
    synchronized (waiters) {
      messages.add(message);
      waiters.removeIf(w -> w.count() <= messages.size() && ready.add(w));
    }
    List<Message> now = List.copyOf(messages);
    ready.forEach(w -> w.done().complete(now));
  }

  private static void twilioError(HttpServerRequest req, int status, int code, String message, Duration retryAfter) {
    if (retryAfter != null) {
      req.response().putHeader("Retry-After", String.valueOf(retryAfter.toSeconds()));
    }
    json(req, status, new JsonObject()
        .put("code", code)
        .put("message", message)
        .put("more_info", "https://www.twilio.com/docs/errors/" + code)
        .put("status", status));
  }

  private static void raw(HttpServerRequest req, Behaviour behaviour) {
    String body = behaviour.body() == null ? "" : behaviour.body();
    if (body.startsWith("{") || body.startsWith("[")) {
      req.response().putHeader("Content-Type", "application/json");
    }
    req.response().setStatusCode(behaviour.status()).end(body);
  }

  private static void json(HttpServerRequest req, int status, JsonObject body) {
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  /** One key for 0912345678, 84912345678 and +84 912 345 678. */
  private static String national(String number) {
    String digits = number == null ? "" : number.replaceAll("[^0-9]", "");
    return digits.startsWith("84") && digits.length() >= 10 ? "0" + digits.substring(2) : digits;
  }
}
