package vn.danhoi.privacy;

import vn.danhoi.infra.VietnameseText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
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
  /**
   * For erasure, which may take too much but never too little: every run of nine digits or more, however it
   * is spaced, in the rows of the person erased (two numbers typed side by side, an old 9-digit CMND).
   */
  public static final String DIGIT_RUN = "(?:\\+|00)?[0-9](?:[ .-]?\\+?[0-9]){8,}";
  /** What stands where a number or an address was on a public screen. */
  public static final String HIDDEN = "***";

  private static final Pattern EMAILS = Pattern.compile(EMAIL);
  /** Digits with the separators people type between them, a '+' included: one stretch to cut into numbers. */
  private static final Pattern RUN = Pattern.compile("(?:\\+|00)?[0-9](?:[ .-]?\\+?[0-9])*");
  private static final Pattern NUMBER = Pattern.compile(ID_CARD + "|" + PHONE);
  /** A number that is one on its own, wherever it stands: it starts with 0, 84, +84 or 0084. */
  private static final Pattern LEADING = Pattern.compile("(?:\\+|00|0|84).*", Pattern.DOTALL);
  private static final Pattern DIGIT_OR_AT = Pattern.compile("[0-9@]");
  private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\p{S}]+|[\\p{P}\\p{S}]+$");
  /** Words that label a number or an address typed after a name ("Hoa, SĐT 09…"): never a given name. */
  // only labels that are no one's name: "Điền", "Thoại" and "Sơn" are given names, so not the words of "số
  // điện thoại"; a number after them is dropped all the same
  private static final Set<String> LABELS = Set.of("sdt", "dt", "dd", "didong", "cccd", "cmnd", "email",
      "e-mail", "mail", "zalo", "tel", "phone", "hotline", "lh");

  private ContactRedaction() {
  }

  /** The text with every phone number, ID-card number and e-mail address replaced; null stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String withoutEmails = EMAILS.matcher(text).replaceAll(HIDDEN);
    Matcher run = RUN.matcher(withoutEmails);
    StringBuilder out = new StringBuilder(withoutEmails.length());
    int last = 0;
    while (run.find()) {
      out.append(withoutEmails, last, run.start()).append(numbersHidden(run.group()));
      last = run.end();
    }
    return out.append(withoutEmails, last, withoutEmails.length()).toString();
  }

  /**
   * One stretch of digits, which may be several numbers typed side by side ("0912345678 0987654321"): cut
   * where a space or a dash stands, at the cuts that hide the most digits. A piece not starting with 0 or 84
   * (a mobile typed without its 0) is a number only as the whole stretch, so "1 500 000 000 đồng" and
   * "1.500.000.000" stay amounts.
   */
  private static String numbersHidden(String stretch) {
    if (NUMBER.matcher(stretch).matches()) {
      return HIDDEN;
    }
    List<Integer> cuts = new ArrayList<>();
    cuts.add(0);
    for (int i = 1; i < stretch.length(); i++) {
      char c = stretch.charAt(i);
      if ((c == ' ' || c == '-') || (c == '+' && stretch.charAt(i - 1) != ' ' && stretch.charAt(i - 1) != '-')) {
        cuts.add(c == '+' ? i : i + 1);
      }
    }
    cuts.add(stretch.length() + 1);
    int n = cuts.size() - 1;
    // best[i]: the most digits hidden in the stretch from cut i on; hiddenTo[i]: the cut its number ends at
    int[] best = new int[n + 1];
    int[] hiddenTo = new int[n + 1];
    for (int i = n - 1; i >= 0; i--) {
      best[i] = best[i + 1];
      hiddenTo[i] = -1;
      for (int j = i + 1; j <= n; j++) {
        String piece = piece(stretch, cuts, i, j);
        if (LEADING.matcher(piece).matches() && NUMBER.matcher(piece).matches()) {
          int hidden = digits(piece) + best[j];
          if (hidden > best[i]) {
            best[i] = hidden;
            hiddenTo[i] = j;
          }
        }
      }
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < n) {
      if (hiddenTo[i] > 0) {
        out.append(HIDDEN).append(separatorAfter(stretch, cuts, hiddenTo[i]));
        i = hiddenTo[i];
      } else {
        out.append(stretch, cuts.get(i), Math.min(cuts.get(i + 1), stretch.length()));
        i++;
      }
    }
    return out.toString();
  }

  private static String piece(String stretch, List<Integer> cuts, int from, int to) {
    String piece = stretch.substring(cuts.get(from), Math.min(cuts.get(to), stretch.length()));
    return piece.endsWith(" ") || piece.endsWith("-") ? piece.substring(0, piece.length() - 1) : piece;
  }

  private static String separatorAfter(String stretch, List<Integer> cuts, int to) {
    int end = Math.min(cuts.get(to), stretch.length());
    char c = end > 0 ? stretch.charAt(end - 1) : 'x';
    return end < stretch.length() && (c == ' ' || c == '-') ? String.valueOf(c) : "";
  }

  private static int digits(String piece) {
    return (int) piece.chars().filter(Character::isDigit).count();
  }

  /** Whether the text holds something that looks like a phone number or an e-mail address. */
  public static boolean hasContact(String text) {
    return text != null && !redact(text).equals(text);
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
    List<String> words = nameWords(fullName);
    return words.isEmpty() ? null : words.get(words.size() - 1);
  }

  /** A name as initials: "Nguyễn Thị Mai" → "N. T. M."; digits and addresses typed into it are dropped. */
  public static String initials(String fullName) {
    if (fullName == null || fullName.isBlank()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String word : nameWords(fullName)) {
      out.add(new String(Character.toChars(word.codePointAt(0))).toUpperCase(Locale.ROOT) + ".");
    }
    return out.isEmpty() ? HIDDEN : String.join(" ", out);
  }

  /**
   * The words of a name field that are a name: what was typed after a comma or a label ("Hoa, SĐT 09…",
   * "Hoa CCCD 0791…") is not, nor is a word with a digit or an @, and punctuation around a word goes.
   */
  private static List<String> nameWords(String fullName) {
    List<String> out = new ArrayList<>();
    for (String raw : redact(fullName).strip().split("\\s+")) {
      String word = EDGE_PUNCTUATION.matcher(raw).replaceAll("");
      if (word.isEmpty() || raw.contains(HIDDEN) || DIGIT_OR_AT.matcher(word).find()
          || LABELS.contains(VietnameseText.fold(word))) {
        if (!out.isEmpty()) {
          break;
        }
        continue;
      }
      out.add(word);
      if (raw.endsWith(",") || raw.endsWith(";") || raw.endsWith("(")) {
        break;
      }
    }
    return out;
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
