package vn.danhoi.platform;

import vn.danhoi.infra.Syllables;
import vn.danhoi.privacy.ContactRedaction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The office's list of words that hide a live-chat comment (profanity, insults, spam), matched on whole
 * syllables, plus the spam every list wants (links, phone numbers, e-mail addresses). Immutable: build a
 * new one when the office edits its list.
 *
 * <p>An entry written with its marks matches only with those marks, because folded Vietnamese collides with
 * ordinary words: "lồn" folds to "lon" (lớn, a can), "buồi" to "buoi" (buổi), "cặc" to "cac" (các), "đĩ" to
 * "di" (đi), "đéo" to "deo" (đeo). An entry written without marks matches the folded text, so "dm" catches
 * "đm", "ĐM" and "dm". Every entry also catches its letters spread out ("đ m", "d.m", "v-c-l") and drawn out
 * ("dmmmm", "vcllll"), but never a letter doubled into an entry of one letter ("cc" is only "cc").
 */
public final class BlockedWords {

  /** Why a comment is hidden. */
  public enum Reason {
    PROFANITY, SPAM;

    /** The word stored and sent to the editors' page: "profanity", "spam". */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One line of the list: its words as the office typed them, and why they hide a comment. */
  public record Entry(String words, Reason reason) {
  }

  private static final String DEFAULT_LIST = "/platform/blocked-words.txt";
  /** Endings of a host name that make "abc.xyz" a link; what spam in Vietnamese chats uses. */
  private static final Set<String> DOMAINS = Set.of("com", "net", "org", "vn", "info", "xyz", "top", "club",
      "io", "me", "ly", "bet", "vip", "site", "online", "shop", "store", "link", "live", "win", "fun", "app",
      "tv", "cc", "co", "biz", "asia", "pro", "us", "gg", "to");

  private record Word(String typed, String folded, boolean marked, String squeezed) {
  }

  private record Listed(Word[] words, Reason reason) {
  }

  private final List<Entry> entries;
  /** Entries filed by their first word, folded and squeezed, as the text's words are looked up. */
  private final Map<String, List<Listed>> byFirstWord;

  private BlockedWords(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    Map<String, List<Listed>> index = new HashMap<>();
    for (Entry e : entries) {
      Word[] words = Words.of(e.words()).joined().entry();
      if (words.length > 0) {
        index.computeIfAbsent(words[0].squeezed(), k -> new ArrayList<>()).add(new Listed(words, e.reason()));
      }
    }
    this.byFirstWord = Map.copyOf(index);
  }

  public static BlockedWords of(List<Entry> entries) {
    return new BlockedWords(entries);
  }

  /**
   * The list in its file form: one entry a line, "#" starting a comment, and "[profanity]" or "[spam]" on a
   * line of its own for the entries that follow (profanity until the first such line).
   */
  public static BlockedWords parse(List<String> lines) {
    List<Entry> out = new ArrayList<>();
    Reason reason = Reason.PROFANITY;
    for (String line : lines) {
      int comment = line.indexOf('#');
      String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
      if (entry.equalsIgnoreCase("[profanity]")) {
        reason = Reason.PROFANITY;
      } else if (entry.equalsIgnoreCase("[spam]")) {
        reason = Reason.SPAM;
      } else if (!entry.isEmpty()) {
        out.add(new Entry(entry, reason));
      }
    }
    return new BlockedWords(out);
  }

  /** The list shipped with danhoi (src/main/resources/platform/blocked-words.txt), for a new office. */
  public static BlockedWords defaults() {
    return parse(defaultLines());
  }

  /** The shipped list as lines, to show the office what it starts from. */
  public static List<String> defaultLines() {
    try (InputStream in = BlockedWords.class.getResourceAsStream(DEFAULT_LIST)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_LIST + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Why this comment is hidden, or null: profanity before spam when it is both. */
  public Reason match(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Words words = Words.of(text);
    Reason found = find(words);
    if (found != Reason.PROFANITY) {
      Words joined = words.joined();
      Reason spread = joined == words ? null : find(joined);
      found = spread == Reason.PROFANITY || found == null ? spread : found;
    }
    if (found == null && (hasLink(text) || ContactRedaction.hasContact(text))) {
      return Reason.SPAM;
    }
    return found;
  }

  private Reason find(Words text) {
    Reason found = null;
    for (int i = 0; i < text.size(); i++) {
      for (Listed entry : byFirstWord.getOrDefault(text.squeezed(i), List.of())) {
        if (text.matches(i, entry.words())) {
          if (entry.reason() == Reason.PROFANITY) {
            return Reason.PROFANITY;
          }
          found = entry.reason();
        }
      }
    }
    return found;
  }

  /**
   * A web address: "http", "www." or a host name ending in a known domain ("nhacai88.com/abc", "bit.ly/x").
   * The government's own sites (".gov.vn": the public services portal) are what citizens ask about, not spam.
   */
  static boolean hasLink(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("http://") || lower.contains("https://") || lower.contains("www.")) {
      return !lower.contains(".gov.vn");
    }
    for (String token : lower.split("[\\s,;!?()\"'<>]+")) {
      int slash = token.indexOf('/');
      String host = slash >= 0 ? token.substring(0, slash) : token;
      while (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      int dot = host.lastIndexOf('.');
      if (dot <= 0 || host.endsWith(".gov.vn") || !DOMAINS.contains(host.substring(dot + 1))) {
        continue;
      }
      String[] labels = host.split("\\.");
      boolean plain = labels[0].length() >= 2 || slash > 0;
      for (String label : labels) {
        plain &= !label.isEmpty() && label.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-'));
      }
      if (plain) {
        return true;
      }
    }
    return false;
  }

  /**
   * A text's syllables as typed and folded, each also with its drawn-out letters squeezed ("quáaaa" →
   * "quá"). {@link #joined} reads runs of single letters as one word, the way "đ m" and "v.c.l" are meant.
   */
  static final class Words {
    private final String[] typed;
    private final String[] folded;
    private final boolean[] marked;
    private final String[] squeezed;

    private Words(String[] typed, String[] folded, boolean[] marked) {
      this.typed = typed;
      this.folded = folded;
      this.marked = marked;
      this.squeezed = new String[folded.length];
      for (int i = 0; i < folded.length; i++) {
        squeezed[i] = squeeze(folded[i]);
      }
    }

    static Words of(String text) {
      Syllables s = Syllables.of(text);
      String[] typed = new String[s.size()];
      String[] folded = new String[s.size()];
      boolean[] marked = new boolean[s.size()];
      for (int i = 0; i < s.size(); i++) {
        typed[i] = s.typed(i);
        folded[i] = s.folded(i);
        marked[i] = s.marked(i);
      }
      return new Words(typed, folded, marked);
    }

    int size() {
      return typed.length;
    }

    String squeezed(int i) {
      return squeezed[i];
    }

    /** This text with every run of two or more one-letter syllables as one word; itself when it has none. */
    Words joined() {
      List<Integer> starts = new ArrayList<>();
      boolean any = false;
      for (int i = 0; i < typed.length; ) {
        int j = i;
        while (j < typed.length && single(j)) {
          j++;
        }
        if (j - i >= 2) {
          any = true;
          starts.add(i);
          starts.add(j);
          i = j;
        } else {
          i = Math.max(j, i + 1);
        }
      }
      if (!any) {
        return this;
      }
      List<String> t = new ArrayList<>();
      List<String> f = new ArrayList<>();
      List<Boolean> m = new ArrayList<>();
      int run = 0;
      for (int i = 0; i < typed.length; ) {
        if (run < starts.size() && starts.get(run) == i) {
          int end = starts.get(run + 1);
          StringBuilder ty = new StringBuilder();
          StringBuilder fo = new StringBuilder();
          boolean mk = false;
          for (int k = i; k < end; k++) {
            ty.append(typed[k]);
            fo.append(folded[k]);
            mk |= marked[k];
          }
          t.add(ty.toString());
          f.add(fo.toString());
          m.add(mk);
          run += 2;
          i = end;
        } else {
          t.add(typed[i]);
          f.add(folded[i]);
          m.add(marked[i]);
          i++;
        }
      }
      boolean[] marks = new boolean[m.size()];
      for (int i = 0; i < marks.length; i++) {
        marks[i] = m.get(i);
      }
      return new Words(t.toArray(String[]::new), f.toArray(String[]::new), marks);
    }

    private boolean single(int i) {
      return typed[i].codePointCount(0, typed[i].length()) == 1 && Character.isLetter(typed[i].codePointAt(0));
    }

    Word[] entry() {
      Word[] out = new Word[typed.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = new Word(typed[i], folded[i], marked[i], squeezed[i]);
      }
      return out;
    }

    /** Whether the entry's words stand here: typed alike where the entry has marks, folded alike where not. */
    boolean matches(int from, Word[] entry) {
      if (from + entry.length > typed.length) {
        return false;
      }
      for (int w = 0; w < entry.length; w++) {
        int i = from + w;
        Word word = entry[w];
        String own = word.marked() ? word.typed() : word.folded();
        String here = word.marked() ? typed[i] : folded[i];
        boolean exact = own.equals(here);
        // "dmmm" is "dm" drawn out, but "c" is not "cc" squeezed, nor "dm" the entry "dmm"
        boolean drawnOut = !exact && word.squeezed().length() >= 2 && here.length() > own.length()
            && word.squeezed().equals(squeezed[i])
            && (!word.marked() || squeeze(typed[i]).equals(squeeze(word.typed())));
        if (!exact && !drawnOut) {
          return false;
        }
      }
      return true;
    }
  }

  /** Runs of one letter as one: "hayyyy" → "hay". Digits stay ("100" is not "10"). */
  static String squeeze(String word) {
    StringBuilder out = new StringBuilder(word.length());
    int previous = -1;
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == previous && Character.isLetter(cp)) {
        continue;
      }
      out.appendCodePoint(cp);
      previous = cp;
    }
    return out.toString();
  }
}
