package vn.danhoi.sms;

import vn.danhoi.infra.VietnameseText;

/**
 * An SMS text as the network carries it: whether it fits the GSM 7-bit alphabet (GSM 03.38), how many parts it
 * is billed as, and its folded form without Vietnamese diacritics, which stays in that alphabet (160 characters a
 * part instead of the 70 of UCS-2, and no handset or gateway mangles it).
 */
public final class SmsText {

  /** The basic GSM 03.38 table, less the escape code (0x1B): 127 characters, each one unit. */
  private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  /** The extension table's characters, each sent as escape + code: two units. */
  private static final String EXTENSION = "\f^{}\\[~]|€";

  private static final int GSM7_SINGLE = 160;
  /** A part of a long message loses 7 characters (6 bytes) to the concatenation header. */
  private static final int GSM7_PART = 153;
  private static final int UCS2_SINGLE = 70;
  private static final int UCS2_PART = 67;

  private SmsText() {
  }

  public enum Encoding { GSM7, UCS2 }

  /** How a text goes out: its encoding, its length in that encoding's units, and the parts it is billed as. */
  public record Parts(Encoding encoding, int units, int segments) {
  }

  /** Whether every character is in the GSM 03.38 basic table or its extension; true for "" and null. */
  public static boolean gsm7(String text) {
    if (text == null) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!gsm7(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The parts a text is sent as. GSM-7 counts an extension character as two units, UCS-2 counts UTF-16 code
   * units; a long message is cut into parts of 153 (GSM-7) or 67 (UCS-2) units, never between an escape and its
   * character nor between the two halves of a surrogate pair, as the networks cut it. An empty text (or null)
   * is one part of zero units: a message with no text still goes out, and is billed, as one SMS.
   */
  public static Parts count(String text) {
    String t = text == null ? "" : text;
    boolean gsm = gsm7(t);
    int units = 0;
    for (int i = 0; i < t.length(); i++) {
      units += gsm ? width(t.charAt(i)) : 1;
    }
    if (units <= (gsm ? GSM7_SINGLE : UCS2_SINGLE)) {
      return new Parts(gsm ? Encoding.GSM7 : Encoding.UCS2, units, 1);
    }
    int part = gsm ? GSM7_PART : UCS2_PART;
    int segments = 1;
    int used = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      int w = gsm ? width(c) : Character.isSurrogatePair(c, i + 1 < t.length() ? t.charAt(i + 1) : c) ? 2 : 1;
      if (used + w > part) {
        segments++;
        used = 0;
      }
      used += w;
      if (w == 2 && !gsm) {
        i++;
      }
    }
    return new Parts(gsm ? Encoding.GSM7 : Encoding.UCS2, units, segments);
  }

  /**
   * The text in the GSM 7-bit alphabet, case kept: Vietnamese without its marks ("Tiếp công dân" → "Tiep cong
   * dan", Đ → D), NFC or NFD alike; typographic dashes as "-", curly quotes as straight ones, "…" as "...", every
   * kind of space (no-break, thin, tab) as " ". What is still outside the alphabet is dropped rather than shown
   * as "?": it is decoration in an office's template (an emoji, a symbol) or a name in another script, and a
   * "?" reads on a handset as a broken message. Folding a folded text changes nothing.
   */
  public static String fold(String text) {
    String plain = VietnameseText.withoutMarks(text);
    StringBuilder out = new StringBuilder(plain.length());
    for (int i = 0; i < plain.length(); i++) {
      char c = plain.charAt(i);
      String replaced = replacement(c);
      if (replaced != null) {
        out.append(replaced);
      } else if (gsm7(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String replacement(char c) {
    switch (c) {
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D':
        return "-";
      case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '`', '\u00B4':
        return "'";
      case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB':
        return "\"";
      case '\u2026':
        return "...";
      case '\u2028', '\u2029':
        return "\n";
      // Ð (eth) is what some Vietnamese keyboards and fonts give for Đ
      case '\u00D0':
        return "D";
      case '\u00F0':
        return "d";
      default:
        return c == '\t' || (c != '\n' && c != '\r' && Character.isSpaceChar(c)) ? " " : null;
    }
  }

  private static boolean gsm7(char c) {
    return BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0;
  }

  private static int width(char c) {
    return EXTENSION.indexOf(c) >= 0 ? 2 : 1;
  }
}
