package vn.danhoi.report;

import vn.danhoi.infra.VietnameseText;
import vn.danhoi.locality.Locality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The locality breakdowns: PostgreSQL counts each locality as typed (words and case aside), and these rows add
 * them up by place, read by {@link Locality}: "P Ben Nghe, Q1, TPHCM" and "Phường Bến Nghé, TP. Hồ Chí Minh" are
 * one commune; "Long An" counts under Tây Ninh; what no one can place is one "Không rõ địa bàn" row, last.
 * The counts are sums, so adding the typed rows up is exact; only distinct spellings reach Java.
 */
final class LocalityRows {

  private LocalityRows() {
  }

  /** By commune-level unit within its province (a province alone when no commune was given). */
  static List<Report.Breakdown> byCommune(List<Report.Breakdown> typed) {
    return group(typed, Locality::key, Locality::label);
  }

  /** By province or centrally-run city as it stands since 2025. */
  static List<Report.Breakdown> byProvince(List<Report.Breakdown> typed) {
    return group(typed, l -> l.province() == null ? null : l.province().name(),
        l -> l.province() == null ? null : l.province().label());
  }

  private record Place(String label, boolean accented, boolean kindSaid, long questions) {
  }

  private static List<Report.Breakdown> group(List<Report.Breakdown> typed, Function<Locality, String> keyOf,
                                              Function<Locality, String> labelOf) {
    Map<String, long[]> sums = new LinkedHashMap<>();
    Map<String, Place> labels = new LinkedHashMap<>();
    long[] unknown = new long[5];
    for (Report.Breakdown b : typed) {
      Locality l = Locality.parse(b.key());
      String key = keyOf.apply(l);
      add(key == null ? unknown : sums.computeIfAbsent(key, k -> new long[5]), b);
      if (key != null) {
        labels.merge(key, place(l, labelOf.apply(l), b.questions()), LocalityRows::better);
      }
    }
    List<Report.Breakdown> out = new ArrayList<>();
    sums.forEach((key, s) -> out.add(new Report.Breakdown(labels.get(key).label(), s[0], s[1], s[2], s[3], s[4])));
    out.sort(Comparator.comparingLong(Report.Breakdown::questions).reversed().thenComparing(Report.Breakdown::key));
    if (unknown[0] > 0) {
      out.add(new Report.Breakdown(null, unknown[0], unknown[1], unknown[2], unknown[3], unknown[4]));
    }
    return out;
  }

  private static void add(long[] sum, Report.Breakdown b) {
    sum[0] += b.questions();
    sum[1] += b.askers();
    sum[2] += b.onAir();
    sum[3] += b.after();
    sum[4] += b.published();
  }

  /** A spelling of the place; the province's is always the table's, so only the commune's is weighed. */
  private static Place place(Locality l, String label, long questions) {
    String typed = l.commune() == null ? label : l.commune();
    return new Place(label, !VietnameseText.fold(typed).equals(typed.toLowerCase(Locale.ROOT)), l.kind() != null,
        questions);
  }

  /**
   * The spelling shown: one with its diacritics before one without, one saying xã/phường before one that does
   * not, then the one most questions used.
   */
  private static Place better(Place a, Place b) {
    if (a.accented() != b.accented()) {
      return a.accented() ? a : b;
    }
    if (a.kindSaid() != b.kindSaid()) {
      return a.kindSaid() ? a : b;
    }
    return b.questions() > a.questions() ? b : a;
  }
}
