package vn.danhoi.notice;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.Times;
import vn.danhoi.intake.ReceiptCode;
import vn.danhoi.privacy.ContactRedaction;
import vn.danhoi.sms.DeliveryReport;
import vn.danhoi.sms.ReportRequest;
import vn.danhoi.sms.SmsProvider;

import java.time.ZoneId;
import java.util.List;

/**
 * The providers' delivery reports (a signed webhook per provider), and the editors' view of what citizens were
 * sent and what became of it: the recipient masked, the status, the provider's word on it.
 */
public final class NoticeRoutes implements vn.danhoi.infra.HttpRoutes {

  private static final List<String> STATUSES = List.of("queued", "sending", "sent", "unconfirmed", "delivered",
      "undelivered", "failed", "limited", "cancelled");

  private final StaffAuth auth;
  private final NoticeQueue queue;
  private final SmsProvider provider;
  private final String publicUrl;
  private final ZoneId zone;

  public NoticeRoutes(StaffAuth auth, NoticeQueue queue, SmsProvider provider, String publicUrl,
                      ZoneId zone) {
    this.auth = auth;
    this.queue = queue;
    this.provider = provider;
    this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/sms/status/:provider").handler(this::report);
    router.get("/api/notices").handler(this::list);
  }

  private void report(RoutingContext ctx) {
    Responses.send(ctx, 200, Responses.attempt(() -> {
      if (!provider.name().equals(ctx.pathParam("provider"))) {
        throw ApiError.notFound("sms.provider_unknown", "Không có nhà cung cấp tin nhắn này.");
      }
      DeliveryReport r;
      try {
        r = provider.report(new ReportRequest(calledUrl(ctx), ctx.request().headers(), RequestBodies.raw(ctx),
            RequestBodies.mediaType(ctx)));
      } catch (SmsProvider.BadSignature e) {
        throw ApiError.unauthorized("sms.bad_signature", "Chữ ký của báo cáo gửi tin không hợp lệ.");
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("sms.report_invalid", "body", "Báo cáo gửi tin không đúng định dạng.");
      }
      // an unknown message is still answered 200: the provider would otherwise repeat it for days
      return queue.report(provider.name(), r)
          .map(matched -> new JsonObject().put("matched", matched));
    }));
  }

  /** The URL as the provider called it, which is what Twilio signs: the public address, path and query. */
  private String calledUrl(RoutingContext ctx) {
    return publicUrl.isEmpty() ? ctx.request().absoluteURI() : publicUrl + ctx.request().uri();
  }

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      String status = RequestValues.query(ctx, "status");
      if (status != null) {
        RequestValues.oneOf("status", status, STATUSES, "Trạng thái không hợp lệ.");
      }
      String channel = RequestValues.query(ctx, "channel");
      if (channel != null) {
        RequestValues.oneOf("channel", channel, List.of("sms", "email", "log"), "Kênh không hợp lệ.");
      }
      int limit = RequestValues.capped("limit", RequestValues.query(ctx, "limit"), 100, 500);
      return queue.recent(status, channel, limit).compose(items -> queue.counts(null, null).map(counts -> {
        JsonArray out = new JsonArray();
        items.forEach(n -> out.add(json(n)));
        return new JsonObject().put("items", out).put("counts", counts);
      }));
    }));
  }

  private JsonObject json(NoticeQueue.Listed n) {
    return new JsonObject().put("id", n.id().toString()).put("kind", n.kind()).put("channel", n.channel())
        .put("recipient", "sms".equals(n.channel()) ? ContactRedaction.maskPhone(n.recipient())
            : ContactRedaction.maskEmail(n.recipient()))
        .put("status", n.status()).put("provider", n.provider()).put("attempts", n.attempts())
        .put("segments", n.segments()).put("encoding", n.encoding()).put("error", n.error())
        .put("reportCode", n.reportCode()).put("createdAt", Times.format(n.createdAt(), zone))
        .put("sentAt", Times.format(n.sentAt(), zone)).put("reportedAt", Times.format(n.reportedAt(), zone))
        .put("receipt", ReceiptCode.format(n.receiptCode()))
        .put("length", n.length());
  }
}
