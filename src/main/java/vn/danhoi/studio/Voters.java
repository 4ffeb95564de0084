package vn.danhoi.studio;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import vn.danhoi.infra.Hmac;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Who a public "+1" comes from, decided on the server: a random voter id the server issues in a cookie, signed
 * with a key only the nodes hold and bound to the network (AddressPrefix.network) it was issued on, so a client
 * can neither mint ids nor carry a stack of them to other networks. Dropping the cookie gets a new voter, which
 * is why the supports are also capped per source address. The key is derived from the admin token, which every
 * node of one installation shares.
 */
final class Voters {

  static final String COOKIE = "danhoi_voter";
  private static final String VERSION = "v1";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long ONE_YEAR_SECONDS = 365L * 24 * 3600;

  private final byte[] key;
  private final boolean secureCookie;

  Voters(String secret, boolean secureCookie) {
    this.key = hmac(secret.getBytes(StandardCharsets.UTF_8), "danhoi voter cookie " + VERSION);
    this.secureCookie = secureCookie;
  }

  /** The voter named by this cookie value, when this server issued it for this network; null otherwise. */
  String voter(String cookie, String network) {
    if (cookie == null) {
      return null;
    }
    String[] parts = cookie.split("\\.");
    if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[1].length() != 22) {
      return null;
    }
    byte[] expected = signature(parts[1], network).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII)) ? parts[1] : null;
  }

  static String newVoter() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  Cookie cookie(String voter, String network) {
    return Cookie.cookie(COOKIE, VERSION + "." + voter + "." + signature(voter, network))
        .setPath("/api/items/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(secureCookie)
        .setMaxAge(ONE_YEAR_SECONDS);
  }

  /** What is stored for a voter: a keyed hash, so the table cannot be turned back into valid cookies. */
  String voterKey(String voter) {
    return HexFormat.of().formatHex(hmac(key, "voter|" + voter));
  }

  /** What is stored for a source address: a keyed hash, so the table holds no address. */
  String sourceKey(String source) {
    return HexFormat.of().formatHex(hmac(key, "source|" + source));
  }

  private String signature(String voter, String network) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, "cookie|" + voter + "|" + network));
  }

  private static byte[] hmac(byte[] key, String data) {
    return Hmac.sha256(key, data.getBytes(StandardCharsets.UTF_8));
  }
}
