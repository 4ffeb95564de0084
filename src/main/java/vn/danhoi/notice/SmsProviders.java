package vn.danhoi.notice;

import io.vertx.core.Vertx;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.sms.HttpJsonProvider;
import vn.danhoi.sms.LogProvider;
import vn.danhoi.sms.SmsProvider;
import vn.danhoi.sms.TwilioProvider;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SMS provider the configuration names, built once at start-up; a misconfigured one stops the start. */
public final class SmsProviders {

  private SmsProviders() {
  }

  public static SmsProvider create(Vertx vertx, AppConfig.Sms sms, String publicUrl) {
    String base = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    Duration timeout = Duration.ofMillis(sms.timeoutMillis());
    switch (sms.provider()) {
      case "twilio" -> {
        AppConfig.Twilio t = sms.twilio();
        require(!t.accountSid().isEmpty() && !t.authToken().isEmpty(),
            "DANHOI_SMS_TWILIO_ACCOUNT_SID and DANHOI_SMS_TWILIO_AUTH_TOKEN are needed for the twilio provider");
        require(!sms.from().isEmpty() || !t.messagingServiceSid().isEmpty(),
            "DANHOI_SMS_FROM or DANHOI_SMS_TWILIO_MESSAGING_SERVICE_SID is needed for the twilio provider");
        return new TwilioProvider(vertx, new TwilioProvider.Settings(t.baseUrl(), t.accountSid(), t.authToken(),
            sms.from(), t.messagingServiceSid(), base.isEmpty() ? "" : base + "/api/sms/status/twilio", sms.fold(),
            timeout));
      }
      case "http" -> {
        AppConfig.HttpGateway h = sms.http();
        require(!h.url().isEmpty() && !h.body().isEmpty(),
            "DANHOI_SMS_HTTP_URL and DANHOI_SMS_HTTP_BODY are needed for the http provider");
        Map<String, String> headers = new LinkedHashMap<>();
        h.headers().forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
        return new HttpJsonProvider(vertx, new HttpJsonProvider.Settings(h.url(),
            h.method().isEmpty() ? "POST" : h.method(), headers, h.body(),
            h.brandname().isEmpty() ? sms.from() : h.brandname(), h.successPath(), h.successValues(), h.idPath(),
            h.errorPath(), h.retryValues(), h.idempotent(), h.reportSecret(), h.reportIdPath(), h.reportStatusPath(),
            h.deliveredValues(), h.failedValues(), h.reportCodePath(), sms.fold(), timeout));
      }
      default -> {
        return new LogProvider();
      }
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new AppConfig.ConfigException(message);
    }
  }
}
