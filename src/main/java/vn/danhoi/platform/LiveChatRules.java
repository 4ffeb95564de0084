package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.PeriodicReload;

import java.util.List;

/**
 * The office's rules for live chats as this node applies them to each comment read: the question forms, and
 * the blocked words the office keeps (one row, V31, seeded with the shipped list; in the list's file form, so
 * "[profanity]" and "[spam]" lines say why the entries under them hide a comment). Reloaded every period, so
 * an edit made on another node applies here within it.
 */
public final class LiveChatRules {

  private static final Logger LOG = LoggerFactory.getLogger(LiveChatRules.class);
  /** Longer comments are cut: YouTube allows 200 characters, Facebook thousands nobody reads out on air. */
  static final int TEXT_MAX = 2000;

  private final Pool pool;
  private final PeriodicReload reload = new PeriodicReload(this::reload);
  private volatile List<String> lines = BlockedWords.defaultLines();
  private volatile CommentFilter filter = new CommentFilter(BlockedWords.parse(lines));

  public LiveChatRules(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> start(Vertx vertx, long periodMillis) {
    return reload.start(vertx, periodMillis);
  }

  public void stop(Vertx vertx) {
    reload.stop(vertx);
  }

  Future<Void> reload() {
    return pool.preparedQuery("INSERT INTO live_chat_rules (id, blocked) VALUES (1, $1) ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(BlockedWords.defaultLines().toArray(String[]::new)))
        .compose(v -> pool.query("SELECT blocked FROM live_chat_rules WHERE id = 1").execute())
        .map(rows -> {
          use(List.of(rows.iterator().next().getArrayOfStrings("blocked")));
          return (Void) null;
        })
        .onFailure(e -> LOG.warn("Live chat rules not reloaded; the previous ones stay: {}", e.toString()));
  }

  private void use(List<String> newLines) {
    if (!newLines.equals(lines)) {
      filter = new CommentFilter(BlockedWords.parse(newLines));
      lines = newLines;
    }
  }

  /** The blocked words as the office keeps them. */
  public List<String> entries() {
    return lines;
  }

  /** Replaces the blocked words, logging who did it and how the list grew or shrank. */
  public Future<Void> save(List<String> newLines, String actor, String address) {
    List<String> before = lines;
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO live_chat_rules (id, blocked, updated_at) "
                + "VALUES (1, $1, now()) ON CONFLICT (id) DO UPDATE SET blocked = $1, updated_at = now()")
            .execute(Tuple.of(newLines.toArray(String[]::new)))
            .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "live_chat_rules.updated", "live_chat_rules", "1")
                .before(new JsonObject().put("entries", before.size()))
                .after(new JsonObject().put("entries", newLines.size())
                    .put("added", newLines.stream().filter(l -> !before.contains(l)).toList())
                    .put("removed", before.stream().filter(l -> !newLines.contains(l)).toList()))
                .from(address))))
        .onSuccess(v -> use(newLines));
  }

  /**
   * A comment as stored and judged: its text cut to length, a blank author name as none. The readers hand it over
   * already cleaned (NFC, no control characters; a comment that is not valid Unicode is not handed over).
   */
  public LiveCommentStore.Scored score(ChatMessage m) {
    String text = m.text().length() > TEXT_MAX ? m.text().substring(0, TEXT_MAX) + "…" : m.text();
    String author = m.authorName() == null || m.authorName().isEmpty() ? null : m.authorName();
    ChatMessage stored = new ChatMessage(m.externalId(), author, m.authorId(), text, m.publishedAt());
    CommentFilter.Verdict v = filter.judge(text);
    return new LiveCommentStore.Scored(stored, v.question(),
        v.blockedReason() == null ? null : v.blockedReason().code(), v.repeatKey());
  }
}
