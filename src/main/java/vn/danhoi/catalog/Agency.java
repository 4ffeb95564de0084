package vn.danhoi.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A department, district committee, utility… that answers questions. Its name is the key staff accounts and
 * submissions already use (staff.agency, submissions.agency), so a rename is carried over to them.
 */
public record Agency(UUID id, String name, String shortName, String kind, List<String> emails, boolean active) {

  public static final Set<String> KINDS = Set.of("department", "district", "utility", "central", "other");

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
