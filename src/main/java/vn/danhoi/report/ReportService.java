package vn.danhoi.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.Download;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Reports per episode or period: the figures as JSON, the charts as SVG, the exports as XLSX and PDF. */
public final class ReportService {

  /** The page lists the first questions; the downloads carry the rest. */
  static final int PAGE_LISTED = 500;
  static final int XLSX_LISTED = 100_000;

  private final Vertx vertx;
  private final ReportStore store;
  private final ZoneId zone;
  private final Clock clock;

  public ReportService(Vertx vertx, ReportStore store, ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * The figures with every chart drawn in both languages: the page shows them as images from this one answer
   * instead of asking for five more reports.
   */
  public Future<JsonObject> figures(ReportScope scope) {
    return report(scope, PAGE_LISTED).map(r -> {
      JsonObject charts = new JsonObject();
      for (String lang : new String[] {"vi", "en"}) {
        JsonObject drawn = new JsonObject();
        for (String by : ReportChart.KINDS) {
          drawn.put(by, ReportChart.svg(r, by, "en".equals(lang)));
        }
        charts.put(lang, drawn);
      }
      return r.toJson(zone).put("charts", charts);
    });
  }

  /** One chart; a "by" that names none is refused before the report is counted. */
  public Future<String> chart(ReportScope scope, String by, boolean english) {
    if (!ReportChart.KINDS.contains(by)) {
      return Future.failedFuture(ApiError.invalid("by", "invalid",
          "Biểu đồ phải là channel, field, locality, agency hoặc timeliness."));
    }
    return report(scope, 0).map(r -> ReportChart.svg(r, by, english));
  }

  public Future<Download> export(ReportScope scope, String format, String actor, String address) {
    boolean pdf = "pdf".equals(format);
    return report(scope, pdf ? ReportPdf.LISTED : XLSX_LISTED)
        .compose(r -> vertx.executeBlocking(() -> pdf
            ? new Download("bao-cao-" + scope.fileTag() + ".pdf", Download.PDF, ReportPdf.write(r, zone))
            : new Download("bao-cao-" + scope.fileTag() + ".xlsx", Download.XLSX, ReportXlsx.write(r, zone))))
        .compose(f -> store.exported(scope, format, actor, address).map(f));
  }

  private Future<Report> report(ReportScope scope, int listed) {
    return store.report(scope, zone, OffsetDateTime.now(clock), listed).map(r -> {
      if (r == null) {
        throw ApiError.notFound("episode.not_found", "Không tìm thấy chương trình.");
      }
      return r;
    });
  }
}
