package vn.danhoi.moderation;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.audit.AuditLog;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.Staff;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpErrors;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.Origins;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.SocketUpgrade;
import vn.danhoi.intake.IntakeService;
import vn.danhoi.intake.Submission;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** The editors' queue: the list, the live WebSocket, and the actions on each item. */
public final class ModerationRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final IntakeService intake;
  private final ModerationService service;
  private final ModerationHub hub;
  private final Origins origins;
  private final AuditLog audit;
  private final OnAirLane onAir;
  private final ZoneId zone;

  /** The log-in check and the audit log on the on-air path's own PostgreSQL connections. */
  public record OnAirLane(StaffAuth auth, AuditLog audit) {
  }

  public ModerationRoutes(StaffAuth auth, IntakeService intake, ModerationService service, ModerationHub hub,
                          Origins origins, AuditLog audit, OnAirLane onAir, ZoneId zone) {
    this.auth = auth;
    this.onAir = onAir;
    this.intake = intake;
    this.service = service;
    this.hub = hub;
    this.origins = origins;
    this.audit = audit;
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/episodes/:episodeId/queue").handler(this::queue);
    router.post("/api/items/:itemId/actions").handler(this::action);
    router.get("/api/items/:itemId/similar").handler(this::similar);
    router.get("/ws/moderation/:episodeId").handler(this::socket);
  }

  private void queue(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = Responses.uuidParam(ctx, "episodeId", "episode.not_found");
      String q = RequestValues.query(ctx, "q");
      return intake.existingEpisode(episodeId).compose(e -> service.queue(episodeId, q))
          .compose(items -> audit.contactsViewed(editor, "moderation.queue", episodeId, items.size(),
              Responses.clientAddress(ctx)).map(items));
    }).map(items -> new JsonObject().put("items", Submission.toModeratorJson(items, zone))));
  }

  private void action(RoutingContext ctx) {
    boolean lane = ModerationCommand.onAirPath(peekAction(ctx));
    StaffAuth who = lane ? onAir.auth() : auth;
    AuditLog log = lane ? onAir.audit() : audit;
    Responses.send(ctx, 200, who.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID itemId = Responses.uuidParam(ctx, "itemId", "item.not_found");
      ModerationCommand command = ModerationCommand.parse(RequestBodies.jsonObject(ctx));
      return service.act(itemId, command, editor, Responses.clientAddress(ctx))
          // the reply carries the asker's contact data too, so it counts as a view
          .compose(changed -> log.contactsViewed(editor, "moderation.action", changed.get(0).item().episodeId(), 1,
              Responses.clientAddress(ctx)).map(v -> result(changed, itemId)));
    }));
  }

  /** The action asked for, read only to pick the lane (the log-in is checked, then the body, as for any action). */
  private static String peekAction(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject().getString("action");
    } catch (RuntimeException e) {
      return null;
    }
  }

  private JsonObject result(List<ModerationStore.Changed> changed, UUID itemId) {
    for (ModerationStore.Changed c : changed) {
      if (c.item().id().equals(itemId)) {
        return c.item().toModeratorJson(zone).put("eventId", c.eventId());
      }
    }
    throw new IllegalStateException("the acted-on item is always among the changed ones");
  }

  private void similar(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID itemId = Responses.uuidParam(ctx, "itemId", "item.not_found");
      return service.similar(itemId).compose(s -> audit.contactsViewed(editor, "moderation.similar",
          s.item().episodeId(), s.items().size(), Responses.clientAddress(ctx)).map(s.items()));
    }).map(items -> new JsonObject().put("items", Submission.toModeratorJson(items, zone))));
  }

  private record Joining(Staff editor, UUID episodeId) {
  }

  private void socket(RoutingContext ctx) {
    Long since;
    try {
      String raw = RequestValues.query(ctx, "since");
      since = raw == null ? null : RequestValues.whole("since", raw, 0, 0, Long.MAX_VALUE);
    } catch (ApiError e) {
      HttpErrors.write(ctx, e);
      return;
    }
    String address = Responses.clientAddress(ctx);
    // the hub records the views: the snapshot with what it holds before it is sent, later pushes as counted
    SocketUpgrade.upgrade(ctx, origins, () -> auth.require(ctx.request(), Role.EDITOR)
            .compose(editor -> intake.existingEpisode(Responses.uuidParam(ctx, "episodeId", "episode.not_found"))
                .map(episode -> new Joining(editor, episode.id()))),
        (ws, joining) -> hub.join(ws, joining.episodeId(), since, StaffAuth.owner(ctx.request(), joining.editor()),
            new ModerationHub.Viewer(joining.editor(), address)));
  }
}
