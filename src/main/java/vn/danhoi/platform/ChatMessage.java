package vn.danhoi.platform;

import java.time.OffsetDateTime;

/**
 * A comment as the platform gave it: its id (stored once), the author's display name (kept as the asker: a
 * live chat carries no contact data), the platform's id of the author and the text as shown. A reader hands over
 * the name and text cleaned ({@code VietnameseText.clean}: NFC, no control characters), and no comment whose text
 * is empty or not valid Unicode.
 */
public record ChatMessage(String externalId, String authorName, String authorId, String text,
                          OffsetDateTime publishedAt) {
}
