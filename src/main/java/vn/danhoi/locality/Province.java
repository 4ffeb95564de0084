package vn.danhoi.locality;

import vn.danhoi.infra.VietnameseText;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One of the 34 province-level units in place since 12 June 2025 (Resolution 202/2025/QH15 merged 52 of the
 * 63 former provinces and cities into 23; 11 stayed as they were). A locality typed with a former province's
 * name ("Long An", "Bình Dương", "Hậu Giang") is counted under the province it became part of.
 */
public record Province(String name, boolean city) {

  /** "Tỉnh Tây Ninh", "Thành phố Hồ Chí Minh". */
  public String label() {
    return (city ? "Thành phố " : "Tỉnh ") + name;
  }

  /** The 34 units, the former units each absorbed, and other ways people write them (all folded on load). */
  private static final List<Object[]> UNITS = List.of(
      // the eleven left as they were
      unit("Hà Nội", true, "hn", "tp hn", "tphn", "thu do ha noi"),
      unit("Huế", true, "thua thien hue", "thua thien - hue", "tt hue", "tth"),
      unit("Lai Châu", false),
      unit("Điện Biên", false),
      unit("Sơn La", false),
      unit("Lạng Sơn", false),
      unit("Quảng Ninh", false),
      unit("Thanh Hóa", false, "thanh hoa"),
      unit("Nghệ An", false),
      unit("Hà Tĩnh", false),
      unit("Cao Bằng", false),
      // the twenty-three formed by the merger: the unit keeps the first name, the others are former names
      unit("Tuyên Quang", false, "Hà Giang"),
      unit("Lào Cai", false, "Yên Bái"),
      unit("Thái Nguyên", false, "Bắc Kạn", "bac can"),
      unit("Phú Thọ", false, "Vĩnh Phúc", "Hòa Bình", "hoa binh"),
      unit("Bắc Ninh", false, "Bắc Giang"),
      unit("Hưng Yên", false, "Thái Bình"),
      unit("Hải Phòng", true, "Hải Dương", "hp", "tphp"),
      unit("Ninh Bình", false, "Hà Nam", "Nam Định"),
      unit("Quảng Trị", false, "Quảng Bình"),
      unit("Đà Nẵng", true, "Quảng Nam", "tpdn"),
      unit("Quảng Ngãi", false, "Kon Tum", "kontum"),
      unit("Gia Lai", false, "Bình Định"),
      unit("Khánh Hòa", false, "Ninh Thuận", "khanh hoa"),
      unit("Lâm Đồng", false, "Đắk Nông", "dak nong", "dac nong", "Bình Thuận"),
      unit("Đắk Lắk", false, "Phú Yên", "dak lak", "dac lac", "daklak"),
      unit("Hồ Chí Minh", true, "Bình Dương", "Bà Rịa - Vũng Tàu", "ba ria vung tau", "brvt", "hcm", "tphcm",
          "tp hcm", "hcmc", "sai gon", "sg"),
      unit("Đồng Nai", false, "Bình Phước"),
      unit("Tây Ninh", false, "Long An"),
      unit("Cần Thơ", true, "Sóc Trăng", "Hậu Giang", "tpct"),
      unit("Vĩnh Long", false, "Bến Tre", "Trà Vinh"),
      unit("Đồng Tháp", false, "Tiền Giang"),
      unit("Cà Mau", false, "Bạc Liêu"),
      unit("An Giang", false, "Kiên Giang"));

  private static final Map<String, Province> BY_NAME;
  private static final Map<Province, String> PATTERNS;
  private static final List<Province> ALL;
  /** The most words any name above has once folded: how far back a name is looked for at the end of a part. */
  static final int LONGEST_NAME;

  static {
    Map<String, Province> byName = new HashMap<>();
    Map<Province, String> patterns = new HashMap<>();
    List<Province> all = new ArrayList<>();
    int longest = 0;
    for (Object[] u : UNITS) {
      Province p = (Province) u[0];
      all.add(p);
      List<String> names = new ArrayList<>();
      names.add(p.name);
      for (int i = 1; i < u.length; i++) {
        names.add((String) u[i]);
      }
      patterns.put(p, pattern(names));
      for (String n : names) {
        String key = key(n);
        byName.put(key, p);
        byName.put(key.replace(" ", ""), p);
        longest = Math.max(longest, key.split(" ").length);
      }
    }
    BY_NAME = Map.copyOf(byName);
    PATTERNS = Map.copyOf(patterns);
    ALL = Collections.unmodifiableList(all);
    LONGEST_NAME = longest;
  }

  private static Object[] unit(String name, boolean city, String... others) {
    Object[] u = new Object[others.length + 1];
    u[0] = new Province(name, city);
    System.arraycopy(others, 0, u, 1, others.length);
    return u;
  }

  /** Folded, dashes and dots read as spaces: "Bà Rịa–Vũng Tàu" and "ba ria vung tau" are one key. */
  static String key(String name) {
    return VietnameseText.fold(name.replaceAll("[-–—.]", " "));
  }

  /** The province a name designates today, by its current or a former name; null for none. */
  public static Province named(String name) {
    if (name == null) {
      return null;
    }
    String key = key(name);
    Province p = BY_NAME.get(key);
    return p != null ? p : BY_NAME.get(key.replace(" ", ""));
  }

  /**
   * A PostgreSQL regular expression that finds this province at the end of a locality in lower case, by any of
   * its names, today's or a former one's, with or without diacritics: what a filter can ask of the database
   * where {@link Locality} cannot run. Only the end: "phường Hòa Bình, TP.HCM" is in Hồ Chí Minh City.
   */
  public String localityPattern() {
    return PATTERNS.get(this);
  }

  private static String pattern(List<String> names) {
    List<String> alternatives = new ArrayList<>();
    for (String n : names) {
      for (String form : List.of(Normalizer.normalize(n.toLowerCase(Locale.ROOT), Normalizer.Form.NFC), key(n))) {
        String words = String.join("[\\s.,–-]+", form.replaceAll("[-–—.]", " ").trim().split("\\s+"));
        if (!alternatives.contains(words)) {
          alternatives.add(words);
        }
      }
    }
    return "\\m(" + String.join("|", alternatives) + ")\\M[^[:alnum:]]*$";
  }

  /** The 34, in the order above. */
  public static List<Province> all() {
    return ALL;
  }
}
