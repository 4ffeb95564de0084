package vn.danhoi.intake;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * A file that came with a question: a scanned letter or form, or an e-mail's file, kept on disk under a random
 * name ({@code storedName}); or an e-mail's file only listed ({@code storedName} null), with the reason it was
 * not kept ({@code refusedReason}: too large, a type not accepted; none for files listed before they were kept).
 */
public record Attachment(UUID id, UUID submissionId, String fileName, String mediaType, long size, String storedName,
                         String sha256, String refusedReason) {

  public boolean stored() {
    return storedName != null;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("fileName", fileName).put("mediaType", mediaType)
        .put("size", size).put("stored", stored()).put("refusedReason", refusedReason);
  }
}
