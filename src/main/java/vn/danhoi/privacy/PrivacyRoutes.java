package vn.danhoi.privacy;

import java.time.ZoneId;
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
import vn.danhoi.infra.Tokens;

import java.util.Locale;

/** The council office's personal-data controls: erasure on request, retention, agencies' access. */
public final class PrivacyRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final PrivacyStore store;
  private final int retentionDays;
  private final ZoneId zone;

  public PrivacyRoutes(StaffAuth auth, PrivacyStore store, int retentionDays, ZoneId zone) {
    this.auth = auth;
    this.store = store;
    this.retentionDays = retentionDays;
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/privacy/erase").handler(this::erase);
    router.get("/api/privacy/retention").handler(this::retentionSettings);
    router.post("/api/privacy/retention/run").handler(this::runRetention);
    router.get("/api/privacy/agency-grants").handler(this::grants);
    router.post("/api/privacy/agency-grants").handler(this::grant);
    router.delete("/api/privacy/agency-grants/:agency").handler(this::revoke);
  }

  private void erase(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String given = f.phone("phone", "số điện thoại");
      // one fingerprint for one number however it was written
      String phone = given == null ? null : PrivacyStore.nationalPhone(given);
      String email = f.email("email", "địa chỉ email");
      if (phone == null && email == null) {
        throw ApiError.invalid("phone", "required", "Vui lòng nhập số điện thoại hoặc email của người yêu cầu.");
      }
      // the log keeps a fingerprint of whom the request concerned, not the identifier itself
      String fingerprint = Tokens.sha256((phone == null ? "" : phone) + "|"
          + (email == null ? "" : email.toLowerCase(Locale.ROOT)));
      return store.eraseFor(phone, email, fingerprint, admin.actor(), Responses.clientAddress(ctx));
    }).map(n -> new JsonObject().put("erased", n)));
  }

  private void retentionSettings(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN)
        .map(admin -> new JsonObject().put("days", retentionDays)));
  }

  private void runRetention(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN)
        .compose(admin -> store.retention(retentionDays, admin.actor()))
        .map(n -> new JsonObject().put("erased", n)));
  }

  private void grants(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> store.grants(zone))
        .map(items -> new JsonObject().put("items", items)));
  }

  private void grant(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      String agency = JsonFields.of(RequestBodies.jsonObject(ctx)).required("agency", "cơ quan", 200);
      return store.grant(agency, admin.actor(), Responses.clientAddress(ctx))
          .map(v -> new JsonObject().put("agency", agency));
    }));
  }

  private void revoke(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN)
        .compose(admin -> store.revoke(ctx.pathParam("agency"), admin.actor(), Responses.clientAddress(ctx)))
        .map(found -> {
          if (!found) {
            throw ApiError.notFound("grant.not_found", "Cơ quan này chưa được cấp quyền.");
          }
          return new JsonObject().put("revoked", true);
        }));
  }
}
