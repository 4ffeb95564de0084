package vn.danhoi.infra;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The only door to Redis. Lettuce completes on its own threads; every result is handed back as a Vert.x
 * {@link Future} on the caller's context. Commands and Pub/Sub use separate connections. Redis may be
 * down at start or go away later: commands then fail fast and the connections come back by themselves.
 */
public final class Redis {

  static {
    // Lettuce records a JFR event per connection; the first one loads the JDK's whole JFR metadata, seconds of
    // work on a cold JVM, on the event loop that connects. danhoi reads none of those events. An operator who
    // wants them sets -Dio.lettuce.core.jfr=true.
    if (System.getProperty("io.lettuce.core.jfr") == null) {
      System.setProperty("io.lettuce.core.jfr", "false");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(Redis.class);

  private final Vertx vertx;
  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private final String prefix;
  private final Context pubsubContext;
  private final List<Handler<Void>> reconnectHandlers = new CopyOnWriteArrayList<>();
  private final List<String> channels = new CopyOnWriteArrayList<>();
  private volatile Handler<String> messageHandler = m -> { };
  private volatile StatefulRedisConnection<String, String> commands;
  private volatile StatefulRedisPubSubConnection<String, String> pubsub;
  private volatile boolean closed;
  private final Promise<Void> firstAttempt = Promise.promise();

  private Redis(Vertx vertx, String url, String prefix, int timeoutMillis) {
    this.vertx = vertx;
    this.prefix = prefix;
    this.pubsubContext = vertx.getOrCreateContext();
    this.uri = RedisURI.create(url);
    uri.setTimeout(Duration.ofMillis(timeoutMillis));
    // Lettuce backs off up to 30 s by default; during a live show Redis must be used again within a second
    this.resources = ClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // a command sent while Redis is away fails at once instead of queueing without bound
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(timeoutMillis)))
        .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(timeoutMillis)).build())
        .build());
    client.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        pubsubContext.runOnContext(v -> reconnectHandlers.forEach(h -> h.handle(null)));
      }
    });
  }

  /** Starts connecting; the facade is usable at once and reports failures until Redis answers. */
  public static Redis start(Vertx vertx, String url, String prefix, int timeoutMillis) {
    Redis redis = new Redis(vertx, url, prefix, timeoutMillis);
    redis.connectCommands();
    redis.connectPubSub();
    return redis;
  }

  public String key(String suffix) {
    return prefix + suffix;
  }

  public boolean connected() {
    StatefulRedisConnection<String, String> c = commands;
    return c != null && c.isOpen();
  }

  public <T> Future<T> call(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command) {
    Context context = vertx.getOrCreateContext();
    StatefulRedisConnection<String, String> c = commands;
    if (c == null) {
      return Future.failedFuture(new IllegalStateException("Redis is not connected"));
    }
    try {
      return Future.fromCompletionStage(command.apply(c.async()), context);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Receives messages of the subscribed channels on this facade's context. */
  public void onMessage(Handler<String> handler) {
    this.messageHandler = handler;
  }

  public void subscribe(String channel) {
    channels.add(channel);
    StatefulRedisPubSubConnection<String, String> p = pubsub;
    if (p != null) {
      p.async().subscribe(channel);
    }
  }

  /** Called on every (re)connection of either connection: live state may have been lost meanwhile. */
  public void onReconnect(Handler<Void> handler) {
    reconnectHandlers.add(handler);
  }

  /** Closes both connections and Lettuce's threads; completes once they are gone. */
  public Future<Void> close() {
    closed = true;
    CompletableFuture<Void> done = new CompletableFuture<>();
    client.shutdownAsync(0, 1, TimeUnit.SECONDS).whenComplete((v, e) ->
        resources.shutdown(0, 1, TimeUnit.SECONDS).addListener(f -> done.complete(null)));
    return Future.fromCompletionStage(done, vertx.getOrCreateContext());
  }

  /** Completes once the first connection attempt is over, whether Redis answered or not. */
  public Future<Void> firstAttempt() {
    return firstAttempt.future();
  }

  private void connectCommands() {
    Future.fromCompletionStage(client.connectAsync(StringCodec.UTF8, uri), pubsubContext)
        .onSuccess(c -> commands = c)
        .onFailure(e -> retry("commands", this::connectCommands, e))
        .onComplete(ar -> firstAttempt.tryComplete());
  }

  private void connectPubSub() {
    Future.fromCompletionStage(client.connectPubSubAsync(StringCodec.UTF8, uri), pubsubContext)
        .onSuccess(p -> {
          p.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              pubsubContext.runOnContext(v -> messageHandler.handle(message));
            }
          });
          pubsub = p;
          if (!channels.isEmpty()) {
            p.async().subscribe(channels.toArray(String[]::new));
          }
        })
        .onFailure(e -> retry("pub/sub", this::connectPubSub, e));
  }

  private void retry(String what, Runnable again, Throwable cause) {
    if (closed) {
      return;
    }
    LOG.warn("Redis {} connection failed ({}); retrying in 1 s", what, cause.getMessage());
    vertx.setTimer(1000, id -> {
      if (!closed) {
        again.run();
      }
    });
  }
}
