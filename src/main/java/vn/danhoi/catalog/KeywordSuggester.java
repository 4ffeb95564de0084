package vn.danhoi.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.PeriodicReload;
import vn.danhoi.infra.Syllables;
import vn.danhoi.infra.VietnameseText;
import vn.danhoi.intake.Suggester;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The field and agency a question's words point to, answered from an in-memory copy of the fields and
 * agencies: intake calls it for every submission (thousands a second during a show), so it never queries.
 * The copy is reloaded after every change made on this node and every minute (changes made on another node).
 *
 * <p>Keywords match whole syllable sequences, longest first: a match consumes its syllables, so "điện" does
 * not count inside "hóa đơn điện tử" (a tax keyword) nor inside a phrase that only looks like a field's
 * word ({@link #NOT_KEYWORDS}: "bưu điện", "điện thoại", "nước ngoài", "đường dây nóng"…). Where both the
 * text and the keyword carry marks they must agree ("diễn" is not "điện"); text typed without marks, and
 * keywords stored folded before marks were kept, match folded.
 */
public final class KeywordSuggester implements Suggester {

  private static final Logger LOG = LoggerFactory.getLogger(KeywordSuggester.class);

  /**
   * Everyday phrases holding a field's word that say nothing of that field. They match like keywords and
   * point nowhere; a field keyword spelt the same (an office that adds "điện thoại" to a telecoms field)
   * takes its place.
   */
  static final List<String> NOT_KEYWORDS = List.of("bưu điện", "điện thoại", "số điện thoại", "gọi điện",
      "điện tử", "điện biên", "đại diện", "diện tích", "diễn đàn", "nước ngoài", "người nước ngoài", "nhà nước",
      "đất nước", "đường dây nóng", "đường dây", "đường lối", "trường hợp", "thị trường", "giá thị trường",
      "yêu cầu", "nhu cầu", "câu hỏi", "đặt câu hỏi", "trưởng ấp", "tổ trưởng", "trưởng ban", "trưởng phòng",
      "trạm trưởng", "trưởng công an");

  private static final int NOWHERE = -1;

  /** One way of writing a keyword and the field or agency it points to (NOWHERE for NOT_KEYWORDS). */
  private record Spelling(Syllables words, int owner) {
  }

  /** A node of the keyword tree, keyed by folded syllables; the spellings that end here. */
  private static final class Node {
    final Map<String, Node> next = new HashMap<>(4);
    final List<Spelling> ends = new ArrayList<>(1);
  }

  private record Entry(String name, String agency) {
  }

  private record Snapshot(List<Entry> fields, Node fieldWords, List<Entry> agencies, Node agencyWords) {
  }

  private final CatalogStore store;
  private volatile Snapshot snapshot = new Snapshot(List.of(), new Node(), List.of(), new Node());
  private final PeriodicReload reloads = new PeriodicReload(this::reload);

  public KeywordSuggester(CatalogStore store) {
    this.store = store;
  }

  /** Loads the catalogue now, then every periodMillis; a failed reload keeps the previous copy. */
  public Future<Void> start(Vertx vertx, long periodMillis) {
    return reloads.start(vertx, periodMillis);
  }

  public void stop(Vertx vertx) {
    reloads.stop(vertx);
  }

  public Future<Void> reload() {
    return Future.all(store.fields(), store.agencies()).map(all -> {
      use(all.resultAt(0), all.resultAt(1));
      return (Void) null;
    }).onFailure(e -> LOG.warn("catalogue not reloaded, keyword suggestions use the previous copy: {}", e.toString()));
  }

  /** Suggests from these fields and agencies from now on (the catalogue as loaded, or a fixed one in tests). */
  public void use(List<Field> fields, List<Agency> agencies) {
    Map<UUID, Agency> byId = new HashMap<>();
    agencies.forEach(a -> byId.put(a.id(), a));
    // ties go to the first by name, whatever order the caller lists them in
    List<Field> sortedFields = fields.stream().sorted(Comparator.comparing(f -> VietnameseText.fold(f.name()))).toList();
    List<Agency> active = agencies.stream().filter(Agency::active)
        .sorted(Comparator.comparing(a -> VietnameseText.fold(a.name()))).toList();
    List<Entry> f = new ArrayList<>();
    Node fieldWords = new Node();
    for (Field field : sortedFields) {
      Agency a = field.agencyId() == null ? null : byId.get(field.agencyId());
      field.keywords().forEach(k -> add(fieldWords, k, f.size()));
      f.add(new Entry(field.name(), a != null && a.active() ? a.name() : null));
    }
    NOT_KEYWORDS.forEach(k -> add(fieldWords, k, NOWHERE));
    List<Entry> ag = new ArrayList<>();
    Node agencyWords = new Node();
    for (Agency a : active) {
      add(agencyWords, a.name(), ag.size());
      if (!a.shortName().isBlank()) {
        add(agencyWords, a.shortName(), ag.size());
      }
      ag.add(new Entry(a.name(), a.name()));
    }
    snapshot = new Snapshot(List.copyOf(f), fieldWords, List.copyOf(ag), agencyWords);
  }

  /** A keyword already in the tree with the same spelling keeps its owner: the first field by name, or a field over NOT_KEYWORDS. */
  private static void add(Node root, String keyword, int owner) {
    Syllables words = Syllables.of(keyword);
    if (words.size() == 0) {
      return;
    }
    Node node = root;
    for (int i = 0; i < words.size(); i++) {
      node = node.next.computeIfAbsent(words.folded(i), k -> new Node());
    }
    for (Spelling s : node.ends) {
      if (s.words().typedText().equals(words.typedText())) {
        return;
      }
    }
    node.ends.add(new Spelling(words, owner));
  }

  /**
   * The field whose keywords cover most of the text's syllables (ties: the first by name), and the agency
   * the text names, else that field's agency.
   */
  @Override
  public Suggestion suggest(String text) {
    Snapshot s = snapshot;
    if (s.fields().isEmpty() && s.agencies().isEmpty()) {
      return Suggestion.NONE;
    }
    Syllables words = Syllables.of(text);
    int field = best(s.fieldWords(), words, s.fields().size());
    int named = best(s.agencyWords(), words, s.agencies().size());
    String agency = named != NOWHERE ? s.agencies().get(named).agency()
        : field == NOWHERE ? null : s.fields().get(field).agency();
    return new Suggestion(field == NOWHERE ? null : s.fields().get(field).name(), agency);
  }

  /** The owner covering most syllables, reading left to right and taking the longest keyword at each place. */
  private static int best(Node root, Syllables words, int owners) {
    if (owners == 0) {
      return NOWHERE;
    }
    int[] covered = new int[owners];
    int i = 0;
    while (i < words.size()) {
      int length = 0;
      int owner = NOWHERE;
      Node node = root;
      for (int j = i; j < words.size(); j++) {
        node = node.next.get(words.folded(j));
        if (node == null) {
          break;
        }
        for (Spelling sp : node.ends) {
          if (agrees(words, i, sp.words())) {
            length = j - i + 1;
            owner = sp.owner();
            break;
          }
        }
      }
      if (length == 0) {
        i++;
        continue;
      }
      if (owner != NOWHERE) {
        covered[owner] += length;
      }
      i += length;
    }
    int best = NOWHERE;
    for (int o = 0; o < owners; o++) {
      if (covered[o] > 0 && (best == NOWHERE || covered[o] > covered[best])) {
        best = o;
      }
    }
    return best;
  }

  private static boolean agrees(Syllables text, int from, Syllables keyword) {
    for (int w = 0; w < keyword.size(); w++) {
      if (!text.matches(from + w, keyword, w)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A keyword as stored: lower case NFC with its marks, punctuation as single spaces ("  Sửa ĐƯỜNG! " is
   * "sửa đường"); empty when it has no letter or digit.
   */
  static String keyword(String typed) {
    return Syllables.of(typed).typedText();
  }
}
