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
   * Verified against when the username is unknown, so timing does not tell which usernames exist: same
   * parameters and salt length as a real hash, of a random password nobody kept. A constant, because hashing
   * it when the class loads blocked the event loop for seconds at start-up.
   */
  private static final String DUMMY = "$argon2id$v=19$m=19456,t=2,p=1$7Lvobwj3po9iyBrxkjBhjO8IU9fPoQwfoXYlBIGtTRHJ"
      + "Bs/6neQpAxuZA9DhabHzbPIVfx80V/ssbepbeXxjpg$HXyFggPciAlsY0RT1LTxCRqUR1ebd/5kRSmYDyPxBKg";

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
      boolean ok = Password.check(password, hash == null ? DUMMY : hash).with(ARGON2);
      return hash != null && ok;
    }, false);
  }
}
