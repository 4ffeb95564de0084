package vn.danhoi.episode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Times;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything the council office plans about an episode. Its JSON has the shape POST and PATCH
 * /api/episodes read, plus what the server adds (id, liveStatus, intake.open, people's ids, updatedAt), so
 * the admin page sends back what it was given.
 */
public record EpisodeDetails(Episode episode, EpisodePlan plan, List<EpisodePerson> people, OffsetDateTime updatedAt) {

  public JsonObject toJson(ZoneId zone, Instant now) {
    Episode e = episode;
    JsonArray panel = new JsonArray();
    people.forEach(p -> panel.add(p.toJson()));
    return new JsonObject()
        .put("id", e.id().toString())
        .put("programId", e.programId() == null ? null : e.programId().toString())
        .put("title", e.title())
        .put("topic", e.topic())
        .put("startsAt", Times.format(e.startsAt(), zone))
        .put("durationMinutes", e.durationMinutes())
        .put("status", e.status())
        .put("liveStatus", e.liveStatus(now))
        .put("kind", plan.kind())
        .put("platforms", new JsonArray(plan.platforms()))
        .put("venue", plan.venue())
        .put("chair", plan.chair())
        .put("hosts", new JsonArray(plan.hosts()))
        .put("delegatesDueAt", Times.format(plan.delegatesDueAt(), zone))
        .put("broadcastAt", Times.format(plan.broadcastAt(), zone))
        .put("intake", new JsonObject()
            .put("opensAt", Times.format(e.intakeOpensAt(), zone))
            .put("closesAt", Times.format(e.intakeClosesAt(), zone))
            .put("open", e.intakeOpen(now))
            .put("smsNumber", e.smsNumber())
            .put("smsKeyword", e.smsKeyword())
            .put("hotline", new JsonArray(e.hotline()))
            .put("emailAddress", plan.emailAddress())
            .put("postalAddress", plan.postalAddress()))
        .put("people", panel)
        .put("updatedAt", Times.format(updatedAt, zone));
  }
}
