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
    String loggedBy) {
}
