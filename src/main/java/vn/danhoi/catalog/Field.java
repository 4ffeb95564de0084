package vn.danhoi.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/**
 * A field (lĩnh vực: land, electricity, water…) with the words that point a question to it, stored in lower
 * case with their marks ("nước sạch": text typed with marks must agree with them, text typed without matches
 * folded; keywords stored folded before V22 match folded), and the agency that usually answers it.
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
