package vn.danhoi.sms;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Hmac;
import vn.danhoi.infra.RetryAfter;
import vn.danhoi.infra.Tokens;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static vn.danhoi.sms.ProviderSettings.blank;
import static vn.danhoi.sms.ProviderSettings.httpUrl;
import static vn.danhoi.sms.ProviderSettings.orEmpty;
import static vn.danhoi.sms.ProviderSettings.require;

/**
 * Twilio Programmable Messaging: one POST to the Messages resource per SMS, and its status callbacks read back
 * as delivery reports (signed with the account's auth token, X-Twilio-Signature).
 */
public final class TwilioProvider implements SmsProvider {

  /**
   * How danhoi reaches one Twilio account.
   *
   * @param baseUrl             the API's address, https://api.twilio.com when empty (a fake's in tests)
   * @param from                an E.164 number or an alphanumeric sender id; not used when a messaging service is set
   * @param messagingServiceSid MG…, sent instead of {@code from} when set (Twilio then picks the sender)
   * @param statusCallbackUrl   the public URL of danhoi's webhook for Twilio (…/api/sms/status/twilio); empty for
   *                            no delivery reports. Each message's callback carries {@code ?notice=<id>}
   * @param timeout             how long a connection may take to open, and an answer may keep silent
   */
  public record Settings(String baseUrl, String accountSid, String authToken, String from, String messagingServiceSid,
      String statusCallbackUrl, boolean foldDiacritics, Duration timeout) {

    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public Settings {
      baseUrl = blank(baseUrl) ? DEFAULT_BASE_URL : baseUrl.strip().replaceAll("/+$", "");
      accountSid = orEmpty(accountSid);
      authToken = orEmpty(authToken);
      from = orEmpty(from);
      messagingServiceSid = orEmpty(messagingServiceSid);
      statusCallbackUrl = orEmpty(statusCallbackUrl);
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    @Override
    public String toString() {
      return "Settings[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", from=" + from + ", messagingServiceSid="
          + messagingServiceSid + ", statusCallbackUrl=" + statusCallbackUrl + ", timeout=" + timeout + "]";
    }
  }

  /** 400s that are about now, not about the message: the account's rate, a sender's full queue. */
  private static final Set<String> RETRY_CODES = Set.of("20429", "21611");

  private final Settings settings;
  private final HttpClient client;
  private final String messagesUrl;
  private final String authorization;

  /** @throws IllegalArgumentException when the settings cannot send (a missing credential or sender, a bad URL) */
  public TwilioProvider(Vertx vertx, Settings settings) {
    require(!blank(settings.accountSid()), "Twilio: the account SID is missing");
    require(!blank(settings.authToken()), "Twilio: the auth token is missing");
    require(!blank(settings.from()) || !blank(settings.messagingServiceSid()),
        "Twilio: neither a sender (from) nor a messaging service SID is set");
    require(httpUrl(settings.baseUrl()), "Twilio: the base URL is not an http(s) URL: " + settings.baseUrl());
    require(blank(settings.statusCallbackUrl()) || httpUrl(settings.statusCallbackUrl()),
        "Twilio: the status callback is not an absolute http(s) URL: " + settings.statusCallbackUrl());
    require(!(settings.timeout().isNegative() || settings.timeout().isZero()), "Twilio: the timeout must be positive");
    this.settings = settings;
    this.client = ProviderCall.client(vertx, name(), settings.timeout());
    this.messagesUrl = settings.baseUrl() + "/2010-04-01/Accounts/"
        + URLEncoder.encode(settings.accountSid(), StandardCharsets.UTF_8) + "/Messages.json";
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String name() {
    return "twilio";
  }

  @Override
  public boolean foldsDiacritics() {
    return settings.foldDiacritics();
  }

  @Override
  public Future<SmsResult> send(OutgoingSms sms) {
    StringBuilder form = new StringBuilder();
    field(form, "To", PhoneNumbers.e164(sms.to()));
    if (blank(settings.messagingServiceSid())) {
      field(form, "From", settings.from());
    } else {
      field(form, "MessagingServiceSid", settings.messagingServiceSid());
    }
    field(form, "Body", sms.text());
    if (!blank(settings.statusCallbackUrl())) {
      // our id in the callback's URL, so a report finds its notice even when the send's answer (the SM…) was lost
      String url = settings.statusCallbackUrl();
      field(form, "StatusCallback", url + (url.contains("?") ? "&" : "?") + "notice=" + sms.noticeId());
    }
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(messagesUrl)
        .putHeader("Authorization", authorization)
        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .putHeader("Accept", "application/json");
    return ProviderCall.exchange(client, options, Buffer.buffer(form.toString()), settings.timeout(), this::read,
        lost -> new SmsResult.Unconfirmed("no answer from Twilio: " + ProviderCall.reason(lost)));
  }

  /** Twilio's answers: 201 with the Message (sid SM…), or an error {code, message, more_info, status}. */
  private SmsResult read(ProviderCall.Answer answer) {
    JsonObject json = answer.json();
    if (answer.success()) {
      return new SmsResult.Accepted(json == null ? null : json.getString("sid"));
    }
    Object errorCode = json == null ? null : json.getValue("code");
    String code = errorCode == null ? String.valueOf(answer.status()) : String.valueOf(errorCode);
    String message = json != null && json.getValue("message") instanceof String m ? m : answer.excerpt();
    int status = answer.status();
    if (status == 429 || status >= 500) {
      return new SmsResult.RetryLater(code, message, RetryAfter.of(answer.headers(), ProviderCall.DEFAULT_RETRY));
    }
    if (status == 401 || status == 403 || status == 404) {
      return new SmsResult.RetryLater(code, message, ProviderCall.CONFIGURATION_RETRY);
    }
    if (RETRY_CODES.contains(code)) {
      return new SmsResult.RetryLater(code, message, RetryAfter.of(answer.headers(), ProviderCall.DEFAULT_RETRY));
    }
    return new SmsResult.Refused(code, message);
  }

  /**
   * A status callback: the form Twilio posts (MessageSid, MessageStatus, ErrorCode…), signed over the URL it
   * called and the parameters sorted by name. The notice comes from the URL's {@code notice}, which send put there.
   */
  @Override
  public DeliveryReport report(ReportRequest request) {
    Map<String, List<String>> params = "application/x-www-form-urlencoded".equals(request.mediaType())
        ? new QueryStringDecoder(request.body().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false)
            .parameters()
        : Map.of();
    String given = request.headers().get("X-Twilio-Signature");
    if (given == null || !Tokens.constantTimeEquals(signature(request.url(), params), given.strip())) {
      throw new BadSignature("Twilio status callback: X-Twilio-Signature " + (given == null ? "missing" : "wrong"));
    }
    String sid = first(params, "MessageSid");
    String status = first(params, "MessageStatus");
    if (blank(sid) || blank(status)) {
      throw new IllegalArgumentException("Twilio status callback without MessageSid or MessageStatus");
    }
    String errorCode = first(params, "ErrorCode");
    return new DeliveryReport(notice(request.url()), sid, outcome(status), blank(errorCode) ? null : errorCode);
  }

  private String signature(String url, Map<String, List<String>> params) {
    StringBuilder signed = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, values) -> {
      List<String> sorted = new ArrayList<>(values);
      sorted.sort(null);
      sorted.forEach(v -> signed.append(name).append(v));
    });
    return Hmac.sha1Base64(settings.authToken(), signed.toString());
  }

  /**
   * Twilio's statuses: read (a read receipt) means it reached the phone too; canceled (a scheduled message
   * withdrawn) will not reach it; queued, accepted, sending, sent… are on the way.
   */
  private static DeliveryReport.Outcome outcome(String status) {
    return switch (status.strip().toLowerCase(Locale.ROOT)) {
      case "delivered", "read" -> DeliveryReport.Outcome.DELIVERED;
      case "undelivered", "failed", "canceled" -> DeliveryReport.Outcome.FAILED;
      default -> DeliveryReport.Outcome.SENT;
    };
  }

  private static UUID notice(String url) {
    List<String> notice = new QueryStringDecoder(url).parameters().get("notice");
    if (notice == null || notice.isEmpty()) {
      return null;
    }
    try {
      return UUID.fromString(notice.get(0));
    } catch (IllegalArgumentException notOurs) {
      return null;
    }
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static void field(StringBuilder form, String name, String value) {
    if (form.length() > 0) {
      form.append('&');
    }
    form.append(name).append('=').append(URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8));
  }
}
