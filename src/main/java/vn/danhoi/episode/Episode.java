package vn.danhoi.episode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Times;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** One broadcast (or session) of a program, with the window and the numbers through which it takes questions. */
public record Episode(
    UUID id,
    UUID programId,
    String title,
    String topic,
    OffsetDateTime startsAt,
    int durationMinutes,
    String status,
    OffsetDateTime intakeOpensAt,
    OffsetDateTime intakeClosesAt,
    String smsNumber,
    String smsKeyword,
    List<String> hotline) {

  public OffsetDateTime endsAt() {
    return startsAt.plusMinutes(durationMinutes);
  }

  /** upcoming, live or ended from the clock; cancelled when the council office cancelled it. */
  public String liveStatus(Instant now) {
    if ("cancelled".equals(status)) {
      return "cancelled";
    }
    if (now.isBefore(startsAt.toInstant())) {
      return "upcoming";
    }
    return now.isBefore(endsAt().toInstant()) ? "live" : "ended";
  }

  public boolean intakeOpen(Instant now) {
    return !"cancelled".equals(status)
        && !now.isBefore(intakeOpensAt.toInstant())
        && now.isBefore(intakeClosesAt.toInstant());
  }

  /** The public view: nothing here is personal data. */
  public JsonObject toJson(ZoneId zone, Instant now) {
    return new JsonObject()
        .put("id", id.toString())
        .put("programId", programId == null ? null : programId.toString())
        .put("title", title)
        .put("topic", topic)
        .put("startsAt", Times.format(startsAt, zone))
        .put("durationMinutes", durationMinutes)
        .put("status", liveStatus(now))
        .put("intake", new JsonObject()
            .put("opensAt", Times.format(intakeOpensAt, zone))
            .put("closesAt", Times.format(intakeClosesAt, zone))
            .put("open", intakeOpen(now))
            .put("smsNumber", smsNumber)
            .put("smsKeyword", smsKeyword)
            .put("hotline", new JsonArray(hotline)));
  }
}
