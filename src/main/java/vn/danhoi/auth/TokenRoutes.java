package vn.danhoi.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.Tokens;

import java.util.UUID;

/** Admin routes for machine tokens (PBX, SMS gateway, scripts), each scoped to one role. */
public final class TokenRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final TokenStore store;
  private final AccessEnded accessEnded;

  public TokenRoutes(StaffAuth auth, TokenStore store, AccessEnded accessEnded) {
    this.auth = auth;
    this.store = store;
    this.accessEnded = accessEnded;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/tokens").handler(this::create);
    router.get("/api/tokens").handler(this::list);
    router.delete("/api/tokens/:id").handler(this::revoke);
  }

  private void create(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String name = f.required("name", "tên", 120);
      String roleName = f.required("role", "vai trò", 20);
      Role role = Role.parse(roleName);
      if (role == null) {
        throw ApiError.invalid("role", "invalid", "Vai trò không hợp lệ.");
      }
      String token = Tokens.generate();
      UUID id = UUID.randomUUID();
      return store.create(id, name, role, Tokens.sha256(token), admin, Responses.clientAddress(ctx))
          .map(v -> new JsonObject().put("id", id.toString()).put("name", name).put("role", role.id())
              .put("token", token));
    }));
  }

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> store.list())
        .map(JsonArray::encode));
  }

  private void revoke(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      UUID id = Responses.uuidParam(ctx, "id", "token.not_found");
      return store.revoke(id, admin, Responses.clientAddress(ctx)).map(found -> {
        if (found) {
          accessEnded.ended("token:" + id, null);
        }
        return found;
      });
    }).map(found -> {
      if (!found) {
        throw ApiError.notFound("token.not_found", "Không tìm thấy mã truy cập.");
      }
      return new JsonObject().put("revoked", true);
    }));
  }
}
