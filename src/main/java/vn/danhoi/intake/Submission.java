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
    String notes) {

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
        .put("askerCount", 1);
  }
}
