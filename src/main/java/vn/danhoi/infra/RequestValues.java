package vn.danhoi.infra;

import io.vertx.ext.web.RoutingContext;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.UUID;

/**
 * The one parser for the dates, times, numbers, ids and closed sets a request carries (body fields, and query
 * parameters read with {@link #query}), with the bounds every one must keep. A date outside 2000..2100 is a
 * typing error, never a programme: let through, year +999999999 is stored as PostgreSQL's {@code infinity},
 * which no page can then show. Every refusal is a 400 naming the field, raised before anything is written.
 */
public final class RequestValues {

  /** The first and last days any date taken from a request may fall on. */
  public static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
  public static final LocalDate LAST_DAY = LocalDate.of(2100, 12, 31);

  /** How a bare date (YYYY-MM-DD, no time) is read where an instant is expected. */
  public enum DateAs { REFUSED, START_OF_DAY, END_OF_DAY }

  private RequestValues() {
  }

  /** A query parameter, trimmed; null when absent or blank. */
  public static String query(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** An id (a UUID); null when absent. {@code what} names its kind in the refusal ("chương trình"). */
  public static UUID uuid(String field, String raw, String what) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(raw.strip());
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(field, "invalid", "Mã " + what + " không hợp lệ.");
    }
  }

  /** One of a closed set of values (a status, a channel); null when absent. */
  public static String oneOf(String field, String raw, Collection<String> allowed, String refusal) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String v = raw.strip();
    if (!allowed.contains(v)) {
      throw ApiError.invalid(field, "invalid", refusal);
    }
    return v;
  }

  /** A calendar day, YYYY-MM-DD, between {@link #FIRST_DAY} and {@link #LAST_DAY}; null when absent. */
  public static LocalDate date(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    LocalDate day;
    try {
      day = LocalDate.parse(raw.strip());
    } catch (DateTimeException e) {
      throw ApiError.invalid(field, "invalid", "Ngày (" + field + ") phải có dạng YYYY-MM-DD.");
    }
    return inRange(field, day);
  }

  /**
   * An instant: ISO-8601 with its offset, or a local date and time read in {@code zone}, or (as {@code asDate}
   * says) a bare date; within the bounds. Null when absent.
   */
  public static OffsetDateTime dateTime(String field, String raw, ZoneId zone, DateAs asDate) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String s = raw.strip();
    OffsetDateTime t = null;
    if (s.length() == 10 && asDate != DateAs.REFUSED) {
      LocalDate day = date(field, s);
      t = asDate == DateAs.START_OF_DAY ? day.atStartOfDay(zone).toOffsetDateTime()
          : day.plusDays(1).atStartOfDay(zone).toOffsetDateTime().minusSeconds(1);
    } else {
      try {
        t = OffsetDateTime.parse(s);
      } catch (DateTimeException e) {
        try {
          t = LocalDateTime.parse(s).atZone(zone).toOffsetDateTime();
        } catch (DateTimeException notLocalEither) {
          throw ApiError.invalid(field, "invalid", "Thời điểm (" + field + ") phải theo ISO-8601, ví dụ "
              + "2026-11-20T20:00:00+07:00" + (asDate == DateAs.REFUSED ? "." : " hoặc ngày 2026-11-20."));
        }
      }
      inRange(field, t.atZoneSameInstant(zone).toLocalDate());
    }
    return t;
  }

  /** A whole number within min..max, refused outside; {@code fallback} when absent. */
  public static long whole(String field, String raw, long fallback, long min, long max) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    long n;
    try {
      n = Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      n = Long.MIN_VALUE;
    }
    if (n < min || n > max) {
      throw ApiError.invalid(field, "invalid", "Giá trị (" + field + ") phải là số nguyên từ " + min + " đến " + max + ".");
    }
    return n;
  }

  /** A page size or a limit: a whole number, capped at {@code max} (asking for more gets the most there is). */
  public static int capped(String field, String raw, int fallback, int max) {
    return (int) Math.min(max, whole(field, raw, fallback, 1, Integer.MAX_VALUE));
  }

  /** Whether an instant from outside (a mail's Date: header) falls within the bounds, on any time zone. */
  public static boolean inBounds(OffsetDateTime t) {
    LocalDate day = t.toLocalDate();
    return !day.isBefore(FIRST_DAY.minusDays(1)) && !day.isAfter(LAST_DAY.plusDays(1));
  }

  private static LocalDate inRange(String field, LocalDate day) {
    if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
      throw ApiError.invalid(field, "out_of_range", "Ngày (" + field + ") phải từ " + FIRST_DAY + " đến " + LAST_DAY
          + ".");
    }
    return day;
  }
}
