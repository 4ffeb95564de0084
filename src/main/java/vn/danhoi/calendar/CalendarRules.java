package vn.danhoi.calendar;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.AppConfig;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The working-day rules of config/working-days.json: for each year listed, the days off (public holidays,
 * compensatory days, days swapped by the government's decision) and the make-up working days on weekends.
 * A year not listed falls back to the legal defaults computed by {@link LegalHolidays}.
 */
public record CalendarRules(Map<Integer, Year> years) {

  /** A day off or a make-up working day. kind: holiday, compensatory, swap (days off); makeup (working). */
  public record Day(LocalDate date, String kind, String name) {
  }

  /** One year's days off and make-up working days; source says where they come from. */
  public record Year(int year, String source, List<Day> daysOff, List<Day> workingDays) {

    public Year {
      daysOff = sorted(daysOff);
      workingDays = sorted(workingDays);
    }

    public JsonObject toJson() {
      return new JsonObject().put("source", source).put("daysOff", json(daysOff)).put("workingDays", json(workingDays));
    }

    private static List<Day> sorted(List<Day> days) {
      List<Day> out = new ArrayList<>(days);
      out.sort(Comparator.comparing(Day::date));
      return List.copyOf(out);
    }

    private static JsonArray json(List<Day> days) {
      JsonArray out = new JsonArray();
      days.forEach(d -> out.add(new JsonObject().put("date", d.date().toString()).put("kind", d.kind())
          .put("name", d.name())));
      return out;
    }
  }

  public static CalendarRules empty() {
    return new CalendarRules(Map.of());
  }

  /** The rules of the file the configuration read; a wrong entry stops start-up naming DANHOI_WORKING_DAYS. */
  public static CalendarRules configured(AppConfig config) {
    try {
      return parse(config.workingDays());
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new AppConfig.ConfigException("DANHOI_WORKING_DAYS: " + e.getMessage());
    }
  }

  /** Reads the file's JSON; a wrong entry fails with a message saying which year and which entry. */
  public static CalendarRules parse(JsonObject json) {
    Object rawYears = json.getValue("years");
    if (rawYears == null) {
      return empty();
    }
    if (!(rawYears instanceof JsonObject years)) {
      throw new IllegalArgumentException("\"years\" must be an object keyed by year");
    }
    Map<Integer, Year> out = new TreeMap<>();
    for (String key : years.fieldNames()) {
      int year;
      try {
        year = Integer.parseInt(key);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("year '" + key + "' is not a number");
      }
      if (!(years.getValue(key) instanceof JsonObject y)) {
        throw new IllegalArgumentException("year " + key + " must be an object");
      }
      List<Day> off = days(year, y, "daysOff", "holiday");
      List<Day> working = days(year, y, "workingDays", "makeup");
      for (Day d : working) {
        if (off.stream().anyMatch(o -> o.date().equals(d.date()))) {
          throw new IllegalArgumentException(year + ": " + d.date() + " is both a day off and a working day");
        }
      }
      out.put(year, new Year(year, y.getString("source", ""), off, working));
    }
    return new CalendarRules(Map.copyOf(out));
  }

  /** Entries are {date, kind?, name} or {from, to, kind?, name} for a run of days. */
  private static List<Day> days(int year, JsonObject y, String field, String defaultKind) {
    Object raw = y.getValue(field);
    List<Day> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof JsonArray arr)) {
      throw new IllegalArgumentException(year + "." + field + " must be a list");
    }
    for (int i = 0; i < arr.size(); i++) {
      String where = year + "." + field + "[" + i + "]";
      if (!(arr.getValue(i) instanceof JsonObject entry)) {
        throw new IllegalArgumentException(where + " must be an object");
      }
      String name = entry.getString("name", "");
      String kind = entry.getString("kind", defaultKind);
      if (!List.of("holiday", "compensatory", "swap", "makeup").contains(kind)) {
        throw new IllegalArgumentException(where + ": unknown kind '" + kind + "'");
      }
      LocalDate from;
      LocalDate to;
      if (entry.containsKey("date")) {
        from = date(where, entry.getValue("date"));
        to = from;
      } else {
        from = date(where, entry.getValue("from"));
        to = date(where, entry.getValue("to"));
      }
      if (to.isBefore(from) || from.getYear() != year || to.getYear() != year) {
        throw new IllegalArgumentException(where + ": " + from + ".." + to + " is not a range within " + year);
      }
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        out.add(new Day(d, kind, name));
      }
    }
    return out;
  }

  private static LocalDate date(String where, Object raw) {
    if (!(raw instanceof String s)) {
      throw new IllegalArgumentException(where + ": date missing (YYYY-MM-DD)");
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(where + ": '" + s + "' is not a date (YYYY-MM-DD)");
    }
  }
}
