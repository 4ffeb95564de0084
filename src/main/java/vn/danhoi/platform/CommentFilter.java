package vn.danhoi.platform;

import vn.danhoi.infra.VietnameseText;

/**
 * What the editors' live-chat tab needs to know of one comment: whether it asks the programme something,
 * whether the office's list hides it, and the key under which an author's repeats of it are recognised.
 * Pure and immutable; one instance serves every thread.
 */
public final class CommentFilter {

  /** Keys longer than this are compared on their first characters only: a live-chat comment is short. */
  private static final int KEY_LIMIT = 300;

  /**
   * The comment judged. blockedReason is null when it is shown; question is the form of the text, whatever
   * blockedReason says ({@link #shownAsQuestion} is what the "questions only" filter keeps).
   */
  public record Verdict(boolean question, BlockedWords.Reason blockedReason, String repeatKey) {

    public boolean blocked() {
      return blockedReason != null;
    }

    public boolean shownAsQuestion() {
      return question && blockedReason == null;
    }
  }

  private final BlockedWords blocked;

  public CommentFilter(BlockedWords blocked) {
    this.blocked = blocked;
  }

  /** With the list shipped with danhoi. */
  public static CommentFilter defaults() {
    return new CommentFilter(BlockedWords.defaults());
  }

  public Verdict judge(String text) {
    return new Verdict(QuestionForm.isQuestion(text), blocked.match(text), repeatKey(text));
  }

  /**
   * What stays of a comment when the way it was typed is set aside: folded, emoji and punctuation gone,
   * drawn-out letters squeezed, one space between words ("Hayyyy quáaaa!!! ❤️" → "hay qua"). Empty for a
   * comment of emoji only, so an author's runs of hearts are repeats of each other.
   */
  public static String repeatKey(String text) {
    String folded = VietnameseText.fold(text);
    StringBuilder out = new StringBuilder(Math.min(folded.length(), KEY_LIMIT));
    int previous = -1;
    boolean space = false;
    for (int i = 0; i < folded.length() && out.length() < KEY_LIMIT; ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetterOrDigit(cp)) {
        space = true;
        continue;
      }
      if (space && !out.isEmpty()) {
        out.append(' ');
        previous = ' ';
      }
      space = false;
      if (cp != previous || !Character.isLetter(cp)) {
        out.appendCodePoint(cp);
      }
      previous = cp;
    }
    return out.toString();
  }

  /**
   * Whether two comments say the same: the same key, or keys of ten characters or more that differ by at
   * most one edit in ten ("chuong trinh hay qua" and "chuong trinh hay qa").
   */
  public static boolean sameText(String a, String b) {
    String x = repeatKey(a);
    String y = repeatKey(b);
    if (x.equals(y)) {
      return true;
    }
    int allowed = Math.min(x.length(), y.length()) >= 10 ? Math.max(x.length(), y.length()) / 10 : 0;
    return allowed > 0 && Math.abs(x.length() - y.length()) <= allowed && edits(x, y, allowed) <= allowed;
  }

  /** Levenshtein distance, giving up (returning limit + 1) once every path costs more than limit. */
  private static int edits(String x, String y, int limit) {
    int[] previous = new int[y.length() + 1];
    int[] current = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      current[0] = i;
      int best = current[0];
      for (int j = 1; j <= y.length(); j++) {
        int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
        best = Math.min(best, current[j]);
      }
      if (best > limit) {
        return limit + 1;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length()];
  }
}
