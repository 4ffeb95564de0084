package vn.danhoi.platform;

import java.util.UUID;

/**
 * What a read needs of a stream: the platform's id of the video, the credential, the chat id once known
 * (YouTube reads it from the video on the first read) and the cursor to go on from (null: the first page).
 */
public record StreamRef(UUID id, String sourceId, String credential, String chatId, String cursor) {

  @Override
  public String toString() {
    // a record's own toString would print the credential into any log line that names the stream
    return "StreamRef[" + id + ", " + sourceId + "]";
  }
}
