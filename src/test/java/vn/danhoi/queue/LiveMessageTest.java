package vn.danhoi.queue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pages match on these names: the set may grow, but no name may change. */
class LiveMessageTest {

  @Test
  void theWireNamesAreThoseThePagesMatchOn() {
    assertEquals(Set.of("snapshot", "studio.update", "live.update", "chair.update", "overlay.update", "item.new",
            "items.new", "live.change",
            "item.updated", "item.claimed", "item.released", "item.merged", "caught-up", "auth.revoked"),
        Arrays.stream(LiveMessage.values()).map(LiveMessage::wire).collect(Collectors.toSet()));
  }

  @Test
  void onlyTheScreensUpdatesCarryWholeState() {
    assertEquals(Set.of(LiveMessage.STUDIO_UPDATE, LiveMessage.LIVE_UPDATE, LiveMessage.CHAIR_UPDATE,
            LiveMessage.OVERLAY_UPDATE),
        Arrays.stream(LiveMessage.values()).filter(LiveMessage::wholeState).collect(Collectors.toSet()));
  }

  @Test
  void aMessageIsReadBackAsItsType() {
    for (LiveMessage type : LiveMessage.values()) {
      assertEquals(Optional.of(type), LiveMessage.of(type.carrying(new JsonObject().put("episodeId", "x"))));
    }
    assertEquals(Optional.empty(), LiveMessage.of(new JsonObject().put("type", "item.deleted")));
    assertEquals(Optional.empty(), LiveMessage.of(new JsonObject()));
  }
}
