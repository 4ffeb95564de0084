package vn.danhoi.intake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.PeriodicReload;
import vn.danhoi.infra.Syllables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a citizen's message is a question the program takes, or a complaint (khiếu nại) or denunciation
 * (tố cáo) about a specific case, which the law routes to the citizen reception office instead. Rules run on
 * the folded text, so "khieu nai" and "khiếu nại" are the same; an editor confirms what they suggest.
 *
 * <p>A sentence holding a complaint or denunciation phrase makes the message one, unless the same sentence
 * holds a question phrase: asking how, where or to whom to lodge one ("thủ tục khiếu nại thế nào?"), about
 * the law, or about one already lodged, is a question. A denunciation anywhere wins over a complaint. The
 * phrases are the office's ({@link ComplaintRulesStore}); intake asks for every message, so this answers
 * from an in-memory copy, reloaded when an admin changes them and every minute.
 */
public final class ComplaintRules {

  private static final Logger LOG = LoggerFactory.getLogger(ComplaintRules.class);
  /** Where a sentence ends; a list of numbers ("7,5 triệu", "12/3") or a colon does not end one. */
  private static final Pattern SENTENCE_END = Pattern.compile("[.?!;\\n\\r]+");

  public enum Kind {
    QUESTION, COMPLAINT, DENUNCIATION;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind fromWire(String wire) {
      return wire == null ? QUESTION : valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }

  /** The office's phrases, as typed (with or without marks; compared folded, whole syllables). */
  public record Phrases(List<String> complaint, List<String> denunciation, List<String> question) {

    public Phrases {
      complaint = List.copyOf(complaint);
      denunciation = List.copyOf(denunciation);
      question = List.copyOf(question);
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("complaint", new JsonArray(complaint))
          .put("denunciation", new JsonArray(denunciation))
          .put("question", new JsonArray(question));
    }
  }

  /** The rules a new installation starts with; measured on the labelled set (docs/LABELLED-SET.md). */
  public static final Phrases DEFAULTS = new Phrases(
      List.of("khiếu nại", "khiếu kiện", "đơn khiếu nại", "khiếu nại tập thể",
          "không đồng ý với quyết định", "đề nghị hủy quyết định", "đề nghị hủy bỏ quyết định",
          "yêu cầu hủy quyết định", "yêu cầu hủy bỏ quyết định", "xem xét lại và hủy"),
      List.of("tố cáo", "tố giác", "đơn tố cáo", "tố giác tội phạm"),
      List.of(
          // how, where, to whom, how long ("thủ tục" alone is any procedure: "đòi tiền khi làm thủ tục chứng thực")
          "thủ tục khiếu nại", "thủ tục tố cáo", "quy trình khiếu nại", "quy trình tố cáo", "thế nào", "như thế nào", "ra sao", "làm sao", "ở đâu", "cơ quan nào",
          "gửi đến ai", "gửi cho ai", "ngày nào", "thời hiệu", "bao lâu", "bao nhiêu ngày", "hướng dẫn",
          "cách viết", "mẫu đơn", "có quyền", "có được bảo vệ", "được bảo vệ không", "có giải quyết",
          // the law, the role
          "luật khiếu nại", "luật tố cáo", "người tố cáo", "người khiếu nại",
          // one already lodged: a question about its handling
          "đã gửi đơn", "chưa được giải quyết", "cho biết kết quả", "thụ lý"));

  /** Phrases cut into folded syllables and filed by their first one, ready to match. */
  private record Compiled(Phrases phrases, Map<String, List<String[]>> complaint,
                          Map<String, List<String[]>> denunciation, Map<String, List<String[]>> question) {

    static Compiled of(Phrases p) {
      return new Compiled(p, byFirstWord(p.complaint()), byFirstWord(p.denunciation()), byFirstWord(p.question()));
    }

    private static Map<String, List<String[]>> byFirstWord(List<String> phrases) {
      Map<String, List<String[]>> out = new HashMap<>();
      for (String phrase : phrases) {
        Syllables s = Syllables.of(phrase);
        if (s.size() == 0) {
          continue;
        }
        String[] w = new String[s.size()];
        for (int i = 0; i < w.length; i++) {
          w[i] = s.folded(i);
        }
        out.computeIfAbsent(w[0], k -> new ArrayList<>()).add(w);
      }
      return out;
    }
  }

  private final ComplaintRulesStore store;
  private volatile Compiled rules;
  private final PeriodicReload reloads = new PeriodicReload(this::reload);

  private ComplaintRules(ComplaintRulesStore store, Phrases phrases) {
    this.store = store;
    this.rules = Compiled.of(phrases);
  }

  /** The default rules, fixed: for tests and tools that have no database. */
  public static ComplaintRules defaults() {
    return of(DEFAULTS);
  }

  public static ComplaintRules of(Phrases phrases) {
    return new ComplaintRules(null, phrases);
  }

  /** The office's rules, read from the store by {@link #start}; the defaults until the first load. */
  public static ComplaintRules stored(ComplaintRulesStore store) {
    return new ComplaintRules(store, DEFAULTS);
  }

  /** Loads the rules now, then every periodMillis; a failed load keeps the previous ones. */
  public Future<Void> start(Vertx vertx, long periodMillis) {
    return store == null ? Future.succeededFuture() : reloads.start(vertx, periodMillis);
  }

  public void stop(Vertx vertx) {
    reloads.stop(vertx);
  }

  public Future<Void> reload() {
    if (store == null) {
      return Future.succeededFuture();
    }
    return store.load().map(p -> {
      use(p);
      return (Void) null;
    }).onFailure(e -> LOG.warn("intake rules not reloaded, recognition uses the previous ones: {}", e.toString()));
  }

  /** Recognises with these phrases from now on. */
  public void use(Phrases phrases) {
    rules = Compiled.of(phrases);
  }

  public Phrases phrases() {
    return rules.phrases();
  }

  public Kind recognise(String text) {
    if (text == null || text.isBlank()) {
      return Kind.QUESTION;
    }
    Compiled r = rules;
    Kind kind = Kind.QUESTION;
    for (String sentence : SENTENCE_END.split(text)) {
      Syllables words = Syllables.of(sentence);
      if (words.size() == 0 || any(r.question(), words)) {
        continue;
      }
      if (any(r.denunciation(), words)) {
        return Kind.DENUNCIATION;
      }
      if (any(r.complaint(), words)) {
        kind = Kind.COMPLAINT;
      }
    }
    return kind;
  }

  private static boolean any(Map<String, List<String[]>> phrases, Syllables words) {
    for (int i = 0; i < words.size(); i++) {
      List<String[]> starting = phrases.get(words.folded(i));
      if (starting == null) {
        continue;
      }
      for (String[] phrase : starting) {
        if (i + phrase.length <= words.size() && at(phrase, words, i)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean at(String[] phrase, Syllables words, int from) {
    for (int w = 0; w < phrase.length; w++) {
      if (!phrase[w].equals(words.folded(from + w))) {
        return false;
      }
    }
    return true;
  }
}
