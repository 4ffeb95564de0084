package vn.danhoi.sms;

import java.util.UUID;

/**
 * A provider's delivery report for one SMS, as read from its webhook: which message (our notice id when the
 * provider echoes it, else the provider's message id), and what became of it.
 */
public record DeliveryReport(UUID noticeId, String providerId, Outcome outcome, String code) {

  public enum Outcome {
    /** Handed on to the network, not yet known to have reached the phone. */
    SENT,
    /** Reached the phone. */
    DELIVERED,
    /** Will not reach the phone (undelivered, failed, expired, rejected). */
    FAILED
  }
}
