package vn.danhoi.rundown;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.document.DocumentType;
import vn.danhoi.document.Issuer;
import vn.danhoi.document.OfficialDocument;
import vn.danhoi.document.Signature;
import vn.danhoi.infra.Times;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** An episode's run-down (kịch bản): the ordered questions, who answers each, for how long. */
public record Rundown(Header header, List<Entry> entries, List<Responder> responders) {

  /** The episode and program details the document prints; number and status are null before the first build. */
  public record Header(UUID episodeId, String title, String topic, OffsetDateTime startsAt, int durationMinutes,
                       String venue, String chair, String programName, String issuingBody, String parentBody,
                       String issuerAbbreviation, String place, Integer number, String status, OffsetDateTime sentAt,
                       String signerAuthority, String signerTitle, String signerName, String purpose,
                       OffsetDateTime recordingAt, OffsetDateTime broadcastAt, List<Segment> segments,
                       List<String> duties) {

    /** When it is recorded: as set, else the episode's start. */
    public OffsetDateTime recording() {
      return recordingAt == null ? startsAt : recordingAt;
    }

    /** When it goes on air: as set, else the episode's start (a live show airs as it is recorded). */
    public OffsetDateTime broadcast() {
      return broadcastAt == null ? startsAt : broadcastAt;
    }
  }

  /** A part of the show in its order: "Mở đầu, giới thiệu khách mời", 3 minutes. */
  public record Segment(String title, int minutes) {
  }

  /**
   * A question; {@code asker} is the asker's given name only and {@code locality} where they live, all the
   * script says of them (no full name, phone or address, nor a number or an e-mail address typed into the
   * question, the name or the locality: RundownStore reads entries through ContactRedaction).
   */
  public record Entry(UUID id, int position, UUID submissionId, String text, int askers, UUID responderId,
                      int minutes, String asker, String locality) {

    /** "An (Xã Phước Lợi)", "An (Xã Phước Lợi) và 1 người khác". */
    public String askedBy() {
      String who = asker == null ? "Người dân" : asker;
      if (locality != null && !locality.isBlank()) {
        who += " (" + locality.trim() + ")";
      }
      return askers > 1 ? who + " và " + (askers - 1) + " người khác" : who;
    }
  }

  /** A member of the episode's panel (episode_people, role responder). */
  public record Responder(UUID id, String name, String title, String email, String agency) {
    /** "Đ/c Nguyễn Văn An, Giám đốc Sở Xây dựng". */
    public String label() {
      return title == null || title.isBlank() ? name : name + ", " + title;
    }
  }

  public int totalMinutes() {
    return entries.stream().mapToInt(Entry::minutes).sum();
  }

  public Responder responder(UUID id) {
    return id == null ? null : responders.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
  }

  /** The same run-down with only the questions given to one responder (what that responder is sent). */
  public Rundown onlyFor(UUID responderId) {
    return new Rundown(header, entries.stream().filter(e -> responderId.equals(e.responderId())).toList(),
        responders.stream().filter(r -> r.id().equals(responderId)).toList());
  }

  public int segmentMinutes() {
    return header.segments().stream().mapToInt(Segment::minutes).sum();
  }

  /** "Số: 03/KB-BBT": the number, then the type's and the issuing body's abbreviations. */
  public String documentNumber() {
    return OfficialDocument.numberLine(header.number(), DocumentType.RUNDOWN, issuer());
  }

  /** The program's issuing body, by default the editorial board that prepares the show. */
  public Issuer issuer() {
    return Issuer.of(header.parentBody(), header.issuingBody(), header.issuerAbbreviation(), "Ban Biên tập");
  }

  /** As the editors set it; until then on behalf of the issuing body, signed by the episode's chair. */
  public Signature signature() {
    return new Signature(header.signerAuthority() == null ? issuer().onBehalf() : header.signerAuthority(),
        header.signerTitle() == null ? "" : header.signerTitle(),
        header.signerName() == null ? header.chair() : header.signerName());
  }

  public JsonObject toJson(ZoneId zone) {
    JsonArray items = new JsonArray();
    for (Entry e : entries) {
      Responder r = responder(e.responderId());
      items.add(new JsonObject()
          .put("id", e.id().toString())
          .put("position", e.position())
          .put("submissionId", e.submissionId() == null ? null : e.submissionId().toString())
          .put("text", e.text())
          .put("askers", e.askers())
          .put("asker", e.asker())
          .put("locality", e.locality())
          .put("responder", r == null ? null : r.name())
          .put("responderId", r == null ? null : r.id().toString())
          .put("responderTitle", r == null ? null : r.title())
          .put("minutes", e.minutes()));
    }
    JsonArray panel = new JsonArray();
    responders.forEach(r -> panel.add(new JsonObject().put("id", r.id().toString()).put("name", r.name())
        .put("title", r.title()).put("email", r.email()).put("agency", r.agency())));
    int total = totalMinutes();
    return new JsonObject()
        .put("episodeId", header.episodeId().toString())
        .put("title", header.title())
        .put("startsAt", Times.format(header.startsAt(), zone))
        .put("status", header.status() == null ? "draft" : header.status())
        .put("number", header.number())
        .put("documentNumber", documentNumber())
        .put("signerAuthority", signature().authority())
        .put("signerTitle", signature().title())
        .put("signerName", signature().name())
        .put("sentAt", Times.format(header.sentAt(), zone))
        .put("durationMinutes", header.durationMinutes())
        .put("purpose", header.purpose())
        .put("recordingAt", Times.format(header.recording(), zone))
        .put("broadcastAt", Times.format(header.broadcast(), zone))
        .put("segments", new JsonArray(header.segments().stream()
            .map(s -> new JsonObject().put("title", s.title()).put("minutes", s.minutes())).toList()))
        .put("duties", new JsonArray(header.duties()))
        .put("totalMinutes", total)
        .put("segmentMinutes", segmentMinutes())
        .put("overDuration", total + segmentMinutes() > header.durationMinutes())
        .put("entries", items)
        .put("responders", panel);
  }
}
