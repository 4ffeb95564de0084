package vn.danhoi.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.VietnameseText;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The council office's lists of agencies and fields (lĩnh vực). Editors read them (the moderation console's
 * categorise control), operators the list of fields (the hotline console's field choice); only admins change them.
 * Every change reloads the keyword suggestions.
 */
public final class CatalogRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final CatalogStore store;
  private final KeywordSuggester suggester;

  public CatalogRoutes(StaffAuth auth, CatalogStore store, KeywordSuggester suggester) {
    this.auth = auth;
    this.store = store;
    this.suggester = suggester;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/agencies").handler(this::agencies);
    router.get("/api/agencies/:id").handler(this::agency);
    router.post("/api/agencies").handler(this::createAgency);
    router.patch("/api/agencies/:id").handler(this::updateAgency);
    router.get("/api/fields").handler(this::fields);
    router.get("/api/fields/:id").handler(this::field);
    router.post("/api/fields").handler(this::createField);
    router.patch("/api/fields/:id").handler(this::updateField);
  }

  private void agencies(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(who -> store.agencies())
        .map(all -> items(all.stream().map(Agency::toJson).toList())));
  }

  private void agency(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(who -> existingAgency(ctx)).map(Agency::toJson));
  }

  private void createAgency(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      Agency a = parseAgency(UUID.randomUUID(), RequestBodies.jsonObject(ctx), null);
      return store.createAgency(a, admin.actor(), Responses.clientAddress(ctx));
    }).compose(a -> reloaded(a.toJson())));
  }

  private void updateAgency(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      JsonObject body = RequestBodies.jsonObject(ctx);
      return existingAgency(ctx).compose(before -> store.updateAgency(before, parseAgency(before.id(), body, before),
          admin.actor(), Responses.clientAddress(ctx)));
    }).compose(a -> reloaded(a.toJson())));
  }

  private void fields(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR, Role.OPERATOR).compose(who -> store.fields())
        .map(all -> items(all.stream().map(Field::toJson).toList())));
  }

  private void field(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(who -> existingField(ctx)).map(Field::toJson));
  }

  private void createField(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      Field draft = parseField(UUID.randomUUID(), RequestBodies.jsonObject(ctx), null);
      return withAgency(draft).compose(f -> store.createField(f, admin.actor(), Responses.clientAddress(ctx)))
          .compose(v -> store.field(draft.id()));
    }).compose(f -> reloaded(f.toJson())));
  }

  private void updateField(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      JsonObject body = RequestBodies.jsonObject(ctx);
      return existingField(ctx).compose(before -> withAgency(parseField(before.id(), body, before))
          .compose(after -> store.updateField(before, after, admin.actor(), Responses.clientAddress(ctx)))
          .compose(v -> store.field(before.id())));
    }).compose(f -> reloaded(f.toJson())));
  }

  /** Answers once this node's suggestions know the change, so the next question already uses it. */
  private Future<JsonObject> reloaded(JsonObject json) {
    return suggester.reload().recover(e -> Future.succeededFuture()).map(json);
  }

  private Future<Agency> existingAgency(RoutingContext ctx) {
    return Responses.attempt(() -> store.agency(Responses.uuidParam(ctx, "id", "agency.not_found"))).map(a -> {
      if (a == null) {
        throw ApiError.notFound("agency.not_found", "Không tìm thấy cơ quan.");
      }
      return a;
    });
  }

  private Future<Field> existingField(RoutingContext ctx) {
    return Responses.attempt(() -> store.field(Responses.uuidParam(ctx, "id", "field.not_found"))).map(f -> {
      if (f == null) {
        throw ApiError.notFound("field.not_found", "Không tìm thấy lĩnh vực.");
      }
      return f;
    });
  }

  /** The field's default agency must exist; its name comes back with the field. */
  private Future<Field> withAgency(Field f) {
    if (f.agencyId() == null) {
      return Future.succeededFuture(f);
    }
    return store.agency(f.agencyId()).map(a -> {
      if (a == null) {
        throw ApiError.invalid("agencyId", "not_found", "Không tìm thấy cơ quan phụ trách đã chọn.");
      }
      return new Field(f.id(), f.name(), f.keywords(), a.id(), a.name());
    });
  }

  /** A new agency (before null) or a change: absent fields keep their value. */
  static Agency parseAgency(UUID id, JsonObject body, Agency before) {
    JsonFields f = JsonFields.of(body);
    String name = before == null || body.containsKey("name") ? f.required("name", "tên cơ quan", 200) : before.name();
    String shortName = body.containsKey("shortName") ? orEmpty(f.optional("shortName", "tên viết tắt", 60))
        : before == null ? "" : before.shortName();
    String kind = body.containsKey("kind") ? f.optional("kind", "loại cơ quan", 20)
        : before == null ? "department" : before.kind();
    if ("district".equals(kind)) {
      throw ApiError.invalid("kind", "no_district", "Từ ngày 01/7/2025 không còn cấp huyện: chọn UBND cấp xã "
          + "(commune) cho xã, phường, đặc khu, hoặc UBND tỉnh (province_committee).");
    }
    if (kind == null || !Agency.KINDS.contains(kind)) {
      throw ApiError.invalid("kind", "invalid", "Loại cơ quan phải là province_committee, department, commune, "
          + "utility, central hoặc other.");
    }
    List<String> emails = body.containsKey("emails") ? f.emails("emails", "e-mail liên hệ", 20)
        : before == null ? List.of() : before.emails();
    boolean active = f.bool("active", "đang hoạt động", before == null || before.active());
    return new Agency(id, name, shortName, kind, emails, active);
  }

  static Field parseField(UUID id, JsonObject body, Field before) {
    JsonFields f = JsonFields.of(body);
    String name = before == null || body.containsKey("name") ? f.required("name", "tên lĩnh vực", 120) : before.name();
    List<String> keywords = before == null ? List.of() : before.keywords();
    if (body.containsKey("keywords")) {
      keywords = keywords(f.texts("keywords", "từ khoá", 200, 80));
    }
    UUID agencyId = before == null ? null : before.agencyId();
    if (body.containsKey("agencyId")) {
      String raw = f.optional("agencyId", "cơ quan phụ trách", 64);
      agencyId = null;
      if (raw != null) {
        try {
          agencyId = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
          throw ApiError.invalid("agencyId", "invalid", "Mã cơ quan phụ trách không hợp lệ.");
        }
      }
    }
    return new Field(id, name, keywords, agencyId, null);
  }

  /**
   * Keywords as stored: lower case with their marks, so "diễn" is not taken for "điện" (V6 stored them
   * folded; those still match, folded). One typed without marks adds nothing when the same word with marks
   * is there ("nuoc sach" beside "nước sạch"), as it matches the same texts.
   */
  static List<String> keywords(List<String> typed) {
    List<String> out = new ArrayList<>();
    for (String k : typed) {
      String keyword = KeywordSuggester.keyword(k);
      if (!keyword.isEmpty() && !out.contains(keyword)) {
        out.add(keyword);
      }
    }
    List<String> marked = out.stream().filter(k -> !k.equals(VietnameseText.fold(k))).map(VietnameseText::fold).toList();
    out.removeIf(k -> k.equals(VietnameseText.fold(k)) && marked.contains(k));
    return out;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static JsonObject items(List<JsonObject> items) {
    return new JsonObject().put("items", new JsonArray(new ArrayList<>(items)));
  }
}
