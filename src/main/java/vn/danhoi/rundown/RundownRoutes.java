package vn.danhoi.rundown;

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

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The editors' run-down: read, build from the shortlist, order, edit, remove, export, send. */
public final class RundownRoutes implements HttpRoutes {

  private static final String BASE = "/api/episodes/:episodeId/rundown";

  private final StaffAuth auth;
  private final RundownService service;
  private final ZoneId zone;

  public RundownRoutes(StaffAuth auth, RundownService service, ZoneId zone) {
    this.auth = auth;
    this.service = service;
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.get(BASE).handler(this::get);
    router.post(BASE + "/build").handler(this::build);
    router.post(BASE + "/order").handler(this::order);
    router.patch(BASE + "/entries/:entryId").handler(this::edit);
    router.delete(BASE + "/entries/:entryId").handler(this::remove);
    router.patch(BASE).handler(this::sign);
    router.get(BASE + ".docx").handler(ctx -> document(ctx, "docx"));
    router.get(BASE + ".pdf").handler(ctx -> document(ctx, "pdf"));
    router.post(BASE + "/send").handler(this::send);
  }

  private void get(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(editor -> service.get(episode(ctx)))
        .map(r -> r.toJson(zone)));
  }

  private void build(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(editor -> service.build(episode(ctx), editor, Responses.clientAddress(ctx)))
        .map(r -> r.toJson(zone)));
  }

  private void order(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      Object raw = RequestBodies.jsonObject(ctx).getValue("entries");
      if (!(raw instanceof JsonArray arr) || arr.isEmpty() || arr.size() > 1000) {
        throw ApiError.invalid("entries", "required", "Vui lòng gửi danh sách mã các mục theo thứ tự mới.");
      }
      List<UUID> ids = new ArrayList<>();
      for (Object v : arr) {
        ids.add(uuid(v, "entries", "Mã mục kịch bản không hợp lệ."));
      }
      return service.order(episodeId, ids, editor, Responses.clientAddress(ctx));
    }).map(r -> r.toJson(zone)));
  }

  private void edit(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      UUID entryId = Responses.uuidParam(ctx, "entryId", "rundown.entry_not_found");
      JsonObject body = RequestBodies.jsonObject(ctx);
      JsonFields f = JsonFields.of(body);
      String text = f.optional("text", "nội dung câu hỏi", 2000);
      if (body.containsKey("text") && text == null) {
        throw ApiError.invalid("text", "required", "Nội dung câu hỏi không được để trống.");
      }
      Integer minutes = f.integer("minutes", "thời lượng (phút)", 0, 600);
      boolean clear = body.containsKey("responderId") && body.getValue("responderId") == null;
      UUID responder = clear || !body.containsKey("responderId") ? null
          : uuid(body.getValue("responderId"), "responderId", "Mã người trả lời không hợp lệ.");
      if (text == null && minutes == null && responder == null && !clear) {
        throw ApiError.invalid("text", "required", "Không có gì để sửa (text, responderId, minutes).");
      }
      return service.edit(episodeId, entryId, new RundownStore.Edit(text, responder, clear, minutes), editor,
          Responses.clientAddress(ctx));
    }).map(r -> r.toJson(zone)));
  }

  private void remove(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor ->
        service.remove(episode(ctx), Responses.uuidParam(ctx, "entryId", "rundown.entry_not_found"), editor,
            Responses.clientAddress(ctx))).map(r -> r.toJson(zone)));
  }

  /**
   * Who signs the run-down: signerAuthority (TM./KT./TL./TUQ./Q. …, empty for the head), signerTitle, signerName;
   * and the script's parts: purpose, recordingAt and broadcastAt (ISO-8601; empty for the episode's start),
   * segments ([{title, minutes}]), duties (the coordination duties, one a line).
   */
  private void sign(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      JsonObject body = RequestBodies.jsonObject(ctx);
      JsonFields f = JsonFields.of(body);
      String authority = Signature.authority("signerAuthority", body.containsKey("signerAuthority")
          ? Objects.requireNonNullElse(f.optional("signerAuthority", "thẩm quyền ký", 200), "") : null);
      String title = emptyWhenSent(body, "signerTitle", f.optional("signerTitle", "chức vụ người ký", 200));
      String name = emptyWhenSent(body, "signerName", f.optional("signerName", "người ký", 200));
      RundownStore.Details details = new RundownStore.Details(
          emptyWhenSent(body, "purpose", f.optional("purpose", "mục đích", 2000)),
          time(body, "recordingAt"), sentEmpty(body, "recordingAt"),
          time(body, "broadcastAt"), sentEmpty(body, "broadcastAt"),
          segments(body), body.containsKey("duties") ? f.texts("duties", "nhiệm vụ phối hợp", 30, 500) : null);
      if (authority == null && title == null && name == null && details.none()) {
        throw ApiError.invalid("signerName", "required", "Không có gì để sửa (signerAuthority, signerTitle, "
            + "signerName, purpose, recordingAt, broadcastAt, segments, duties).");
      }
      return service.sign(episodeId, new Signature(authority, title, name), details, editor,
          Responses.clientAddress(ctx));
    }).map(r -> r.toJson(zone)));
  }

  private void document(RoutingContext ctx, String format) {
    Download.send(ctx, auth.require(ctx.request(), Role.EDITOR)
        .compose(editor -> service.document(episode(ctx), format, editor, Responses.clientAddress(ctx))));
  }

  private OffsetDateTime time(JsonObject body, String field) {
    Object raw = body.getValue(field);
    if (raw != null && !(raw instanceof String)) {
      throw ApiError.invalid(field, "invalid", "Thời điểm (" + field + ") phải theo ISO-8601.");
    }
    return RequestValues.dateTime(field, (String) raw, zone, RequestValues.DateAs.REFUSED);
  }

  private static boolean sentEmpty(JsonObject body, String field) {
    return body.containsKey(field) && (body.getValue(field) == null || "".equals(body.getValue(field)));
  }

  /** The show's parts in order, each a title and its minutes; null when not sent. */
  private static List<Rundown.Segment> segments(JsonObject body) {
    if (!body.containsKey("segments")) {
      return null;
    }
    if (!(body.getValue("segments") instanceof JsonArray arr) || arr.size() > 30) {
      throw ApiError.invalid("segments", "invalid", "Các phần của chương trình: tối đa 30 phần, mỗi phần "
          + "{title, minutes}.");
    }
    List<Rundown.Segment> out = new ArrayList<>();
    for (Object o : arr) {
      if (!(o instanceof JsonObject s) || !(s.getValue("title") instanceof String t) || t.isBlank()
          || t.length() > 300 || !(s.getValue("minutes") instanceof Integer m) || m < 0 || m > 600) {
        throw ApiError.invalid("segments", "invalid", "Mỗi phần của chương trình cần tên (tối đa 300 ký tự) và "
            + "số phút (0–600).");
      }
      out.add(new Rundown.Segment(t.strip(), m));
    }
    return out;
  }

  /** A text field sent empty clears it; absent, it stays. */
  private static String emptyWhenSent(JsonObject body, String field, String value) {
    return value == null && body.containsKey(field) ? "" : value;
  }

  private void send(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(editor -> service.send(episode(ctx), editor, Responses.clientAddress(ctx))));
  }

  private static UUID episode(RoutingContext ctx) {
    return Responses.uuidParam(ctx, "episodeId", "episode.not_found");
  }

  private static UUID uuid(Object raw, String field, String message) {
    try {
      return UUID.fromString((String) raw);
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      throw ApiError.invalid(field, "invalid", message);
    }
  }
}
