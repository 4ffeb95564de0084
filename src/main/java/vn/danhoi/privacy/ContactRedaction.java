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
  public static final String DIGIT_RUN = "(?:\\+|00)?[0-9](?:[ .()-]{0,5}\\+?[0-9]){8,}";
  /** What stands where a number or an address was on a public screen. */
  public static final String HIDDEN = "***";

  private static final Pattern EMAILS = Pattern.compile(EMAIL);
  /**
   * Digits with what people type between them ("0912 345 678", "0912 - 345 - 678", "(0297) 3862 123", a
   * '+' or two numbers side by side): one stretch, to be cut into numbers.
   */
  private static final Pattern RUN = Pattern.compile("\\(?(?:\\+|00)?[0-9](?:(?:[ \\t]{0,3}+(?:[.\\-][ \\t]{0,3}+)?"
      + "|[ \\t]*+\\)[ \\t]*+)\\(?\\+?[0-9])*+");
  /** The parts of a stretch between which it may be cut: digits, with the dots of "0912.345.678" in them. */
  private static final Pattern PART = Pattern.compile("\\(?\\+?[0-9]+(?:\\.[0-9]+)*\\)?");
  private static final Pattern NUMBER = Pattern.compile(ID_CARD + "|" + PHONE);
  /** A number that is one on its own, wherever it stands: it starts with 0, 84, +84 or 0084. */
  private static final Pattern LEADING = Pattern.compile("(?:\\+|00|0|84).*", Pattern.DOTALL);
  /** "350.000.000": thousands grouped by dots, the way amounts of money are written, never a phone. */
  private static final Pattern AMOUNT = Pattern.compile("[1-9][0-9]{0,2}(?:\\.[0-9]{3})+");
  private static final Pattern SPACED_MARK = Pattern.compile("[ \\t]*([.\\-])[ \\t]*");
  private static final Pattern SPACES = Pattern.compile("[ \\t]+");
  private static final Pattern DIGIT_OR_AT = Pattern.compile("[0-9@]");
  private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\p{S}]+|[\\p{P}\\p{S}]+$");
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
    return RUN.matcher(withoutEmails).replaceAll(run -> {
      String stretch = run.group();
      // "(0912345678)": the bracket belongs to the sentence, not to the number
      String shown = stretch.startsWith("(") && stretch.indexOf(')') < 0
          ? "(" + numbersHidden(stretch.substring(1)) : numbersHidden(stretch);
      return Matcher.quoteReplacement(shown);
    });
  }

  /**
   * One stretch of digits, which may be several numbers typed side by side ("0912345678 0987654321"): cut
   * between its parts (never inside "0912.345.678"), at the cuts that hide the most digits. A piece not
   * starting with 0 or 84 (a mobile typed without its 0) is a number only as the whole stretch and unless it
   * is written as an amount, so "1 500 000 000 đồng" and "350.000.000 đồng" stay.
   */
  private static String numbersHidden(String stretch) {
    String whole = normalised(stretch);
    if (NUMBER.matcher(whole).matches() && !AMOUNT.matcher(whole).matches()) {
      return HIDDEN;
    }
    List<String> parts = new ArrayList<>();
    List<String> between = new ArrayList<>();
    Matcher part = PART.matcher(stretch);
    int end = 0;
    while (part.find()) {
      if (!parts.isEmpty()) {
        between.add(stretch.substring(end, part.start()));
      }
      parts.add(part.group());
      end = part.end();
    }
    String tail = stretch.substring(end);
    int n = parts.size();
    // best[i]: the most digits hidden from part i on; hiddenTo[i]: the part after the number starting at i
    int[] best = new int[n + 1];
    int[] hiddenTo = new int[n + 1];
    for (int i = n - 1; i >= 0; i--) {
      best[i] = best[i + 1];
      hiddenTo[i] = -1;
      StringBuilder piece = new StringBuilder();
      for (int j = i; j < n; j++) {
        if (j > i) {
          piece.append(between.get(j - 1));
        }
        piece.append(parts.get(j));
        String number = normalised(piece.toString());
        int hidden = digits(number) + best[j + 1];
        if (hidden > best[i] && LEADING.matcher(number).matches() && NUMBER.matcher(number).matches()) {
          best[i] = hidden;
          hiddenTo[i] = j + 1;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; ) {
      int next = hiddenTo[i] > 0 ? hiddenTo[i] : i + 1;
      out.append(hiddenTo[i] > 0 ? HIDDEN : parts.get(i));
      if (next < n) {
        out.append(between.get(next - 1));
      }
      i = next;
    }
    return out.append(tail).toString();
  }

  /** A piece as the number patterns read it: no brackets, one mark or one space between digits. */
  private static String normalised(String piece) {
    String marks = SPACED_MARK.matcher(piece.replace("(", "").replace(")", " ").strip()).replaceAll("$1");
    return SPACES.matcher(marks).replaceAll(" ");
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
