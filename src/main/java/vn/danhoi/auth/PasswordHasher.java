package vn.danhoi.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Argon2id (RFC 9106's second recommended setting, scaled to a 2-core server) for staff passwords. Hashing
 * is deliberately slow, so it runs on a worker thread, never on an event loop.
 */
public final class PasswordHasher {

  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

  /**
   * Verified against when the username is unknown, so timing does not tell which usernames exist. In a holder
   * so it is hashed on first use, on a worker: as a field here it was hashed on the event loop that builds
   * the node, blocking it for seconds.
   */
  private static final class Dummy {
    static final String HASH = ARGON2.hash("danhoi-dummy-password").getResult();
  }

  private final Vertx vertx;

  public PasswordHasher(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> Password.hash(password).with(ARGON2).getResult(), false);
  }

  /** True when the password matches; a null hash (unknown user) costs the same and is false. */
  public Future<Boolean> verify(String password, String hash) {
    return vertx.executeBlocking(() -> {
      boolean ok = Password.check(password, hash == null ? Dummy.HASH : hash).with(ARGON2);
      return hash != null && ok;
    }, false);
  }
}
