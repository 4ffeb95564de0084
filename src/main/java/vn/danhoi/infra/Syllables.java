package vn.danhoi.infra;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into its syllables (runs of letters and digits; punctuation and spaces separate them), each
 * kept twice: as typed, in lower case NFC ("điện"), and folded ("dien"). Matching compares the folded forms,
 * and the typed ones too where both sides carry marks, so "diễn" is not "điện" while "dien", typed on a
 * phone without marks, still is.
 */
public final class Syllables {

  private final String[] typed;
  private final String[] folded;
  private final boolean[] marks;
  private final boolean withMarks;

  private Syllables(String[] typed, String[] folded, boolean[] marks) {
    this.typed = typed;
    this.folded = folded;
    this.marks = marks;
    int marked = 0;
    for (boolean m : marks) {
      marked += m ? 1 : 0;
    }
    // Vietnamese written with its marks has them on most syllables; a place name typed properly in an
    // otherwise bare SMS does not make the SMS one written with marks
    this.withMarks = marked > 0 && marked * 4 >= marks.length;
  }

  public static Syllables of(String text) {
    if (text == null || text.isEmpty()) {
      return new Syllables(new String[0], new String[0], new boolean[0]);
    }
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder(12);
    for (int i = 0; i < nfc.length(); ) {
      int cp = nfc.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK) {
        word.appendCodePoint(Character.toLowerCase(cp));
      } else if (!word.isEmpty()) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    String[] typed = words.toArray(String[]::new);
    String[] folded = new String[typed.length];
    boolean[] marks = new boolean[typed.length];
    for (int i = 0; i < typed.length; i++) {
      folded[i] = fold(typed[i]);
      marks[i] = !folded[i].equals(typed[i]);
    }
    return new Syllables(typed, folded, marks);
  }

  public int size() {
    return typed.length;
  }

  public String typed(int i) {
    return typed[i];
  }

  public String folded(int i) {
    return folded[i];
  }

  /** Whether syllable i was typed with marks (đ counts as one). */
  public boolean marked(int i) {
    return marks[i];
  }

  /** The syllables as one lower case NFC string, one space between them ("Sửa  ĐƯỜNG!" is "sửa đường"). */
  public String typedText() {
    return String.join(" ", typed);
  }

  /**
   * Whether the text was written with its marks (at least a quarter of its syllables carry one), so that a
   * syllable without marks means a word without them: "cho" is not "chợ" there, while in a bare SMS it may be.
   */
  public boolean withMarks() {
    return withMarks;
  }

  /**
   * Whether syllable i of this text matches the word w of a keyword: the same folded, and, when both the
   * text and that word are written with marks, the same as typed.
   */
  public boolean matches(int i, Syllables keyword, int w) {
    return folded[i].equals(keyword.folded[w])
        && (!withMarks || !keyword.marked(w) || typed[i].equals(keyword.typed[w]));
  }

  /**
   * Latin letters with Vietnamese marks (U+00C0 to U+1EFF) and the base letter they fold to, worked out
   * once: folding syllable by syllable through the Unicode decomposition costs more than the rest of a
   * suggestion, and intake folds every syllable of every message.
   */
  private static final char FIRST = '\u00c0';
  private static final char[] BASE = new char[0x1f00 - FIRST];

  static {
    for (char c = FIRST; c < 0x1f00; c++) {
      String folded = VietnameseText.fold(String.valueOf(c));
      if (folded.length() == 1 && folded.charAt(0) < 0x80) {
        BASE[c - FIRST] = folded.charAt(0);
      }
    }
  }

  /** A lower case NFC syllable folded as {@link VietnameseText#fold} does; plain ASCII comes back as it is. */
  private static String fold(String syllable) {
    char[] out = null;
    for (int i = 0; i < syllable.length(); i++) {
      char c = syllable.charAt(i);
      if (c < 0x80) {
        continue;
      }
      char base = c >= FIRST && c < 0x1f00 ? BASE[c - FIRST] : 0;
      if (base == 0) {
        return VietnameseText.fold(syllable);
      }
      if (out == null) {
        out = syllable.toCharArray();
      }
      out[i] = base;
    }
    return out == null ? syllable : new String(out);
  }
}
