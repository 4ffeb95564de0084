package vn.danhoi.studio;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.AddressPrefix;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.Origins;
import vn.danhoi.infra.RateLimiter;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.infra.SocketUpgrade;
import vn.danhoi.intake.IntakeService;

import java.util.UUID;

/** The studio display's socket and the producer's message; the public live page's socket and +1. */
public final class StudioRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final IntakeService intake;
  private final StudioService service;
  private final StudioHub hub;
  private final RateLimiter limiter;
  private final Origins origins;
  private final Voters voters;
  private final int supportsPerSource;

  public StudioRoutes(StaffAuth auth, IntakeService intake, StudioService service, StudioHub hub,
                      RateLimiter limiter, Origins origins, String voterSecret, boolean secureCookie, int supportsPerSource) {
    this.auth = auth;
    this.intake = intake;
    this.service = service;
    this.hub = hub;
    this.limiter = limiter;
    this.origins = origins;
    this.voters = new Voters(voterSecret, secureCookie);
    this.supportsPerSource = supportsPerSource;
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
      return service.setMessage(episodeId, text, editor.actor(), Responses.clientAddress(ctx))
          .map(v -> new JsonObject().put("message", text));
    }));
  }

  /**
   * A viewer's "tôi cũng quan tâm": once per voter, the voter being the server-issued cookie (a new one when the
   * request has none valid for its network), and at most supportsPerSource voters per source address and
   * question a day: many viewers share a carrier's address, but not hundreds of them on one question.
   */
  private void support(RoutingContext ctx) {
    String address = Responses.clientAddress(ctx);
    String source = AddressPrefix.source(address);
    Responses.send(ctx, 200, limiter.take("supports", source).compose(v -> {
      UUID itemId = Responses.uuidParam(ctx, "itemId", "item.not_found");
      String network = AddressPrefix.network(address);
      Cookie cookie = ctx.request().getCookie(Voters.COOKIE);
      String known = voters.voter(cookie == null ? null : cookie.getValue(), network);
      String voter = known != null ? known : Voters.newVoter();
      if (known == null) {
        ctx.response().addCookie(voters.cookie(voter, network));
      }
      return service.support(itemId, voters.voterKey(voter), voters.sourceKey(source), supportsPerSource)
          .map(count -> new JsonObject().put("supports", count));
    }));
  }

  private record Joining(SocketSender.Owner owner, UUID episodeId) {
  }

  private void socket(RoutingContext ctx, StudioHub.Audience audience) {
    SocketUpgrade.upgrade(ctx, origins, () -> (audience == StudioHub.Audience.STUDIO
            ? auth.require(ctx.request(), Role.STUDIO, Role.EDITOR).map(who -> StaffAuth.owner(ctx.request(), who))
            : Future.succeededFuture(SocketSender.Owner.PUBLIC))
            .compose(owner -> intake.existingEpisode(Responses.uuidParam(ctx, "episodeId", "episode.not_found"))
                .map(episode -> new Joining(owner, episode.id()))),
        (ws, joining) -> hub.join(ws, joining.episodeId(), audience, joining.owner()));
  }
}
