package vn.danhoi.register;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Times;
import vn.danhoi.intake.Attachment;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * One line of the question register with every field the register must hold: who asked (name, address, e-mail or
 * phone), what (as stored, and as the person sent it), when it was received and by which channel, the field and
 * the agency that answers, where it stands, whether the asker's identity was checked, and whether it is a question
 * or a complaint or denunciation (kept here, referred to the citizen reception office).
 */
public record RegisterEntry(
    UUID id,
    long seq,
    UUID episodeId,
    String episodeTitle,
    String channel,
    String askerName,
    String address,
    String locality,
    String phone,
    String email,
    String text,
    String subject,
    String originalText,
    OffsetDateTime receivedAt,
    String status,
    String field,
    String agency,
    boolean verified,
    String verifiedHow,
    String verifiedNote,
    String verifiedBy,
    OffsetDateTime verifiedAt,
    String kind,
    List<Attachment> attachments) {

  public RegisterEntry withAttachments(List<Attachment> files) {
    return new RegisterEntry(id, seq, episodeId, episodeTitle, channel, askerName, address, locality, phone, email,
        text, subject, originalText, receivedAt, status, field, agency, verified, verifiedHow, verifiedNote, verifiedBy,
        verifiedAt, kind, files);
  }

  /** The postal address when there is one, otherwise the locality the asker gave. */
  public String place() {
    return address != null ? address : locality;
  }

  public JsonObject toJson(ZoneId zone) {
    JsonArray files = new JsonArray();
    attachments.forEach(a -> files.add(a.toJson()));
    return new JsonObject()
        .put("id", id.toString())
        .put("seq", seq)
        .put("episodeId", episodeId == null ? null : episodeId.toString())
        .put("episodeTitle", episodeTitle)
        .put("channel", channel)
        .put("askerName", askerName)
        .put("address", address)
        .put("locality", locality)
        .put("phone", phone)
        .put("email", email)
        .put("text", text)
        .put("subject", subject)
        .put("originalText", originalText)
        .put("receivedAt", Times.format(receivedAt, zone))
        .put("status", status)
        .put("field", field)
        .put("agency", agency)
        .put("verified", verified)
        .put("verifiedHow", verifiedHow)
        .put("verifiedNote", verifiedNote)
        .put("verifiedBy", verifiedBy)
        .put("verifiedAt", Times.format(verifiedAt, zone))
        .put("kind", kind)
        .put("attachments", files);
  }
}
