package vn.danhoi.audit;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.Download;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.Responses;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The audit log for the council office: filtered in JSON, or exported as CSV (UTF-8 with BOM for Excel). */
public final class AuditRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final AuditLog log;
  private final ZoneId zone;

  public AuditRoutes(StaffAuth auth, AuditLog log, ZoneId zone) {
    this.auth = auth;
    this.log = log;
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/audit").handler(this::json);
    router.get("/api/audit.csv").handler(this::csv);
  }

  private void json(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN)
        .compose(admin -> log.search(filter(ctx, 500)))
        .map(items -> new JsonObject().put("items", items)));
  }

  private void csv(RoutingContext ctx) {
    Download.send(ctx, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      StringBuilder out = new StringBuilder("\uFEFF");
      CSVPrinter printer = printer(out);
      return log.each(filter(ctx, 100_000), e -> record(printer, e))
          .map(v -> new Download("nhat-ky-danhoi.csv", Download.CSV, out.toString().getBytes(StandardCharsets.UTF_8)));
    }));
  }

  private static CSVPrinter printer(StringBuilder out) {
    try {
      return CSVFormat.DEFAULT.builder()
          .setHeader("id", "at", "actor", "action", "entity_type", "entity_id", "episode_id", "address", "before",
              "after")
          .get()
          .print(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void record(CSVPrinter printer, JsonObject e) {
    try {
      printer.printRecord(e.getLong("id"), e.getString("at"), cell(e.getString("actor")),
          cell(e.getString("action")), cell(e.getString("entityType")), cell(e.getString("entityId")),
          e.getString("episodeId"), cell(e.getString("address")),
          e.getValue("before") == null ? "" : cell(String.valueOf(e.getValue("before"))),
          e.getValue("after") == null ? "" : cell(String.valueOf(e.getValue("after"))));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Spreadsheets run a cell starting with = + - @ as a formula; a leading apostrophe keeps it text. */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char c = value.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
  }

  private AuditLog.Filter filter(RoutingContext ctx, int max) {
    int limit = RequestValues.capped("limit", RequestValues.query(ctx, "limit"), max, max);
    return new AuditLog.Filter(RequestValues.query(ctx, "actor"), RequestValues.query(ctx, "action"),
        RequestValues.query(ctx, "entity"),
        date(ctx, "from"), date(ctx, "to"), limit);
  }

  /** A date (the day's start, local time) or a full ISO-8601 instant. */
  private OffsetDateTime date(RoutingContext ctx, String name) {
    return RequestValues.dateTime(name, RequestValues.query(ctx, name), zone, RequestValues.DateAs.START_OF_DAY);
  }
}
