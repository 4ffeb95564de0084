package vn.danhoi.platform;

/**
 * Why a read failed, as the reader acts on it. The message is shown to editors and admins: it names what went
 * wrong, never the credential.
 */
public final class PlatformFailure extends RuntimeException {

  public enum Kind {
    /** network, 5xx, a dropped stream: read again after a growing pause */
    TRANSIENT,
    /** rate-limited: read again after retryAfterMillis */
    RATE_LIMITED,
    /** the day's quota is spent: read again after retryAfterMillis (when it resets) */
    QUOTA,
    /** the credential is wrong, expired or lacks a permission: no read until an admin sets a new one */
    CREDENTIAL,
    /** the video or chat does not exist, or the chat is off: no read until an admin changes the stream */
    NOT_FOUND,
    /** the chat ended: the stream is done */
    ENDED
  }

  private final Kind kind;
  private final long retryAfterMillis;

  public PlatformFailure(Kind kind, String message, long retryAfterMillis) {
    super(message, null, false, false);
    this.kind = kind;
    this.retryAfterMillis = retryAfterMillis;
  }

  public PlatformFailure(Kind kind, String message) {
    this(kind, message, 0);
  }

  public Kind kind() {
    return kind;
  }

  /** How long the platform asked to wait (Retry-After, the quota's reset), 0 when it did not say. */
  public long retryAfterMillis() {
    return retryAfterMillis;
  }
}
