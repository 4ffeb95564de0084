package vn.danhoi.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/**
 * A field (lĩnh vực: land, electricity, water…) with the words that point a question to it, stored folded
 * (lower case, no accents) so they match text typed with or without accents, and the agency that usually
 * answers it.
 */
public record Field(UUID id, String name, List<String> keywords, UUID agencyId, String agencyName) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("name", name)
        .put("keywords", new JsonArray(keywords))
        .put("agencyId", agencyId == null ? null : agencyId.toString())
        .put("agencyName", agencyName);
  }
}
