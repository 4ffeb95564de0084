package vn.danhoi.intake;

import vn.danhoi.infra.VietnameseText;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The code every question is given (V30 makes it): eight characters from twenty, shown in two groups of four
 * ("7TXJ-C2C7") to be read out on the phone and typed on one. What a citizen types back is read leniently: any
 * case, spaces, dashes or dots anywhere, and the marks a Vietnamese keyboard may have added taken off.
 */
public final class ReceiptCode {

  private static final Pattern STORED = Pattern.compile("^[CFHJKMNPRTVX2-9]{8}$");

  private ReceiptCode() {
  }

  /** "7TXJC2C7" → "7TXJ-C2C7"; null stays null. */
  public static String format(String stored) {
    return stored == null || stored.length() != 8 ? stored : stored.substring(0, 4) + "-" + stored.substring(4);
  }

  /** The stored form of what a citizen typed, or null when it cannot be a code. */
  public static String parse(String typed) {
    if (typed == null || typed.length() > 40) {
      return null;
    }
    String plain = VietnameseText.withoutMarks(typed).toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-_/]", "");
    return STORED.matcher(plain).matches() ? plain : null;
  }
}
