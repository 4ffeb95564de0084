package vn.danhoi.conclusion;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Times;
import vn.danhoi.rundown.Rundown;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** An episode's conclusion notice (thông báo kết luận) and its items, followed up until closed. */
public record Conclusion(Header header, List<Item> items) {

  /** The notice and what the document's heading needs from its episode and program. */
  public record Header(UUID episodeId, int number, String status, String title, String body, List<String> recipients,
                       String signerName, String signerTitle, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                       OffsetDateTime issuedAt, String episodeTitle, String topic, OffsetDateTime startsAt,
                       String programName, String issuingBody, String place, String chair) {
  }

  public record Item(UUID id, int position, String text, String ownerAgency, OffsetDateTime dueAt, String status,
                     String progress, OffsetDateTime closedAt, OffsetDateTime updatedAt) {

    public boolean open() {
      return "open".equals(status) || "in_progress".equals(status);
    }

    public boolean overdue(Instant now) {
      return open() && dueAt != null && dueAt.toInstant().isBefore(now);
    }

    public JsonObject toJson(ZoneId zone, Instant now) {
      return new JsonObject().put("id", id.toString()).put("position", position).put("text", text)
          .put("ownerAgency", ownerAgency).put("dueDate", Times.day(dueAt, zone)).put("status", status)
          .put("progress", progress).put("overdue", overdue(now)).put("closedAt", Times.format(closedAt, zone))
          .put("updatedAt", Times.format(updatedAt, zone));
    }
  }

  /** Who issues it: the program's issuing body, by default the council's standing committee. */
  public String issuingBody() {
    return issuer(header.issuingBody());
  }

  static String issuer(String issuingBody) {
    return issuingBody == null || issuingBody.isBlank() ? "Thường trực Hội đồng nhân dân" : issuingBody;
  }

  /** "12/TB-TTHĐND": the number in the year, then the initials of the issuing body (as the run-down's). */
  public String documentNumber() {
    return number(header.number(), header.issuingBody());
  }

  static String number(int number, String issuingBody) {
    return number + "/TB-" + Rundown.initials(issuer(issuingBody));
  }

  /** The date the document carries: when it was issued, else today. */
  public LocalDate date(ZoneId zone, Instant now) {
    return (header.issuedAt() == null ? now : header.issuedAt().toInstant()).atZone(zone).toLocalDate();
  }

  public JsonObject toJson(ZoneId zone, Instant now) {
    JsonArray items = new JsonArray();
    this.items.forEach(i -> items.add(i.toJson(zone, now)));
    Header h = header;
    return new JsonObject().put("episodeId", h.episodeId().toString()).put("number", h.number())
        .put("documentNumber", "Số: " + documentNumber()).put("issuingBody", issuingBody())
        .put("place", h.place()).put("status", h.status()).put("title", h.title()).put("body", h.body())
        .put("recipients", new JsonArray(h.recipients())).put("signerName", h.signerName())
        .put("signerTitle", h.signerTitle()).put("episodeTitle", h.episodeTitle())
        .put("createdAt", Times.format(h.createdAt(), zone)).put("updatedAt", Times.format(h.updatedAt(), zone))
        .put("items", items)
        .put("overdueCount", this.items.stream().filter(i -> i.overdue(now)).count());
  }
}
