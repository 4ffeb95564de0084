package vn.danhoi.infra;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket per client address in Redis, so every node counts against the same limit. Refill is
 * steady (perMinute) with a burst allowance, because many viewers share one mobile carrier's address.
 * If Redis cannot answer, requests pass: losing a citizen's question is worse than a missed limit.
 */
public final class RateLimiter {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

  // Returns 0 when a token was taken, otherwise the milliseconds until the next one.
  private static final String TAKE = """
      local now = redis.call('TIME')
      local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
      local rate = tonumber(ARGV[1]) / 60000
      local burst = tonumber(ARGV[2])
      local b = redis.call('HMGET', KEYS[1], 't', 'ts')
      local tokens = tonumber(b[1]) or burst
      local ts = tonumber(b[2]) or ms
      tokens = math.min(burst, tokens + math.max(0, ms - ts) * rate)
      if tokens < 1 then
        return math.ceil((1 - tokens) / rate)
      end
      redis.call('HSET', KEYS[1], 't', tostring(tokens - 1), 'ts', tostring(ms))
      redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
      return 0
      """;

  private final Redis redis;
  private final int perMinute;
  private final int burst;

  public RateLimiter(Redis redis, int perMinute, int burst) {
    this.redis = redis;
    this.perMinute = perMinute;
    this.burst = burst;
  }

  /** Succeeds when the address may go on; fails with a 429 carrying Retry-After otherwise. */
  public Future<Void> take(String bucket, String address) {
    String key = redis.key("rl:" + bucket + ":" + address);
    return redis.call(c -> c.<Long>eval(TAKE, ScriptOutputType.INTEGER, new String[] {key},
            Integer.toString(perMinute), Integer.toString(burst)))
        .recover(e -> {
          LOG.debug("Rate limiter unavailable, letting the request through: {}", e.toString());
          return Future.succeededFuture(0L);
        })
        .compose(waitMs -> waitMs == 0
            ? Future.succeededFuture()
            : Future.failedFuture(ApiError.tooManyRequests((int) Math.max(1, (waitMs + 999) / 1000))));
  }
}
