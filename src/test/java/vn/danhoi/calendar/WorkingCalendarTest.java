package vn.danhoi.calendar;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.danhoi.infra.AppConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known dates against the shipped config/working-days.json and the legal defaults computed from it. */
class WorkingCalendarTest {

  static WorkingCalendar calendar;

  @BeforeAll
  static void load() throws IOException {
    calendar = new WorkingCalendar(CalendarRules.parse(new JsonObject(
        Files.readString(Path.of("config", "working-days.json"), StandardCharsets.UTF_8))));
  }

  @ParameterizedTest(name = "{3}: {0} + {1} working days = {2}")
  @CsvSource(delimiter = '|', textBlock = """
      2027-02-04 |  3 | 2027-02-16 | Tết Đinh Mùi 2027: 5/2–9/2 off, 6/2 and 7/2 fall on the weekend, made up 10/2 and 11/2
      2027-02-15 | -5 | 2027-02-01 | run-down 5 working days before a recording on Monday 15/2/2027, across Tết
      2025-04-29 |  3 | 2025-05-07 | 30/4–1/5/2025, Friday 2/5 swapped for Saturday 26/4
      2025-04-25 |  1 | 2025-04-26 | Saturday 26/4/2025 is the make-up working day
      2026-04-28 |  3 | 2026-05-05 | 30/4–1/5/2026 (Thursday, Friday), then the weekend
      2026-03-06 |  3 | 2026-03-11 | an ordinary weekend
      2026-03-04 |  3 | 2026-03-09 | received Wednesday, due Monday
      2026-09-01 |  3 | 2026-09-08 | 2/9/2026 (Wednesday) and its adjacent day 3/9
      2025-08-29 |  1 | 2025-09-03 | 2/9/2025: Monday 1/9 and Tuesday 2/9
      2026-04-24 |  1 | 2026-04-28 | Hùng Kings' day 26/4/2026 is a Sunday: compensatory Monday 27/4
      2027-12-31 |  1 | 2028-01-04 | New Year 2028 is a Saturday: compensatory Monday 3/1
      2025-01-24 |  1 | 2025-02-03 | Tết Ất Tỵ 2025 as announced: 27/1–31/1 off, the weekends around it
      2026-02-13 |  1 | 2026-02-23 | Tết Bính Ngọ 2026: 16/2–20/2
      2026-03-10 |  0 | 2026-03-10 | zero days is the day itself
      """)
  void addWorkingDays(LocalDate from, int n, LocalDate expected, String why) {
    assertEquals(expected, calendar.addWorkingDays(from, n), why);
    assertEquals(n, calendar.workingDaysBetween(from, expected), why);
  }

  @ParameterizedTest(name = "{0} is {1} ({2})")
  @CsvSource(delimiter = '|', textBlock = """
      2025-01-01 | holiday      | false
      2025-01-29 | holiday      | false
      2025-04-26 | makeup       | true
      2025-05-02 | swap         | false
      2026-04-27 | compensatory | false
      2026-04-29 | workday      | true
      2026-05-02 | weekend      | false
      2027-02-10 | compensatory | false
      2027-02-12 | workday      | true
      2031-09-02 | holiday      | false
      """)
  void describesEachDay(LocalDate day, String kind, boolean working) {
    WorkingCalendar.DayInfo info = calendar.describe(day);
    assertEquals(kind, info.kind(), info.toString());
    assertEquals(working, info.working());
    assertEquals(working, calendar.isWorkingDay(day));
  }

  @Test
  void tetAndHungKingsDayComeFromTheLunarCalendarAtUtcPlus7() {
    assertEquals(LocalDate.of(2025, 1, 29), VietnameseLunarCalendar.tet(2025));
    assertEquals(LocalDate.of(2026, 2, 17), VietnameseLunarCalendar.tet(2026));
    assertEquals(LocalDate.of(2027, 2, 6), VietnameseLunarCalendar.tet(2027));
    assertEquals(LocalDate.of(2028, 1, 26), VietnameseLunarCalendar.tet(2028));
    // the years Vietnam's new moon fell on another day than China's: Tết a day (2007) or a month (1985) apart
    assertEquals(LocalDate.of(2007, 2, 17), VietnameseLunarCalendar.tet(2007));
    assertEquals(LocalDate.of(1985, 1, 21), VietnameseLunarCalendar.tet(1985));
    assertEquals(LocalDate.of(2024, 4, 18), VietnameseLunarCalendar.toGregorian(2024, 3, 10));
    assertEquals(LocalDate.of(2025, 4, 7), VietnameseLunarCalendar.toGregorian(2025, 3, 10));
    assertEquals(LocalDate.of(2026, 4, 26), VietnameseLunarCalendar.toGregorian(2026, 3, 10));
  }

  @Test
  void workingDaysBetweenCountsBackwardsAsNegative() {
    assertEquals(3, calendar.workingDaysBetween(LocalDate.of(2027, 2, 4), LocalDate.of(2027, 2, 16)));
    assertEquals(-3, calendar.workingDaysBetween(LocalDate.of(2027, 2, 16), LocalDate.of(2027, 2, 4)));
    assertEquals(0, calendar.workingDaysBetween(LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 11)));
  }

  @Test
  void theComputedYearsOfTheShippedFileAreTheLegalDefaults() throws IOException {
    JsonObject years = new JsonObject(Files.readString(Path.of("config", "working-days.json"))).getJsonObject("years");
    int computed = 0;
    for (String y : years.fieldNames()) {
      if (LegalHolidays.SOURCE.equals(years.getJsonObject(y).getString("source"))) {
        assertEquals(LegalHolidays.forYear(Integer.parseInt(y)), calendar.year(Integer.parseInt(y)), y);
        computed++;
      }
    }
    assertTrue(computed >= 3, "the file ships the coming years' defaults");
  }

  @Test
  void aYearNotInTheFileFallsBackToTheComputedDefaults() {
    assertFalse(calendar.isWorkingDay(VietnameseLunarCalendar.tet(2040)));
    assertEquals(LegalHolidays.SOURCE, calendar.year(2040).source());
  }

  @Test
  void aBrokenWorkingDaysFileStopsStartUpNamingTheVariable() throws IOException {
    Path file = Files.createTempFile("working-days", ".json");
    Files.writeString(file, "{\"years\":{\"2027\":{\"daysOff\":[{\"date\":\"2027-13-01\",\"name\":\"Sai\"}]}}}");
    AppConfig.ConfigException e = assertThrows(AppConfig.ConfigException.class,
        () -> CalendarRules.configured(AppConfig.load(Map.of("DANHOI_WORKING_DAYS", file.toString()))));
    assertTrue(e.getMessage().startsWith("DANHOI_WORKING_DAYS"), e.getMessage());
    assertTrue(e.getMessage().contains("2027-13-01"), e.getMessage());
    Files.delete(file);
  }

  @Test
  void anEditedFileTakesPrecedenceOverTheComputedDefaults() throws IOException {
    Path file = Files.createTempFile("working-days", ".json");
    Files.writeString(file, "{\"years\":{\"2027\":{\"source\":\"Quyết định giả định\",\"daysOff\":[{\"from\":"
        + "\"2027-02-03\",\"to\":\"2027-02-12\",\"name\":\"Tết Đinh Mùi\"}],\"workingDays\":[{\"date\":"
        + "\"2027-02-20\",\"name\":\"Làm bù\"}]}}}");
    AppConfig config = AppConfig.load(Map.of("DANHOI_WORKING_DAYS", file.toString()));
    WorkingCalendar edited = new WorkingCalendar(CalendarRules.configured(config));
    assertEquals(LocalDate.of(2027, 2, 15), edited.addWorkingDays(LocalDate.of(2027, 2, 2), 1));
    assertTrue(edited.isWorkingDay(LocalDate.of(2027, 2, 20)));
    assertEquals("Quyết định giả định", edited.year(2027).source());
    Files.delete(file);
  }
}
