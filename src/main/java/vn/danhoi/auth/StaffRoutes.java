package vn.danhoi.auth;

import java.time.ZoneId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The council office's management of staff accounts. */
public final class StaffRoutes implements HttpRoutes {

  private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._-]{3,64}$");

  private final Vertx vertx;
  private final StaffAuth auth;
  private final StaffStore store;
  private final PasswordHasher hasher;
  private final AccessEnded accessEnded;
  private final ZoneId zone;
  private final Clock clock;

  public StaffRoutes(Vertx vertx, StaffAuth auth, StaffStore store, PasswordHasher hasher, AccessEnded accessEnded, ZoneId zone,
                     Clock clock) {
    this.vertx = vertx;
    this.auth = auth;
    this.store = store;
    this.hasher = hasher;
    this.accessEnded = accessEnded;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/staff").handler(this::list);
    router.post("/api/staff").handler(this::create);
    router.patch("/api/staff/:id").handler(this::update);
    router.post("/api/staff/:id/password").handler(this::password);
  }

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> store.list()).map(all -> {
      JsonArray items = new JsonArray();
      all.forEach(a -> items.add(a.toJson(clock.instant(), zone)));
      return new JsonObject().put("items", items);
    }));
  }

  private void create(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      JsonObject body = RequestBodies.jsonObject(ctx);
      JsonFields f = JsonFields.of(body);
      String username = f.required("username", "tên đăng nhập", 64);
      if (!USERNAME.matcher(username).matches()) {
        throw ApiError.invalid("username", "invalid", "Tên đăng nhập gồm 3–64 chữ cái không dấu, số, dấu . _ -.");
      }
      String displayName = f.required("displayName", "tên hiển thị", 120);
      String password = password(body);
      Set<Role> roles = roles(body.getValue("roles"));
      String agency = agency(f, roles);
      return PasswordPolicy.check(vertx, password, username, displayName)
          .compose(ok -> hasher.hash(password))
          .compose(hash -> {
            StaffAccount account = new StaffAccount(UUID.randomUUID(), username, displayName, hash, roles, agency,
                true, 0, null, null);
            return store.create(account, admin.actor(), Responses.clientAddress(ctx)).map(created -> {
              if (!created) {
                throw new ApiError(409, "username.taken", "username", "Tên đăng nhập đã có người dùng.", null);
              }
              return account.toJson(clock.instant(), zone);
            });
          });
    }));
  }

  private void update(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      UUID id = Responses.uuidParam(ctx, "id", "staff.not_found");
      JsonObject body = RequestBodies.jsonObject(ctx);
      JsonFields f = JsonFields.of(body);
      return store.byId(id).compose(before -> {
        if (before == null) {
          throw ApiError.notFound("staff.not_found", "Không tìm thấy tài khoản.");
        }
        String displayName = body.containsKey("displayName") ? f.required("displayName", "tên hiển thị", 120)
            : before.displayName();
        Set<Role> roles = body.containsKey("roles") ? roles(body.getValue("roles")) : before.roles();
        String agency = body.containsKey("agency") || body.containsKey("roles") ? agency(f, roles) : before.agency();
        boolean active = f.bool("active", "đang hoạt động", before.active());
        StaffAccount after = new StaffAccount(before.id(), before.username(), displayName, before.passwordHash(),
            roles, agency, active, before.failedLogins(), before.lockedUntil(), before.createdAt());
        return store.update(before, after, admin.actor(), Responses.clientAddress(ctx)).onSuccess(a -> {
          // open sockets were authorised for the old roles
          if (!after.active() || !after.roles().equals(before.roles())) {
            accessEnded.ended(after.actor(), null);
          }
        });
      });
    }).map(a -> a.toJson(clock.instant(), zone)));
  }

  private void password(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      UUID id = Responses.uuidParam(ctx, "id", "staff.not_found");
      String password = password(RequestBodies.jsonObject(ctx));
      return store.byId(id).compose(account -> {
        if (account == null) {
          throw ApiError.notFound("staff.not_found", "Không tìm thấy tài khoản.");
        }
        return PasswordPolicy.check(vertx, password, account.username(), account.displayName())
            .compose(ok -> hasher.hash(password))
            .compose(hash -> store.setPassword(id, hash, admin.actor(), Responses.clientAddress(ctx)))
            .onSuccess(v -> accessEnded.ended(account.actor(), null));
      });
    }).map(v -> new JsonObject().put("passwordReset", true)));
  }

  /** The password as typed; how strong it must be is PasswordPolicy's to say. */
  static String password(JsonObject body) {
    if (!(body.getValue("password") instanceof String p) || p.isEmpty()) {
      throw ApiError.invalid("password", "required", "Vui lòng nhập mật khẩu.");
    }
    return p;
  }

  private static Set<Role> roles(Object raw) {
    if (!(raw instanceof JsonArray arr) || arr.isEmpty()) {
      throw ApiError.invalid("roles", "required", "Vui lòng chọn ít nhất một vai trò.");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object o : arr) {
      Role r = o instanceof String s ? Role.parse(s) : null;
      if (r == null) {
        throw ApiError.invalid("roles", "invalid", "Vai trò không hợp lệ.");
      }
      roles.add(r);
    }
    return roles;
  }

  private static String agency(JsonFields f, Set<Role> roles) {
    String agency = f.optional("agency", "cơ quan", 200);
    if (roles.contains(Role.AGENCY) && agency == null) {
      throw ApiError.invalid("agency", "required", "Tài khoản cơ quan trả lời cần tên cơ quan.");
    }
    return agency;
  }

}
