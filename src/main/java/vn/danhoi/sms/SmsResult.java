package vn.danhoi.sms;

import java.time.Duration;

/**
 * What a provider said of one SMS. A send never fails as a future: every outcome is one of these, so the
 * outbox decides retries in one place. Only {@link RetryLater} is ever sent again: it is given only when the
 * provider certainly did not take the message (refused for a rate limit or a server error, or never reached).
 */
public sealed interface SmsResult {

  /** The provider took the message; providerId is its message id (Twilio's SM…), or null if it gives none. */
  record Accepted(String providerId) implements SmsResult {
  }

  /** The provider refused this message for good (a number it cannot reach, a blocked number, a bad template). */
  record Refused(String code, String reason) implements SmsResult {
  }

  /** Not taken this time (rate limit, server error, connection refused): send again after {@code after} or later. */
  record RetryLater(String code, String reason, Duration after) implements SmsResult {
  }

  /**
   * The request left but no answer came (a timeout, a broken connection): the provider may have taken it.
   * Never resent, so the citizen is not told twice; a delivery report may still settle it.
   */
  record Unconfirmed(String reason) implements SmsResult {
  }
}
