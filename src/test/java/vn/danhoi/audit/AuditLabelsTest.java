package vn.danhoi.audit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event type the server writes into the log has a label on the audit page, in Vietnamese and in English
 * ({@code aud.ev.<type>} in webroot/js/i18n.js). The types are read from the Java sources: the literal actions of
 * {@code EventLog.Event.of} and of the SQL that appends events, the action names the stores pass along, and the
 * families built at run time (a moderation command's "item." + name, a follow-up notice's "notification." + kind,
 * the chair's "session.chair_" + action).
 */
class AuditLabelsTest {

  private static final Path SOURCES = Path.of("src/main/java/vn/danhoi");
  private static final Pattern LITERAL_EVENT = Pattern.compile("Event\\.of\\([^,]+,\\s*\"([a-z_]+\\.[a-z_-]+)\"");
  private static final Pattern SQL_EVENT = Pattern.compile("'([a-z_]+\\.[a-z_]+)'");
  private static final Pattern ACTION_NAME = Pattern.compile("\"([a-z_]+\\.[a-z_-]+)\"");
  private static final Pattern COMMAND_NAME = Pattern.compile("return \"([a-z-]+)\";");
  private static final Pattern NOTICE_KIND = Pattern.compile("deliver\\(\"([a-z_]+)\"");
  private static final Pattern CHAIR_ACTION = Pattern.compile("case \"([a-z]+)\" ->");

  // what an event is about: Event.of's third argument, the entity beside an action in the SQL that appends,
  // and what a view of contact data names (contactsViewed's second argument, the agency views' action)
  private static final Pattern LITERAL_ENTITY =
      Pattern.compile("Event\\.of\\(\\s*[^,]+,\\s*(?:\"[^\"]+\"|[^,]+?),\\s*\"([a-z_]+)\"", Pattern.DOTALL);
  private static final Pattern SQL_ENTITY = Pattern.compile("'[a-z_]+\\.[a-z_]+',\\s*'([a-z_]+)'");
  private static final Pattern VIEWED = Pattern.compile("contactsViewed\\(\\s*[^,]+,\\s*\"([a-z]+\\.[a-z_]+)\"");
  private static final Pattern AGENCY_VIEW = Pattern.compile("view\\.list\\([^,]+,[^,]+,\\s*\"([a-z]+\\.[a-z_]+)\"");

  @Test
  void everyEventTypeTheServerWritesHasAVietnameseAndAnEnglishLabel() throws IOException {
    Set<String> types = eventTypes();
    assertTrue(types.size() > 80, types.toString());
    assertLabelled("aud.ev.", types);
  }

  @Test
  void everyKindOfThingAnEventIsAboutHasAVietnameseAndAnEnglishLabel() throws IOException {
    Set<String> entities = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
        String s = read(p);
        all(LITERAL_ENTITY, s, entities);
        all(SQL_ENTITY, s, entities);
        all(VIEWED, s, entities);
        all(AGENCY_VIEW, s, entities);
      });
    }
    assertTrue(entities.containsAll(Set.of("submission", "agency", "api_token", "register.list", "agency.items")),
        entities.toString());
    assertLabelled("aud.entity.", entities);
  }

  private static void assertLabelled(String prefix, Set<String> types) throws IOException {
    String i18n = Files.readString(Path.of("webroot/js/i18n.js"));
    int en = i18n.indexOf("\n  en: {");
    String vi = i18n.substring(0, en);
    String english = i18n.substring(en);
    Set<String> missing = new TreeSet<>();
    for (String type : types) {
      String key = "'" + prefix + type + "':";
      if (!vi.contains(key)) {
        missing.add("vi " + type);
      }
      if (!english.contains(key)) {
        missing.add("en " + type);
      }
    }
    assertTrue(missing.isEmpty(), "without a label (" + prefix + "): " + missing);
  }

  static Set<String> eventTypes() throws IOException {
    Set<String> types = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
        String s = read(p);
        all(LITERAL_EVENT, s, types);
        if (!s.contains("EventLog")) {
          return;
        }
        all(SQL_EVENT, s, types);
        // actions handed to a store's own append helper: quoted "area.verb" outside errors and socket messages
        for (String line : s.split("\n")) {
          if (!line.contains("ApiError") && !line.contains("throw ") && !line.contains("LiveMessage")) {
            all(ACTION_NAME, line, types);
          }
        }
      });
    }
    // "session.chair_" + action is expanded below; "s.text" and the like are SQL column names, not events
    types.removeIf(t -> t.endsWith("_") || t.indexOf('.') < 2 || t.startsWith("vn.") || t.startsWith("java."));
    String commands = read(SOURCES.resolve("moderation/ModerationCommand.java"));
    commands.lines().forEach(l -> prefixed(COMMAND_NAME, l, "item.", types));
    prefixed(NOTICE_KIND, read(SOURCES.resolve("followup/FollowupService.java")), "notification.", types);
    String session = read(SOURCES.resolve("session/SessionStore.java"));
    String drive = session.substring(session.indexOf("public Future<Void> drive("));
    prefixed(CHAIR_ACTION, drive.substring(0, drive.indexOf("default ->")), "session.chair_", types);
    return types;
  }

  private static void all(Pattern p, String text, Set<String> into) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  private static void prefixed(Pattern p, String text, String prefix, Set<String> into) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      into.add(prefix + m.group(1));
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
