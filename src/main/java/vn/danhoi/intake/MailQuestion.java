package vn.danhoi.intake;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One e-mail as the intake stores it: who sent it, to which addresses (lower case, for routing), its subject
 * and body as plain text, and the attachments it listed (name, type, size; their content is not kept).
 * {@code externalId} is the Message-ID, or the IMAP UIDVALIDITY and UID when the mail has none.
 */
public record MailQuestion(String externalId, String senderName, String senderEmail, List<String> recipients,
                           String subject, String text, OffsetDateTime sentAt, OffsetDateTime receivedAt,
                           List<Listed> attachments) {

  public record Listed(String fileName, String mediaType, long size) {
  }
}
