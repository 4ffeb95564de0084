package vn.danhoi.sms;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.danhoi.infra.Hmac;
import vn.danhoi.support.FakeSmsProviders;
import vn.danhoi.support.FakeSmsProviders.Behaviour;
import vn.danhoi.support.FakeSmsProviders.Report;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.support.TestNode.await;

@ExtendWith(VertxExtension.class)
class TwilioProviderTest {

  private static final String CALLBACK = "https://danhoi.example.vn/api/sms/status/twilio";
  private static final String TEXT = "Cau hoi cua ong/ba da duoc So Nong nghiep va Moi truong tra loi.";

  private FakeSmsProviders fake;
  private TwilioProvider twilio;

  @BeforeEach
  void start(Vertx vertx) {
    fake = FakeSmsProviders.start(vertx);
    twilio = new TwilioProvider(vertx, fake.twilioSettings(CALLBACK, Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private SmsResult send(SmsProvider provider, UUID notice, String to, String text) {
    return await(provider.send(new OutgoingSms(notice, to, text)));
  }

  @Test
  void acceptedWithTheMessageSidFromTheDocumentedRequest() {
    UUID notice = UUID.randomUUID();
    SmsResult result = send(twilio, notice, "0912345678", TEXT);

    FakeSmsProviders.Message sent = fake.awaitMessages(1, Duration.ofSeconds(5)).get(0);
    assertTrue(sent.id().startsWith("SM"), sent.id());
    assertEquals(new SmsResult.Accepted(sent.id()), result);
    FakeSmsProviders.Request request = sent.request();
    assertEquals("/2010-04-01/Accounts/" + FakeSmsProviders.ACCOUNT_SID + "/Messages.json", request.path());
    assertEquals("Basic " + Base64.getEncoder().encodeToString((FakeSmsProviders.ACCOUNT_SID + ":"
        + FakeSmsProviders.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)), request.headers().get("Authorization"));
    assertTrue(request.headers().get("Content-Type").startsWith("application/x-www-form-urlencoded"));
    assertEquals(Map.of("To", "+84912345678", "From", FakeSmsProviders.FROM, "Body", TEXT,
        "StatusCallback", CALLBACK + "?notice=" + notice), request.form());
    assertEquals(notice.toString(), sent.noticeId());
  }

  @Test
  void aMarkedTextGoesAsItIsGiven() {
    String marked = "Câu hỏi của ông/bà đã được trả lời: “Nước sạch” & 100% đúng hạn";
    assertInstanceOf(SmsResult.Accepted.class, send(twilio, UUID.randomUUID(), "0912345678", marked));
    assertEquals(marked, fake.received().get(0).text());
  }

  @Test
  void everyVietnameseNumberFormGoesOutInE164() {
    assertEquals("+84912345678", PhoneNumbers.e164("0912345678"));
    assertEquals("+84912345678", PhoneNumbers.e164("84912345678"));
    assertEquals("+84912345678", PhoneNumbers.e164("+84912345678"));
    assertEquals("+84912345678", PhoneNumbers.e164("+84 912 345 678"));
    assertEquals("+84912345678", PhoneNumbers.e164("0912.345.678"));
    assertEquals("+84912345678", PhoneNumbers.e164("0084912345678"));
    assertEquals("+842723826111", PhoneNumbers.e164("0272 3826 111"));
    assertEquals("+15005550006", PhoneNumbers.e164("+1 500 555 0006"));
    assertEquals("84912345678", PhoneNumbers.international("0912-345-678"));

    send(twilio, UUID.randomUUID(), "84912345678", TEXT);
    send(twilio, UUID.randomUUID(), "+84 912 345 678", TEXT);
    assertEquals(List.of("+84912345678", "+84912345678"),
        fake.awaitMessages(2, Duration.ofSeconds(5)).stream().map(FakeSmsProviders.Message::to).toList());
  }

  @Test
  void aMessagingServiceIsSentInsteadOfTheSenderAndNoCallbackWhenNoneIsSet(Vertx vertx) {
    TwilioProvider service = new TwilioProvider(vertx, new TwilioProvider.Settings(fake.twilioBaseUrl(),
        FakeSmsProviders.ACCOUNT_SID, FakeSmsProviders.AUTH_TOKEN, FakeSmsProviders.FROM,
        "MG0123456789abcdef0123456789abcdef", "", false, Duration.ofSeconds(5)));
    assertInstanceOf(SmsResult.Accepted.class, send(service, UUID.randomUUID(), "0912345678", TEXT));
    Map<String, String> form = fake.received().get(0).request().form();
    assertEquals("MG0123456789abcdef0123456789abcdef", form.get("MessagingServiceSid"));
    assertFalse(form.containsKey("From"));
    assertFalse(form.containsKey("StatusCallback"));
    assertFalse(service.foldsDiacritics());
    assertTrue(twilio.foldsDiacritics());
  }

  @Test
  void aCallbackWithItsOwnQueryGetsTheNoticeAppended(Vertx vertx) {
    TwilioProvider provider = new TwilioProvider(vertx, fake.twilioSettings(CALLBACK + "?node=2", Duration.ofSeconds(5)));
    UUID notice = UUID.randomUUID();
    send(provider, notice, "0912345678", TEXT);
    assertEquals(CALLBACK + "?node=2&notice=" + notice, fake.received().get(0).request().form().get("StatusCallback"));
  }

  @Test
  void anInvalidNumberIsRefusedWithTwilioCode21211() {
    fake.script("0900000000", Behaviour.refuse());
    SmsResult result = send(twilio, UUID.randomUUID(), "0900000000", TEXT);
    SmsResult.Refused refused = assertInstanceOf(SmsResult.Refused.class, result);
    assertEquals("21211", refused.code());
    assertEquals("The 'To' number +84900000000 is not a valid phone number.", refused.reason());
    // the others still go
    assertInstanceOf(SmsResult.Accepted.class, send(twilio, UUID.randomUUID(), "0912345678", TEXT));
  }

  @Test
  void aRateLimitIsRetriedAfterTheRetryAfterHeader() {
    fake.scriptNext(Behaviour.rateLimit(Duration.ofSeconds(17)), Behaviour.rateLimit(null));
    assertEquals(new SmsResult.RetryLater("20429", "Too Many Requests", Duration.ofSeconds(17)),
        send(twilio, UUID.randomUUID(), "0912345678", TEXT));
    assertEquals(new SmsResult.RetryLater("20429", "Too Many Requests", ProviderCall.DEFAULT_RETRY),
        send(twilio, UUID.randomUUID(), "0912345678", TEXT));
  }

  @Test
  void aServerErrorIsRetried() {
    fake.scriptNext(Behaviour.serverError(500), Behaviour.serverError(503));
    SmsResult.RetryLater first = assertInstanceOf(SmsResult.RetryLater.class,
        send(twilio, UUID.randomUUID(), "0912345678", TEXT));
    assertEquals(ProviderCall.DEFAULT_RETRY, first.after());
    assertInstanceOf(SmsResult.RetryLater.class, send(twilio, UUID.randomUUID(), "0912345678", TEXT));
  }

  @Test
  void wrongCredentialsWaitForTheConfigurationToBeFixed(Vertx vertx) {
    TwilioProvider wrong = new TwilioProvider(vertx, new TwilioProvider.Settings(fake.twilioBaseUrl(),
        FakeSmsProviders.ACCOUNT_SID, "not-the-token", FakeSmsProviders.FROM, null, CALLBACK, true,
        Duration.ofSeconds(5)));
    assertEquals(new SmsResult.RetryLater("20003", "Authenticate", ProviderCall.CONFIGURATION_RETRY),
        send(wrong, UUID.randomUUID(), "0912345678", TEXT));
    assertTrue(fake.received().isEmpty(), "no message was taken");
  }

  @Test
  void noAnswerWithinTheTimeoutIsUnconfirmed(Vertx vertx) {
    TwilioProvider impatient = new TwilioProvider(vertx, fake.twilioSettings(CALLBACK, Duration.ofMillis(300)));
    fake.script("0912345678", Behaviour.silent());
    SmsResult result = send(impatient, UUID.randomUUID(), "0912345678", TEXT);
    assertInstanceOf(SmsResult.Unconfirmed.class, result);
    assertEquals(1, fake.received().size(), "the request had left: Twilio may have the message");
  }

  @Test
  void aConnectionThatCannotOpenIsRetried(Vertx vertx) throws IOException {
    TwilioProvider nowhere = new TwilioProvider(vertx, new TwilioProvider.Settings("http://127.0.0.1:" + closedPort(),
        FakeSmsProviders.ACCOUNT_SID, FakeSmsProviders.AUTH_TOKEN, FakeSmsProviders.FROM, null, CALLBACK, true,
        Duration.ofSeconds(2)));
    SmsResult.RetryLater later = assertInstanceOf(SmsResult.RetryLater.class,
        send(nowhere, UUID.randomUUID(), "0912345678", TEXT));
    assertEquals("connect", later.code());
  }

  @Test
  void settingsThatCannotSendAreRefusedAtStart(Vertx vertx) {
    assertThrows(IllegalArgumentException.class, () -> new TwilioProvider(vertx, new TwilioProvider.Settings(null,
        "", FakeSmsProviders.AUTH_TOKEN, FakeSmsProviders.FROM, null, null, true, null)));
    assertThrows(IllegalArgumentException.class, () -> new TwilioProvider(vertx, new TwilioProvider.Settings(null,
        FakeSmsProviders.ACCOUNT_SID, FakeSmsProviders.AUTH_TOKEN, "", "", null, true, null)));
    assertThrows(IllegalArgumentException.class, () -> new TwilioProvider(vertx, new TwilioProvider.Settings(null,
        FakeSmsProviders.ACCOUNT_SID, FakeSmsProviders.AUTH_TOKEN, FakeSmsProviders.FROM, null, "/api/sms", true,
        null)));
    TwilioProvider.Settings defaults = new TwilioProvider.Settings(null, "AC1", "token", "DANHOI", null, null, true,
        null);
    assertEquals("https://api.twilio.com", defaults.baseUrl());
    assertFalse(defaults.toString().contains("token"), "the auth token stays out of logs");
  }

  @Test
  void aDeliveredCallbackNamesTheNoticeFromItsUrl() {
    UUID notice = UUID.randomUUID();
    Report report = FakeSmsProviders.twilioReport(CALLBACK + "?notice=" + notice, FakeSmsProviders.AUTH_TOKEN,
        "SM0123", "delivered", null);
    assertEquals(new DeliveryReport(notice, "SM0123", DeliveryReport.Outcome.DELIVERED, null),
        twilio.report(report.asRequest()));
  }

  @Test
  void undeliveredAndFailedCarryTheErrorCodeAndTheRestIsSent() {
    String url = CALLBACK + "?notice=" + UUID.randomUUID();
    DeliveryReport undelivered = twilio.report(
        FakeSmsProviders.twilioReport(url, FakeSmsProviders.AUTH_TOKEN, "SM1", "undelivered", "30003").asRequest());
    assertEquals(DeliveryReport.Outcome.FAILED, undelivered.outcome());
    assertEquals("30003", undelivered.code());
    DeliveryReport failed = twilio.report(
        FakeSmsProviders.twilioReport(url, FakeSmsProviders.AUTH_TOKEN, "SM2", "failed", "30008").asRequest());
    assertEquals(DeliveryReport.Outcome.FAILED, failed.outcome());
    assertEquals("30008", failed.code());
    for (String status : List.of("queued", "sending", "sent", "accepted")) {
      assertEquals(DeliveryReport.Outcome.SENT, twilio.report(
          FakeSmsProviders.twilioReport(url, FakeSmsProviders.AUTH_TOKEN, "SM3", status, null).asRequest()).outcome());
    }
    assertEquals(DeliveryReport.Outcome.DELIVERED, twilio.report(
        FakeSmsProviders.twilioReport(url, FakeSmsProviders.AUTH_TOKEN, "SM4", "read", "").asRequest()).outcome());
  }

  @Test
  void aCallbackWithoutOurNoticeIsKnownByItsSid() {
    DeliveryReport report = twilio.report(FakeSmsProviders.twilioReport(CALLBACK + "?notice=abc",
        FakeSmsProviders.AUTH_TOKEN, "SM5", "delivered", null).asRequest());
    assertNull(report.noticeId());
    assertEquals("SM5", report.providerId());
  }

  @Test
  void aCallbackSignedWithAnotherTokenOrForAnotherUrlIsRefused() {
    String url = CALLBACK + "?notice=" + UUID.randomUUID();
    Report other = FakeSmsProviders.twilioReport(url, "another-token", "SM6", "delivered", null);
    assertThrows(SmsProvider.BadSignature.class, () -> twilio.report(other.asRequest()));

    Report moved = FakeSmsProviders.twilioReport(url, FakeSmsProviders.AUTH_TOKEN, "SM6", "delivered", null);
    ReportRequest elsewhere = new ReportRequest(CALLBACK + "?notice=" + UUID.randomUUID(), moved.headers(),
        moved.body(), moved.mediaType());
    assertThrows(SmsProvider.BadSignature.class, () -> twilio.report(elsewhere));

    ReportRequest tampered = new ReportRequest(url, moved.headers(),
        Buffer.buffer(moved.body().toString().replace("delivered", "failed")), moved.mediaType());
    assertThrows(SmsProvider.BadSignature.class, () -> twilio.report(tampered));

    ReportRequest unsigned = new ReportRequest(url, MultiMap.caseInsensitiveMultiMap(), moved.body(),
        moved.mediaType());
    assertThrows(SmsProvider.BadSignature.class, () -> twilio.report(unsigned));
  }

  /** The example of Twilio's security page: a request signed right, but not a status callback. */
  @Test
  void twilioDocumentedSignatureHoldsButIsNoStatusCallback(Vertx vertx) {
    TwilioProvider documented = new TwilioProvider(vertx, new TwilioProvider.Settings(fake.twilioBaseUrl(), "AC1",
        "12345", "DANHOI", null, null, true, null));
    String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    String body = "CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212";
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Twilio-Signature", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    assertThrows(IllegalArgumentException.class, () -> documented.report(
        new ReportRequest(url, headers, Buffer.buffer(body), "application/x-www-form-urlencoded")));
    headers.set("X-Twilio-Signature", Hmac.sha1Base64("12345", url + "CallSidCA1234567890ABCDE"));
    assertThrows(SmsProvider.BadSignature.class, () -> documented.report(
        new ReportRequest(url, headers, Buffer.buffer(body), "application/x-www-form-urlencoded")));
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
