package vn.danhoi.intake;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The SMS gateway signs each raw body with HMAC-SHA256; only signed deliveries are accepted. */
public final class SmsSignature {

  private final byte[] secret;

  public SmsSignature(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean valid(String header, Buffer body) {
    if (header == null || secret.length == 0) {
      return false;
    }
    String expected = sign(new String(secret, StandardCharsets.UTF_8), body.getBytes());
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        header.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
  }
}
