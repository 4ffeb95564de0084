package vn.danhoi.intake;

import vn.danhoi.episode.Episode;
import vn.danhoi.infra.VietnameseText;

import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the open episode an SMS belongs to, from the number it was sent to and the keyword it starts
 * with ("DT câu hỏi…", "đt …", "Dt: …": case and accents do not matter). Number and keyword together win
 * over either alone; a keyword alone is enough when the gateway's number is shared or unknown.
 *
 * <p>Routing and the stored text are two questions. Routing is generous: the folded text (no case, no
 * accents, đ as d) begins with the folded keyword and a non-letter follows. The keyword is taken off the
 * stored text only when the first token IS the keyword as announced, not a word that folds to it:
 * <ul>
 *   <li>each letter is the keyword's letter, in either case;</li>
 *   <li>a letter may lack diacritics the keyword's letter has (a phone without a Vietnamese keyboard types
 *   ĐIỆN as DIEN), but a diacritic the keyword's letter lacks makes the token a word: with the keyword DIEN,
 *   "điện ấp 3 bị cúp" keeps "điện", and only "DIEN điện ấp 3…" loses the first DIEN;</li>
 *   <li>d and đ are one letter either way: Telex turns "dd" into đ, and people write the keyword DT as "đt";</li>
 *   <li>the keyword ends there: white space, punctuation or the end of the message follows, never a letter, a
 *   digit or a combining mark;</li>
 *   <li>one exception: a word that folds to the keyword followed by a colon is a label, and goes with its colon
 *   ("Nước: hoá đơn tháng 10…"). A comma or a dash does not make a label: "Điện, nước ấp 3 đều yếu" is a
 *   list.</li>
 * </ul>
 * A message in plain letters ("dien ap 3 bi cup") is read as beginning with the keyword: the sender typed exactly
 * what was announced. Whatever the reading, the message as received is kept beside the stored text
 * ({@link NewSubmission#originalText()}), so no reading loses a word for good.
 */
public final class SmsRouter {

  public record Route(Episode episode, String text) {
  }

  private SmsRouter() {
  }

  /** The episode (or null: unrouted) and the text with the routing keyword removed when it was typed as one. */
  public static Route route(List<Episode> open, String to, String text) {
    Episode best = null;
    int bestScore = 0;
    String bestText = text;
    for (Episode e : open) {
      boolean numberMatches = e.smsNumber() != null && e.smsNumber().equals(to);
      boolean keywordMatches = routes(e.smsKeyword(), text);
      int score = (numberMatches ? 2 : 0) + (keywordMatches ? 1 : 0);
      if (score > bestScore) {
        best = e;
        bestScore = score;
        bestText = keywordMatches ? stripKeyword(e.smsKeyword(), text) : text;
      }
    }
    return new Route(best, bestText);
  }

  /**
   * The episode a message to the council's Zalo account belongs to: the one on air now, or, when several are
   * (or none is), the one whose keyword the message begins with; null (unrouted) when that names none. Zalo has
   * no number to tell episodes apart, so the keyword is the only other sign.
   */
  public static Route onAir(List<Episode> open, Instant now, String text) {
    List<Episode> live = open.stream().filter(e -> "live".equals(e.liveStatus(now))).toList();
    Route byKeyword = route(live.isEmpty() ? open : live, null, text);
    return byKeyword.episode() == null && live.size() == 1 ? new Route(live.get(0), text) : byKeyword;
  }

  /** Whether the message begins with the keyword, folded (case, accents and đ ignored). */
  static boolean routes(String keyword, String text) {
    if (keyword == null || keyword.isBlank()) {
      return false;
    }
    String folded = VietnameseText.fold(text);
    String key = VietnameseText.fold(keyword);
    return folded.startsWith(key)
        && (folded.length() == key.length() || !Character.isLetterOrDigit(folded.charAt(key.length())));
  }

  /**
   * The question without the keyword and its separator when the first token is the keyword (see the class
   * comment); otherwise, or when nothing would be left, the text unchanged.
   */
  static String stripKeyword(String keyword, String text) {
    if (keyword == null || keyword.isBlank() || text == null) {
      return text;
    }
    String key = Normalizer.normalize(keyword.strip(), Normalizer.Form.NFC);
    String typed = Normalizer.normalize(text, Normalizer.Form.NFC);
    int end = keywordEnd(key, typed, true);
    if (end < 0) {
      // a word that only folds to the keyword is taken as the keyword when written as a label: "Nước: …"
      end = keywordEnd(key, typed, false);
      if (end < 0 || !typed.substring(end).stripLeading().startsWith(":")) {
        return text;
      }
    }
    String rest = typed.substring(end).replaceFirst("^[\\s:;,.\\-–—]+", "").strip();
    return rest.isEmpty() ? text : rest;
  }

  /**
   * Where the keyword ends in the message, when the message begins with it and a non-letter follows; -1
   * otherwise. {@code asTyped}: letter by letter as {@link #sameLetter}; else folded (any accents).
   */
  private static int keywordEnd(String key, String typed, boolean asTyped) {
    int i = 0;
    while (i < typed.length() && Character.isWhitespace(typed.charAt(i))) {
      i++;
    }
    int k = 0;
    while (k < key.length()) {
      if (Character.isWhitespace(key.charAt(k))) {
        // a space in a keyword of several syllables is one or more spaces in the message
        if (i >= typed.length() || !Character.isWhitespace(typed.charAt(i))) {
          return -1;
        }
        while (i < typed.length() && Character.isWhitespace(typed.charAt(i))) {
          i++;
        }
        while (k < key.length() && Character.isWhitespace(key.charAt(k))) {
          k++;
        }
        continue;
      }
      if (i >= typed.length() || !(asTyped ? sameLetter(typed.charAt(i), key.charAt(k))
          : marksApart(typed.charAt(i)).charAt(0) == marksApart(key.charAt(k)).charAt(0))) {
        return -1;
      }
      i++;
      k++;
    }
    boolean wordGoesOn = i < typed.length() && (Character.isLetterOrDigit(typed.charAt(i))
        || Character.getType(typed.charAt(i)) == Character.NON_SPACING_MARK);
    return wordGoesOn ? -1 : i;
  }

  /** The typed letter is the keyword's: same base letter (d and đ alike), no diacritic the keyword's lacks. */
  static boolean sameLetter(char typed, char key) {
    String t = marksApart(typed);
    String k = marksApart(key);
    if (t.isEmpty() || k.isEmpty() || t.charAt(0) != k.charAt(0)) {
      return false;
    }
    for (int m = 1; m < t.length(); m++) {
      if (k.indexOf(t.charAt(m), 1) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The lower-case base letter followed by its combining marks; đ is d (it has no decomposition). */
  private static String marksApart(char c) {
    // a character that is not a letter (a digit, a sign) stands for itself
    return Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).toLowerCase(Locale.ROOT)
        .replace('đ', 'd');
  }
}
