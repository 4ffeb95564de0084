package vn.danhoi.intake;

import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Times;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/** A question as stored: from any channel, with the asker's contact data. */
public record Submission(
    UUID id,
    long seq,
    UUID episodeId,
    String channel,
    String askerName,
    String locality,
    String phone,
    String email,
    String text,
    OffsetDateTime receivedAt,
    String status,
    String field,
    String agency,
    boolean readyForAir,
    String callbackPhone,
    String notes,
    Moderation moderation,
    Suggester.Suggestion suggested) {

  /** An item as it travels between nodes, already in the editors' JSON view. */
  public record Item(JsonObject json) {
  }

  /** The editorial board's work on the item. */
  public record Moderation(String editedText, String claimedBy, String claimedName, OffsetDateTime claimedAt,
                           UUID mergedInto, Integer position, String responder, String rejectReason,
                           OffsetDateTime onAirAt, OffsetDateTime answeredAt, int askerCount, int supports,
                           boolean verified, String verifiedHow) {
  }

  /**
   * An agency officer's view: the question and the editors' work; contact data masked unless the council
   * office granted this agency access to it.
   */
  public JsonObject toAgencyJson(ZoneId zone, boolean contacts) {
    JsonObject json = toModeratorJson(zone);
    if (!contacts) {
      json.put("phone", mask(phone)).put("email", mask(email)).put("callbackPhone", mask(callbackPhone))
          .put("notes", null);
    }
    return json;
  }

  static String mask(String value) {
    if (value == null) {
      return null;
    }
    int at = value.indexOf('@');
    if (at > 0) {
      return value.charAt(0) + "***" + value.substring(at);
    }
    return value.length() <= 6 ? "***" : value.substring(0, 3) + "****" + value.substring(value.length() - 3);
  }

  /** The text as it goes on air: the editors' version when there is one. */
  public String airText() {
    return moderation.editedText() != null ? moderation.editedText() : text;
  }

  /** Vietnamese names put the given name last: "Nguyễn Thị Hoa" is called Hoa. */
  public String firstName() {
    if (askerName == null || askerName.isBlank()) {
      return null;
    }
    String[] parts = askerName.trim().split("\\s+");
    return parts[parts.length - 1];
  }

  /**
   * What the studio display and the public page may know: the question, the asker's given name and
   * locality. Never a phone number, e-mail, address or note.
   */
  public JsonObject toStudioJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("channel", channel)
        .put("text", airText())
        .put("askerName", firstName())
        .put("locality", locality)
        .put("askerCount", moderation.askerCount())
        .put("responder", moderation.responder())
        .put("field", field)
        .put("status", status)
        .put("onAirAt", moderation.onAirAt() == null ? null : moderation.onAirAt().toInstant().toString())
        .put("answeredAt", moderation.answeredAt() == null ? null : moderation.answeredAt().toInstant().toString())
        .put("supports", moderation.supports());
  }

  /** Editors' views of several items, in the given order. */
  public static io.vertx.core.json.JsonArray toModeratorJson(java.util.List<Submission> items, ZoneId zone) {
    io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
    items.forEach(s -> out.add(s.toModeratorJson(zone)));
    return out;
  }

  /** The editors' view: contact fields included, so this never goes to the studio or the public. */
  public JsonObject toModeratorJson(ZoneId zone) {
    return new JsonObject()
        .put("id", id.toString())
        .put("seq", seq)
        .put("episodeId", episodeId == null ? null : episodeId.toString())
        .put("channel", channel)
        .put("text", text)
        .put("askerName", askerName)
        .put("locality", locality)
        .put("phone", phone)
        .put("email", email)
        .put("receivedAt", Times.formatPrecise(receivedAt, zone))
        .put("status", status)
        .put("field", field)
        .put("agency", agency)
        .put("readyForAir", readyForAir)
        .put("callbackPhone", callbackPhone)
        .put("notes", notes)
        .put("editedText", moderation.editedText())
        .put("claimedBy", moderation.claimedBy())
        .put("claimedName", moderation.claimedName())
        .put("claimedAt", Times.formatPrecise(moderation.claimedAt(), zone))
        .put("mergedInto", moderation.mergedInto() == null ? null : moderation.mergedInto().toString())
        .put("position", moderation.position())
        .put("responder", moderation.responder())
        .put("rejectReason", moderation.rejectReason())
        .put("onAirAt", Times.formatPrecise(moderation.onAirAt(), zone))
        .put("answeredAt", Times.formatPrecise(moderation.answeredAt(), zone))
        .put("askerCount", moderation.askerCount())
        .put("supports", moderation.supports())
        .put("verified", moderation.verified())
        .put("verifiedHow", moderation.verifiedHow())
        .put("suggestedField", suggested.field())
        .put("suggestedAgency", suggested.agency());
  }
}
