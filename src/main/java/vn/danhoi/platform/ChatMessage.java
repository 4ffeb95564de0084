package vn.danhoi.platform;

import java.time.OffsetDateTime;

/**
 * A comment as the platform gave it: its id (stored once), the author's display name (kept as the asker: a
 * live chat carries no contact data), the platform's id of the author and the text as shown.
 */
public record ChatMessage(String externalId, String authorName, String authorId, String text,
                          OffsetDateTime publishedAt) {
}
