package vn.danhoi.intake;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a channel hands to the store; the store adds the arrival time and order. Built per channel
 * ({@link #web}, {@link #sms}, {@link #zalo}, {@link #hotline}, {@link #email},
 * {@link #letter}): each fixes what its channel
 * always says (name, consent basis) and the rest is named on the {@link Builder}.
 */
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
    String originalText,
    boolean receipt,
    String platformUser) {

  /**
   * A message to the council's Zalo Official Account: the sender wrote to the OA, so its receipt goes back there
   * (to {@link Builder#platformUser}, the Zalo user id) when the office enables it.
   */
  public static Builder zalo(UUID episodeId, String text) {
    return new Builder(episodeId, "zalo", "zalo", text);
  }

  /** A question from the public form: the sender ticked the consent text of this version. */
  public static Builder web(UUID episodeId, String text) {
    return new Builder(episodeId, "web", IntakeService.WEB_CONSENT, text).consent();
  }

  public static Builder sms(UUID episodeId, String text) {
    return new Builder(episodeId, "sms", "sms", text);
  }

  /** A call an operator took down on the hotline. */
  public static Builder hotline(UUID episodeId, String text) {
    return new Builder(episodeId, "hotline", "hotline-call", text);
  }

  public static Builder email(UUID episodeId, String text) {
    return new Builder(episodeId, "email", "email", text);
  }

  /**
   * A comment from a live chat (YouTube, Facebook) an editor took into the queue: the platform is the channel,
   * and the comment, public on the platform, is the basis for holding the author's display name.
   */
  public static Builder liveComment(UUID episodeId, String platform, String text) {
    return new Builder(episodeId, platform, platform + "-live-comment", text);
  }

  /** A paper letter or question form an editor typed in; channel is post or form, which is also the basis. */
  public static Builder letter(UUID episodeId, String channel, String text) {
    return new Builder(episodeId, channel, channel, text);
  }

  /** The parts only some channels carry; unset ones are stored as NULL (false for the flags). */
  public static final class Builder {
    private UUID id = UUID.randomUUID();
    private final UUID episodeId;
    private final String channel;
    private final String consentBasis;
    private final String text;
    private boolean consent;
    private String askerName;
    private String locality;
    private String phone;
    private String email;
    private OffsetDateTime sentAt;
    private String field;
    private String externalId;
    private String smsTo;
    private String idempotencyKey;
    private String requestHash;
    private String clientAddress;
    private boolean readyForAir;
    private String callbackPhone;
    private String notes;
    private String originalText;
    private String loggedBy;
    private boolean receipt = true;
    private String platformUser;

    private Builder(UUID episodeId, String channel, String consentBasis, String text) {
      this.episodeId = episodeId;
      this.channel = channel;
      this.consentBasis = consentBasis;
      this.text = text;
    }

    /** When the caller must know the id before the store does (its attachments point at it). */
    public Builder id(UUID id) {
      this.id = id;
      return this;
    }

    private Builder consent() {
      this.consent = true;
      return this;
    }

    /** No receipt to the asker (the code is still given): a copy the office makes of an item it already has. */
    public Builder noReceipt() {
      this.receipt = false;
      return this;
    }

    public Builder askerName(String name) {
      this.askerName = name;
      return this;
    }

    public Builder locality(String locality) {
      this.locality = locality;
      return this;
    }

    public Builder phone(String phone) {
      this.phone = phone;
      return this;
    }

    public Builder email(String email) {
      this.email = email;
      return this;
    }

    public Builder sentAt(OffsetDateTime sentAt) {
      this.sentAt = sentAt;
      return this;
    }

    public Builder field(String field) {
      this.field = field;
      return this;
    }

    /** The sender's own id of the message (SMS message id, e-mail Message-ID): one row per id. */
    public Builder externalId(String externalId) {
      this.externalId = externalId;
      return this;
    }

    public Builder smsTo(String smsTo) {
      this.smsTo = smsTo;
      return this;
    }

    /** The Idempotency-Key and the fingerprint of the request it was first sent with. */
    public Builder idempotency(String key, String requestHash) {
      this.idempotencyKey = key;
      this.requestHash = requestHash;
      return this;
    }

    public Builder clientAddress(String clientAddress) {
      this.clientAddress = clientAddress;
      return this;
    }

    /** The caller can go on air, reached back on callbackPhone. */
    public Builder readyForAir(boolean ready, String callbackPhone) {
      this.readyForAir = ready;
      this.callbackPhone = callbackPhone;
      return this;
    }

    public Builder notes(String notes) {
      this.notes = notes;
      return this;
    }

    /**
     * The text exactly as it arrived when the stored text is not (an SMS without its routing keyword, an
     * e-mail's body before trimming): kept beside it and shown to editors, never replaced.
     */
    public Builder originalText(String originalText) {
      this.originalText = originalText;
      return this;
    }

    /** The platform's own id of the writer (the Zalo user id): personal data, erased with the contact data. */
    public Builder platformUser(String platformUser) {
      this.platformUser = platformUser;
      return this;
    }

    /** The staff member who entered it (hotline operator, editor). */
    public Builder loggedBy(String actor) {
      this.loggedBy = actor;
      return this;
    }

    /** One without an episode is kept, unrouted, for the editors to place. */
    public NewSubmission build() {
      return new NewSubmission(id, episodeId, channel, askerName, locality, phone, email, text, consent,
          consentBasis, sentAt, field, ItemStatus.arriving(episodeId).wire(), externalId, smsTo,
          idempotencyKey, requestHash, clientAddress, readyForAir, callbackPhone, notes, loggedBy,
          originalText, receipt, platformUser);
    }
  }
}
