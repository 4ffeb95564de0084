package vn.danhoi.report;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.document.Signature;
import vn.danhoi.infra.Download;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.Responses;

/**
 * Reports for the editors, the council office and the admins (the office reports quarterly): the figures, one chart per
 * breakdown, the XLSX data sheet and the "Báo cáo" as PDF and DOCX. Scope: {@code ?period=2026-11|2026-Q4|2026}
 * (with {@code &program=id}, one program's) or {@code ?episode=id}.
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
    router.get("/api/reports.xlsx").handler(this::sheet);
    router.get("/api/reports.pdf").handler(ctx -> document(ctx, "pdf"));
    router.get("/api/reports.docx").handler(ctx -> document(ctx, "docx"));
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

  private void sheet(RoutingContext ctx) {
    Download.send(ctx, auth.require(ctx.request(), Role.EDITOR)
        .compose(s -> service.sheet(scope(ctx), s.actor(), Responses.clientAddress(ctx))));
  }

  /**
   * The "Báo cáo", signed as asked: signerAuthority (TM./KT./TL./TUQ./Q. …, empty for the head; the issuing
   * body's "TM." when absent), signerTitle, signerName.
   */
  private void document(RoutingContext ctx, String format) {
    Download.send(ctx, auth.require(ctx.request(), Role.EDITOR).compose(s -> {
      Signature signature = new Signature(
          Signature.authority("signerAuthority", RequestValues.query(ctx, "signerAuthority")),
          RequestValues.query(ctx, "signerTitle"), RequestValues.query(ctx, "signerName"));
      return service.document(scope(ctx), format, signature, s.actor(), Responses.clientAddress(ctx));
    }));
  }

  private static ReportScope scope(RoutingContext ctx) {
    return ReportScope.parse(RequestValues.query(ctx, "episode"), RequestValues.query(ctx, "period"),
        RequestValues.query(ctx, "program"));
  }
}
