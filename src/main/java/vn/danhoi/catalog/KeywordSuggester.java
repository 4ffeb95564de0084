package vn.danhoi.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.VietnameseText;
import vn.danhoi.intake.Suggester;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The field and agency a question's words point to, answered from an in-memory copy of the fields and
 * agencies: intake calls it for every submission (thousands a second during a show), so it never queries.
 * The copy is reloaded after every change made on this node and every minute (changes made on another node).
 */
public final class KeywordSuggester implements Suggester {

  private static final Logger LOG = LoggerFactory.getLogger(KeywordSuggester.class);
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** One field or agency and the padded words (" nuoc sach ") that point to it. */
  private record Entry(String name, String[] words, String agency) {
  }

  private record Snapshot(List<Entry> fields, List<Entry> agencies) {
  }

  private final CatalogStore store;
  private volatile Snapshot snapshot = new Snapshot(List.of(), List.of());
  private long timer = -1;

  public KeywordSuggester(CatalogStore store) {
    this.store = store;
  }

  /** Loads the catalogue now, then every periodMillis; a failed reload keeps the previous copy. */
  public Future<Void> start(Vertx vertx, long periodMillis) {
    timer = vertx.setPeriodic(periodMillis, id -> reload());
    return reload().recover(e -> Future.succeededFuture());
  }

  public void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
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
    List<Entry> f = new ArrayList<>();
    for (Field field : fields) {
      Agency a = field.agencyId() == null ? null : byId.get(field.agencyId());
      f.add(new Entry(field.name(), padded(field.keywords()), a != null && a.active() ? a.name() : null));
    }
    List<Entry> ag = new ArrayList<>();
    for (Agency a : agencies) {
      if (a.active()) {
        ag.add(new Entry(a.name(), padded(a.shortName().isBlank() ? List.of(a.name())
            : List.of(a.name(), a.shortName())), a.name()));
      }
    }
    snapshot = new Snapshot(List.copyOf(f), List.copyOf(ag));
  }

  /**
   * The field with the most keyword hits (ties: the first by name), and the agency the text names, else
   * that field's agency. Words match whole ("dien" is not found in "dienthoai"), accents and case ignored.
   */
  @Override
  public Suggestion suggest(String text) {
    Snapshot s = snapshot;
    if (s.fields().isEmpty() && s.agencies().isEmpty()) {
      return Suggestion.NONE;
    }
    String hay = pad(text);
    Entry field = best(s.fields(), hay);
    Entry named = best(s.agencies(), hay);
    String agency = named != null ? named.agency() : field == null ? null : field.agency();
    return new Suggestion(field == null ? null : field.name(), agency);
  }

  private static Entry best(List<Entry> entries, String hay) {
    Entry best = null;
    int bestHits = 0;
    for (Entry e : entries) {
      int hits = 0;
      for (String w : e.words()) {
        hits += occurrences(hay, w);
      }
      if (hits > bestHits) {
        best = e;
        bestHits = hits;
      }
    }
    return best;
  }

  private static int occurrences(String hay, String word) {
    int n = 0;
    // words are padded with spaces on both sides; the next search starts on the closing space
    for (int i = hay.indexOf(word); i >= 0; i = hay.indexOf(word, i + word.length() - 1)) {
      n++;
    }
    return n;
  }

  /** Folded, punctuation as spaces, with a space at each end so " word " only matches whole words. */
  static String pad(String text) {
    return " " + NOT_WORD.matcher(VietnameseText.fold(text)).replaceAll(" ").trim() + " ";
  }

  private static String[] padded(List<String> words) {
    return words.stream().map(KeywordSuggester::pad).filter(w -> !w.isBlank()).distinct().toArray(String[]::new);
  }
}
