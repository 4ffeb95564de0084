package vn.danhoi.register;

import io.vertx.core.json.JsonObject;
import vn.danhoi.locality.Province;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Which questions the register shows: one episode or a period (received from/to, across episodes), a folded
 * search text ("nuoc sach" finds "nước sạch"), exact filters (among them the kind: question, complaint,
 * denunciation), and the province (today's) the asker's locality names, by its name or a former province's
 * ("Long An" is in Tây Ninh).
 */
public record RegisterFilter(UUID episodeId, OffsetDateTime from, OffsetDateTime to, String query, String channel,
                             String status, String field, String agency, Province province, Boolean verified,
                             String kind) {

  /**
   * What the audit log records about an export. The search words are often a person's name or number and
   * the log cannot be erased, so it records only that there were some.
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("episodeId", episodeId == null ? null : episodeId.toString())
        .put("from", from == null ? null : from.toString())
        .put("to", to == null ? null : to.toString())
        .put("queryGiven", query != null && !query.isBlank()).put("channel", channel).put("status", status).put("field", field).put("agency", agency)
        .put("province", province == null ? null : province.name()).put("verified", verified).put("kind", kind);
  }
}
