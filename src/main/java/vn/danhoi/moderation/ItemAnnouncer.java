package vn.danhoi.moderation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.danhoi.queue.LiveChannel;
import vn.danhoi.studio.StudioHub;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Who hears of an editor's committed action: every editors' console on every node (through the live channel,
 * one message per changed item), then the studio display and the public page, which get their new state.
 */
public final class ItemAnnouncer {

  private final LiveChannel channel;
  private final StudioHub studio;
  private final ZoneId zone;

  public ItemAnnouncer(LiveChannel channel, StudioHub studio, ZoneId zone) {
    this.channel = channel;
    this.studio = studio;
    this.zone = zone;
  }

  /**
   * {@code event} as logged: {@code item.on-air}. onAirFirst: the studio and live states go out at once, beside the
   * consoles' messages, rather than after them (an on-air change must not wait for the consoles).
   */
  public Future<Void> announce(String event, List<ModerationStore.Changed> changed, boolean onAirFirst) {
    UUID episodeId = changed.get(0).item().episodeId();
    Future<Void> screens = onAirFirst ? studio.changed(episodeId) : null;
    Future<Void> all = Future.succeededFuture();
    for (ModerationStore.Changed c : changed) {
      JsonObject message = new JsonObject()
          .put("type", ModerationHub.messageType(event, c.item()))
          .put("episodeId", episodeId.toString())
          .put("eventId", c.eventId())
          .put("item", c.item().toModeratorJson(zone));
      all = all.compose(v -> channel.publish(message));
    }
    return screens == null ? all.compose(v -> studio.changed(episodeId)) : Future.all(screens, all).mapEmpty();
  }
}
