package vn.danhoi.sms;

import io.vertx.core.Future;

/**
 * An SMS provider danhoi sends through: Twilio's Messages API, a generic HTTP JSON gateway configured by
 * template (the Vietnamese brandname gateways), or the log-only one of a machine with none. Each is a real
 * HTTP client on the event loop; none blocks.
 */
public interface SmsProvider {

  /** The name stored with each message and used in the delivery report's URL: twilio, http or log. */
  String name();

  /** Whether texts go out without Vietnamese diacritics, in GSM-7 (one 160-character part instead of 70). */
  boolean foldsDiacritics();

  /** Sends one SMS; the future always succeeds, with what the provider said (see {@link SmsResult}). */
  Future<SmsResult> send(OutgoingSms sms);

  /**
   * Reads a delivery report posted to this provider's webhook.
   *
   * @throws BadSignature when the request is not signed as this provider signs (the caller answers 401)
   * @throws IllegalArgumentException when it is signed but not a report this provider sends (400)
   */
  DeliveryReport report(ReportRequest request);

  /** A delivery report whose signature does not hold. */
  final class BadSignature extends RuntimeException {
    public BadSignature(String message) {
      super(message, null, false, false);
    }
  }
}
