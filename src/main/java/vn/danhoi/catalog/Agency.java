package vn.danhoi.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A department, commune-level committee, utility… that answers questions. Its name is the key staff accounts and
 * submissions already use (staff.agency, submissions.agency), so a rename is carried over to them.
 */
public record Agency(UUID id, String name, String shortName, String kind, List<String> emails, boolean active) {

  /**
   * The provincial committee, its departments, a commune/ward/special zone committee, a utility, a central body.
   * No district: that level ended on 1 July 2025 (V24, and the CHECK there holds the same list).
   */
  public static final Set<String> KINDS = Set.of("province_committee", "department", "commune", "utility", "central",
      "other");

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("name", name)
        .put("shortName", shortName)
        .put("kind", kind)
        .put("emails", new JsonArray(emails))
        .put("active", active);
  }
}
