package vn.danhoi.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.Times;

import java.time.ZoneId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A staff member's account as stored (the password hash never leaves the store's callers). */
public record StaffAccount(UUID id, String username, String displayName, String passwordHash, Set<Role> roles,
                           String agency, boolean active, int failedLogins, OffsetDateTime lockedUntil,
                           OffsetDateTime createdAt) {

  public String actor() {
    return "staff:" + id;
  }

  public Staff asStaff(String csrfToken) {
    return new Staff(actor(), displayName, roles, agency, csrfToken);
  }

  /** What the account's owner and the admin page see; never the password hash. */
  public JsonObject toJson(Instant now, ZoneId zone) {
    JsonArray r = new JsonArray();
    roles.forEach(role -> r.add(role.id()));
    return new JsonObject()
        .put("id", id.toString())
        .put("username", username)
        .put("displayName", displayName)
        .put("roles", r)
        .put("agency", agency)
        .put("active", active)
        .put("failedLogins", failedLogins)
        .put("createdAt", Times.format(createdAt, zone));
  }
}
