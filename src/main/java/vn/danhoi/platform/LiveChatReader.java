package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.metrics.Metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads every live stream that is due, on whichever node claims it first: one page per claim, its comments and
 * the cursor stored together, the next read when the platform asked for it. A platform that fails is read
 * again after a growing pause (or the one it named), on its own: a YouTube outage leaves Facebook, Zalo and the
 * hotline as they were. A credential that no longer works, or a video that is gone, stops the stream until an
 * admin changes it; a broadcast that ended ends it.
 */
public final class LiveChatReader {

  private static final Logger LOG = LoggerFactory.getLogger(LiveChatReader.class);
  private static final int BATCH = 8;

  /** Pace and patience, from AppConfig.LiveChat. */
  public record Settings(long tickMillis, long leaseMillis, long readTimeoutMillis, long firstPauseMillis,
                         long longestPauseMillis, int youtubeDailyQuota) {
  }

  private final Vertx vertx;
  private final StreamStore streams;
  private final LiveCommentStore comments;
  private final Map<String, LiveChatSource> sources;
  private final Function<ChatMessage, LiveCommentStore.Scored> rules;
  private final Metrics metrics;
  private final Settings settings;
  private final String node;
  private long timer = -1;
  private boolean running;

  public LiveChatReader(Vertx vertx, StreamStore streams, LiveCommentStore comments, List<LiveChatSource> sources,
                        Function<ChatMessage, LiveCommentStore.Scored> rules, Metrics metrics, Settings settings,
                        String node) {
    this.vertx = vertx;
    this.streams = streams;
    this.comments = comments;
    this.sources = new HashMap<>();
    sources.forEach(s -> this.sources.put(s.platform(), s));
    this.rules = rules;
    this.metrics = metrics;
    this.settings = settings;
    this.node = node;
  }

  public void start() {
    timer = vertx.setPeriodic(settings.tickMillis(), id -> {
      if (running) {
        return;
      }
      running = true;
      pass().onComplete(ar -> {
        running = false;
        if (ar.failed()) {
          LOG.warn("Live chat pass failed; the streams are read on the next one: {}", ar.cause().toString());
        }
      });
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One pass: the due streams claimed and each read once, side by side. */
  Future<Void> pass() {
    return streams.claimDue(node, settings.leaseMillis(), BATCH).compose(claimed -> {
      List<Future<Void>> reads = new ArrayList<>();
      claimed.forEach(c -> reads.add(read(c)));
      return Future.join(reads).mapEmpty();
    });
  }

  private Future<Void> read(StreamStore.Claimed c) {
    LiveChatSource source = sources.get(c.platform());
    if (source == null) {
      return streams.saveFailure(node, c, "failed", 0, "Nền tảng này chưa được cấu hình trên máy chủ.");
    }
    return source.read(c.ref()).timeout(settings.readTimeoutMillis(), TimeUnit.MILLISECONDS)
        .compose(page -> stored(c, page))
        .recover(e -> failed(c, e));
  }

  private Future<Void> stored(StreamStore.Claimed c, ChatPage page) {
    List<LiveCommentStore.Scored> scored = new ArrayList<>(page.messages().size());
    page.messages().forEach(m -> scored.add(rules.apply(m)));
    ChatPage paced = paced(c, page);
    return streams.saveRead(node, c, paced, scored, comments).map(added -> {
      if (added < 0) {
        LOG.info("Live stream {}: lease lost while reading; the page is left to the node that holds it", c.id());
      } else {
        metrics.platformComments(c.platform(), added);
      }
      return null;
    });
  }

  /**
   * The platform's pace, but never faster than the day's YouTube quota allows: a read that would leave less
   * than one more read's worth waits for the quota's reset at midnight Pacific time.
   */
  private ChatPage paced(StreamStore.Claimed c, ChatPage page) {
    long after = page.readAfterMillis();
    if ("youtube".equals(c.platform()) && page.quotaCost() > 0
        && c.quotaToday() + 2L * page.quotaCost() > settings.youtubeDailyQuota()) {
      after = Math.max(after, untilPacificMidnight());
    }
    return after == page.readAfterMillis() ? page : new ChatPage(page.chatId(), page.messages(), page.cursor(),
        after, page.ended(), page.quotaCost(), page.usagePercent());
  }

  private Future<Void> failed(StreamStore.Claimed c, Throwable e) {
    PlatformFailure f = e instanceof PlatformFailure pf ? pf
        // another failure's message may quote the request (and with it a key in the URL): only its kind is kept
        : new PlatformFailure(PlatformFailure.Kind.TRANSIENT, "Không đọc được bình luận (" + e.getClass().getSimpleName()
            + "); sẽ thử lại.");
    String state;
    long retry;
    switch (f.kind()) {
      case CREDENTIAL, NOT_FOUND -> {
        state = "failed";
        retry = 0;
      }
      case ENDED -> {
        state = "ended";
        retry = 0;
      }
      case QUOTA -> {
        state = "backoff";
        retry = f.retryAfterMillis() > 0 ? f.retryAfterMillis() : untilPacificMidnight();
      }
      default -> {
        state = "backoff";
        retry = Math.max(f.retryAfterMillis(), pause(c.failures()));
      }
    }
    metrics.platformReadFailed(c.platform(), f.kind().name().toLowerCase(Locale.ROOT));
    LOG.warn("Live stream {} ({}): {} — {}; next read in {} ms", c.id(), c.platform(), f.kind(), f.getMessage(),
        state.equals("backoff") ? retry : -1);
    return streams.saveFailure(node, c, state, retry, f.getMessage());
  }

  /** The pause after the n-th failure in a row: doubling from the first, up to the longest, with jitter. */
  private long pause(int failures) {
    long base = settings.firstPauseMillis() << Math.min(failures, 20);
    long capped = Math.min(base, settings.longestPauseMillis());
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }

  /** The quota's reset and a minute more, so the first read of the new day does not meet yesterday's count. */
  private static long untilPacificMidnight() {
    return YouTubeLiveChat.untilQuotaReset(Clock.systemUTC()) + 60_000;
  }
}
