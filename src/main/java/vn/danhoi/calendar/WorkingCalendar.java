package vn.danhoi.calendar;

import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working days (ngày làm việc): Monday to Friday, less public holidays and compensatory days, plus the
 * weekend make-up days the government announces. Years listed in config/working-days.json are taken from
 * there; any other year gets the legal defaults computed from the lunar calendar.
 */
public final class WorkingCalendar {

  /** The longest span counted day by day, so a wrong date cannot keep a thread busy. */
  static final int MAX_SPAN_DAYS = 20 * 366;

  private final CalendarRules rules;
  private final Map<Integer, Table> years = new ConcurrentHashMap<>();

  public WorkingCalendar(CalendarRules rules) {
    this.rules = rules;
  }

  /** What a day is: kind workday, weekend, holiday, compensatory, swap or makeup, and its name if any. */
  public record DayInfo(LocalDate date, boolean working, String kind, String name) {
    public JsonObject toJson() {
      return new JsonObject().put("date", date.toString()).put("working", working).put("kind", kind)
          .put("name", name);
    }
  }

  /** The year's days off and make-up days, from the file when it lists the year, computed otherwise. */
  public CalendarRules.Year year(int year) {
    return table(year).rules;
  }

  public DayInfo describe(LocalDate date) {
    Table t = table(date.getYear());
    CalendarRules.Day makeup = t.working.get(date);
    if (makeup != null) {
      return new DayInfo(date, true, "makeup", makeup.name());
    }
    CalendarRules.Day off = t.off.get(date);
    if (off != null) {
      return new DayInfo(date, false, off.kind(), off.name());
    }
    if (LegalHolidays.weekend(date)) {
      return new DayInfo(date, false, "weekend", null);
    }
    return new DayInfo(date, true, "workday", null);
  }

  public boolean isWorkingDay(LocalDate date) {
    return describe(date).working();
  }

  /**
   * The n-th working day after the date (before it when n is negative); the date itself when n is 0.
   * "Within 3 working days of receipt" is addWorkingDays(received, 3).
   */
  public LocalDate addWorkingDays(LocalDate date, int n) {
    int step = n < 0 ? -1 : 1;
    int left = Math.abs(n);
    LocalDate d = date;
    int walked = 0;
    while (left > 0) {
      d = d.plusDays(step);
      if (++walked > MAX_SPAN_DAYS) {
        throw new IllegalArgumentException("too many working days: " + n);
      }
      if (isWorkingDay(d)) {
        left--;
      }
    }
    return d;
  }

  /**
   * Working days after {@code from} up to and including {@code to}; negative when {@code to} is earlier.
   * So workingDaysBetween(d, addWorkingDays(d, n)) == n.
   */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      return -workingDaysBetween(to, from);
    }
    if (ChronoUnit.DAYS.between(from, to) > MAX_SPAN_DAYS) {
      throw new IllegalArgumentException("span too long: " + from + ".." + to);
    }
    int count = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return count;
  }

  /**
   * Computes the years from {@code from} to {@code to} now. The first lunar computation loads ICU's
   * astronomy and takes a second or more: call this on a worker at start-up, not on an event loop.
   */
  public WorkingCalendar warm(int from, int to) {
    for (int y = from; y <= to; y++) {
      table(y);
    }
    return this;
  }

  private Table table(int year) {
    return years.computeIfAbsent(year, y -> new Table(rules.years().containsKey(y)
        ? rules.years().get(y) : LegalHolidays.forYear(y)));
  }

  private static final class Table {
    final CalendarRules.Year rules;
    final Map<LocalDate, CalendarRules.Day> off = new HashMap<>();
    final Map<LocalDate, CalendarRules.Day> working = new HashMap<>();

    Table(CalendarRules.Year rules) {
      this.rules = rules;
      rules.daysOff().forEach(d -> off.putIfAbsent(d.date(), d));
      rules.workingDays().forEach(d -> working.putIfAbsent(d.date(), d));
    }
  }
}
