package vn.danhoi.episode;

import io.vertx.core.json.JsonObject;

import java.util.Set;
import java.util.UUID;

/**
 * One person of an episode's panel, in the order the plan lists them: responders (agency heads, with their
 * agency and the e-mail the run-down goes to), guests, hosts, the chair, delegates.
 */
public record EpisodePerson(UUID id, String role, int position, String name, String title, UUID agencyId,
                            String agencyName, String email) {

  public static final Set<String> ROLES = Set.of("responder", "guest", "host", "chair", "delegate");

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("role", role)
        .put("position", position)
        .put("name", name)
        .put("title", title)
        .put("agencyId", agencyId == null ? null : agencyId.toString())
        .put("agencyName", agencyName)
        .put("email", email);
  }
}
