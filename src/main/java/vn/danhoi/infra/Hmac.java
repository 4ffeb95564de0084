package vn.danhoi.infra;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hashes webhooks and cookies are signed with: HMAC-SHA256 for danhoi's own (the SMS gateways' bodies,
 * the voters' cookies), HMAC-SHA1 where a provider fixed it (Twilio's X-Twilio-Signature). Compare a computed
 * signature with a received one through {@link Tokens#constantTimeEquals}, never {@code equals}.
 */
public final class Hmac {

  private Hmac() {
  }

  public static byte[] sha256(byte[] key, byte[] data) {
    return mac("HmacSHA256", key, data);
  }

  /** The form the gateways send in X-Signature-256: {@code sha256=} and the lower-case hex digest. */
  public static String sha256Header(String secret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  /** Base64 of HMAC-SHA1 over the UTF-8 text, as Twilio signs its webhooks. */
  public static String sha1Base64(String key, String data) {
    return Base64.getEncoder().encodeToString(
        mac("HmacSHA1", key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] mac(String algorithm, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
