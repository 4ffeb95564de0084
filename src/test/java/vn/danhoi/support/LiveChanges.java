package vn.danhoi.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/** What webroot/js/state-change.js does with a viewer's change, for probes that read the socket as the page does. */
public final class LiveChanges {

  private LiveChanges() {
  }

  /** A copy of the state with the change applied and the change's number. */
  public static JsonObject apply(JsonObject state, JsonObject change) {
    JsonObject out = state.copy();
    for (String key : change.fieldNames()) {
      if (key.equals("type") || key.equals("base") || key.equals("version")) {
        continue;
      }
      Object value = change.getValue(key);
      if (out.getValue(key) instanceof JsonArray list && value instanceof JsonObject listChange) {
        out.put(key, applyList(list, listChange));
      } else {
        out.put(key, value);
      }
    }
    return out.put("version", change.getValue("version"));
  }

  private static JsonArray applyList(JsonArray list, JsonObject change) {
    Map<String, Object> byId = new LinkedHashMap<>();
    list.forEach(o -> byId.put(((JsonObject) o).getString("id"), o));
    change.getJsonArray("remove", new JsonArray()).forEach(byId::remove);
    change.getJsonArray("upsert", new JsonArray()).forEach(o -> byId.put(((JsonObject) o).getString("id"), o));
    JsonArray order = change.getJsonArray("order");
    JsonArray out = new JsonArray();
    if (order == null) {
      byId.values().forEach(out::add);
    } else {
      order.forEach(id -> out.add(byId.get((String) id)));
    }
    return out;
  }
}
