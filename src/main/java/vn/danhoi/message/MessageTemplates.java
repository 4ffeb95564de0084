package vn.danhoi.message;

import io.vertx.core.Future;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The wording of every message danhoi sends to citizens and agencies, by key. Each default lives in
 * {@code src/main/resources/messages/<key>.txt}: the first line is the subject, the rest the body, with
 * {@code {{variable}}} placeholders.
 */
public final class MessageTemplates {

  public record Message(String subject, String body) {
  }

  public Future<Message> render(String key, Map<String, ?> values) {
    String text = defaultText(key);
    int nl = text.indexOf('\n');
    String subject = nl < 0 ? text : text.substring(0, nl);
    String body = nl < 0 ? "" : text.substring(nl + 1);
    return Future.succeededFuture(new Message(fill(subject, values).strip(), fill(body, values)));
  }

  private static String fill(String text, Map<String, ?> values) {
    String out = text;
    for (Map.Entry<String, ?> e : values.entrySet()) {
      out = out.replace("{{" + e.getKey() + "}}", e.getValue() == null ? "" : String.valueOf(e.getValue()));
    }
    return out;
  }

  static String defaultText(String key) {
    try (InputStream in = MessageTemplates.class.getResourceAsStream("/messages/" + key + ".txt")) {
      if (in == null) {
        throw new IllegalArgumentException("no message template " + key);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
