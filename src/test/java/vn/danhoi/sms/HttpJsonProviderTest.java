package vn.danhoi.sms;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.danhoi.infra.Hmac;
import vn.danhoi.support.FakeSmsProviders;
import vn.danhoi.support.FakeSmsProviders.Behaviour;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.support.TestNode.await;

@ExtendWith(VertxExtension.class)
class HttpJsonProviderTest {

  private static final String SECRET = "gateway-report-secret";
  private static final String REPORT_URL = "https://danhoi.example.vn/api/sms/status/http";
  /** Everything a body template must survive: quotes, a backslash, new lines, a tab, marks, an emoji. */
  private static final String HARD_TEXT = "Ông \"Hùng\" hỏi: C:\\ho so\\don.pdf?\nDòng 2\r\n\tĐà Nẵng 🙏 </script>";

  private FakeSmsProviders fake;
  private HttpJsonProvider gateway;

  @BeforeEach
  void start(Vertx vertx) {
    fake = FakeSmsProviders.start(vertx);
    gateway = new HttpJsonProvider(vertx, fake.httpSettings(SECRET, false, Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private SmsResult send(SmsProvider provider, UUID notice, String to, String text) {
    return await(provider.send(new OutgoingSms(notice, to, text)));
  }

  private HttpJsonProvider.Settings with(String template, Map<String, String> headers, boolean idempotent,
      Duration timeout, String url) {
    HttpJsonProvider.Settings s = fake.httpSettings(SECRET, idempotent, timeout);
    return new HttpJsonProvider.Settings(url == null ? s.url() : url, s.method(), headers, template == null
        ? s.bodyTemplate() : template, s.brandname(), s.successPath(), s.successValues(), s.idPath(), s.errorPath(),
        s.retryValues(), s.idempotent(), s.reportSecret(), s.reportIdPath(), s.reportStatusPath(),
        s.deliveredValues(), s.failedValues(), s.reportCodePath(), s.foldDiacritics(), s.timeout());
  }

  @Test
  void acceptedWithTheGatewaysIdAndABodyThatIsValidJsonWhateverTheText() {
    UUID notice = UUID.randomUUID();
    SmsResult result = send(gateway, notice, "0912 345 678", HARD_TEXT);

    FakeSmsProviders.Message sent = fake.awaitMessages(1, Duration.ofSeconds(5)).get(0);
    assertEquals(new SmsResult.Accepted(sent.id()), result);
    JsonObject body = sent.request().json();
    assertEquals(HARD_TEXT, body.getString("Content"));
    assertEquals("0912345678", body.getString("Phone"));
    assertEquals(notice.toString(), body.getString("RequestId"));
    assertEquals(FakeSmsProviders.BRANDNAME, body.getString("Brandname"));
    assertEquals("POST", sent.request().method().name());
    assertTrue(sent.request().headers().get("Content-Type").startsWith("application/json"));
  }

  @Test
  void theInternationalFormsAndTheHeadersGoWhereTheTemplateSays(Vertx vertx) {
    String template = "{\"ApiKey\":\"" + FakeSmsProviders.HTTP_API_KEY + "\",\"SecretKey\":\""
        + FakeSmsProviders.HTTP_SECRET_KEY + "\",\"Phone\":\"{{to84}}\",\"Content\":\"{{text}}\","
        + "\"Recipient\":{\"e164\":\"{{toE164}}\"},\"RequestId\":\"{{id}}\"}";
    HttpJsonProvider provider = new HttpJsonProvider(vertx, with(template,
        Map.of("Authorization", "Basic ZGFuaG9pOmtleQ==", "X-Api-Key", "k-123"), false, Duration.ofSeconds(5), null));
    assertInstanceOf(SmsResult.Accepted.class, send(provider, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
    FakeSmsProviders.Request request = fake.received().get(0).request();
    assertEquals("84912345678", request.json().getString("Phone"));
    assertEquals("+84912345678", request.json().getJsonObject("Recipient").getString("e164"));
    assertEquals("Basic ZGFuaG9pOmtleQ==", request.headers().get("Authorization"));
    assertEquals("k-123", request.headers().get("X-Api-Key"));
  }

  @Test
  void aRefusedNumberIsRefusedWithTheGatewaysCodeAndMessage() {
    fake.script("0900000000", Behaviour.refuse());
    assertEquals(new SmsResult.Refused("99", "Số điện thoại 0900000000 không hợp lệ"),
        send(gateway, UUID.randomUUID(), "0900000000", "Tiep cong dan"));
  }

  @Test
  void aRetryCodeInASuccessfulAnswerIsRetried() {
    fake.scriptNext(Behaviour.raw(200, "{\"CodeResult\":\"429\",\"ErrorMessage\":\"Vượt hạn mức gửi\"}"));
    assertEquals(new SmsResult.RetryLater("429", "Vượt hạn mức gửi", ProviderCall.DEFAULT_RETRY),
        send(gateway, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
  }

  @Test
  void aCodeAsAJsonNumberIsReadAsText() {
    fake.scriptNext(Behaviour.raw(200, "{\"CodeResult\":100,\"SMSID\":987654}"));
    assertEquals(new SmsResult.Accepted("987654"), send(gateway, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
  }

  @Test
  void aRateLimitIsRetriedAfterTheRetryAfterHeader() {
    fake.scriptNext(Behaviour.rateLimit(Duration.ofSeconds(42)));
    assertEquals(new SmsResult.RetryLater("429", "Too many requests", Duration.ofSeconds(42)),
        send(gateway, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
  }

  @Test
  void aServerErrorIsRetried() {
    fake.scriptNext(Behaviour.serverError(500));
    SmsResult.RetryLater later = assertInstanceOf(SmsResult.RetryLater.class,
        send(gateway, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
    assertEquals("500", later.code());
    assertEquals(ProviderCall.DEFAULT_RETRY, later.after());
  }

  @Test
  void anotherClientErrorIsRefusedAndCredentialsWait() {
    fake.scriptNext(Behaviour.raw(400, "{\"ErrorMessage\":\"Thiếu trường Content\"}"),
        Behaviour.raw(401, "Unauthorized"));
    assertEquals(new SmsResult.Refused("400", "Thiếu trường Content"),
        send(gateway, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
    assertEquals(new SmsResult.RetryLater("401", "Unauthorized", ProviderCall.CONFIGURATION_RETRY),
        send(gateway, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
  }

  @Test
  void aSuccessfulAnswerThatSaysNothingIsUnconfirmed() {
    fake.scriptNext(Behaviour.raw(200, "OK"), Behaviour.raw(200, "{\"Other\":1}"));
    assertInstanceOf(SmsResult.Unconfirmed.class, send(gateway, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
    assertInstanceOf(SmsResult.Unconfirmed.class, send(gateway, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
  }

  @Test
  void withoutASuccessPathAny2xxIsTaken(Vertx vertx) {
    HttpJsonProvider.Settings s = fake.httpSettings(SECRET, false, Duration.ofSeconds(5));
    HttpJsonProvider lenient = new HttpJsonProvider(vertx, new HttpJsonProvider.Settings(s.url(), null, null,
        s.bodyTemplate(), s.brandname(), "", null, "data.0.id", null, null, false, null, null, null, null, null, null,
        false, null));
    fake.scriptNext(Behaviour.raw(202, "{\"data\":[{\"id\":\"msg-1\"}]}"), Behaviour.raw(204, ""));
    assertEquals(new SmsResult.Accepted("msg-1"), send(lenient, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
    assertEquals(new SmsResult.Accepted(null), send(lenient, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
  }

  @Test
  void noAnswerWithinTheTimeoutIsUnconfirmedUnlessTheGatewayDropsDuplicates(Vertx vertx) {
    fake.script("0912345678", Behaviour.silent());
    HttpJsonProvider impatient = new HttpJsonProvider(vertx, with(null, null, false, Duration.ofMillis(300), null));
    assertInstanceOf(SmsResult.Unconfirmed.class, send(impatient, UUID.randomUUID(), "0912345678", "Tiep cong dan"));

    HttpJsonProvider idempotent = new HttpJsonProvider(vertx, with(null, null, true, Duration.ofMillis(300), null));
    SmsResult.RetryLater later = assertInstanceOf(SmsResult.RetryLater.class,
        send(idempotent, UUID.randomUUID(), "0912345678", "Tiep cong dan"));
    assertEquals("timeout", later.code());
    assertEquals(2, fake.received().size());
  }

  @Test
  void aConnectionThatCannotOpenIsRetried(Vertx vertx) throws IOException {
    HttpJsonProvider nowhere = new HttpJsonProvider(vertx, with(null, null, false, Duration.ofSeconds(2),
        "http://127.0.0.1:" + TwilioProviderTest.closedPort() + FakeSmsProviders.HTTP_PATH));
    assertEquals("connect", assertInstanceOf(SmsResult.RetryLater.class,
        send(nowhere, UUID.randomUUID(), "0912345678", "Tiep cong dan")).code());
  }

  @Test
  void placeholdersAreJsonEscaped() {
    String body = HttpJsonProvider.render("{\"t\":\"{{text}}\",\"n\":\"{{to}}\"}",
        Map.of("text", HARD_TEXT + "\u0001\u2028", "to", "0912345678"));
    assertEquals(HARD_TEXT + "\u0001\u2028", new JsonObject(body).getString("t"));
    assertEquals("{\"t\":\"$1 \\\\1\"}", HttpJsonProvider.render("{\"t\":\"{{text}}\"}", Map.of("text", "$1 \\1")));
  }

  @Test
  void aTemplateThatCannotWorkIsRefusedAtStart(Vertx vertx) {
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> new HttpJsonProvider(vertx,
        with("{\"Phone\":{{to}},\"Content\":\"{{text}}\"}", null, false, null, null)));
    assertTrue(outside.getMessage().contains("not JSON"), outside.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new HttpJsonProvider(vertx,
        with("{\"Phone\":\"{{phone}}\",\"Content\":\"{{text}}\"}", null, false, null, null)));
    assertTrue(unknown.getMessage().contains("[phone]"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new HttpJsonProvider(vertx,
        with("{\"Phone\":\"{{to}}\"}", null, false, null, null)));
    assertThrows(IllegalArgumentException.class, () -> new HttpJsonProvider(vertx,
        with("{\"Phone\":\"{{to}}\",\"Content\":\"{{text}}\"", null, false, null, null)));
    assertThrows(IllegalArgumentException.class, () -> new HttpJsonProvider(vertx,
        with(null, null, false, null, "ftp://gateway.example.vn/send")));
  }

  @Test
  void settingsKeepTheirSecretsOutOfLogs() {
    HttpJsonProvider.Settings s = with(null, Map.of("Authorization", "Basic c2VjcmV0"), false, null, null);
    assertTrue(s.toString().contains("Authorization"));
    assertTrue(!s.toString().contains("c2VjcmV0") && !s.toString().contains(SECRET), s.toString());
  }

  @Test
  void aSignedReportWithOurNoticeIdIsRead() {
    UUID notice = UUID.randomUUID();
    FakeSmsProviders.Report report = FakeSmsProviders.httpReport(REPORT_URL, SECRET,
        new JsonObject().put("RequestId", notice.toString()).put("Status", "DELIVRD"));
    assertEquals(new DeliveryReport(notice, null, DeliveryReport.Outcome.DELIVERED, null),
        gateway.report(report.asRequest()));
  }

  @Test
  void aReportWithTheGatewaysIdAndAFailureCarriesTheCode() {
    FakeSmsProviders.Report report = FakeSmsProviders.httpReport(REPORT_URL, SECRET,
        new JsonObject().put("RequestId", "SMS-778899").put("Status", "UNDELIV").put("ErrorCode", 5));
    assertEquals(new DeliveryReport(null, "SMS-778899", DeliveryReport.Outcome.FAILED, "5"),
        gateway.report(report.asRequest()));
    FakeSmsProviders.Report enRoute = FakeSmsProviders.httpReport(REPORT_URL, SECRET,
        new JsonObject().put("RequestId", "SMS-778899").put("Status", "ENROUTE"));
    assertEquals(DeliveryReport.Outcome.SENT, gateway.report(enRoute.asRequest()).outcome());
  }

  @Test
  void aReportNotSignedWithTheSecretIsRefused(Vertx vertx) {
    JsonObject body = new JsonObject().put("RequestId", UUID.randomUUID().toString()).put("Status", "DELIVRD");
    FakeSmsProviders.Report wrong = FakeSmsProviders.httpReport(REPORT_URL, "another-secret", body);
    assertThrows(SmsProvider.BadSignature.class, () -> gateway.report(wrong.asRequest()));

    FakeSmsProviders.Report right = FakeSmsProviders.httpReport(REPORT_URL, SECRET, body);
    ReportRequest tampered = new ReportRequest(REPORT_URL, right.headers(),
        Buffer.buffer(right.body().toString().replace("DELIVRD", "UNDELIV")), "application/json");
    assertThrows(SmsProvider.BadSignature.class, () -> gateway.report(tampered));
    ReportRequest unsigned = new ReportRequest(REPORT_URL, MultiMap.caseInsensitiveMultiMap(), right.body(),
        "application/json");
    assertThrows(SmsProvider.BadSignature.class, () -> gateway.report(unsigned));

    HttpJsonProvider noSecret = new HttpJsonProvider(vertx, fake.httpSettings("", false, null));
    assertThrows(SmsProvider.BadSignature.class, () -> noSecret.report(right.asRequest()),
        "with no secret set, no report is believed");
  }

  @Test
  void aSignedBodyThatIsNoReportIsABadRequest() {
    Buffer notJson = Buffer.buffer("RequestId=1&Status=DELIVRD");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("X-Signature-256", Hmac.sha256Header(SECRET, notJson.getBytes()).toUpperCase().replace("SHA256=", "sha256="));
    assertThrows(IllegalArgumentException.class,
        () -> gateway.report(new ReportRequest(REPORT_URL, headers, notJson, "application/x-www-form-urlencoded")));
    FakeSmsProviders.Report noStatus = FakeSmsProviders.httpReport(REPORT_URL, SECRET,
        new JsonObject().put("RequestId", "SMS-1"));
    assertThrows(IllegalArgumentException.class, () -> gateway.report(noStatus.asRequest()));
  }

  /** What a webhook route does with what the fake posts: the signature holds over the wire too. */
  @Test
  void aReportPostedByTheFakeReachesAWebhookSigned(Vertx vertx) {
    HttpServer webhook = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      try {
        DeliveryReport report = gateway.report(new ReportRequest(req.absoluteURI(), req.headers(), body,
            req.getHeader("Content-Type")));
        req.response().setStatusCode(report.outcome() == DeliveryReport.Outcome.DELIVERED ? 204 : 200).end();
      } catch (SmsProvider.BadSignature e) {
        req.response().setStatusCode(401).end();
      }
    }));
    String url = "http://127.0.0.1:" + await(webhook.listen(0, "127.0.0.1")).actualPort() + "/api/sms/status/http";
    JsonObject body = new JsonObject().put("RequestId", UUID.randomUUID().toString()).put("Status", "DELIVRD");
    assertEquals(204, await(fake.post(FakeSmsProviders.httpReport(url, SECRET, body))));
    assertEquals(401, await(fake.post(FakeSmsProviders.httpReport(url, "another-secret", body))));
    await(webhook.close());
  }
}
