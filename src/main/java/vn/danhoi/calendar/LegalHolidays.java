package vn.danhoi.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The public holidays of the Labour Code 2019 (Law 45/2019/QH14), art. 112, computed for any year, with the
 * compensatory days of art. 111(3). The government's yearly decisions (the exact Tết range, swaps and
 * make-up days) are not computable: they live in config/working-days.json and take precedence.
 */
public final class LegalHolidays {

  public static final String SOURCE = "Bộ luật Lao động 2019, Điều 112 (tính tự động)";

  private LegalHolidays() {
  }

  public static CalendarRules.Year forYear(int year) {
    List<CalendarRules.Day> off = new ArrayList<>();
    off.add(holiday(LocalDate.of(year, 1, 1), "Tết Dương lịch"));
    // art. 112(1)(b): five days of Tết; the usual arrangement is the last day of the old year and the first four
    LocalDate tet = VietnameseLunarCalendar.tet(year);
    for (LocalDate d = tet.minusDays(1); d.isBefore(tet.plusDays(4)); d = d.plusDays(1)) {
      off.add(holiday(d, "Tết Nguyên đán"));
    }
    off.add(holiday(VietnameseLunarCalendar.toGregorian(year, 3, 10), "Giỗ Tổ Hùng Vương"));
    off.add(holiday(LocalDate.of(year, 4, 30), "Ngày Chiến thắng"));
    off.add(holiday(LocalDate.of(year, 5, 1), "Ngày Quốc tế Lao động"));
    LocalDate national = LocalDate.of(year, 9, 2);
    off.add(holiday(national, "Quốc khánh"));
    off.add(holiday(adjacentToNationalDay(national), "Quốc khánh, ngày liền kề"));
    off.sort(Comparator.comparing(CalendarRules.Day::date));
    off.addAll(compensatory(off));
    return new CalendarRules.Year(year, SOURCE, off, List.of());
  }

  /**
   * Art. 112(1)(đ): 2/9 and one day before or after, as the Prime Minister decides. The default is the one
   * the decisions of 2021–2025 took: the day that joins the holiday to a weekend where there is one.
   */
  static LocalDate adjacentToNationalDay(LocalDate national) {
    return switch (national.getDayOfWeek()) {
      case TUESDAY, FRIDAY, SATURDAY -> national.minusDays(1);
      default -> national.plusDays(1);
    };
  }

  /** Art. 111(3): a holiday on a weekly rest day is made up on the next working day. */
  private static List<CalendarRules.Day> compensatory(List<CalendarRules.Day> holidays) {
    Set<LocalDate> taken = new HashSet<>();
    holidays.forEach(h -> taken.add(h.date()));
    List<CalendarRules.Day> out = new ArrayList<>();
    for (CalendarRules.Day h : holidays) {
      if (!weekend(h.date())) {
        continue;
      }
      LocalDate d = h.date().plusDays(1);
      while (weekend(d) || taken.contains(d)) {
        d = d.plusDays(1);
      }
      taken.add(d);
      out.add(new CalendarRules.Day(d, "compensatory", "Nghỉ bù ngày " + h.date().getDayOfMonth() + "/"
          + h.date().getMonthValue() + " (" + h.name() + ")"));
    }
    return out;
  }

  static boolean weekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static CalendarRules.Day holiday(LocalDate d, String name) {
    return new CalendarRules.Day(d, "holiday", name);
  }
}
