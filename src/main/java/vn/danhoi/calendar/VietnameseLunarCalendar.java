package vn.danhoi.calendar;

import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.SimpleTimeZone;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The Vietnamese lunisolar calendar (âm lịch): ICU's Chinese computation with new moons and solar terms
 * reckoned at UTC+7, the way ICU's own DangiCalendar does Korea at UTC+9. Vietnam's Tết differs from
 * China's in the years a new moon falls between 16:00 and 17:00 UTC (1985, 2007), so the zone matters.
 */
final class VietnameseLunarCalendar extends ChineseCalendar {

  private static final ZoneOffset OFFSET = ZoneOffset.ofHours(7);
  private static final TimeZone VIETNAM = new SimpleTimeZone(7 * 3_600_000, "UTC+07:00");
  /** ChineseCalendar's own epoch; only the numbering of EXTENDED_YEAR depends on it. */
  private static final int CHINESE_EPOCH_YEAR = -2636;

  private VietnameseLunarCalendar() {
    super(VIETNAM, ULocale.ROOT, CHINESE_EPOCH_YEAR, VIETNAM);
  }

  /** Lunar New Year's day (mùng 1 Tết) of the lunar year that begins in this Gregorian year. */
  static LocalDate tet(int gregorianYear) {
    return toGregorian(gregorianYear, 1, 1);
  }

  /**
   * The Gregorian date of a lunar day in an ordinary (not leap) month of the lunar year that begins in the
   * given Gregorian year.
   */
  static LocalDate toGregorian(int gregorianYear, int lunarMonth, int lunarDay) {
    VietnameseLunarCalendar c = new VietnameseLunarCalendar();
    // Tết falls between 21 January and 20 February, so 1 March (noon, local) is always in that lunar year
    c.setTimeInMillis(LocalDate.of(gregorianYear, 3, 1).atTime(12, 0).toInstant(OFFSET).toEpochMilli());
    c.set(MONTH, lunarMonth - 1);
    c.set(IS_LEAP_MONTH, 0);
    c.set(DAY_OF_MONTH, lunarDay);
    return Instant.ofEpochMilli(c.getTimeInMillis()).atOffset(OFFSET).toLocalDate();
  }
}
