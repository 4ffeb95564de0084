package vn.danhoi.infra;

import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Random tokens (API tokens, sessions, view links, generated secrets) and how a request presents one.
 * They are 256 random bits, so a plain SHA-256 is enough to store them (a slow password hash guards
 * low-entropy secrets, which these are not).
 */
public final class Tokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** What a link's token (a view or overlay link, in a URL) may look like; anything else is not looked up. */
  private static final Pattern LINK_TOKEN = Pattern.compile("^[A-Za-z0-9_-]{20,100}$");

  private Tokens() {
  }

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "dh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether a token taken from a link's path could be one this class made. */
  public static boolean wellFormedLink(String token) {
    return token != null && LINK_TOKEN.matcher(token).matches();
  }

  public static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** The token a request presents: Authorization: Bearer, or a browser socket's bearer.<token> subprotocol. */
  public static String bearer(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    String protocols = request.getHeader("Sec-WebSocket-Protocol");
    if (protocols != null) {
      for (String p : protocols.split(",")) {
        String v = p.trim();
        if (v.startsWith("bearer.")) {
          return v.substring(7);
        }
      }
    }
    return null;
  }
}
