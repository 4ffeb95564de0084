package vn.danhoi.infra;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Text as Vietnamese users type it: NFC for storage (phones and browsers send NFD or NFC), and a folded
 * form without diacritics for matching keywords and searching ("nuoc sach" finds "nước sạch").
 */
public final class VietnameseText {

  /**
   * Names in the order of the Vietnamese alphabet (a ă â b c d đ e ê … y, tones after the letter), as an
   * office reads a list: by code point "Điện" and "Đất đai" would come after "Y tế". Frozen, so shared safely.
   */
  public static final java.util.Comparator<String> ORDER = comparator();

  @SuppressWarnings("unchecked")
  private static java.util.Comparator<String> comparator() {
    com.ibm.icu.text.Collator collator = com.ibm.icu.text.Collator.getInstance(new com.ibm.icu.util.ULocale("vi"));
    return (java.util.Comparator<String>) (java.util.Comparator<?>) collator.freeze();
  }

  private VietnameseText() {
  }

  /**
   * NFC with control characters removed (except tab and newlines). Returns null for text that is not
   * valid Unicode (a lone surrogate from a JSON escape), which callers report as a field error.
   */
  public static String clean(String raw) {
    if (raw == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
          out.append(c).append(raw.charAt(++i));
          continue;
        }
        return null;
      }
      if (Character.isLowSurrogate(c)) {
        return null;
      }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c < 0xa0)) {
        continue;
      }
      out.append(c);
    }
    return Normalizer.normalize(out.toString(), Normalizer.Form.NFC).strip();
  }

  /** Lower case, without diacritics, đ as d, runs of white space as one space. */
  public static String fold(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    boolean space = false;
    for (int i = 0; i < decomposed.length(); i++) {
      char c = unmarked(decomposed.charAt(i));
      if (c == MARK) {
        continue;
      }
      if (Character.isWhitespace(c)) {
        space = true;
        continue;
      }
      if (space && out.length() > 0) {
        out.append(' ');
      }
      space = false;
      out.append(c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * The letters without their marks, case kept: "Tiếp công dân" → "Tiep cong dan", "Đà Nẵng" → "Da Nang". What an
   * SMS in the GSM alphabet carries; fold is this, lower-cased, with white space collapsed.
   */
  public static String withoutMarks(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = unmarked(decomposed.charAt(i));
      if (c != MARK) {
        out.append(c);
      }
    }
    return Normalizer.normalize(out.toString(), Normalizer.Form.NFC);
  }

  private static final char MARK = '\uFFFF';

  /** A decomposed character without its Vietnamese marks: a combining mark is MARK (dropped), đ is d, Đ is D. */
  private static char unmarked(char c) {
    if (Character.getType(c) == Character.NON_SPACING_MARK) {
      return MARK;
    }
    return c == 'đ' ? 'd' : c == 'Đ' ? 'D' : c;
  }

  public static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
