package vn.danhoi.intake;

import vn.danhoi.episode.Episode;
import vn.danhoi.infra.VietnameseText;

import java.util.List;

/**
 * Chooses the open episode an SMS belongs to, from the number it was sent to and the keyword it starts
 * with ("DT câu hỏi…", "đt …", "Dt: …": case and accents do not matter). Number and keyword together win
 * over either alone; a keyword alone is enough when the gateway's number is shared or unknown.
 */
public final class SmsRouter {

  public record Route(Episode episode, String text) {
  }

  private SmsRouter() {
  }

  /** The episode (or null: unrouted) and the text with the routing keyword removed. */
  public static Route route(List<Episode> open, String to, String text) {
    Episode best = null;
    int bestScore = 0;
    String bestText = text;
    for (Episode e : open) {
      boolean numberMatches = e.smsNumber() != null && e.smsNumber().equals(to);
      String stripped = stripKeyword(e.smsKeyword(), text);
      boolean keywordMatches = stripped != null;
      int score = (numberMatches ? 2 : 0) + (keywordMatches ? 1 : 0);
      if (score > bestScore) {
        best = e;
        bestScore = score;
        bestText = keywordMatches && !stripped.isEmpty() ? stripped : text;
      }
    }
    return new Route(best, bestText);
  }

  /** The text after the keyword and its separator, or null when the text does not start with it. */
  static String stripKeyword(String keyword, String text) {
    if (keyword == null || keyword.isEmpty()) {
      return null;
    }
    String folded = VietnameseText.fold(text);
    String key = VietnameseText.fold(keyword);
    if (!folded.startsWith(key)) {
      return null;
    }
    if (folded.length() > key.length() && Character.isLetterOrDigit(folded.charAt(key.length()))) {
      return null;
    }
    // Folding keeps one char per letter of a precomposed NFC string, so offsets carry over
    int cut = offsetAfterLetters(text, key.replace(" ", "").length());
    String rest = text.substring(cut).replaceFirst("^[\\s:;,.\\-]+", "");
    return rest.strip();
  }

  private static int offsetAfterLetters(String text, int letters) {
    int seen = 0;
    int i = 0;
    while (i < text.length() && seen < letters) {
      if (!Character.isWhitespace(text.charAt(i))) {
        seen++;
      }
      i++;
    }
    return i;
  }
}
