package vn.danhoi.deadline;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.Times;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/** An episode's deadlines with their countdown in working days, and passing a question to its unit. */
public final class DeadlineRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final DeadlineStore store;
  private final Deadlines deadlines;
  private final ZoneId zone;
  private final Clock clock;

  public DeadlineRoutes(StaffAuth auth, DeadlineStore store, Deadlines deadlines, ZoneId zone, Clock clock) {
    this.auth = auth;
    this.store = store;
    this.deadlines = deadlines;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/episodes/:episodeId/deadlines").handler(this::list);
    router.post("/api/items/:itemId/forward").handler(this::forward);
  }

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = Responses.uuidParam(ctx, "episodeId", "episode.not_found");
      return store.episode(episodeId).compose(episode -> {
        if (episode == null) {
          throw ApiError.notFound("episode.not_found", "Không tìm thấy chương trình phát sóng.");
        }
        return store.notForwarded(episodeId)
            .map(pending -> Deadlines.toJson(deadlines.of(episode, pending, clock.instant()), zone));
      });
    }));
  }

  private void forward(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID itemId = Responses.uuidParam(ctx, "itemId", "item.not_found");
      // the body is optional: without one the question goes to the agency an editor already set
      JsonObject body = RequestBodies.raw(ctx).length() == 0 ? new JsonObject() : RequestBodies.jsonObject(ctx);
      String agency = JsonFields.of(body).optional("agency", "đơn vị xử lý", 200);
      OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
      return store.forward(itemId, agency, now, editor.actor(), Responses.clientAddress(ctx)).map(f -> {
        if (f == null) {
          throw ApiError.notFound("item.not_found", "Không tìm thấy câu hỏi.");
        }
        return new JsonObject().put("id", f.id().toString()).put("forwardedAt", Times.format(f.forwardedAt(), zone))
            .put("forwardedBy", f.forwardedBy()).put("forwardedTo", f.forwardedTo());
      });
    }));
  }
}
