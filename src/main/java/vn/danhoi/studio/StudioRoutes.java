package vn.danhoi.studio;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.auth.Tokens;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.Origins;
import vn.danhoi.infra.RateLimiter;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.infra.SocketUpgrade;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.intake.IntakeService;

import java.util.UUID;
import java.util.regex.Pattern;

/** The studio display's socket and the producer's message; the public live page's socket and +1. */
public final class StudioRoutes implements HttpRoutes {

  private static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9_-]{16,128}$");

  private final StaffAuth auth;
  private final IntakeService intake;
  private final StudioStore store;
  private final StudioHub hub;
  private final RateLimiter limiter;
  private final Origins origins;

  public StudioRoutes(StaffAuth auth, IntakeService intake, StudioStore store, StudioHub hub, RateLimiter limiter,
                      Origins origins) {
    this.auth = auth;
    this.intake = intake;
    this.store = store;
    this.hub = hub;
    this.limiter = limiter;
    this.origins = origins;
  }

  @Override
  public void mount(Router router) {
    router.get("/ws/studio/:episodeId").handler(ctx -> socket(ctx, StudioHub.Audience.STUDIO));
    router.get("/ws/live/:episodeId").handler(ctx -> socket(ctx, StudioHub.Audience.LIVE));
    router.post("/api/episodes/:episodeId/studio-message").handler(this::message);
    router.post("/api/items/:itemId/support").handler(this::support);
  }

  private void message(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = Responses.uuidParam(ctx, "episodeId", "episode.not_found");
      String text = JsonFields.of(RequestBodies.jsonObject(ctx)).optional("message", "lời nhắn", 500);
      return store.setMessage(episodeId, text, editor.actor(), Responses.clientAddress(ctx)).compose(found -> {
        if (!found) {
          throw ApiError.notFound("episode.not_found", "Không tìm thấy chương trình phát sóng.");
        }
        return hub.changed(episodeId);
      }).map(v -> new JsonObject().put("message", text));
    }));
  }

  /** A viewer's "tôi cũng quan tâm": once per device (a random id the page keeps), limited per address. */
  private void support(RoutingContext ctx) {
    String address = Responses.clientAddress(ctx);
    Responses.send(ctx, 200, limiter.take("supports", address).compose(v -> {
      UUID itemId = Responses.uuidParam(ctx, "itemId", "item.not_found");
      String device = ctx.request().getHeader("X-Device-Id");
      if (device == null || !DEVICE_ID.matcher(device).matches()) {
        throw ApiError.badRequest("device.invalid", "X-Device-Id", "Thiếu mã thiết bị hợp lệ.");
      }
      return store.support(itemId, Tokens.sha256(device)).compose(count -> {
        if (count == null) {
          throw ApiError.notFound("item.not_found", "Không tìm thấy câu hỏi đã công bố.");
        }
        return store.episodeOf(itemId).compose(hub::changed).map(x -> new JsonObject().put("supports", count));
      });
    }));
  }

  private record Joining(SocketSender.Owner owner, UUID episodeId) {
  }

  private void socket(RoutingContext ctx, StudioHub.Audience audience) {
    SocketUpgrade.upgrade(ctx, origins, () -> (audience == StudioHub.Audience.STUDIO
            ? auth.require(ctx.request(), Role.STUDIO, Role.EDITOR).map(who -> StaffAuth.owner(ctx.request(), who))
            : io.vertx.core.Future.succeededFuture(SocketSender.Owner.PUBLIC))
            .compose(owner -> intake.existingEpisode(Responses.uuidParam(ctx, "episodeId", "episode.not_found"))
                .map(episode -> new Joining(owner, episode.id()))),
        (ws, joining) -> hub.join(ws, joining.episodeId(), audience, joining.owner()));
  }
}
