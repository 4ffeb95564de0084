package vn.danhoi.infra;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * A token bucket per client address in Redis, so every node counts against the same limit. Refill is
 * steady (perMinute) with a burst allowance, because many viewers share one mobile carrier's address.
 * If Redis cannot answer, requests pass: losing a citizen's question is worse than a missed limit.
 */
public final class RateLimiter {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

  // One reply per key, in order: 0 when a token was taken, otherwise the milliseconds until the next one. A
  // key may come several times (one address, several requests): each takes its own token.
  private static final String TAKE = """
      local now = redis.call('TIME')
      local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
      local rate = tonumber(ARGV[1]) / 60000
      local burst = tonumber(ARGV[2])
      local out = {}
      for i, key in ipairs(KEYS) do
        local b = redis.call('HMGET', key, 't', 'ts')
        local tokens = tonumber(b[1]) or burst
        local ts = tonumber(b[2]) or ms
        tokens = math.min(burst, tokens + math.max(0, ms - ts) * rate)
        if tokens < 1 then
          out[i] = math.ceil((1 - tokens) / rate)
        else
          redis.call('HSET', key, 't', tostring(tokens - 1), 'ts', tostring(ms))
          redis.call('PEXPIRE', key, math.ceil(burst / rate) + 1000)
          out[i] = 0
        end
      end
      return out
      """;

  /** Most buckets in one script call: the requests that arrived while the previous call was out. */
  private static final int GROUP = 128;

  private final Redis redis;
  private final int perMinute;
  private final int burst;
  private final GroupedCalls<String, Long> takes;

  public RateLimiter(Redis redis, int perMinute, int burst) {
    this.redis = redis;
    this.perMinute = perMinute;
    this.burst = burst;
    // at thousands of questions a second, one round trip per request would cost more than the check
    this.takes = new GroupedCalls<>(GROUP, 2, this::takeAll);
  }

  private Future<List<Future<Long>>> takeAll(List<String> keys) {
    return redis.call(c -> c.<List<Object>>eval(TAKE, ScriptOutputType.MULTI, keys.toArray(String[]::new),
            Integer.toString(perMinute), Integer.toString(burst)))
        .map(replies -> replies.stream().map(r -> Future.succeededFuture((Long) r)).toList());
  }

  /** Succeeds when the address may go on; fails with a 429 carrying Retry-After otherwise. */
  public Future<Void> take(String bucket, String address) {
    String key = redis.key("rl:" + bucket + ":" + address);
    return takes.call(key)
        .recover(e -> {
          LOG.debug("Rate limiter unavailable, letting the request through: {}", e.toString());
          return Future.succeededFuture(0L);
        })
        .compose(waitMs -> waitMs == 0
            ? Future.succeededFuture()
            : Future.failedFuture(ApiError.tooManyRequests((int) Math.max(1, (waitMs + 999) / 1000))));
  }
}
