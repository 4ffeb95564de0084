package vn.danhoi.track;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RateLimiter;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.intake.ReceiptCode;

/**
 * The public lookup: a code and the asker's contact in a POST body (never in a URL, where logs and histories
 * keep it). Two limits stand against guessing: each address may try a few times a minute, and each code a few
 * times in a row and then once a minute, whoever tries it.
 */
public final class TrackRoutes implements HttpRoutes {

  private final TrackService service;
  private final RateLimiter perAddress;
  private final RateLimiter perCode;

  public TrackRoutes(TrackService service, RateLimiter perAddress, RateLimiter perCode) {
    this.service = service;
    this.perAddress = perAddress;
    this.perCode = perCode;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/track").handler(this::follow);
  }

  private void follow(RoutingContext ctx) {
    Responses.send(ctx, 200, perAddress.take("track", Responses.clientAddress(ctx)).compose(v -> {
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String typed = f.optional("code", "mã số", 40);
      String contact = f.optional("contact", "số điện thoại hoặc thư điện tử", 254);
      String code = ReceiptCode.parse(typed);
      return perCode.take("track-code", code == null ? "-" : code).compose(x -> service.follow(typed, contact));
    }));
  }
}
