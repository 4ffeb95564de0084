package vn.danhoi.infra;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Instants as the API shows them: ISO-8601 with the local offset, to the second or millisecond. */
public final class Times {

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private Times() {
  }

  /**
   * The instant, or null for one no page can show: PostgreSQL's 'infinity' reads as OffsetDateTime.MAX, which
   * no time zone can convert. The migrations keep such values out; a page must not fail should one get in.
   */
  private static OffsetDateTime shown(OffsetDateTime t) {
    return t == null || t.getYear() < 1 || t.getYear() > 9999 ? null : t;
  }

  public static String format(OffsetDateTime t, ZoneId zone) {
    return shown(t) == null ? null : t.atZoneSameInstant(zone).truncatedTo(ChronoUnit.SECONDS).format(SECONDS);
  }

  /** The calendar day (YYYY-MM-DD) an instant falls on where the council sits: deadlines are days. */
  public static String day(OffsetDateTime t, ZoneId zone) {
    return shown(t) == null ? null : t.atZoneSameInstant(zone).toLocalDate().toString();
  }

  public static String formatPrecise(OffsetDateTime t, ZoneId zone) {
    return shown(t) == null ? null : t.atZoneSameInstant(zone).format(MILLIS);
  }
}
