package vn.danhoi.episode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Times;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * An episode as citizens see it on the public pages (issue 18, point 5): every channel the office announced,
 * the intake window, what kind of event it is and when it can be watched. Only what the office publishes: no
 * panel, no staff, nobody's contact.
 */
public record PublicEpisode(Episode episode, EpisodePlan plan, OffsetDateTime rundownRecordingAt,
                            OffsetDateTime rundownBroadcastAt, String programName) {

  /** Whether it is seen anywhere but in the room: every live or recorded show, a session or meeting with platforms. */
  public boolean broadcast() {
    return isShow() || !plan.platforms().isEmpty();
  }

  /**
   * When it goes on air: a live show (or a session carried live) at its start; a recorded one when the office
   * announced it, else when its run-down says; null when not broadcast, or not yet announced.
   */
  public OffsetDateTime broadcastAt() {
    return switch (plan.kind()) {
      case "live" -> episode.startsAt();
      case "recorded" -> plan.broadcastAt() != null ? plan.broadcastAt() : rundownBroadcastAt;
      default -> !broadcast() ? null : plan.broadcastAt() != null ? plan.broadcastAt() : episode.startsAt();
    };
  }

  /** A recorded program's recording (the run-down's time once written, the episode's start until then). */
  public OffsetDateTime recordingAt() {
    if (!"recorded".equals(plan.kind())) {
      return null;
    }
    return rundownRecordingAt != null ? rundownRecordingAt : episode.startsAt();
  }

  private boolean isShow() {
    return "live".equals(plan.kind()) || "recorded".equals(plan.kind());
  }

  /** not_open, open or closed, so a page can say which without its own clock. */
  public String intakeState(Instant now) {
    if (episode.intakeOpen(now)) {
      return "open";
    }
    return now.isBefore(episode.intakeOpensAt().toInstant()) && !"cancelled".equals(episode.status())
        ? "not_open" : "closed";
  }

  public JsonObject toJson(ZoneId zone, Instant now) {
    JsonObject json = episode.toJson(zone, now);
    // the program's name is on air with the episode: every page about the episode heads with both (issue 19.7)
    json.put("programName", programName)
        .put("kind", plan.kind())
        .put("platforms", new JsonArray(plan.platforms()))
        .put("venue", plan.venue())
        .put("broadcast", broadcast())
        .put("recordingAt", Times.format(recordingAt(), zone))
        .put("broadcastAt", Times.format(broadcastAt(), zone))
        .put("delegatesDueAt", Times.format(plan.delegatesDueAt(), zone));
    json.getJsonObject("intake")
        .put("state", intakeState(now))
        .put("emailAddress", plan.emailAddress())
        .put("postalAddress", plan.postalAddress())
        // the question form on the episode's own public page
        .put("webForm", "/?episode=" + episode.id());
    return json;
  }
}
