package vn.danhoi.intake;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * A file that came with a question: a scanned letter or form kept on disk under a random name
 * ({@code storedName}), or an e-mail attachment that is only listed ({@code storedName} null).
 */
public record Attachment(UUID id, UUID submissionId, String fileName, String mediaType, long size, String storedName,
                         String sha256) {

  public boolean stored() {
    return storedName != null;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("fileName", fileName).put("mediaType", mediaType)
        .put("size", size).put("stored", stored());
  }
}
