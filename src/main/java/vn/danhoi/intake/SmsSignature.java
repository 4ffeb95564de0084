package vn.danhoi.intake;

import io.vertx.core.buffer.Buffer;
import vn.danhoi.infra.Hmac;
import vn.danhoi.infra.Tokens;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The SMS gateway signs each raw body with HMAC-SHA256; only signed deliveries are accepted. */
public final class SmsSignature {

  private final byte[] secret;

  public SmsSignature(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public static String sign(String secret, byte[] body) {
    return Hmac.sha256Header(secret, body);
  }

  public boolean valid(String header, Buffer body) {
    if (header == null || secret.length == 0) {
      return false;
    }
    String expected = sign(new String(secret, StandardCharsets.UTF_8), body.getBytes());
    return Tokens.constantTimeEquals(expected, header.trim().toLowerCase(Locale.ROOT));
  }
}
