package vn.danhoi.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One message danhoi sends, as shipped: its default subject and body ({@code messages/<key>.txt}) and what
 * its sidecar ({@code messages/<key>.json}) says of it: title, audience, channel, the variables it may use
 * (name → what it holds), those it must use, and sample values for the office's preview.
 */
public record MessageTemplate(String key, String title, String audience, String channel,
                              Map<String, String> variables, Set<String> required, Map<String, String> samples,
                              String subject, String body) {

  /** Every template named in {@code messages/INDEX}, in its order. */
  public static List<MessageTemplate> shipped() {
    List<MessageTemplate> out = new ArrayList<>();
    for (String line : resource("INDEX").split("\n")) {
      String key = line.strip();
      if (!key.isEmpty() && !key.startsWith("#")) {
        out.add(load(key));
      }
    }
    return List.copyOf(out);
  }

  static MessageTemplate load(String key) {
    String text = resource(key + ".txt").replace("\r\n", "\n");
    int nl = text.indexOf('\n');
    String subject = (nl < 0 ? text : text.substring(0, nl)).strip();
    String body = nl < 0 ? "" : text.substring(nl + 1);
    String sidecar = optionalResource(key + ".json");
    JsonObject meta = sidecar == null ? new JsonObject() : new JsonObject(sidecar);
    Map<String, String> variables = strings(meta.getJsonObject("variables"));
    if (sidecar == null) {
      // a template shipped without its sidecar may still use what its own text uses
      TemplateText.placeholders(subject + "\n" + body).forEach(v -> variables.put(v, v));
    }
    List<String> required = new ArrayList<>();
    meta.getJsonArray("required", new JsonArray()).forEach(v -> required.add(String.valueOf(v)));
    return new MessageTemplate(key, meta.getString("title", key), meta.getString("audience", "citizen"),
        meta.getString("channel", "email"), Collections.unmodifiableMap(variables),
        Set.copyOf(required), Collections.unmodifiableMap(strings(meta.getJsonObject("samples"))), subject, body);
  }

  private static Map<String, String> strings(JsonObject json) {
    Map<String, String> out = new LinkedHashMap<>();
    if (json != null) {
      json.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return out;
  }

  private static String resource(String name) {
    String text = optionalResource(name);
    if (text == null) {
      throw new IllegalArgumentException("no message template resource " + name);
    }
    return text;
  }

  private static String optionalResource(String name) {
    try (InputStream in = MessageTemplate.class.getResourceAsStream("/messages/" + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
