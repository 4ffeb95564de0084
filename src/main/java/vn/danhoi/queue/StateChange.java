package vn.danhoi.queue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two states of an audience, so a screen that holds the first is sent only that. A key
 * whose value changed carries its new value, except a list of items (objects with an "id"), which carries
 * {@code {"upsert": [items new or changed], "remove": [ids], "order": [ids]}}: {@code order} only when the
 * list's order is not the old one with the removed items taken out and the new ones added at the end. A key
 * absent from the change is unchanged. {@code applyChange} in webroot/js/state-change.js is the inverse.
 */
public final class StateChange {

  private StateChange() {
  }

  /** The change from {@code before} to {@code after}; empty when they are equal. */
  public static JsonObject between(JsonObject before, JsonObject after) {
    JsonObject change = new JsonObject();
    Set<String> keys = new LinkedHashSet<>(after.fieldNames());
    keys.addAll(before.fieldNames());
    for (String key : keys) {
      Object was = before.getValue(key);
      Object now = after.getValue(key);
      if (Objects.equals(was, now)) {
        continue;
      }
      if (was instanceof JsonArray a && now instanceof JsonArray b && itemList(a) && itemList(b)) {
        change.put(key, listChange(a, b));
      } else {
        change.put(key, now);
      }
    }
    return change;
  }

  private static boolean itemList(JsonArray list) {
    for (Object o : list) {
      if (!(o instanceof JsonObject item) || !(item.getValue("id") instanceof String)) {
        return false;
      }
    }
    return true;
  }

  private static JsonObject listChange(JsonArray before, JsonArray after) {
    Map<String, JsonObject> old = new HashMap<>();
    before.forEach(o -> old.put(((JsonObject) o).getString("id"), (JsonObject) o));
    Set<String> kept = new LinkedHashSet<>();
    JsonArray upsert = new JsonArray();
    List<String> added = new ArrayList<>();
    List<String> order = new ArrayList<>();
    for (Object o : after) {
      JsonObject item = (JsonObject) o;
      String id = item.getString("id");
      order.add(id);
      JsonObject was = old.get(id);
      if (was == null) {
        added.add(id);
      } else {
        kept.add(id);
      }
      if (!item.equals(was)) {
        upsert.add(item);
      }
    }
    JsonArray remove = new JsonArray();
    List<String> implied = new ArrayList<>();
    before.forEach(o -> {
      String id = ((JsonObject) o).getString("id");
      if (kept.contains(id)) {
        implied.add(id);
      } else {
        remove.add(id);
      }
    });
    implied.addAll(added);
    JsonObject change = new JsonObject();
    if (!upsert.isEmpty()) {
      change.put("upsert", upsert);
    }
    if (!remove.isEmpty()) {
      change.put("remove", remove);
    }
    if (!implied.equals(order)) {
      change.put("order", new JsonArray(new ArrayList<Object>(order)));
    }
    return change;
  }
}
