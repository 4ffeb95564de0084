package vn.danhoi.auth;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.Redis;
import vn.danhoi.infra.Tokens;

import java.util.Locale;

/**
 * Wrong passwords counted per (username as typed, source) in Redis, so every node sees the same count. After
 * lockAfter failures that source may not try that username again for lockMinutes; every other source, the
 * account's owner included, logs in as before, so a stranger cannot lock anyone out. The username need not
 * exist: an unknown one is counted and blocked exactly like a known one, which tells nothing about which exist.
 * If Redis cannot answer, attempts pass (the per-address rate limit and Argon2's cost still hold).
 */
public final class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  // the milliseconds this source must still wait for this username, 0 when it may try
  private static final String WAIT = """
      local n = tonumber(redis.call('GET', KEYS[1]) or '0')
      if n < tonumber(ARGV[1]) then return 0 end
      return math.max(1, redis.call('PTTL', KEYS[1]))
      """;

  // one more failure; the window restarts at each one
  private static final String FAILED = """
      local n = redis.call('INCR', KEYS[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      return n
      """;

  private final Redis redis;
  private final int lockAfter;
  private final long lockMillis;

  public LoginThrottle(Redis redis, int lockAfter, int lockMinutes) {
    this.redis = redis;
    this.lockAfter = lockAfter;
    this.lockMillis = lockMinutes * 60_000L;
  }

  /** Milliseconds until this source may try this username again; 0 when it may now. */
  Future<Long> wait(String username, String source) {
    return redis.<Long>call(c -> c.eval(WAIT, ScriptOutputType.INTEGER, new String[] {key(username, source)},
            Integer.toString(lockAfter)))
        .recover(e -> passing(e, 0L));
  }

  /** Counts a failure; the count of failures in a row from this source for this username. */
  Future<Long> failed(String username, String source) {
    return redis.<Long>call(c -> c.eval(FAILED, ScriptOutputType.INTEGER, new String[] {key(username, source)},
            Long.toString(lockMillis)))
        .recover(e -> passing(e, 0L));
  }

  /** The right password from this source: its count starts again. */
  Future<Void> succeeded(String username, String source) {
    return redis.call(c -> c.del(key(username, source))).<Void>mapEmpty().recover(e -> passing(e, null));
  }

  private String key(String username, String source) {
    // usernames are ASCII by rule; hashed so that whatever was typed makes a short, safe key
    return redis.key("login:fail:" + Tokens.sha256(username.toLowerCase(Locale.ROOT)) + ":" + source);
  }

  private static <T> Future<T> passing(Throwable e, T value) {
    LOG.debug("Login throttle unavailable, letting the attempt through: {}", e.toString());
    return Future.succeededFuture(value);
  }
}
