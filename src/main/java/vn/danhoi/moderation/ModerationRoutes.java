package vn.danhoi.moderation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.TokenAuth;
import vn.danhoi.infra.HttpErrors;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.Origins;
import vn.danhoi.infra.Responses;
import vn.danhoi.intake.IntakeService;
import vn.danhoi.intake.SubmissionStore;

import java.time.ZoneId;
import java.util.UUID;

/** The editors' queue: a JSON list, and the live WebSocket. */
public final class ModerationRoutes implements HttpRoutes {

  private final TokenAuth auth;
  private final IntakeService intake;
  private final SubmissionStore store;
  private final ModerationHub hub;
  private final Origins origins;
  private final ZoneId zone;

  public ModerationRoutes(TokenAuth auth, IntakeService intake, SubmissionStore store, ModerationHub hub,
                          Origins origins, ZoneId zone) {
    this.auth = auth;
    this.intake = intake;
    this.store = store;
    this.hub = hub;
    this.origins = origins;
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/episodes/:episodeId/queue").handler(this::queue);
    router.get("/ws/moderation/:episodeId").handler(this::socket);
  }

  private void queue(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = Responses.uuidParam(ctx, "episodeId", "episode.not_found");
      return intake.existingEpisode(episodeId).compose(e -> store.byEpisode(episodeId, 5000));
    }).map(items -> {
      JsonArray out = new JsonArray();
      items.forEach(s -> out.add(s.toModeratorJson(zone)));
      return new JsonObject().put("items", out);
    }));
  }

  /** Every check happens before the upgrade: a refused client gets an HTTP error, never a socket. */
  private void socket(RoutingContext ctx) {
    if (!origins.allowed(ctx.request())) {
      HttpErrors.write(ctx, Origins.refused());
      return;
    }
    ctx.request().pause();
    auth.require(ctx.request(), Role.EDITOR)
        .compose(editor -> intake.existingEpisode(Responses.uuidParam(ctx, "episodeId", "episode.not_found")))
        .compose(episode -> {
          ctx.request().resume();
          return ctx.request().toWebSocket().map(ws -> {
            hub.join(ws, episode.id());
            return ws;
          });
        })
        .onFailure(e -> {
          ctx.request().resume();
          if (!ctx.response().headWritten()) {
            ctx.fail(e);
          }
        });
  }
}
