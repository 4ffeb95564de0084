package vn.danhoi.message;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.PeriodicReload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wording of every message danhoi sends to citizens, agencies, the council and officials, by key. Each
 * default lives in {@code src/main/resources/messages/<key>.txt} (first line the subject, the rest the body,
 * {@code {{variable}}} placeholders) with its sidecar {@code <key>.json}; the office's own wording, edited in
 * the admin console, is kept in PostgreSQL and wins over the default. Messages are rendered on request paths,
 * so from an in-memory copy: reloaded after every change made on this node and every minute (changes made on
 * another node).
 */
public final class MessageTemplates {

  private static final Logger LOG = LoggerFactory.getLogger(MessageTemplates.class);

  public record Message(String subject, String body) {
  }

  private final MessageTemplateStore store;
  private final Map<String, MessageTemplate> shipped = new LinkedHashMap<>();
  private volatile Map<String, MessageTemplateStore.Edited> edited = Map.of();
  private final PeriodicReload periodic = new PeriodicReload(this::reload);

  /** The shipped wording only (no database: tools and tests of one sender). */
  public MessageTemplates() {
    this(null);
  }

  public MessageTemplates(MessageTemplateStore store) {
    this.store = store;
    MessageTemplate.shipped().forEach(t -> shipped.put(t.key(), t));
  }

  /** Loads the office's wording now, then every periodMillis; a failed reload keeps the previous copy. */
  public Future<Void> start(Vertx vertx, long periodMillis) {
    return store == null ? Future.succeededFuture() : periodic.start(vertx, periodMillis);
  }

  public void stop(Vertx vertx) {
    periodic.stop(vertx);
  }

  public Future<Void> reload() {
    if (store == null) {
      return Future.succeededFuture();
    }
    return store.all().<Void>map(all -> {
      edited = Map.copyOf(all);
      return null;
    }).onFailure(e -> LOG.warn("message templates not reloaded, messages use the previous copy: {}", e.toString()));
  }

  /** The message {@code key} in its current wording, filled with {@code values}. */
  public Future<Message> render(String key, Map<String, ?> values) {
    try {
      Message m = current(template(key));
      return Future.succeededFuture(fill(m, values));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  static Message fill(Message m, Map<String, ?> values) {
    return new Message(TemplateText.fill(m.subject(), values).strip(), TemplateText.fill(m.body(), values));
  }

  List<MessageTemplate> templates() {
    return List.copyOf(shipped.values());
  }

  MessageTemplate template(String key) {
    MessageTemplate t = shipped.get(key);
    if (t == null) {
      // a key added to INDEX after this copy was built, or a sender's own key: read it as shipped
      t = MessageTemplate.load(key);
    }
    return t;
  }

  /** The office's wording when it has one, else the default. */
  Message current(MessageTemplate t) {
    MessageTemplateStore.Edited e = edited.get(t.key());
    return e == null ? new Message(t.subject(), t.body()) : new Message(e.subject(), e.body());
  }

  MessageTemplateStore.Edited edited(String key) {
    return edited.get(key);
  }

  MessageTemplateStore store() {
    return store;
  }
}
