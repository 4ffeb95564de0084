package vn.danhoi.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.Responses;
import vn.danhoi.moderation.ModerationCommand;

import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings the staff pages would otherwise write into their scripts: the council's time zone, the claim
 * lifetime, the reject reasons and the length limits. One source, so a page never disagrees with the server
 * that enforces them. Fields and agencies come from the catalogue (/api/fields, /api/agencies).
 */
public final class ConsoleSettingsRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final JsonObject settings;

  public ConsoleSettingsRoutes(StaffAuth auth, ZoneId zone, int claimTtlSeconds, Map<String, Integer> limits) {
    this.auth = auth;
    JsonArray reasons = new JsonArray();
    new TreeMap<>(ModerationCommand.REJECT_REASONS).forEach((id, label) ->
        reasons.add(new JsonObject().put("id", id).put("label", label)));
    this.settings = new JsonObject()
        .put("timeZone", zone.getId())
        .put("claimTtlSeconds", claimTtlSeconds)
        .put("rejectReasons", reasons)
        .put("limits", new JsonObject(Map.copyOf(limits)));
  }

  @Override
  public void mount(Router router) {
    router.get("/api/console/settings").handler(this::settings);
  }

  private void settings(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request()).map(who -> settings.copy()));
  }
}
