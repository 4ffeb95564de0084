package vn.danhoi.document;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who issues a document: the parent body (optional) and the issuing body of the heading, and the
 * abbreviation its numbers carry ("Số: 01/TB-HĐND"). Named as a program configures it; the capitals belong
 * to the heading only (Decree 30/2020/ND-CP, Appendix I), sentences use {@link #inSentence()}.
 */
public record Issuer(String parentBody, String name, String abbreviation) {

  static final Locale VI = Locale.forLanguageTag("vi-VN");
  /** Where the locality starts in a body's name: "Hội đồng nhân dân | tỉnh Hậu Giang". */
  /** Abbreviations that are spelt with a vowel. */
  private static final Set<String> KNOWN = Set.of("UBND", "TAND", "VKSND", "MTTQ", "UBMTTQ",
      "PT-TH", "PTTH", "TP", "TT");
  private static final List<String> LOCALITIES = List.of("tỉnh", "thành phố", "huyện", "quận", "thị xã", "thị trấn",
      "xã", "phường", "đặc khu");

  /** A program's configuration; {@code fallback} names the body when the program names none. */
  public static Issuer of(String parentBody, String name, String abbreviation, String fallback) {
    String n = clean(name);
    String a = clean(abbreviation);
    return new Issuer(clean(parentBody), n.isEmpty() ? fallback : n, a.isEmpty() ? derive(n.isEmpty() ? fallback : n)
        : a.toUpperCase(VI));
  }

  /** What its numbers are counted under: the body itself (under its parent), whatever its abbreviation. */
  public String key() {
    return parentBody.isEmpty() ? name : parentBody + " / " + name;
  }

  /** "Thường trực HĐND tỉnh Hậu Giang" also when configured as "THƯỜNG TRỰC HĐND TỈNH HẬU GIANG". */
  public String inSentence() {
    return sentence(name);
  }

  /** The body without its locality, as a signature's "TM." names it: "Thường trực HĐND". */
  public String collective() {
    return sentence(withoutLocality(name));
  }

  /** "TM. THƯỜNG TRỰC HĐND": signing on behalf of the collective body, the default authority. */
  public String onBehalf() {
    return "TM. " + collective().toUpperCase(VI);
  }

  /**
   * The abbreviation of a body's name: the council's and the committee's are fixed by use (HĐND, UBND, also
   * for their standing committees and offices' documents signed on their behalf); otherwise the initials of
   * the name before its locality, abbreviations in it kept whole ("Ban Biên tập" → "BBT").
   */
  static String derive(String name) {
    String body = sentence(withoutLocality(name));
    String lower = body.toLowerCase(VI);
    if (lower.startsWith("văn phòng")) {
      return "VP";
    }
    if (lower.contains("hội đồng nhân dân") || lower.contains("hđnd")) {
      return "HĐND";
    }
    if (lower.contains("ủy ban nhân dân") || lower.contains("uỷ ban nhân dân") || lower.contains("ubnd")) {
      return "UBND";
    }
    StringBuilder out = new StringBuilder();
    for (String word : body.split("\\s+")) {
      if (acronym(word)) {
        out.append(word);
      } else if (!word.isEmpty() && Character.isLetter(word.codePointAt(0)) && !"và".equals(word.toLowerCase(VI))) {
        out.appendCodePoint(Character.toUpperCase(word.codePointAt(0)));
      }
    }
    return out.isEmpty() ? "VB" : out.toString();
  }

  static String withoutLocality(String name) {
    String[] words = name.split("\\s+");
    int at = localityAt(words);
    return at < 0 ? name : String.join(" ", List.of(words).subList(0, at));
  }

  /** The index of the word where the locality starts, -1 without one (never the first word). */
  private static int localityAt(String[] words) {
    for (int i = 1; i < words.length; i++) {
      String rest = String.join(" ", List.of(words).subList(i, words.length)).toLowerCase(VI);
      for (String locality : LOCALITIES) {
        if (rest.startsWith(locality + " ")) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * A name written all in capitals, as it is in a heading, back in sentence case: the first word and the
   * place after the locality capitalised, abbreviations kept. Names already in mixed case are kept as typed.
   */
  static String sentence(String name) {
    if (!name.equals(name.toUpperCase(VI)) || name.equals(name.toLowerCase(VI))) {
      return name;
    }
    String[] words = name.split("\\s+");
    int at = localityAt(words);
    String rest = at < 0 ? "" : String.join(" ", List.of(words).subList(at, words.length)).toLowerCase(VI);
    int placeAt = at < 0 ? words.length : at + LOCALITIES.stream().filter(l -> rest.startsWith(l + " ")).findFirst()
        .orElseThrow().split(" ").length;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      String lower = words[i].toLowerCase(VI);
      String word = acronym(words[i]) ? words[i]
          : i == 0 || i >= placeAt ? lower.substring(0, 1).toUpperCase(VI) + lower.substring(1) : lower;
      out.append(i == 0 ? "" : " ").append(word);
    }
    return out.toString();
  }

  /** An abbreviation already (HĐND, UBND, ĐBQH): in capitals, and no Vietnamese syllable. */
  private static boolean acronym(String word) {
    if (word.length() < 2 || !word.chars().allMatch(Character::isUpperCase)) {
      return false;
    }
    return KNOWN.contains(word) || word.toLowerCase(VI).chars().noneMatch(c -> "aeiouy".indexOf(c) >= 0
        || c > 'z' && c != 'đ');
  }

  private static String clean(String s) {
    return s == null ? "" : s.trim().replaceAll("\\s+", " ");
  }
}
