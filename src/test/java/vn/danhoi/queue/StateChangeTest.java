package vn.danhoi.queue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import vn.danhoi.support.LiveChanges;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A change holds only what differs, and applied to the state before it gives the state after. */
class StateChangeTest {

  @Test
  void equalStatesGiveNoChange() {
    JsonObject s = state(item("a", 1), item("b", 0)).put("onAir", item("c", 3));
    assertTrue(StateChange.between(s, s.copy()).isEmpty());
  }

  @Test
  void aNewOnAirLeavesTheListOut() {
    JsonObject before = state(item("a", 1)).put("onAir", item("b", 0));
    JsonObject after = state(item("a", 1)).put("onAir", item("c", 0));
    JsonObject change = StateChange.between(before, after);
    assertEquals(new JsonObject().put("onAir", item("c", 0)), change);
    JsonObject none = StateChange.between(after, state(item("a", 1)).putNull("onAir"));
    assertTrue(none.containsKey("onAir") && none.getValue("onAir") == null, none.encode());
  }

  @Test
  void aSupportSendsTheItemAndTheNewOrderOnly() {
    JsonObject before = state(item("a", 0), item("b", 0), item("c", 0));
    JsonObject after = state(item("c", 1), item("a", 0), item("b", 0));
    JsonObject answered = StateChange.between(before, after).getJsonObject("answered");
    assertEquals(new JsonArray().add(item("c", 1)), answered.getJsonArray("upsert"));
    assertEquals(List.of("c", "a", "b"), answered.getJsonArray("order").getList());
    assertFalse(answered.containsKey("remove"));
  }

  @Test
  void anItemAddedAtTheEndNeedsNoOrder() {
    JsonObject answered = StateChange.between(state(item("a", 0)), state(item("a", 0), item("b", 0)))
        .getJsonObject("answered");
    assertEquals(new JsonObject().put("upsert", new JsonArray().add(item("b", 0))), answered);
  }

  @Test
  void randomChangesAddUpToTheStateAfter() {
    Random random = new Random(22);
    JsonObject state = state();
    for (int step = 0; step < 2_000; step++) {
      List<JsonObject> list = new ArrayList<>();
      state.getJsonArray("answered").forEach(o -> list.add((JsonObject) o));
      switch (random.nextInt(4)) {
        case 0 -> list.add(random.nextInt(list.size() + 1), item("i" + step, 0));
        case 1 -> {
          if (!list.isEmpty()) {
            list.remove(random.nextInt(list.size()));
          }
        }
        case 2 -> {
          if (!list.isEmpty()) {
            int at = random.nextInt(list.size());
            JsonObject moved = list.remove(at);
            list.add(random.nextInt(list.size() + 1), moved.copy().put("supports", moved.getInteger("supports") + 1));
          }
        }
        default -> { }
      }
      JsonObject next = new JsonObject().put("onAir", random.nextBoolean() ? null : item("o" + random.nextInt(3), 0))
          .put("answered", new JsonArray(new ArrayList<Object>(list)));
      JsonObject change = StateChange.between(state, next).put("type", "live.change").put("base", step)
          .put("version", step + 1);
      JsonObject applied = LiveChanges.apply(state.copy().put("version", step), change);
      applied.remove("version");
      assertEquals(next, applied, "step " + step + ": " + change.encode());
      state = next;
    }
  }

  private static JsonObject state(JsonObject... answered) {
    return new JsonObject().put("onAir", null).put("answered", new JsonArray(List.of((Object[]) answered)));
  }

  private static JsonObject item(String id, int supports) {
    return new JsonObject().put("id", id).put("text", "Câu hỏi " + id).put("supports", supports);
  }
}
