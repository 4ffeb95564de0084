package vn.danhoi.intake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Times;
import vn.danhoi.intake.ComplaintRules.Kind;
import vn.danhoi.privacy.ContactRedaction;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
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
    Suggester.Suggestion suggested,
    String originalText,
    Classification classification,
    String receiptCode) {

  /**
   * What kind of message this is: what the rules suggested at intake (null: stored before they existed), what it
   * is now, and the editor who confirmed or dismissed the suggestion, when (null while nobody has).
   */
  public record Classification(Kind suggested, Kind kind, String confirmedBy, OffsetDateTime confirmedAt) {
    public static final Classification QUESTION = new Classification(null, Kind.QUESTION, null, null);

    /** A confirmed complaint or denunciation: the citizen reception office's, not the program's. */
    public boolean referred() {
      return kind != Kind.QUESTION;
    }

    /** The rules think it is a complaint or denunciation and no editor has said yet. */
    public boolean awaitsConfirmation() {
      return confirmedAt == null && suggested != null && suggested != Kind.QUESTION;
    }
  }

  /** Not aired, not forwarded as a question: confirmed as a complaint or denunciation, or suggested as one. */
  public boolean notAQuestion() {
    return classification.referred() || classification.awaitsConfirmation();
  }

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
   * office granted this agency access to it (PrivacyStore.agencySeesContacts decides): initials for the
   * name, the last 3 digits of a number, and no number or address typed into the question either.
   */
  public JsonObject toAgencyJson(ZoneId zone, boolean contacts) {
    JsonObject json = toModeratorJson(zone);
    if (!contacts) {
      json.put("askerName", ContactRedaction.initials(askerName))
          .put("phone", ContactRedaction.maskPhone(phone)).put("email", ContactRedaction.maskEmail(email))
          .put("callbackPhone", ContactRedaction.maskPhone(callbackPhone)).put("notes", null)
          .put("locality", ContactRedaction.redact(locality)).put("text", ContactRedaction.redact(text))
          .put("editedText", ContactRedaction.redact(moderation.editedText()))
          .put("originalText", ContactRedaction.redact(json.getString("originalText")))
          .put("rejectReason", ContactRedaction.redact(moderation.rejectReason()));
    }
    return json;
  }

  public ItemStatus itemStatus() {
    return ItemStatus.of(status);
  }

  /** The text as it goes on air: the editors' version when there is one. */
  public String airText() {
    return moderation.editedText() != null ? moderation.editedText() : text;
  }

  /**
   * What the studio display and the public page may know: the question, the asker's given name and
   * locality. Never a phone number, e-mail, address or note, not even one typed into the name, the locality
   * or the question.
   */
  public JsonObject toStudioJson(ZoneId zone) {
    return new JsonObject()
        .put("id", id.toString())
        .put("channel", channel)
        .put("text", ContactRedaction.redact(airText()))
        .put("askerName", ContactRedaction.publicName(askerName))
        .put("locality", ContactRedaction.redact(locality))
        .put("askerCount", moderation.askerCount())
        .put("responder", moderation.responder())
        .put("field", field)
        .put("status", status)
        .put("onAirAt", Times.formatPrecise(moderation.onAirAt(), zone))
        .put("answeredAt", Times.formatPrecise(moderation.answeredAt(), zone))
        .put("supports", moderation.supports());
  }

  /** The keys of the editors' view that hold the asker's contact data. */
  private static final List<String> CONTACT_KEYS = List.of("phone", "email", "callbackPhone",
      "notes");

  /** Whether an item as sent to editors shows contact data (what the audit of contact views counts). */
  public static boolean carriesContact(JsonObject item) {
    return item != null && CONTACT_KEYS.stream().anyMatch(k -> item.getValue(k) != null);
  }

  /** Editors' views of several items, in the given order. */
  public static JsonArray toModeratorJson(List<Submission> items, ZoneId zone) {
    JsonArray out = new JsonArray();
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
        .put("suggestedAgency", suggested.agency())
        .put("kind", classification.kind().wire())
        .put("suggestedKind", classification.suggested() == null ? null : classification.suggested().wire())
        .put("kindConfirmedBy", classification.confirmedBy())
        .put("kindConfirmedAt", Times.formatPrecise(classification.confirmedAt(), zone))
        .put("originalText", original())
        .put("receipt", ReceiptCode.format(receiptCode));
  }

  /**
   * The text as the person sent it: the SMS with its keyword, the whole e-mail body; for other channels the
   * stored text itself, which an editor's edit never touches (it goes to editedText).
   */
  public String original() {
    return originalText != null ? originalText : text;
  }
}
