package vn.danhoi.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for what of an asker's contact data may leave the editors' desk. Public screens (studio,
 * live page, published answers) get no phone number or e-mail address, whatever field it was typed into;
 * agencies without the council office's grant get masks (initials, the last 3 digits). Erasure scrubs free
 * text with the same patterns, passed to PostgreSQL as they are (both dialects read them alike).
 */
public final class ContactRedaction {

  /**
   * A Vietnamese number as people type it: 0…, 84…, +84…, 0084… (10 or 11 digits nationally) or a mobile
   * without its 0, with spaces, dots or dashes between digits. Not a part of a longer run of digits.
   */
  public static final String PHONE = "(?<![0-9+])(?<![0-9][ .-])(?:(?:\\+|00)?84[ .-]?[1-9](?:[ .-]?[0-9]){7,9}"
      + "|0[ .-]?[1-9](?:[ .-]?[0-9]){7,9}|[35789](?:[ .-]?[0-9]){8})(?![ .-]?[0-9])";
  /** A citizen identity card (CCCD) number: 12 digits beginning with 0, the province code. */
  public static final String ID_CARD = "(?<![0-9])(?<![0-9][ .-])0(?:[ .-]?[0-9]){11}(?![ .-]?[0-9])";
  public static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";
  /** What stands where a number or an address was on a public screen. */
  public static final String HIDDEN = "***";

  private static final Pattern CONTACT = Pattern.compile(ID_CARD + "|" + PHONE + "|" + EMAIL);
  private static final Pattern DIGIT_OR_AT = Pattern.compile("[0-9@]");

  private ContactRedaction() {
  }

  /** The text with every phone number, ID-card number and e-mail address replaced; null stays null. */
  public static String redact(String text) {
    return text == null ? null : CONTACT.matcher(text).replaceAll(HIDDEN);
  }

  /** Whether the text holds something that looks like a phone number or an e-mail address. */
  public static boolean hasContact(String text) {
    return text != null && CONTACT.matcher(text).find();
  }

  /**
   * The asker as the public sees them: the given name only, which in a Vietnamese full name is the last word
   * ("Nguyễn Thị Mai" → "Mai"). Family and middle names, with the locality, would single a person out; a
   * word with a digit or an @ is never a name (a number typed into the name field), so it is skipped.
   */
  public static String publicName(String fullName) {
    if (fullName == null || fullName.isBlank()) {
      return null;
    }
    String[] words = redact(fullName).strip().split("\\s+");
    for (int i = words.length - 1; i >= 0; i--) {
      if (!words[i].contains(HIDDEN) && !DIGIT_OR_AT.matcher(words[i]).find() && !words[i].isBlank()) {
        return words[i];
      }
    }
    return null;
  }

  /** A name as initials: "Nguyễn Thị Mai" → "N. T. M."; digits and addresses typed into it are dropped. */
  public static String initials(String fullName) {
    if (fullName == null || fullName.isBlank()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String word : redact(fullName).strip().split("\\s+")) {
      if (!word.contains(HIDDEN) && !DIGIT_OR_AT.matcher(word).find() && !word.isBlank()) {
        out.add(word.codePointCount(0, word.length()) > 0
            ? new String(Character.toChars(word.codePointAt(0))).toUpperCase(Locale.ROOT) + "." : "");
      }
    }
    return out.isEmpty() ? HIDDEN : String.join(" ", out);
  }

  /** A phone number down to its last 3 digits at most: "0912 345 678" → "*******678". */
  public static String maskPhone(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone.replaceAll("[^0-9]", "");
    if (digits.length() < 7) {
      return HIDDEN;
    }
    return "*".repeat(digits.length() - 3) + digits.substring(digits.length() - 3);
  }

  /** An e-mail address with only its first letter and the domain's last label: "m***@***.com". */
  public static String maskEmail(String email) {
    if (email == null) {
      return null;
    }
    int at = email.indexOf('@');
    int dot = email.lastIndexOf('.');
    if (at <= 0 || dot < at) {
      return HIDDEN;
    }
    return email.charAt(0) + "***@***" + email.substring(dot);
  }

  /** An address down to its last part (the commune or province), which the locality shows anyway. */
  public static String maskAddress(String address) {
    if (address == null || address.isBlank()) {
      return null;
    }
    int comma = address.lastIndexOf(',');
    return comma < 0 ? HIDDEN : HIDDEN + "," + redact(address.substring(comma + 1));
  }
}
