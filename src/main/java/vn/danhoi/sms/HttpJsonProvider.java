package vn.danhoi.sms;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Hmac;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RetryAfter;
import vn.danhoi.infra.Tokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static vn.danhoi.sms.ProviderSettings.blank;
import static vn.danhoi.sms.ProviderSettings.httpUrl;
import static vn.danhoi.sms.ProviderSettings.orEmpty;
import static vn.danhoi.sms.ProviderSettings.require;

/**
 * A JSON-over-HTTP SMS gateway described by its settings rather than by code: how the Vietnamese brandname
 * gateways (eSMS.vn, SpeedSMS, the carriers' brandname services) are connected. The body is a JSON template with
 * placeholders; the answer is read at dotted paths; delivery reports come back as JSON signed with HMAC-SHA256,
 * as danhoi's SMS intake webhook is.
 */
public final class HttpJsonProvider implements SmsProvider {

  /**
   * One gateway. Lists and maps may be given as null (empty); strings as null or "" (unset).
   *
   * @param method          POST (when empty) or PUT
   * @param headers         sent with each request: the gateway's credentials (Authorization: Basic …, an API key
   *                        header); Content-Type defaults to application/json
   * @param bodyTemplate    JSON text with placeholders {{to}} (the number as stored, without separators),
   *                        {{to84}} (84912345678), {{toE164}} (+84912345678), {{text}}, {{id}} (the notice's id)
   *                        and {{brandname}}; each is JSON-escaped, so it belongs inside a JSON string
   * @param successPath     the dotted path (a.b, or a.0.b into an array) of the gateway's result code in a 2xx
   *                        answer; empty when any 2xx means taken
   * @param successValues   the result codes meaning taken (eSMS: 100)
   * @param idPath          where the gateway's message id is in a taken answer (eSMS: SMSID)
   * @param errorPath       where the gateway's explanation of a refusal is (eSMS: ErrorMessage)
   * @param retryValues     result codes meaning "not now" (a rate limit, a busy queue): sent again later
   * @param idempotent      the gateway drops a second request with the same {{id}}, so a request whose answer was
   *                        lost may be sent again
   * @param reportSecret    the HMAC-SHA256 key of the delivery reports (X-Signature-256: sha256=hex); empty
   *                        refuses every report
   * @param reportIdPath    where a report carries our notice id (a UUID) or else the gateway's message id
   * @param reportCodePath  where a report carries the gateway's or network's error code; may be empty
   * @param timeout         how long a connection may take to open, and an answer may keep silent
   */
  public record Settings(String url, String method, Map<String, String> headers, String bodyTemplate,
      String brandname, String successPath, List<String> successValues, String idPath, String errorPath,
      List<String> retryValues, boolean idempotent, String reportSecret, String reportIdPath,
      String reportStatusPath, List<String> deliveredValues, List<String> failedValues, String reportCodePath,
      boolean foldDiacritics, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public Settings {
      url = orEmpty(url);
      method = blank(method) ? "POST" : method.strip().toUpperCase(Locale.ROOT);
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      bodyTemplate = orEmpty(bodyTemplate);
      brandname = orEmpty(brandname);
      successPath = orEmpty(successPath);
      successValues = successValues == null ? List.of() : List.copyOf(successValues);
      idPath = orEmpty(idPath);
      errorPath = orEmpty(errorPath);
      retryValues = retryValues == null ? List.of() : List.copyOf(retryValues);
      reportSecret = reportSecret == null ? "" : reportSecret;
      reportIdPath = orEmpty(reportIdPath);
      reportStatusPath = orEmpty(reportStatusPath);
      deliveredValues = deliveredValues == null ? List.of() : List.copyOf(deliveredValues);
      failedValues = failedValues == null ? List.of() : List.copyOf(failedValues);
      reportCodePath = orEmpty(reportCodePath);
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** Without the headers' values and the report secret: they are credentials, and settings get logged. */
    @Override
    public String toString() {
      return "Settings[url=" + url + ", method=" + method + ", headers=" + new TreeSet<>(headers.keySet())
          + ", brandname=" + brandname + ", successPath=" + successPath + ", successValues=" + successValues
          + ", idPath=" + idPath + ", idempotent=" + idempotent + ", reportSecret=" + (reportSecret.isEmpty() ? "" : "***")
          + ", timeout=" + timeout + "]";
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
  private static final Set<String> PLACEHOLDERS = Set.of("to", "to84", "toE164", "text", "id", "brandname");

  private final Settings settings;
  private final HttpClient client;

  /** @throws IllegalArgumentException when the settings cannot send: a bad URL, method or body template */
  public HttpJsonProvider(Vertx vertx, Settings settings) {
    require(httpUrl(settings.url()), "SMS gateway: the URL is not an http(s) URL: " + settings.url());
    require(settings.method().equals("POST") || settings.method().equals("PUT"),
        "SMS gateway: the method must be POST or PUT, not " + settings.method());
    checkTemplate(settings.bodyTemplate());
    require(blank(settings.successPath()) || !settings.successValues().isEmpty(),
        "SMS gateway: a success path (" + settings.successPath() + ") needs the values that mean success");
    require(settings.reportSecret().isEmpty() || !blank(settings.reportIdPath()) && !blank(settings.reportStatusPath()),
        "SMS gateway: delivery reports need the paths of their id and status");
    require(!(settings.timeout().isNegative() || settings.timeout().isZero()), "SMS gateway: the timeout must be positive");
    this.settings = settings;
    this.client = ProviderCall.client(vertx, name(), settings.timeout());
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public boolean foldsDiacritics() {
    return settings.foldDiacritics();
  }

  @Override
  public Future<SmsResult> send(OutgoingSms sms) {
    String body = render(settings.bodyTemplate(), Map.of(
        "to", JsonFields.normalisePhone(sms.to() == null ? "" : sms.to()),
        "to84", PhoneNumbers.international(sms.to()),
        "toE164", PhoneNumbers.e164(sms.to()),
        "text", sms.text() == null ? "" : sms.text(),
        "id", String.valueOf(sms.noticeId()),
        "brandname", settings.brandname()));
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.valueOf(settings.method()))
        .setAbsoluteURI(settings.url())
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Accept", "application/json");
    settings.headers().forEach(options::putHeader);
    return ProviderCall.exchange(client, options, Buffer.buffer(body, "UTF-8"), settings.timeout(), this::read,
        lost -> settings.idempotent()
            // the gateway drops a second request with the same id, so asking again cannot send the SMS twice
            ? new SmsResult.RetryLater("timeout", "no answer from the gateway: " + ProviderCall.reason(lost),
                ProviderCall.DEFAULT_RETRY)
            : new SmsResult.Unconfirmed("no answer from the gateway: " + ProviderCall.reason(lost)));
  }

  private SmsResult read(ProviderCall.Answer answer) {
    JsonObject json = answer.json();
    String code = value(json, settings.successPath());
    String reason = blank(value(json, settings.errorPath())) ? answer.excerpt() : value(json, settings.errorPath());
    if (answer.success()) {
      if (blank(settings.successPath()) || in(settings.successValues(), code)) {
        return new SmsResult.Accepted(value(json, settings.idPath()));
      }
      if (code == null) {
        // a 2xx that does not say what became of the message: it may well have been taken
        return new SmsResult.Unconfirmed("the gateway's answer has no " + settings.successPath() + ": "
            + answer.excerpt());
      }
      return in(settings.retryValues(), code)
          ? new SmsResult.RetryLater(code, reason, RetryAfter.of(answer.headers(), ProviderCall.DEFAULT_RETRY))
          : new SmsResult.Refused(code, reason);
    }
    int status = answer.status();
    String shown = code == null ? String.valueOf(status) : code;
    if (status == 429 || status >= 500 || in(settings.retryValues(), code)) {
      return new SmsResult.RetryLater(shown, reason,
          RetryAfter.of(answer.headers(), ProviderCall.DEFAULT_RETRY));
    }
    if (status == 401 || status == 403) {
      // credentials: the same for every message, fixed in the configuration (see ProviderCall.CONFIGURATION_RETRY)
      return new SmsResult.RetryLater(shown, reason, ProviderCall.CONFIGURATION_RETRY);
    }
    return new SmsResult.Refused(shown, reason);
  }

  /**
   * A delivery report: a JSON body signed as X-Signature-256: sha256=hex(HMAC-SHA256(reportSecret, body)). Its
   * id is our notice's when it is a UUID (a gateway that echoes {{id}}), else the gateway's message id.
   */
  @Override
  public DeliveryReport report(ReportRequest request) {
    String given = request.headers().get("X-Signature-256");
    if (settings.reportSecret().isEmpty() || given == null || !Tokens.constantTimeEquals(
        Hmac.sha256Header(settings.reportSecret(), request.body().getBytes()), given.strip().toLowerCase(Locale.ROOT))) {
      throw new BadSignature("gateway report: X-Signature-256 " + (settings.reportSecret().isEmpty() ? "not expected"
          : given == null ? "missing" : "wrong"));
    }
    JsonObject json = ProviderCall.jsonObject(request.body());
    if (json == null) {
      throw new IllegalArgumentException("gateway report: the body is not a JSON object");
    }
    String id = value(json, settings.reportIdPath());
    String status = value(json, settings.reportStatusPath());
    if (blank(id) || status == null) {
      throw new IllegalArgumentException("gateway report without " + settings.reportIdPath() + " or "
          + settings.reportStatusPath());
    }
    DeliveryReport.Outcome outcome = in(settings.deliveredValues(), status) ? DeliveryReport.Outcome.DELIVERED
        : in(settings.failedValues(), status) ? DeliveryReport.Outcome.FAILED
        : DeliveryReport.Outcome.SENT;
    UUID notice = uuid(id);
    return new DeliveryReport(notice, notice == null ? id : null, outcome, value(json, settings.reportCodePath()));
  }

  /** The template filled in, each value JSON-escaped (the placeholders stand inside JSON strings). */
  static String render(String template, Map<String, String> values) {
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    return PLACEHOLDER.matcher(template).replaceAll(
        m -> Matcher.quoteReplacement(new String(encoder.quoteAsString(values.getOrDefault(m.group(1), "")))));
  }

  /** Fails the start-up, not the first SMS, on a template that names no text or recipient or is not JSON. */
  private static void checkTemplate(String template) {
    require(!template.isEmpty(), "SMS gateway: the body template is empty");
    Set<String> used = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      used.add(m.group(1));
    }
    Set<String> unknown = new TreeSet<>(used);
    unknown.removeAll(PLACEHOLDERS);
    require(unknown.isEmpty(), "SMS gateway: unknown placeholders in the body template: " + unknown
        + " (known: " + new TreeSet<>(PLACEHOLDERS) + ")");
    require(used.contains("text"), "SMS gateway: the body template has no {{text}}");
    require(used.contains("to") || used.contains("to84") || used.contains("toE164"),
        "SMS gateway: the body template has no recipient ({{to}}, {{to84}} or {{toE164}})");
    String sample = render(template, Map.of("to", "0912345678", "to84", "84912345678", "toE164", "+84912345678",
        "text", "Trả lời \"câu hỏi\" số 12:\n\\ đã đăng", "id", UUID.randomUUID().toString(),
        "brandname", "DANHOI"));
    try {
      Json.decodeValue(sample);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("SMS gateway: the body template is not JSON once filled in (is a"
          + " placeholder outside quotes?): " + e.getMessage(), e);
    }
  }

  /** The value at a dotted path (a.b, a.0.b into an array) as text; null when the path is empty or leads nowhere. */
  static String value(JsonObject json, String path) {
    if (json == null || blank(path)) {
      return null;
    }
    Object at = json;
    for (String step : path.split("\\.")) {
      if (at instanceof JsonObject o) {
        at = o.getValue(step);
      } else if (at instanceof JsonArray a && step.matches("\\d{1,9}") && Integer.parseInt(step) < a.size()) {
        at = a.getValue(Integer.parseInt(step));
      } else {
        return null;
      }
    }
    if (at == null) {
      return null;
    }
    if (at instanceof JsonObject || at instanceof JsonArray) {
      return Json.encode(at);
    }
    return at instanceof Double || at instanceof Float ? trimmed((Number) at) : String.valueOf(at);
  }

  /** 100.0 read as "100": a gateway that sends its code as a JSON number is still matched against "100". */
  private static String trimmed(Number n) {
    double d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** Immutable lists throw on contains(null); a missing value is in no list. */
  private static boolean in(List<String> values, String value) {
    return value != null && values.contains(value);
  }

  private static UUID uuid(String id) {
    try {
      return id.length() == 36 ? UUID.fromString(id) : null;
    } catch (IllegalArgumentException notOurs) {
      return null;
    }
  }
}
