package vn.danhoi.episode;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * A series of episodes ("Dân hỏi – Chính quyền trả lời", "Lắng nghe và Trao đổi"…): who organises and
 * broadcasts it, and the issuing body (under its parent body, with the abbreviation of its numbers) and place
 * printed on its documents (run-down, conclusion notice).
 */
public record Program(UUID id, String name, String description, String organiser, String broadcaster,
                      String issuingBody, String parentBody, String issuerAbbreviation, String place,
                      boolean active) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("name", name)
        .put("description", description)
        .put("organiser", organiser)
        .put("broadcaster", broadcaster)
        .put("issuingBody", issuingBody)
        .put("parentBody", parentBody)
        .put("issuerAbbreviation", issuerAbbreviation)
        .put("place", place)
        .put("active", active);
  }
}
