package vn.danhoi.platform;

import vn.danhoi.infra.Syllables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a live-chat comment asks something of the programme: a question form of Vietnamese ("bao giờ",
 * "ở đâu", "có … không", "… chưa ạ"), a question mark on words, or a request that is a question in substance
 * ("cho em hỏi", "đề nghị … trả lời", "kiến nghị", "phản ánh"). Read on the folded syllables, so text typed
 * without marks, in NFD or in teencode ("ko", "j", "bh", "ntn") reads the same. Greetings, praise and thanks
 * are not questions, even when they thank someone for an answer.
 */
public final class QuestionForm {

  /** Where a clause ends: a question's particle stands before one ("được không, nhà tôi…"). */
  private static final Pattern CLAUSE_END = Pattern.compile("[.,;:!?…\\n\\r()\\[\\]]+");

  /** Teencode and shorthand, folded, as the words they stand for. */
  private static final Map<String, String> SHORTHAND = Map.ofEntries(
      Map.entry("k", "khong"), Map.entry("ko", "khong"), Map.entry("kg", "khong"), Map.entry("khg", "khong"),
      Map.entry("kh", "khong"), Map.entry("hok", "khong"), Map.entry("hk", "khong"), Map.entry("hem", "khong"),
      Map.entry("khum", "khong"), Map.entry("k0", "khong"), Map.entry("kô", "khong"), Map.entry("kum", "khong"),
      Map.entry("chx", "chua"), Map.entry("chs", "chua"),
      Map.entry("j", "gi"), Map.entry("ji", "gi"),
      Map.entry("bh", "bao gio"), Map.entry("bjo", "bao gio"), Map.entry("bgio", "bao gio"),
      Map.entry("bj", "bao gio"), Map.entry("bjh", "bao gio"), Map.entry("bjờ", "bao gio"),
      Map.entry("ntn", "nhu the nao"), Map.entry("lsao", "lam sao"), Map.entry("tsao", "tai sao"),
      Map.entry("vsao", "vi sao"), Map.entry("odau", "o dau"), Map.entry("bnhieu", "bao nhieu"),
      Map.entry("bnh", "bao nhieu"), Map.entry("bnhiu", "bao nhieu"), Map.entry("baonhieu", "bao nhieu"),
      Map.entry("s", "sao"), Map.entry("z", "vay"), Map.entry("dc", "duoc"), Map.entry("dk", "duoc"),
      Map.entry("ak", "a"), Map.entry("ah", "a"), Map.entry("ad", "admin"), Map.entry("r", "roi"),
      Map.entry("mn", "moi nguoi"), Map.entry("mng", "moi nguoi"), Map.entry("e", "em"),
      Map.entry("trl", "tra loi"), Map.entry("tl", "tra loi"));

  /** Phrases that ask, wherever they stand. */
  private static final List<String[]> ASKING = words(
      "bao gio", "khi nao", "luc nao", "may gio", "bao nhieu", "bao lau", "tai sao", "vi sao", "lam sao",
      "the nao", "nhu nao", "ra sao", "o dau", "cho nao", "di dau", "den dau", "nop dau", "dau roi",
      "dau vay", "dau ha", "co phai", "phai khong", "hay khong", "hay chua", "the a", "the ha",
      "sao vay", "kieu gi", "cai gi", "lam gi", "la gi", "gi the", "gi vay",
      // a request that is a question in substance
      "xin hoi", "cho hoi", "cho em hoi", "cho toi hoi", "cho chau hoi", "cho minh hoi", "cho chu hoi",
      "cho co hoi", "cho bac hoi", "cho anh hoi", "cho chi hoi", "cho con hoi", "cho tui hoi", "em hoi",
      "toi hoi", "muon hoi", "hoi chut", "xin cho biet", "cho biet", "can giai dap", "de nghi", "kien nghi", "de xuat",
      "yeu cau", "phan anh", "ai chiu trach nhiem");
  /** A request verb that, with an answer-seeking word a few syllables on, asks ("mong … giải đáp"). */
  private static final Set<String> REQUEST = Set.of("mong", "xin", "nho", "can");
  private static final List<String[]> ANSWER = words("giai dap", "tra loi", "xem xet", "giai quyet",
      "kiem tra", "lam ro", "huong dan", "khac phuc", "xu ly", "cho biet", "thong tin", "quan tam", "sua");
  /** Particles after a question's last word ("được không ạ", "chưa vậy ad"). */
  private static final Set<String> TRAILING = Set.of("a", "vay", "nhi", "ha", "nhe", "nha", "admin", "oi", "ta",
      "the", "roi", "nao", "chuong", "trinh", "ban", "anh", "chi", "em", "u");
  /** Words that make "ai", "gì", "nào", "sao" not ask: "không ai", "không sao", "cố lên nào". */
  private static final Set<String> AI_BEFORE = Set.of("khong", "chang", "cha", "moi", "ai", "bat", "neu", "than",
      "mot");
  private static final Set<String> AI_AFTER = Set.of("cung", "oi", "ma", "xem", "dang", "nay", "nghe", "o", "vao",
      "con", "thay", "di", "hieu", "ai");
  /** "ngôi sao", "bản sao", "không sao", "dù sao" (anyway). */
  private static final Set<String> SAO_BEFORE = Set.of("ngoi", "ban", "khong", "sao", "chang", "cha", "hang",
      "cac", "nhu", "du", "dau");
  private static final Set<String> SAO_AFTER = Set.of("chep", "y", "ke", "kim", "viet", "bang", "luc", "hoa");
  private static final Set<String> NAO_BEFORE = Set.of("len", "di", "thoi", "nao", "nhanh", "vao", "ra", "nhe",
      "bat", "dau", "nhu", "co", "mau", "cung", "moi", "xem", "ke", "phan");
  /**
   * What "nào" closing a clause asks after: a noun ("xã nào", "năm nào", "cơ quan nào"). After a verb it
   * urges ("điểm danh nào", "vỗ tay nào").
   */
  private static final Set<String> NAO_NOUN = Set.of("xa", "phuong", "huyen", "thon", "to", "nam", "ngay",
      "thang", "tuan", "gio", "khi", "luc", "cho", "cai", "loai", "ben", "quan", "an", "vi", "nguoi", "truong",
      "vien", "kieu", "cach", "the", "nhu", "so", "tuyen", "duong", "doan", "ho", "muc", "giay", "mau", "dot",
      "noi", "phong", "cap", "nganh", "ai", "dau");
  private static final Set<String> NEGATION = Set.of("khong", "chang", "cha", "chua", "ko");
  /** Tokens with no words in them: "???" or "alo???" are not questions. */
  private static final Set<String> NOISE = Set.of("alo", "a", "o", "u", "ua", "uh", "hi", "hello", "ha", "haha",
      "hihi", "hehe", "ah", "oh", "ohh", "ui", "oi", "hix", "huhu", "ok");

  private QuestionForm() {
  }

  public static boolean isQuestion(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    List<List<String>> clauses = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (String part : CLAUSE_END.split(text)) {
      List<String> clause = expanded(Syllables.of(part));
      if (!clause.isEmpty()) {
        clauses.add(clause);
        all.addAll(clause);
      }
    }
    if (text.indexOf('?') >= 0 || text.indexOf('？') >= 0) {
      if (all.stream().anyMatch(w -> !NOISE.contains(w) && !w.chars().allMatch(Character::isDigit))) {
        return true;
      }
    }
    if (asks(all)) {
      return true;
    }
    for (List<String> clause : clauses) {
      if (endsAsking(clause) || interrogative(clause)) {
        return true;
      }
    }
    return false;
  }

  /** The clause's syllables, folded, with shorthand spelt out ("bh" → "bao", "gio"; "hông" → "khong"). */
  private static List<String> expanded(Syllables s) {
    List<String> out = new ArrayList<>(s.size() + 2);
    for (int i = 0; i < s.size(); i++) {
      String folded = s.folded(i);
      String typed = s.typed(i);
      if (folded.isEmpty()) {
        continue; // the variation selector of "❤️" is a mark on nothing
      }
      boolean afterNumber = !out.isEmpty() && Character.isDigit(out.get(out.size() - 1).charAt(0));
      // "hông" is southern "không"; "hong" may be "hỏng" (broken), so only the typed one counts
      String spelt = typed.equals("hông") ? "khong" : SHORTHAND.get(folded);
      // "50 k", "5 kg", "10 s" are amounts, not "không", "sao"
      boolean unit = afterNumber && Set.of("k", "kg", "s").contains(folded);
      if (spelt == null || unit || (folded.length() == 1 && !typed.equals(folded))) {
        out.add(folded);
      } else {
        out.addAll(List.of(spelt.split(" ")));
      }
    }
    return out;
  }

  private static boolean asks(List<String> words) {
    for (String[] phrase : ASKING) {
      int at = indexOf(words, phrase, 0);
      // "chưa bao giờ", "không bao giờ": never, a complaint rather than a question
      if (at > 0 && phrase[0].equals("bao") && NEGATION.contains(words.get(at - 1))) {
        at = indexOf(words, phrase, at + 1);
      }
      // "ở đâu cũng", "đi đâu cũng": everywhere
      boolean everywhere = at >= 0 && phrase[phrase.length - 1].equals("dau") && at + phrase.length < words.size()
          && words.get(at + phrase.length).equals("cung");
      if (at >= 0 && !everywhere) {
        return true;
      }
    }
    for (int i = 0; i < words.size(); i++) {
      if (REQUEST.contains(words.get(i))) {
        for (String[] answer : ANSWER) {
          int at = indexOf(words, answer, i + 1);
          if (at > i && at - i <= 7) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** "… không", "… chưa", "… hả", after the particles that may follow ("được không ạ", "chưa vậy ad"). */
  private static boolean endsAsking(List<String> clause) {
    int last = clause.size() - 1;
    // "thật hả", "vậy hả", but not laughter or "hay ha" (nice, isn't it)
    if (last > 0 && clause.get(last).equals("ha") && !Set.of("ha", "hay", "hi").contains(clause.get(last - 1))) {
      return true;
    }
    while (last > 0 && TRAILING.contains(clause.get(last))) {
      last--;
    }
    if (last <= 0) {
      return false;
    }
    String word = clause.get(last);
    String before = clause.get(last - 1);
    if (word.equals("khong")) {
      return true;
    }
    // "vẫn chưa", "còn chưa": still not, a complaint
    return word.equals("chua") && !Set.of("van", "con", "cung", "ma").contains(before);
  }

  /** "ai", "gì", "nào", "sao" asking, not in "không ai", "không có gì", "cố lên nào", "ngôi sao". */
  private static boolean interrogative(List<String> c) {
    for (int i = 0; i < c.size(); i++) {
      String w = c.get(i);
      String before = i > 0 ? c.get(i - 1) : "";
      String after = i + 1 < c.size() ? c.get(i + 1) : "";
      boolean negated = false;
      for (int k = Math.max(0, i - 4); k < i; k++) {
        negated |= NEGATION.contains(c.get(k));
      }
      switch (w) {
        case "ai" -> {
          if (!AI_BEFORE.contains(before) && !AI_AFTER.contains(after)) {
            return true;
          }
        }
        case "gi" -> {
          if (!negated && !Set.of("ca", "dau", "het").contains(after) && !before.equals("gi")) {
            return true;
          }
        }
        case "nao" -> {
          boolean last = i == c.size() - 1 || TRAILING.contains(after) && i == c.size() - 2;
          if (i > 0 && !NAO_BEFORE.contains(before) && !after.equals("cung") && (!last || NAO_NOUN.contains(before))) {
            return true;
          }
        }
        case "sao" -> {
          if (!SAO_BEFORE.contains(before) && !SAO_AFTER.contains(after)) {
            return true;
          }
        }
        default -> {
        }
      }
    }
    return false;
  }

  private static int indexOf(List<String> words, String[] phrase, int from) {
    for (int i = from; i + phrase.length <= words.size(); i++) {
      int w = 0;
      while (w < phrase.length && phrase[w].equals(words.get(i + w))) {
        w++;
      }
      if (w == phrase.length) {
        return i;
      }
    }
    return -1;
  }

  private static List<String[]> words(String... phrases) {
    List<String[]> out = new ArrayList<>(phrases.length);
    for (String p : phrases) {
      out.add(p.split(" "));
    }
    return List.copyOf(out);
  }
}
