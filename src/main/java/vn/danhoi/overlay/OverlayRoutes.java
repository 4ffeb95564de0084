package vn.danhoi.overlay;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.Origins;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.SocketUpgrade;
import vn.danhoi.studio.StudioHub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The question on air as a broadcast graphic: editors make, list and revoke an episode's overlay links; a
 * graphics system opens /overlay.html with the link's token (a static page) and follows /ws/overlay/{token},
 * or polls its state as JSON or XML. No route here needs a login once the link exists, and none is rate
 * limited: a vMix input polls every second, and a wrong token costs one indexed lookup.
 */
public final class OverlayRoutes implements HttpRoutes {

  private static final String LINKS = "/api/episodes/:episodeId/overlays";

  private final StaffAuth auth;
  private final OverlayLinks links;
  private final StudioHub hub;
  private final Origins origins;
  private final ZoneId zone;

  public OverlayRoutes(StaffAuth auth, OverlayLinks links, StudioHub hub, Origins origins, ZoneId zone) {
    this.auth = auth;
    this.links = links;
    this.hub = hub;
    this.origins = origins;
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.post(LINKS).handler(this::create);
    router.get(LINKS).handler(this::list);
    router.delete(LINKS + "/:linkId").handler(this::revoke);
    router.get("/ws/overlay/:token").handler(this::socket);
    router.get("/api/overlay/:token/state.json").handler(this::stateJson);
    router.get("/api/overlay/:token/state.xml").handler(this::stateXml);
  }

  private void create(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      String label = JsonFields.of(RequestBodies.jsonObject(ctx)).required("label", "tên liên kết đồ hoạ", 200);
      return links.create(episodeId, label, editor.actor(), Responses.clientAddress(ctx));
    }).map(created -> created.link().toJson(zone).put("token", created.token()).put("urls", urls(created.token()))));
  }

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(editor -> links.links(episode(ctx)))
        .map(all -> {
          JsonArray items = new JsonArray();
          all.forEach(l -> items.add(l.toJson(zone)));
          return new JsonObject().put("items", items);
        }));
  }

  private void revoke(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      UUID linkId = Responses.uuidParam(ctx, "linkId", "overlay.link_not_found");
      return links.revoke(episodeId, linkId, editor.actor(), Responses.clientAddress(ctx));
    }).map(link -> link.toJson(zone)));
  }

  private void socket(RoutingContext ctx) {
    SocketUpgrade.upgrade(ctx, origins, () -> links.open(ctx.pathParam("token")),
        (ws, link) -> hub.join(ws, link.episodeId(), StudioHub.Audience.OVERLAY, OverlayLinks.owner(link)));
  }

  private void stateJson(RoutingContext ctx) {
    Responses.send(ctx, 200, links.open(ctx.pathParam("token")).compose(links::state).map(OverlayState::toJson));
  }

  private void stateXml(RoutingContext ctx) {
    Responses.send(ctx, 200, "application/xml; charset=utf-8",
        links.open(ctx.pathParam("token")).compose(links::state).map(OverlayState::toXml));
  }

  /** Where each graphics system points: relative to the server, which the editors' page completes. */
  private static JsonObject urls(String token) {
    String t = URLEncoder.encode(token, StandardCharsets.UTF_8);
    return new JsonObject()
        .put("browserSource", "/overlay.html?token=" + t)
        .put("casparcg", "/overlay.html?token=" + t + "&caspar=1")
        .put("json", "/api/overlay/" + t + "/state.json")
        .put("xml", "/api/overlay/" + t + "/state.xml");
  }

  private static UUID episode(RoutingContext ctx) {
    return Responses.uuidParam(ctx, "episodeId", "episode.not_found");
  }
}
