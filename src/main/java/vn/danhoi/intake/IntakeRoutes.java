package vn.danhoi.intake;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.audit.AuditLog;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.RateLimiter;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The intake channels: the public web form, the SMS gateway's webhook, the hotline console, and the e-mail
 * mailbox, polled on a timer and checked on an editor's demand.
 */
public final class IntakeRoutes implements HttpRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeRoutes.class);

  public static final int TEXT_MAX = 2000;
  public static final int NAME_MAX = 120;
  public static final int LOCALITY_MAX = 200;
  public static final int NOTES_MAX = 1000;

  /** The lengths the forms enforce as the server does (GET /api/console/settings gives them to the pages). */
  public static final java.util.Map<String, Integer> LIMITS = java.util.Map.of(
      "text", TEXT_MAX, "name", NAME_MAX, "locality", LOCALITY_MAX, "notes", NOTES_MAX);
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7e]{1,200}$");

  private final IntakeService service;
  private final SubmissionStore store;
  private final StaffAuth auth;
  private final RateLimiter limiter;
  private final SmsSignature smsSignature;
  private final MailPoller mail;
  private final AuditLog audit;
  private final ZoneId zone;

  public IntakeRoutes(IntakeService service, SubmissionStore store, StaffAuth auth, RateLimiter limiter,
                      SmsSignature smsSignature, MailPoller mail, AuditLog audit, ZoneId zone) {
    this.service = service;
    this.store = store;
    this.auth = auth;
    this.limiter = limiter;
    this.smsSignature = smsSignature;
    this.mail = mail;
    this.audit = audit;
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/episodes/:episodeId/questions").handler(this::question);
    router.post("/api/intake/sms").handler(this::sms);
    router.get("/api/intake/unrouted").handler(this::unrouted);
    router.post("/api/episodes/:episodeId/calls").handler(this::call);
    router.get("/api/episodes/:episodeId/calls").handler(this::recentCalls);
    router.post("/api/intake/email/poll").handler(this::pollMail);
  }

  private void question(RoutingContext ctx) {
    String address = Responses.clientAddress(ctx);
    Responses.send(ctx, 202, limiter.take("questions", address).compose(v -> {
      UUID episodeId = Responses.uuidParam(ctx, "episodeId", "episode.not_found");
      JsonObject body = RequestBodies.jsonObject(ctx);
      String key = idempotencyKey(ctx);
      JsonFields f = JsonFields.of(body);
      String name = f.required("name", "họ và tên", NAME_MAX);
      String locality = f.required("locality", "địa phương", LOCALITY_MAX);
      String phone = f.phone("phone", "số điện thoại");
      String email = f.email("email", "địa chỉ email");
      String text = f.required("text", "câu hỏi", TEXT_MAX);
      if (!f.bool("consent", "đồng ý", false)) {
        throw ApiError.invalid("consent", "required",
            "Bạn cần đồng ý cho phép sử dụng thông tin cá nhân để gửi câu hỏi.");
      }
      return service.submitWeb(episodeId, new IntakeService.WebQuestion(name, locality, phone, email, text),
          key, address);
    }).map(r -> r.toJson().put("status", ItemStatus.RECEIVED.wire())));
  }

  private void sms(RoutingContext ctx) {
    Responses.send(ctx, 200, Responses.attempt(() -> {
      Buffer raw = RequestBodies.raw(ctx);
      if (!smsSignature.valid(ctx.request().getHeader("X-Signature-256"), raw)) {
        throw ApiError.unauthorized("sms.bad_signature", "Chữ ký của tin nhắn không hợp lệ.");
      }
      return service.receiveSms(parseSms(ctx, raw), Responses.clientAddress(ctx));
    }).map(IntakeService.SmsReceipt::toJson));
  }

  private IntakeService.SmsMessage parseSms(RoutingContext ctx, Buffer raw) {
    String type = RequestBodies.mediaType(ctx);
    JsonObject json;
    if (type.equals("application/json")) {
      json = RequestBodies.parseObject(RequestBodies.utf8(raw));
    } else if (type.equals("application/x-www-form-urlencoded")) {
      // Form-encoded gateways (Twilio style) name the fields From, To, Body, MessageSid
      Map<String, List<String>> form = new QueryStringDecoder(RequestBodies.utf8(raw), StandardCharsets.UTF_8, false)
          .parameters();
      json = new JsonObject()
          .put("from", first(form, "From"))
          .put("to", first(form, "To"))
          .put("text", first(form, "Body"))
          .put("messageId", first(form, "MessageSid"));
    } else {
      throw new ApiError(415, "body.unsupported_media_type", null,
          "Định dạng dữ liệu không được hỗ trợ; hãy gửi JSON hoặc form-urlencoded.", null);
    }
    JsonFields f = JsonFields.of(json);
    String from = f.required("from", "số gửi", 32);
    String to = JsonFields.normalisePhone(f.required("to", "số nhận", 32));
    String text = f.required("text", "nội dung tin nhắn", TEXT_MAX);
    String messageId = f.required("messageId", "mã tin nhắn", 128);
    OffsetDateTime sentAt = RequestValues.dateTime("receivedAt", f.optional("receivedAt", "thời điểm nhận", 64), zone,
        RequestValues.DateAs.REFUSED);
    return new IntakeService.SmsMessage(JsonFields.normalisePhone(from), to, text, messageId, sentAt);
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private void unrouted(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(staff -> store.unrouted(200).compose(items -> audit.contactsViewed(staff, "intake.unrouted", null,
            items.size(), Responses.clientAddress(ctx)).map(items)))
        .map(items -> new JsonObject().put("items", Submission.toModeratorJson(items, zone))));
  }

  private void call(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.OPERATOR).compose(operator -> {
      UUID episodeId = Responses.uuidParam(ctx, "episodeId", "episode.not_found");
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      IntakeService.HotlineCall call = new IntakeService.HotlineCall(
          f.required("callerName", "tên người gọi", NAME_MAX),
          requiredPhone(f, "callerPhone", "số điện thoại người gọi"),
          f.required("locality", "địa phương", LOCALITY_MAX),
          f.optional("field", "lĩnh vực", 100),
          f.required("text", "câu hỏi", TEXT_MAX),
          f.bool("readyForAir", "sẵn sàng lên sóng", false),
          f.phone("callbackPhone", "số gọi lại"),
          f.optional("notes", "ghi chú", NOTES_MAX));
      return service.logCall(episodeId, call, operator, idempotencyKey(ctx), Responses.clientAddress(ctx));
    }).map(IntakeService.Receipt::toJson));
  }

  /** An optional Idempotency-Key: a client retrying after a network error sends the same one. */
  private static String idempotencyKey(RoutingContext ctx) {
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
      throw ApiError.badRequest("idempotencyKey.invalid", "Idempotency-Key",
          "Idempotency-Key phải gồm 1–200 ký tự ASCII in được.");
    }
    return key;
  }

  private void recentCalls(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.OPERATOR).compose(operator -> {
      UUID episodeId = Responses.uuidParam(ctx, "episodeId", "episode.not_found");
      int limit = RequestValues.capped("limit", RequestValues.query(ctx, "limit"), 10, 100);
      return service.existingEpisode(episodeId)
          .compose(e -> store.recentCalls(episodeId, operator.actor(), limit))
          .compose(items -> audit.contactsViewed(operator, "hotline.calls", episodeId, items.size(),
              Responses.clientAddress(ctx)).map(items));
    }).map(items -> new JsonObject().put("items", Submission.toModeratorJson(items, zone))));
  }

  private static String requiredPhone(JsonFields f, String field, String label) {
    String v = f.phone(field, label);
    if (v == null) {
      throw ApiError.invalid(field, "required", "Vui lòng nhập " + label + ".");
    }
    return v;
  }

  private void pollMail(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      if (!mail.enabled()) {
        throw ApiError.conflict("mail.not_configured", "Chưa cấu hình hộp thư nhận câu hỏi (mail.imap.host).");
      }
      return mail.poll().map(MailPoller.Result::toJson).recover(e -> {
        LOG.warn("E-mail poll failed: {}", e.toString());
        return Future.failedFuture(new ApiError(502, "mail.unavailable", null,
            "Không kết nối được hộp thư nhận câu hỏi; thư sẽ được lấy ở lần sau.", null));
      });
    }));
  }
}
