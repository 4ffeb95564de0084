package vn.danhoi.message;

import io.vertx.core.Future;
import vn.danhoi.sms.SmsText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.VietnameseText;
import vn.danhoi.infra.Times;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The council office's wording of the messages danhoi sends (admin only): the list with each template's
 * variables, default and current text; an edit, checked before it is stored; a reset to the default; and a
 * preview filled with sample values. Every change is audited and used by the next message sent.
 */
public final class MessageRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final MessageTemplates templates;
  private final ZoneId zone;

  public MessageRoutes(StaffAuth auth, MessageTemplates templates, ZoneId zone) {
    this.auth = auth;
    this.templates = templates;
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/admin/messages").handler(this::list);
    router.get("/api/admin/messages/:key").handler(this::one);
    router.put("/api/admin/messages/:key").handler(this::save);
    router.delete("/api/admin/messages/:key").handler(this::reset);
    router.post("/api/admin/messages/:key/preview").handler(this::preview);
  }

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).map(admin -> {
      JsonArray items = new JsonArray();
      templates.templates().forEach(t -> items.add(json(t)));
      return new JsonObject().put("items", items);
    }));
  }

  private void one(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).map(admin -> json(existing(ctx))));
  }

  private void save(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      MessageTemplate t = existing(ctx);
      JsonObject in = RequestBodies.jsonObject(ctx);
      String subject = text(in, "subject");
      String body = text(in, "body");
      TemplateText.check(t, subject, body);
      return templates.store().save(t.key(), subject, body, currentJson(t), admin.actor(),
          Responses.clientAddress(ctx)).compose(v -> reloaded(t));
    }));
  }

  private void reset(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      MessageTemplate t = existing(ctx);
      return templates.store().reset(t.key(), currentJson(t), admin.actor(), Responses.clientAddress(ctx))
          .compose(v -> reloaded(t));
    }));
  }

  /** The wording given (or the current one) filled with the template's sample values; nothing is stored. */
  private void preview(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).map(admin -> {
      MessageTemplate t = existing(ctx);
      JsonObject in = RequestBodies.raw(ctx).length() == 0 ? new JsonObject() : RequestBodies.jsonObject(ctx);
      MessageTemplates.Message current = templates.current(t);
      String subject = in.containsKey("subject") ? text(in, "subject") : current.subject();
      String body = in.containsKey("body") ? text(in, "body") : current.body();
      TemplateText.check(t, subject, body);
      Map<String, String> samples = new LinkedHashMap<>();
      // a variable without a sample shows what it holds, so the office sees where it lands
      t.variables().forEach((name, what) -> samples.put(name, t.samples().getOrDefault(name, "[" + what + "]")));
      MessageTemplates.Message m = MessageTemplates.fill(new MessageTemplates.Message(subject, body), samples);
      JsonObject shown = new JsonObject().put("subject", m.subject()).put("body", m.body());
      if ("sms".equals(t.channel())) {
        // what the phone receives when the provider sends without marks, and how many parts it is billed as
        String folded = SmsText.fold(m.body().strip());
        SmsText.Parts parts = SmsText.count(folded);
        shown.put("sms", new JsonObject().put("text", folded).put("encoding", parts.encoding().name())
            .put("units", parts.units()).put("segments", parts.segments()));
      }
      return shown;
    }));
  }

  private Future<JsonObject> reloaded(MessageTemplate t) {
    return templates.reload().recover(e -> Future.succeededFuture()).map(v -> json(t));
  }

  private MessageTemplate existing(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    return templates.templates().stream().filter(t -> t.key().equals(key)).findFirst()
        .orElseThrow(() -> ApiError.notFound("message.not_found", "Không có mẫu thư này."));
  }

  private static String text(JsonObject in, String field) {
    Object raw = in.getValue(field);
    if (raw != null && !(raw instanceof String)) {
      throw ApiError.invalid(field, "invalid", "Trường này phải là văn bản.");
    }
    String clean = VietnameseText.clean((String) raw);
    if (raw != null && clean == null) {
      throw ApiError.invalid(field, "invalid", "Văn bản có ký tự không hợp lệ.");
    }
    return clean;
  }

  private JsonObject currentJson(MessageTemplate t) {
    MessageTemplates.Message m = templates.current(t);
    return new JsonObject().put("subject", m.subject()).put("body", m.body());
  }

  private JsonObject json(MessageTemplate t) {
    JsonArray variables = new JsonArray();
    t.variables().forEach((name, what) -> variables.add(new JsonObject().put("name", name).put("description", what)
        .put("required", t.required().contains(name))));
    MessageTemplateStore.Edited e = templates.edited(t.key());
    return new JsonObject().put("key", t.key()).put("title", t.title()).put("audience", t.audience())
        .put("channel", t.channel()).put("variables", variables)
        .put("default", new JsonObject().put("subject", t.subject()).put("body", t.body()))
        .put("current", currentJson(t))
        .put("edited", e != null)
        .put("updatedAt", e == null ? null : Times.format(e.updatedAt(), zone))
        .put("updatedBy", e == null ? null : e.updatedBy());
  }
}
