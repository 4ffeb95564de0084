package vn.danhoi.auth;

/**
 * Told when someone's access ends (log-out, account disabled or its roles changed, password reset, token
 * revoked), so every node closes the sockets that access opened: a socket outlives the request that
 * checked it. {@code sessionHash} names one session; null means every session and token of the actor.
 */
@FunctionalInterface
public interface AccessEnded {
  void ended(String actor, String sessionHash);
}
