package vn.danhoi.report;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.Download;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.Responses;

/**
 * Reports for the editors, the council office and the admins (the office reports quarterly): the figures, one chart per
 * breakdown, and the XLSX and PDF exports. Scope: {@code ?period=2026-11|2026-Q4|2026} or {@code ?episode=id}.
 */
public final class ReportRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final ReportService service;

  public ReportRoutes(StaffAuth auth, ReportService service) {
    this.auth = auth;
    this.service = service;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/reports").handler(this::figures);
    router.get("/api/reports/chart.svg").handler(this::chart);
    router.get("/api/reports.xlsx").handler(ctx -> export(ctx, "xlsx"));
    router.get("/api/reports.pdf").handler(ctx -> export(ctx, "pdf"));
  }

  private void figures(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(s -> service.figures(scope(ctx))));
  }

  private void chart(RoutingContext ctx) {
    auth.require(ctx.request(), Role.EDITOR)
        .compose(s -> service.chart(scope(ctx), RequestValues.query(ctx, "by"),
            "en".equals(RequestValues.query(ctx, "lang"))))
        .onSuccess(svg -> ctx.response().putHeader("Content-Type", "image/svg+xml; charset=utf-8")
            .putHeader("Cache-Control", "no-store").end(svg))
        .onFailure(ctx::fail);
  }

  private void export(RoutingContext ctx, String format) {
    Download.send(ctx, auth.require(ctx.request(), Role.EDITOR)
        .compose(s -> service.export(scope(ctx), format, s.actor(), Responses.clientAddress(ctx))));
  }

  private static ReportScope scope(RoutingContext ctx) {
    return ReportScope.parse(RequestValues.query(ctx, "episode"), RequestValues.query(ctx, "period"));
  }
}
