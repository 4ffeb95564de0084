package vn.danhoi.episode;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
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

import java.util.Locale;
import java.util.UUID;

/** Programs (series of episodes): the council office creates and edits them, editors read them. */
public final class ProgramRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final ProgramStore store;

  public ProgramRoutes(StaffAuth auth, ProgramStore store) {
    this.auth = auth;
    this.store = store;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/programs").handler(this::list);
    router.get("/api/programs/:id").handler(this::one);
    router.post("/api/programs").handler(this::create);
    router.patch("/api/programs/:id").handler(this::update);
  }

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(who -> store.list()).map(all -> {
      JsonArray items = new JsonArray();
      all.forEach(p -> items.add(p.toJson()));
      return new JsonObject().put("items", items);
    }));
  }

  private void one(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(who -> existing(ctx))
        .map(Program::toJson));
  }

  private void create(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.ADMIN).compose(admin ->
        store.create(parse(UUID.randomUUID(), RequestBodies.jsonObject(ctx), null), admin.actor(),
            Responses.clientAddress(ctx))).map(Program::toJson));
  }

  private void update(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      JsonObject body = RequestBodies.jsonObject(ctx);
      return existing(ctx).compose(before -> store.update(before, parse(before.id(), body, before), admin.actor(),
          Responses.clientAddress(ctx)));
    }).map(Program::toJson));
  }

  private Future<Program> existing(RoutingContext ctx) {
    return Responses.attempt(() -> store.find(Responses.uuidParam(ctx, "id", "program.not_found"))).map(p -> {
      if (p == null) {
        throw ApiError.notFound("program.not_found", "Không tìm thấy chương trình.");
      }
      return p;
    });
  }

  /** A new program (before null) or a change: absent fields keep their value. */
  static Program parse(UUID id, JsonObject body, Program before) {
    JsonFields f = JsonFields.of(body);
    String name = before == null || body.containsKey("name") ? f.required("name", "tên chương trình", 200)
        : before.name();
    return new Program(id, name,
        text(f, body, "description", "mô tả", 2000, before == null ? "" : before.description()),
        text(f, body, "organiser", "cơ quan tổ chức", 300, before == null ? "" : before.organiser()),
        text(f, body, "broadcaster", "đài phát sóng", 300, before == null ? "" : before.broadcaster()),
        text(f, body, "issuingBody", "cơ quan ban hành văn bản", 300, before == null ? "" : before.issuingBody()),
        text(f, body, "parentBody", "cơ quan chủ quản", 300, before == null ? "" : before.parentBody()),
        abbreviation(text(f, body, "issuerAbbreviation", "chữ viết tắt của cơ quan ban hành", 30,
            before == null ? "" : before.issuerAbbreviation())),
        text(f, body, "place", "địa danh", 120, before == null ? "" : before.place()),
        f.bool("active", "đang hoạt động", before == null || before.active()));
  }

  /** The symbol after the type in "Số: 01/TB-HĐND": capitals without spaces or slashes; empty: derived. */
  private static String abbreviation(String raw) {
    String v = raw.toUpperCase(Locale.forLanguageTag("vi-VN"));
    if (!v.isEmpty() && !v.matches("[\\p{Lu}\\p{N}&.-]+")) {
      throw ApiError.invalid("issuerAbbreviation", "invalid",
          "Chữ viết tắt của cơ quan ban hành chỉ gồm chữ in hoa, chữ số, dấu gạch ngang (ví dụ: HĐND, UBND).");
    }
    return v;
  }

  private static String text(JsonFields f, JsonObject body, String field, String label, int max, String fallback) {
    if (!body.containsKey(field)) {
      return fallback;
    }
    String v = f.optional(field, label, max);
    return v == null ? "" : v;
  }
}
