package vn.danhoi.overlay;

import io.vertx.core.json.JsonObject;

/**
 * What a broadcast graphic may show of the question on air: its text, the asker's given name and locality, as
 * the public live page shows them (read from {@code Submission.toStudioJson}, where the contact rule lives),
 * never a phone, an e-mail or an address. {@code revision} is the episode's latest event, so it rises with
 * every change and a poller can tell a new state from the one it has.
 */
public record OverlayState(String title, OnAir onAir, long revision) {

  public record OnAir(String id, String text, String givenName, String locality, String since) {

    /** The graphic's fields out of the public JSON of the item on air. */
    static OnAir of(JsonObject shown) {
      return new OnAir(shown.getString("id"), shown.getString("text"), shown.getString("askerName"),
          shown.getString("locality"), shown.getString("onAirAt"));
    }

    JsonObject toJson() {
      return new JsonObject().put("id", id).put("text", text).put("givenName", givenName).put("locality", locality)
          .put("since", since);
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("title", title).put("onAir", onAir == null ? null : onAir.toJson())
        .put("revision", revision);
  }

  /**
   * The same state as a flat element tree, which is what vMix's XML data source (and most titlers that poll)
   * read: every element present, empty when nothing is on air, so a title's bindings never point at nothing.
   */
  public String toXml() {
    OnAir a = onAir == null ? new OnAir(null, null, null, null, null) : onAir;
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<overlay>"
        + element("title", title)
        + element("onAir", String.valueOf(onAir != null))
        + element("id", a.id())
        + element("text", a.text())
        + element("givenName", a.givenName())
        + element("locality", a.locality())
        + element("since", a.since())
        + element("revision", String.valueOf(revision))
        + "</overlay>\n";
  }

  private static String element(String name, String value) {
    return "<" + name + ">" + escape(value) + "</" + name + ">";
  }

  /** XML 1.0 text: the five specials escaped, and the control characters it cannot hold at all dropped. */
  static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    value.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
              || c >= 0x10000) {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
