package vn.danhoi.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.Download;

import vn.danhoi.document.DocumentDocx;
import vn.danhoi.document.DocumentPdf;
import vn.danhoi.document.OfficialDocument;
import vn.danhoi.document.Signature;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Reports per episode or period: the figures as JSON, the charts as SVG, the data sheet as XLSX, the "Báo cáo"
 * as PDF and DOCX.
 */
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
          "Biểu đồ phải là channel, field, locality, province, agency hoặc timeliness."));
    }
    return report(scope, 0).map(r -> ReportChart.svg(r, by, english));
  }

  /** The data sheet, every row. */
  public Future<Download> sheet(ReportScope scope, String actor, String address) {
    return report(scope, XLSX_LISTED)
        .compose(r -> vertx.executeBlocking(() -> new Download("bao-cao-" + scope.fileTag() + ".xlsx", Download.XLSX,
            ReportXlsx.write(r, zone))))
        .compose(f -> store.exported(scope, "xlsx", actor, address).map(f));
  }

  /**
   * The "Báo cáo" as PDF or DOCX, numbered: each one issued takes the issuer's next BC number of the year, in
   * the transaction that logs it, so a document that fails to render gives its number back.
   */
  public Future<Download> document(ReportScope scope, String format, Signature signature, String actor,
                                   String address) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    return report(scope, ReportDocument.LISTED).compose(r -> store.issued(r.issued().issuer(), today.getYear(),
        number -> vertx.executeBlocking(() -> {
          OfficialDocument d = ReportDocument.of(r, number, today, signed(signature, r), zone);
          String name = "bao-cao-" + scope.fileTag() + "-so-" + number + "." + format;
          return "docx".equals(format) ? new Download(name, Download.DOCX, DocumentDocx.write(d))
              : new Download(name, Download.PDF, DocumentPdf.write(d));
        }), scope, format, actor, address));
  }

  /** Signed on behalf of the issuing body unless the editor named another authority. */
  private static Signature signed(Signature s, Report r) {
    return new Signature(s.authority() == null ? r.issued().issuer().onBehalf() : s.authority(),
        s.title() == null ? "" : s.title(), s.name() == null ? "" : s.name());
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
