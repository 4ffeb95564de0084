package vn.danhoi.queue;

import vn.danhoi.infra.Redis;

import java.util.UUID;

/** Names of the live layer's Redis keys and channels, all under the configured prefix. */
public final class QueueKeys {

  private final Redis redis;

  public QueueKeys(Redis redis) {
    this.redis = redis;
  }

  /**
   * The episode's moderation queue, in arrival order: ids only. No consumer group reads it: the queue of
   * record is PostgreSQL, and consoles are fed by Pub/Sub and caught up from PostgreSQL.
   */
  public String stream(UUID episodeId) {
    return redis.key("ep:" + episodeId + ":queue");
  }

  /** Which submissions are already in the stream: guards against queueing one twice. */
  public String queued(UUID episodeId) {
    return redis.key("ep:" + episodeId + ":queued");
  }

  /** Present while Redis holds state built from PostgreSQL; missing after a flush or a restart. */
  public String builtMarker() {
    return redis.key("live:built");
  }

  /** Pub/Sub channel carrying moderation events to every node. */
  public String events() {
    return redis.key("events");
  }
}
