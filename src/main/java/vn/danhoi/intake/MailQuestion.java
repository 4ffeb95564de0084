package vn.danhoi.intake;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One e-mail as the intake stores it: who sent it, to which addresses (lower case, for routing), its subject
 * and body as plain text ({@code text} as stored, {@code originalText} the whole body as received), and its
 * attachments: kept on disk, or listed with the reason they were not. {@code externalId} is the Message-ID,
 * or the IMAP UIDVALIDITY and UID when the mail has none.
 */
public record MailQuestion(String externalId, String senderName, String senderEmail, List<String> recipients,
                           String subject, String text, String originalText, OffsetDateTime sentAt,
                           OffsetDateTime receivedAt, List<Listed> attachments) {

  /** A file of the mail: kept under {@code storedName}, or not kept for {@code refusedReason}. */
  public record Listed(String fileName, String mediaType, long size, String storedName, String sha256,
                       String refusedReason) {

    static Listed refused(String fileName, String mediaType, long size, String reason) {
      return new Listed(fileName, mediaType, size, null, null, reason);
    }

    public boolean kept() {
      return storedName != null;
    }
  }
}
