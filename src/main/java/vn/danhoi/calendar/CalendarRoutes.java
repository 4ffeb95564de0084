package vn.danhoi.calendar;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.Responses;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The working-day calendar for the staff pages: each day of a range, working or not, and why. */
public final class CalendarRoutes implements HttpRoutes {

  static final int MAX_DAYS = 400;

  private final StaffAuth auth;
  private final WorkingCalendar calendar;

  public CalendarRoutes(StaffAuth auth, WorkingCalendar calendar) {
    this.auth = auth;
    this.calendar = calendar;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/calendar").handler(this::range);
  }

  private void range(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request()).compose(who -> {
      LocalDate from = date(ctx, "from");
      LocalDate to = date(ctx, "to");
      if (to.isBefore(from)) {
        throw ApiError.invalid("to", "invalid", "Ngày kết thúc (to) phải từ ngày bắt đầu (from) trở đi.");
      }
      if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
        throw ApiError.invalid("to", "too_long", "Mỗi lần xem tối đa " + MAX_DAYS + " ngày.");
      }
      JsonArray days = new JsonArray();
      int working = 0;
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        WorkingCalendar.DayInfo info = calendar.describe(d);
        working += info.working() ? 1 : 0;
        days.add(info.toJson());
      }
      return Future.succeededFuture(new JsonObject().put("from", from.toString()).put("to", to.toString())
          .put("workingDays", working).put("days", days));
    }));
  }

  private static LocalDate date(RoutingContext ctx, String name) {
    String raw = RequestValues.query(ctx, name);
    if (raw == null) {
      throw ApiError.invalid(name, "required", "Vui lòng nhập ngày (" + name + ", dạng YYYY-MM-DD).");
    }
    return RequestValues.date(name, raw);
  }
}
