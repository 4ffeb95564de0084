package vn.danhoi.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is acting: {@code actor} is what the event log records ("staff:…", "token:…", "admin"). A staff
 * account may hold several roles and belong to one agency. {@code csrfToken} is set when the caller came
 * with a browser session, whose state-changing requests must echo it.
 */
public record Staff(String actor, String name, Set<Role> roles, String agency, String csrfToken) {

  public Staff(String actor, String name, Role role) {
    this(actor, name, EnumSet.of(role), null, null);
  }

  /** With no roles named, any authenticated caller may. */
  public boolean can(Role... allowed) {
    if (allowed.length == 0 || roles.contains(Role.ADMIN)) {
      return true;
    }
    for (Role r : allowed) {
      if (roles.contains(r)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether this caller may open a file given to or filed by {@code agency}: the council office's editors
   * always, an agency's staff only for their own agency (names compared as people type them, any case).
   */
  public boolean mayReadFilesOf(String agency) {
    return can(Role.EDITOR) || (this.agency != null && agency != null && this.agency.equalsIgnoreCase(agency));
  }

  public boolean viaSession() {
    return csrfToken != null;
  }

  public JsonObject toJson() {
    JsonArray r = new JsonArray();
    roles.forEach(role -> r.add(role.id()));
    return new JsonObject().put("id", actor).put("displayName", name).put("roles", r)
        .put("agency", agency);
  }
}
