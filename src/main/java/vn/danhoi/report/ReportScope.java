package vn.danhoi.report;

import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.RequestValues;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report covers: one episode, or the episodes that started in a month, a quarter or a year (the office
 * reports quarterly), counted in the council's time zone. A period is written 2026-11, 2026-Q4 or 2026; with
 * a program, only that program's episodes of the period.
 */
public record ReportScope(UUID episodeId, String period, LocalDate from, LocalDate until, UUID programId) {

  private static final Pattern PERIOD = Pattern.compile("(\\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?");
  private static final String[] ROMAN = {"I", "II", "III", "IV"};

  static ReportScope parse(String episode, String period, String program) {
    boolean hasEpisode = episode != null && !episode.isBlank();
    boolean hasPeriod = period != null && !period.isBlank();
    if (hasEpisode == hasPeriod) {
      throw ApiError.invalid("period", "required",
          "Chọn một kỳ báo cáo (period=2026-11, 2026-Q4 hoặc 2026) hoặc một chương trình (episode=…).");
    }
    if (hasEpisode) {
      if (program != null && !program.isBlank()) {
        throw ApiError.invalid("program", "with_episode",
            "Báo cáo một chương trình phát sóng đã thuộc một chương trình; bỏ program hoặc chọn một kỳ báo cáo.");
      }
      return new ReportScope(RequestValues.uuid("episode", episode, "chương trình"), null, null, null, null);
    }
    UUID programId = RequestValues.uuid("program", program, "chương trình");
    Matcher m = PERIOD.matcher(period.strip());
    int year = m.matches() ? Integer.parseInt(m.group(1)) : 0;
    if (year < 2000 || year > 2100) {
      throw ApiError.invalid("period", "invalid",
          "Kỳ báo cáo phải là tháng (2026-11), quý (2026-Q4) hoặc năm (2026), từ năm 2000 đến 2100.");
    }
    LocalDate from;
    LocalDate until;
    if (m.group(2) != null) {
      from = LocalDate.of(year, Integer.parseInt(m.group(2)), 1);
      until = from.plusMonths(1);
    } else if (m.group(3) != null) {
      from = LocalDate.of(year, (Integer.parseInt(m.group(3)) - 1) * 3 + 1, 1);
      until = from.plusMonths(3);
    } else {
      from = LocalDate.of(year, 1, 1);
      until = from.plusYears(1);
    }
    return new ReportScope(null, m.group(), from, until, programId);
  }

  boolean isEpisode() {
    return episodeId != null;
  }

  OffsetDateTime start(ZoneId zone) {
    return from == null ? null : from.atStartOfDay(zone).toOffsetDateTime();
  }

  OffsetDateTime end(ZoneId zone) {
    return until == null ? null : until.atStartOfDay(zone).toOffsetDateTime();
  }

  /** "Tháng 11/2026", "Quý IV/2026", "Năm 2026"; an episode is named by its title elsewhere. */
  String label() {
    if (period == null) {
      return null;
    }
    if (period.contains("-Q")) {
      return "Quý " + ROMAN[(from.getMonthValue() - 1) / 3] + "/" + from.getYear();
    }
    if (period.length() == 7) {
      return "Tháng " + from.getMonthValue() + "/" + from.getYear();
    }
    return "Năm " + from.getYear();
  }

  /** The part of a download's file name that says what it covers. */
  String fileTag() {
    if (period == null) {
      return "chuong-trinh-" + episodeId.toString().substring(0, 8);
    }
    return programId == null ? period : period + "-" + programId.toString().substring(0, 8);
  }
}
