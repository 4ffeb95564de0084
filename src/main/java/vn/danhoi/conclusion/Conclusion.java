package vn.danhoi.conclusion;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.document.DocumentType;
import vn.danhoi.document.Issuer;
import vn.danhoi.document.OfficialDocument;
import vn.danhoi.infra.Times;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** An episode's conclusion notice (thông báo kết luận) and its items, followed up until closed. */
public record Conclusion(Header header, List<Item> items) {

  /** The notice and what the document's heading needs from its episode and program. */
  public record Header(UUID episodeId, int number, String status, String title, String body, List<String> recipients,
                       String signerAuthority, String signerName, String signerTitle, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                       OffsetDateTime issuedAt, String episodeTitle, String topic, OffsetDateTime startsAt,
                       String programName, String issuingBody, String parentBody, String issuerAbbreviation,
                       String place, String chair, String kind) {
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

  /** Who issues it when the program names no issuing body: the council's standing committee. */
  static final String DEFAULT_ISSUER = "Thường trực Hội đồng nhân dân";

  /** Who issues a dialogue's notice when the program names no office: the office of the chairman's body. */
  static final String OFFICE = "Văn phòng";

  /** Who issues it: the program's issuing body, by default the council's standing committee. */
  public Issuer issuer() {
    return issuer(header.kind(), header.parentBody(), header.issuingBody(), header.issuerAbbreviation());
  }

  /**
   * The issuer of an episode's notice. A dialogue's conclusion is the chairman's, conveyed by the office that
   * serves him: the program's body, when it is not an office already, stands above the office in the heading.
   */
  static Issuer issuer(String kind, String parentBody, String issuingBody, String abbreviation) {
    if (ConclusionDraft.DIALOGUE.equals(kind) && !isOffice(issuingBody)) {
      String above = issuingBody == null || issuingBody.isBlank() ? parentBody : issuingBody;
      return Issuer.of(above, OFFICE, null, OFFICE);
    }
    return Issuer.of(parentBody, issuingBody, abbreviation, DEFAULT_ISSUER);
  }

  /** A body that is an office ("Văn phòng HĐND và UBND xã"), whatever its case. */
  static boolean isOffice(String body) {
    return body != null && body.trim().toLowerCase(Locale.forLanguageTag("vi-VN")).startsWith("văn phòng");
  }

  /** "Số: 01/TB-HĐND". */
  public String documentNumber() {
    return OfficialDocument.numberLine(header.number(), DocumentType.NOTICE, issuer());
  }

  /** As the editors set it, else on behalf of the issuing body ("TM. THƯỜNG TRỰC HĐND"). */
  public String signerAuthority() {
    return header.signerAuthority() == null ? issuer().onBehalf() : header.signerAuthority();
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
        .put("documentNumber", documentNumber()).put("issuingBody", issuer().name())
        .put("place", h.place()).put("status", h.status()).put("title", h.title()).put("body", h.body())
        .put("recipients", new JsonArray(h.recipients())).put("signerAuthority", signerAuthority())
        .put("signerName", h.signerName())
        .put("signerTitle", h.signerTitle()).put("episodeTitle", h.episodeTitle())
        .put("createdAt", Times.format(h.createdAt(), zone)).put("updatedAt", Times.format(h.updatedAt(), zone))
        .put("items", items)
        .put("overdueCount", this.items.stream().filter(i -> i.overdue(now)).count());
  }
}
