package vn.danhoi.zalo;

import io.vertx.core.buffer.Buffer;
import vn.danhoi.infra.Tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Zalo's signature of an OA webhook event, as its documentation gives it: header
 * {@code X-ZEvent-Signature: mac=<hex>} with mac = SHA-256 (a plain digest, not an HMAC) of the app id, the raw
 * body, the event's timestamp (the body's {@code timestamp}, as written there) and the OA secret key, joined
 * with nothing between them.
 */
public final class ZaloSignature {

  private final String appId;
  private final String oaSecretKey;

  public ZaloSignature(String appId, String oaSecretKey) {
    this.appId = appId;
    this.oaSecretKey = oaSecretKey;
  }

  /** The header's value for this body (what Zalo sends, and what the tests sign with). */
  public static String sign(String appId, byte[] body, String timestamp, String oaSecretKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(appId.getBytes(StandardCharsets.UTF_8));
      // the body's own bytes: a parse and re-encode would change them
      sha.update(body);
      sha.update(timestamp.getBytes(StandardCharsets.UTF_8));
      sha.update(oaSecretKey.getBytes(StandardCharsets.UTF_8));
      return "mac=" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the header signs this body and timestamp; false without a header, or when no secret is set. */
  public boolean valid(String header, Buffer body, String timestamp) {
    if (header == null || timestamp == null || appId.isEmpty() || oaSecretKey.isEmpty()) {
      return false;
    }
    String received = header.trim().toLowerCase(Locale.ROOT);
    // some consoles show the bare digest; Zalo sends it behind "mac="
    if (!received.startsWith("mac=")) {
      received = "mac=" + received;
    }
    return Tokens.constantTimeEquals(sign(appId, body.getBytes(), timestamp, oaSecretKey), received);
  }
}
