package vn.danhoi.infra;

import io.vertx.core.MultiMap;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The wait a remote API's Retry-After header asks for (SMS providers, the live platforms' APIs). */
public final class RetryAfter {

  private static final Duration LONGEST = Duration.ofDays(1);

  private RetryAfter() {
  }

  /**
   * Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3); the fallback when there is none or it cannot
   * be read. Capped at a day, so a misread header cannot park the work for good.
   */
  public static Duration of(MultiMap headers, Duration fallback) {
    String value = headers.get("Retry-After");
    if (value == null || value.isBlank()) {
      return fallback;
    }
    Duration after;
    try {
      after = Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException notSeconds) {
      try {
        after = Duration.between(Instant.now(),
            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException notDate) {
        return fallback;
      }
    }
    return after.isNegative() ? Duration.ZERO : after.compareTo(LONGEST) > 0 ? LONGEST : after;
  }
}
