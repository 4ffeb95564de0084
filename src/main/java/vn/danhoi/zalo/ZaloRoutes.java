package vn.danhoi.zalo;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.intake.IntakeService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The Zalo Official Account's webhook, {@code POST /api/intake/zalo}: events signed by Zalo only, a citizen's
 * message stored once per Zalo message id (Zalo delivers again when not answered in time), routed like an SMS.
 */
public final class ZaloRoutes implements HttpRoutes {

  /**
   * How far an event's timestamp may be from now: Zalo delivers within seconds and retries within minutes; an
   * older signed body is a replay.
   */
  static final Duration REPLAY_WINDOW = Duration.ofMinutes(10);

  private final IntakeService intake;
  private final ZaloSignature signature;
  private final ZaloStatus status;
  private final StaffAuth auth;
  private final Clock clock;

  public ZaloRoutes(IntakeService intake, ZaloSignature signature, ZaloStatus status, StaffAuth auth, Clock clock) {
    this.intake = intake;
    this.signature = signature;
    this.status = status;
    this.auth = auth;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/intake/zalo").handler(this::event);
    router.get("/api/admin/zalo/status").handler(this::status);
  }

  /** The channel's state for admins (no credential in it: see ZaloStatus). */
  private void status(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> status.read()));
  }

  private void event(RoutingContext ctx) {
    Responses.send(ctx, 200, Responses.attempt(() -> {
      Buffer raw = RequestBodies.raw(ctx);
      // the timestamp the signature covers is inside the body: it is read first, trusted only once signed
      JsonObject json = RequestBodies.parseObject(RequestBodies.utf8(raw));
      String timestamp = ZaloEvent.timestamp(json);
      if (!signature.valid(ctx.request().getHeader("X-ZEvent-Signature"), raw, timestamp)) {
        throw ApiError.unauthorized("zalo.bad_signature", "Chữ ký của sự kiện Zalo không hợp lệ.");
      }
      Instant sentAt = fresh(timestamp);
      ZaloEvent event = ZaloEvent.read(json);
      if (!event.question()) {
        return Future.succeededFuture(new JsonObject().put("event", event.name()).put("kind", "ignored"));
      }
      return intake.receiveZalo(new IntakeService.ZaloMessage(event.userId(), event.messageId(), event.text(),
              event.attachmentNote(), OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC)), Responses.clientAddress(ctx))
          .map(r -> r.toJson().put("event", event.name()));
    }));
  }

  /** The event's time, refused when outside the replay window either way (a clock far ahead is no better). */
  private Instant fresh(String timestamp) {
    long millis;
    try {
      millis = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("zalo.bad_timestamp", "timestamp", "Thời điểm của sự kiện Zalo không hợp lệ.");
    }
    Instant at = Instant.ofEpochMilli(millis);
    if (Duration.between(at, clock.instant()).abs().compareTo(REPLAY_WINDOW) > 0) {
      throw ApiError.badRequest("zalo.stale_event", "timestamp",
          "Sự kiện Zalo đã quá " + REPLAY_WINDOW.toMinutes() + " phút; không nhận lại.");
    }
    return at;
  }
}
