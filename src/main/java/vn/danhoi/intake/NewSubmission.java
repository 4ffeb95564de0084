package vn.danhoi.intake;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What a channel hands to the store; the store adds the arrival time and order. */
public record NewSubmission(
    UUID id,
    UUID episodeId,
    String channel,
    String askerName,
    String locality,
    String phone,
    String email,
    String text,
    boolean consent,
    String consentBasis,
    OffsetDateTime sentAt,
    String field,
    String status,
    String externalId,
    String smsTo,
    String idempotencyKey,
    String requestHash,
    String clientAddress,
    boolean readyForAir,
    String callbackPhone,
    String notes,
    String loggedBy,
    String suggestedField,
    String suggestedAgency) {

  /** Without a suggestion: the keyword suggestion is added by {@link IntakeService} before storing. */
  public NewSubmission(UUID id, UUID episodeId, String channel, String askerName, String locality, String phone,
                       String email, String text, boolean consent, String consentBasis, OffsetDateTime sentAt,
                       String field, String status, String externalId, String smsTo, String idempotencyKey,
                       String requestHash, String clientAddress, boolean readyForAir, String callbackPhone,
                       String notes, String loggedBy) {
    this(id, episodeId, channel, askerName, locality, phone, email, text, consent, consentBasis, sentAt, field,
        status, externalId, smsTo, idempotencyKey, requestHash, clientAddress, readyForAir, callbackPhone, notes,
        loggedBy, null, null);
  }

  public NewSubmission withSuggestion(Suggester.Suggestion s) {
    return new NewSubmission(id, episodeId, channel, askerName, locality, phone, email, text, consent, consentBasis,
        sentAt, field, status, externalId, smsTo, idempotencyKey, requestHash, clientAddress, readyForAir,
        callbackPhone, notes, loggedBy, s.field(), s.agency());
  }
}
