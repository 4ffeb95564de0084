package vn.danhoi.locality;

import vn.danhoi.infra.VietnameseText;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an asker lives, read however it was typed ("P. Bến Nghé, Q.1, TP.HCM", "xa tan thanh huyen x tinh hau
 * giang", NFD, no diacritics, former province names) into the two levels of local government in place since
 * 1 July 2025: a commune-level unit (xã, phường, đặc khu) and one of the 34 provinces or centrally-run cities.
 * Districts no longer exist: a district typed in is recognised and dropped. Pure; never fails.
 *
 * @param kind     the commune-level unit's kind, null when the asker named the unit without saying which
 * @param commune  its name as typed, each word capitalised ("Bến Nghé", "Tan Thanh", "1"); null when none
 * @param province the province today (a former one's name read as the province it merged into); null when none
 */
public record Locality(CommuneKind kind, String commune, Province province) {

  /** The row of a report that counts what no one can place. */
  public static final String UNKNOWN_LABEL = "Không rõ địa bàn";
  public static final Locality UNKNOWN = new Locality(null, null, null);

  /** The kinds of commune-level unit (Law on the Organisation of Local Government 2025, Art. 2). */
  public enum CommuneKind {
    COMMUNE("Xã"), WARD("Phường"), SPECIAL_ZONE("Đặc khu");

    private final String label;

    CommuneKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public boolean readable() {
    return commune != null || province != null;
  }

  /** "Phường Bến Nghé", "Bến Nghé" when the kind was not said, null without a commune. */
  public String communeLabel() {
    if (commune == null) {
      return null;
    }
    return kind == null ? commune : kind.label() + " " + commune;
  }

  /** "Phường Bến Nghé, Thành phố Hồ Chí Minh", "Tỉnh Tây Ninh", or "Không rõ địa bàn". */
  public String label() {
    if (!readable()) {
      return UNKNOWN_LABEL;
    }
    if (commune == null) {
      return province.label();
    }
    return province == null ? communeLabel() : communeLabel() + ", " + province.label();
  }

  /**
   * What makes two localities one place: the commune's folded name within its province. The kind is left out,
   * so "Bến Nghé, TP.HCM" and "Phường Bến Nghé, TP.HCM" meet; since the 2025 reorganisation no two
   * commune-level units of a province share a name. Null for an unreadable locality.
   */
  public String key() {
    if (!readable()) {
      return null;
    }
    return (commune == null ? "" : VietnameseText.fold(commune)) + "|" + (province == null ? "" : province.name());
  }

  // ---- reading ---------------------------------------------------------------------------------------------

  private enum Level { NONE, HAMLET, COMMUNE, DISTRICT, CITY, PROVINCE }

  /** A word that names the level of what follows: its folded spelling, its spelling with diacritics. */
  private record Marker(String[] folded, String[] proper, Level level, CommuneKind kind, boolean needsDot) {
    static Marker of(String words, String proper, Level level, CommuneKind kind) {
      return new Marker(words.split(" "), proper.split(" "), level, kind, false);
    }
  }

  /** Longer markers first, so "thị xã" is not read as "xã". */
  private static final List<Marker> MARKERS = List.of(
      Marker.of("to dan pho", "tổ dân phố", Level.HAMLET, null),
      Marker.of("khu pho", "khu phố", Level.HAMLET, null),
      Marker.of("thi tran", "thị trấn", Level.COMMUNE, CommuneKind.COMMUNE),
      Marker.of("dac khu", "đặc khu", Level.COMMUNE, CommuneKind.SPECIAL_ZONE),
      Marker.of("thi xa", "thị xã", Level.DISTRICT, null),
      Marker.of("thanh pho", "thành phố", Level.CITY, null),
      Marker.of("xa", "xã", Level.COMMUNE, CommuneKind.COMMUNE),
      Marker.of("x", "x", Level.COMMUNE, CommuneKind.COMMUNE),
      Marker.of("phuong", "phường", Level.COMMUNE, CommuneKind.WARD),
      Marker.of("p", "p", Level.COMMUNE, CommuneKind.WARD),
      Marker.of("f", "f", Level.COMMUNE, CommuneKind.WARD),
      // townships (thị trấn) became communes in 2025
      Marker.of("tt", "tt", Level.COMMUNE, CommuneKind.COMMUNE),
      Marker.of("dk", "dk", Level.COMMUNE, CommuneKind.SPECIAL_ZONE),
      Marker.of("huyen", "huyện", Level.DISTRICT, null),
      Marker.of("h", "h", Level.DISTRICT, null),
      Marker.of("quan", "quận", Level.DISTRICT, null),
      Marker.of("q", "q", Level.DISTRICT, null),
      Marker.of("tx", "tx", Level.DISTRICT, null),
      Marker.of("tp", "tp", Level.CITY, null),
      Marker.of("tinh", "tỉnh", Level.PROVINCE, null),
      // below the commune: hamlets, villages, residential groups, dropped like districts
      Marker.of("kp", "kp", Level.HAMLET, null),
      Marker.of("ap", "ấp", Level.HAMLET, null),
      Marker.of("thon", "thôn", Level.HAMLET, null),
      Marker.of("xom", "xóm", Level.HAMLET, null),
      Marker.of("to", "tổ", Level.HAMLET, null),
      new Marker(new String[] {"t"}, new String[] {"t"}, Level.PROVINCE, null, true));

  /** A word, a separator (comma, semicolon, slash, bracket, line) or a dash. */
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+\\.?|[,;/()|\\n\\r]|[-–—]");
  /** A marker glued to its number: "Q1", "P.12" split as "Q" "1". */
  private static final Pattern GLUED = Pattern.compile("(?i)(p|q|x|h|f|tt|tx|tp)(\\d+)");

  private record Token(String text, String folded, boolean dotted, boolean separator, boolean dash) {
  }

  private static final class Segment {
    Level level = Level.NONE;
    CommuneKind kind;
    final List<Token> words = new ArrayList<>();
    boolean dashAfter;
  }

  /** Reads a locality; {@link #UNKNOWN} for nothing readable. */
  public static Locality parse(String typed) {
    if (typed == null || typed.isBlank()) {
      return UNKNOWN;
    }
    List<Segment> segments = segments(tokens(Normalizer.normalize(typed, Normalizer.Form.NFC)));
    joinDashedNames(segments);
    CommuneKind kind = null;
    String commune = null;
    Province province = null;
    boolean communeMarked = segments.stream().anyMatch(s -> s.level == Level.COMMUNE);
    boolean above = false;
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      List<Token> words = s.words;
      Province named = Province.named(text(words));
      if (s.level == Level.PROVINCE || s.level == Level.CITY || s.level == Level.NONE) {
        if (named != null) {
          province = named;
          above = true;
          continue;
        }
      }
      int split = provinceSuffix(words);
      if (split > 0 && s.level != Level.PROVINCE) {
        province = Province.named(text(words.subList(split, words.size())));
        words = words.subList(0, split);
      }
      if (s.level == Level.COMMUNE && commune == null) {
        kind = s.kind;
        commune = name(words);
      } else if (s.level == Level.NONE && !above && !communeMarked && commune == null && !houseNumber(words)) {
        // an unmarked name before any district or province: "Bến Nghé, Q.1, TP.HCM"
        commune = name(words);
      }
      above |= s.level == Level.DISTRICT || s.level == Level.CITY || s.level == Level.PROVINCE;
      // districts, towns and cities under a province (and anything unplaceable after the commune) are dropped
    }
    // a bare name placed nowhere ("ở gần chợ", "Tân Phú") cannot be told from any other words
    if (kind == null && province == null) {
      return UNKNOWN;
    }
    return new Locality(kind, commune, province);
  }

  private static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      String t = m.group();
      if (t.length() == 1 && ",;/()|\n\r".indexOf(t.charAt(0)) >= 0) {
        out.add(new Token(t, t, false, true, false));
        continue;
      }
      if (t.length() == 1 && "-–—".indexOf(t.charAt(0)) >= 0) {
        out.add(new Token(t, t, false, true, true));
        continue;
      }
      boolean dotted = t.endsWith(".");
      String word = dotted ? t.substring(0, t.length() - 1) : t;
      Matcher glued = GLUED.matcher(VietnameseText.fold(word));
      if (glued.matches()) {
        out.add(new Token(glued.group(1), glued.group(1), true, false, false));
        out.add(new Token(glued.group(2), glued.group(2), dotted, false, false));
        continue;
      }
      out.add(new Token(word, VietnameseText.fold(word), dotted, false, false));
    }
    return out;
  }

  private static List<Segment> segments(List<Token> tokens) {
    List<Segment> out = new ArrayList<>();
    Segment current = new Segment();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.separator()) {
        if (!current.words.isEmpty()) {
          current.dashAfter = t.dash();
          out.add(current);
        }
        current = new Segment();
        continue;
      }
      // the first word after a marker is always part of the name: "huyện X", "phường Quán Thánh"
      boolean named = current.level == Level.NONE || !current.words.isEmpty();
      Marker marker = named ? markerAt(tokens, i) : null;
      if (marker != null) {
        if (!current.words.isEmpty()) {
          out.add(current);
        }
        current = new Segment();
        current.level = marker.level();
        current.kind = marker.kind();
        i += marker.folded().length - 1;
        continue;
      }
      current.words.add(t);
    }
    if (!current.words.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /**
   * The marker starting at i, when a name follows it. Typed with diacritics, a marker must be spelt as one
   * ("Tịnh Biên" is a name, "tỉnh Hậu Giang" a marker); typed without, any case will do.
   */
  private static Marker markerAt(List<Token> tokens, int i) {
    for (Marker m : MARKERS) {
      int n = m.folded().length;
      if (i + n >= tokens.size() || tokens.get(i + n).separator()) {
        continue;
      }
      boolean match = true;
      for (int k = 0; k < n && match; k++) {
        Token t = tokens.get(i + k);
        String lower = t.text().toLowerCase(Locale.ROOT);
        match = !t.separator() && t.folded().equals(m.folded()[k])
            && (lower.equals(m.folded()[k]) || lower.equals(m.proper()[k]))
            && (k < n - 1 || !m.needsDot() || t.dotted());
      }
      if (match) {
        return m;
      }
    }
    return null;
  }

  /** "Bà Rịa - Vũng Tàu", "Thừa Thiên - Huế": a dash inside a province's name is not a separator. */
  private static void joinDashedNames(List<Segment> segments) {
    for (int i = 0; i + 1 < segments.size(); i++) {
      Segment a = segments.get(i);
      Segment b = segments.get(i + 1);
      if (a.dashAfter && b.level == Level.NONE && a.level != Level.COMMUNE && a.level != Level.DISTRICT) {
        List<Token> both = new ArrayList<>(a.words);
        both.addAll(b.words);
        if (Province.named(text(both)) != null) {
          a.words.addAll(b.words);
          a.dashAfter = b.dashAfter;
          segments.remove(i + 1);
          i--;
        }
      }
    }
  }

  /**
   * Where a province's name starts at the end of a part typed without a comma ("xã Tân Phú Long An"), or 0.
   * At least two words (or a number) are left before it, so "xã Bình Thuận" stays a commune's name.
   */
  private static int provinceSuffix(List<Token> words) {
    for (int n = Math.min(Province.LONGEST_NAME, words.size() - 1); n >= 1; n--) {
      int at = words.size() - n;
      boolean enoughLeft = at >= 2 || words.get(0).folded().chars().allMatch(Character::isDigit);
      if (enoughLeft && Province.named(text(words.subList(at, words.size()))) != null) {
        return at;
      }
    }
    return 0;
  }

  /** "123 Nguyễn Huệ": a street address, not a commune. */
  private static boolean houseNumber(List<Token> words) {
    return words.size() > 1 && Character.isDigit(words.get(0).folded().charAt(0));
  }

  private static String text(List<Token> words) {
    StringBuilder out = new StringBuilder();
    for (Token t : words) {
      out.append(out.length() == 0 ? "" : " ").append(t.text());
    }
    return out.toString();
  }

  /** Each word capitalised, numbers without leading zeros: "bến nghé" → "Bến Nghé", "01" → "1". */
  private static String name(List<Token> words) {
    if (words.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Token t : words) {
      String w = t.text().toLowerCase(Locale.ROOT);
      if (w.chars().allMatch(Character::isDigit)) {
        w = w.replaceFirst("^0+(?=\\d)", "");
      } else {
        w = w.substring(0, w.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT) + w.substring(w.offsetByCodePoints(0, 1));
      }
      out.append(out.length() == 0 ? "" : " ").append(w);
    }
    return out.toString();
  }
}
