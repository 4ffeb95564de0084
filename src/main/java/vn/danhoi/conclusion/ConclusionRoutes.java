package vn.danhoi.conclusion;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.document.Signature;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.Download;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.VietnameseText;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The conclusion notice (thông báo kết luận) for the editors and the council office: draft, edit, items,
 * DOCX/PDF; and the follow-up of its items for the council's standing committee, with an XLSX report.
 */
public final class ConclusionRoutes implements HttpRoutes {

  private static final String BASE = "/api/episodes/:episodeId/conclusion";
  private static final Set<String> STATUSES = Set.of("open", "in_progress", "done", "dropped");
  /** What the follow-up report filters on: a status, or the items past their due date. */
  private static final Set<String> REPORT_STATUSES = Set.of("open", "in_progress", "done", "dropped", "overdue");

  private final StaffAuth auth;
  private final ConclusionService service;
  private final ZoneId zone;

  public ConclusionRoutes(StaffAuth auth, ConclusionService service, ZoneId zone) {
    this.auth = auth;
    this.service = service;
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.post(BASE + "/draft").handler(this::draft);
    router.get(BASE).handler(this::get);
    router.patch(BASE).handler(this::edit);
    router.post(BASE + "/issue").handler(this::issue);
    router.post(BASE + "/items").handler(this::addItem);
    router.post(BASE + "/items/order").handler(this::order);
    router.patch(BASE + "/items/:itemId").handler(this::editItem);
    router.delete(BASE + "/items/:itemId").handler(this::removeItem);
    router.get(BASE + ".docx").handler(ctx -> document(ctx, "docx"));
    router.get(BASE + ".pdf").handler(ctx -> document(ctx, "pdf"));
    router.get("/api/followup/conclusions").handler(this::followup);
    router.get("/api/followup/conclusions.xlsx").handler(this::followupReport);
  }

  private JsonObject json(Conclusion c) {
    return c.toJson(zone, service.instant());
  }

  private void draft(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.EDITOR)
        .compose(s -> service.draft(episode(ctx), s.actor(), Responses.clientAddress(ctx))).map(this::json));
  }

  private void get(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(s -> service.get(episode(ctx))).map(this::json));
  }

  private void edit(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(s -> {
      UUID episodeId = episode(ctx);
      JsonObject body = RequestBodies.jsonObject(ctx);
      JsonFields f = JsonFields.of(body);
      String title = present(body, "title", f.optional("title", "tiêu đề", 500), "tiêu đề");
      String text = f.optional("body", "nội dung", 50_000);
      String signerName = f.optional("signerName", "người ký", 200);
      String signerTitle = f.optional("signerTitle", "chức vụ người ký", 200);
      // sent empty: the head signs in person, without TM./KT.
      String authority = Signature.authority("signerAuthority", body.containsKey("signerAuthority")
          ? Objects.requireNonNullElse(f.optional("signerAuthority", "thẩm quyền ký", 200), "") : null);
      List<String> recipients = recipients(body);
      if (title == null && text == null && signerName == null && signerTitle == null && recipients == null
          && authority == null) {
        throw ApiError.invalid("title", "required",
            "Không có gì để sửa (title, body, recipients, signerAuthority, signerName, signerTitle).");
      }
      return service.edit(episodeId, new ConclusionStore.Edit(title, text, recipients, authority, signerName,
          signerTitle), s.actor(), Responses.clientAddress(ctx));
    }).map(this::json));
  }

  private void issue(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(s -> service.issue(episode(ctx), s.actor(), Responses.clientAddress(ctx))).map(this::json));
  }

  private void addItem(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.EDITOR).compose(s -> {
      UUID episodeId = episode(ctx);
      JsonObject body = RequestBodies.jsonObject(ctx);
      JsonFields f = JsonFields.of(body);
      String text = f.required("text", "nội dung kết luận", 5000);
      String owner = f.optional("ownerAgency", "cơ quan thực hiện", 300);
      return service.addItem(episodeId, text, owner, due(body), s.actor(), Responses.clientAddress(ctx));
    }).map(this::json));
  }

  private void editItem(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(s -> {
      UUID episodeId = episode(ctx);
      UUID itemId = Responses.uuidParam(ctx, "itemId", "conclusion.item_not_found");
      JsonObject body = RequestBodies.jsonObject(ctx);
      JsonFields f = JsonFields.of(body);
      String text = present(body, "text", f.optional("text", "nội dung kết luận", 5000), "nội dung kết luận");
      String owner = f.optional("ownerAgency", "cơ quan thực hiện", 300);
      String status = f.optional("status", "trạng thái", 20);
      if (status != null && !STATUSES.contains(status)) {
        throw ApiError.invalid("status", "invalid",
            "Trạng thái phải là open, in_progress, done hoặc dropped.");
      }
      String progress = f.optional("progress", "tiến độ", 5000);
      if (body.containsKey("progress") && progress == null) {
        progress = "";
      }
      boolean setOwner = body.containsKey("ownerAgency");
      boolean setDue = body.containsKey("dueDate");
      if (text == null && !setOwner && !setDue && status == null && progress == null) {
        throw ApiError.invalid("status", "required",
            "Không có gì để sửa (text, ownerAgency, dueDate, status, progress).");
      }
      return service.editItem(episodeId, itemId, new ConclusionStore.ItemEdit(text, setOwner, owner, setDue,
          due(body), status, progress), s.actor(), Responses.clientAddress(ctx));
    }).map(i -> i.toJson(zone, service.instant())));
  }

  private void removeItem(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(s -> service.removeItem(episode(ctx),
        Responses.uuidParam(ctx, "itemId", "conclusion.item_not_found"), s.actor(), Responses.clientAddress(ctx)))
        .map(this::json));
  }

  private void order(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(s -> {
      UUID episodeId = episode(ctx);
      Object raw = RequestBodies.jsonObject(ctx).getValue("items");
      if (!(raw instanceof JsonArray arr) || arr.size() > 1000) {
        throw ApiError.invalid("items", "required", "Vui lòng gửi danh sách mã các nội dung theo thứ tự mới.");
      }
      List<UUID> ids = new ArrayList<>();
      for (Object v : arr) {
        try {
          ids.add(UUID.fromString((String) v));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
          throw ApiError.invalid("items", "invalid", "Mã nội dung kết luận không hợp lệ.");
        }
      }
      return service.order(episodeId, ids, s.actor(), Responses.clientAddress(ctx));
    }).map(this::json));
  }

  private void document(RoutingContext ctx, String format) {
    Download.send(ctx, auth.require(ctx.request(), Role.EDITOR)
        .compose(s -> service.document(episode(ctx), format, s.actor(), Responses.clientAddress(ctx))));
  }

  private void followup(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(s -> service.followup(status(ctx))));
  }

  private void followupReport(RoutingContext ctx) {
    Download.send(ctx, auth.require(ctx.request(), Role.EDITOR).compose(s -> service.followupReport(status(ctx))));
  }

  /** status=open|in_progress|done|dropped|overdue; absent or "all": every item. */
  private static String status(RoutingContext ctx) {
    String raw = RequestValues.query(ctx, "status");
    return "all".equals(raw) ? null : RequestValues.oneOf("status", raw, REPORT_STATUSES,
        "Trạng thái phải là open, in_progress, done, dropped, overdue hoặc all.");
  }

  /** A field sent empty when it may not be. */
  private static String present(JsonObject body, String field, String value, String label) {
    if (body.containsKey(field) && value == null) {
      throw ApiError.invalid(field, "required", "Vui lòng nhập " + label + ".");
    }
    return value;
  }

  /** dueDate as YYYY-MM-DD: due by the end of that day where the council sits; null clears it. */
  private OffsetDateTime due(JsonObject body) {
    Object raw = body.getValue("dueDate");
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof String s) || s.isBlank()) {
      throw ApiError.invalid("dueDate", "invalid", "Thời hạn phải là ngày dạng YYYY-MM-DD.");
    }
    return RequestValues.date("dueDate", s).atTime(LocalTime.of(23, 59, 59)).atZone(zone).toOffsetDateTime();
  }

  private static List<String> recipients(JsonObject body) {
    if (!body.containsKey("recipients")) {
      return null;
    }
    if (!(body.getValue("recipients") instanceof JsonArray arr) || arr.size() > 50) {
      throw ApiError.invalid("recipients", "invalid", "Nơi nhận phải là danh sách (tối đa 50 dòng).");
    }
    List<String> out = new ArrayList<>();
    for (Object v : arr) {
      String line = v instanceof String s ? VietnameseText.clean(s) : null;
      if (line == null || line.isBlank() || line.length() > 300) {
        throw ApiError.invalid("recipients", "invalid", "Mỗi nơi nhận là một dòng chữ, tối đa 300 ký tự.");
      }
      out.add(line);
    }
    return out;
  }

  private static UUID episode(RoutingContext ctx) {
    return Responses.uuidParam(ctx, "episodeId", "episode.not_found");
  }
}
