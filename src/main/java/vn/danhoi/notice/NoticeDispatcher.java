package vn.danhoi.notice;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.publish.CitizenSender;
import vn.danhoi.sms.OutgoingSms;
import vn.danhoi.sms.SmsProvider;
import vn.danhoi.sms.SmsResult;
import vn.danhoi.sms.SmsText;
import vn.danhoi.zalo.ZaloOaClient;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends what the notices' queue holds: SMS through the configured provider, e-mail through SMTP (or the log), a
 * Zalo user's receipt through the OA API.
 * At most once per notice: only what a provider certainly did not take is sent again, after a growing pause
 * (or the one it asked for), up to maxAttempts; what may have been taken is never resent. The daily limits
 * are applied when a notice is claimed: past the per-number limit a receipt or a lookup's reply is dropped
 * ("limited") and an answer waits for the next day; past the day's total every SMS waits for the next day.
 */
public final class NoticeDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(NoticeDispatcher.class);

  /** The notices a flood can multiply (one per text received): dropped past the per-number limit. */
  private static final Set<String> DROPPABLE = Set.of("submission.receipt", "track.reply");
  private static final Duration LONGEST_PAUSE = Duration.ofHours(1);
  private static final int BATCH = 50;

  /** The limits and pace, from AppConfig.Sms. */
  public record Settings(int perNumberPerDay, int perDay, int maxAttempts, long intervalMillis, Duration timeout,
                         Duration firstPause) {
  }

  private final Vertx vertx;
  private final NoticeQueue queue;
  private final SmsProvider sms;
  private final CitizenSender email;
  private final ZaloOaClient zalo;
  private final ReceiptWording receipts;
  private final Settings settings;
  private final ZoneId zone;
  private long timer = -1;
  private boolean running;

  public NoticeDispatcher(Vertx vertx, NoticeQueue queue, SmsProvider sms, CitizenSender email, ZaloOaClient zalo,
                          ReceiptWording receipts, Settings settings, ZoneId zone) {
    this.vertx = vertx;
    this.queue = queue;
    this.sms = sms;
    this.email = email;
    this.zalo = zalo;
    this.receipts = receipts;
    this.settings = settings;
    this.zone = zone;
  }

  public void start() {
    timer = vertx.setPeriodic(settings.intervalMillis(), id -> {
      if (running) {
        return;
      }
      running = true;
      drain().onComplete(ar -> {
        running = false;
        if (ar.failed()) {
          LOG.warn("Notice queue pass failed; the notices stay queued: {}", ar.cause().toString());
        }
      });
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One pass: claims what is due and sends it; another batch follows at once while batches come back full. */
  Future<Void> drain() {
    return pass().compose(n -> n == BATCH ? drain() : Future.succeededFuture());
  }

  private Future<Integer> pass() {
    return queue.claim(BATCH, this::dayAt, this::decide).compose(claimed -> {
      List<Future<Void>> sends = new ArrayList<>();
      claimed.forEach(d -> sends.add(send(d).recover(e -> {
        LOG.warn("Notice {} not recorded after sending: {}", d.id(), e.toString());
        return Future.succeededFuture();
      })));
      return Future.join(sends).map(claimed.size());
    });
  }

  /** Today, the council's day at the database's time, and how long a claim made now holds. */
  private NoticeQueue.Day dayAt(OffsetDateTime now) {
    LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
    return new NoticeQueue.Day(today.atStartOfDay(zone).toOffsetDateTime(),
        today.plusDays(1).atStartOfDay(zone).toOffsetDateTime(), now.plus(settings.timeout()).plusSeconds(30));
  }

  private List<NoticeQueue.Decision> decide(List<NoticeQueue.Due> due, NoticeQueue.Counts today,
                                            NoticeQueue.Day day) {
    List<NoticeQueue.Decision> out = new ArrayList<>();
    long total = today.total();
    Map<String, Long> byNumber = new HashMap<>(today.byRecipient());
    for (NoticeQueue.Due d : due) {
      if (d.erased()) {
        out.add(new NoticeQueue.Decision(d.id(), "cancelled", null, "Dữ liệu cá nhân của người hỏi đã bị xoá."));
        continue;
      }
      if (!"sms".equals(d.channel())) {
        out.add(new NoticeQueue.Decision(d.id(), "sending", null, null));
        continue;
      }
      long forNumber = byNumber.getOrDefault(d.recipient(), 0L);
      if (forNumber >= settings.perNumberPerDay()) {
        out.add(DROPPABLE.contains(d.kind())
            ? new NoticeQueue.Decision(d.id(), "limited", null, "Quá " + settings.perNumberPerDay()
                + " tin nhắn trong ngày tới số này; không gửi.")
            : new NoticeQueue.Decision(d.id(), "queued", day.next(), "Quá " + settings.perNumberPerDay()
                + " tin nhắn trong ngày tới số này; gửi vào ngày mai."));
      } else if (total >= settings.perDay()) {
        out.add(new NoticeQueue.Decision(d.id(), "queued", day.next(), "Đã gửi đủ " + settings.perDay()
            + " tin nhắn trong ngày; gửi vào ngày mai."));
      } else {
        total++;
        byNumber.put(d.recipient(), forNumber + 1);
        out.add(new NoticeQueue.Decision(d.id(), "sending", null, null));
      }
    }
    return out;
  }

  private Future<Void> send(NoticeQueue.Due d) {
    Future<NoticeQueue.Due> worded = d.body() == null || d.body().isEmpty() ? receipts.word(d)
        .compose(m -> queue.worded(d.id(), m.subject(), m.body())
            .map(v -> d.worded(m.subject(), m.body())))
        : Future.succeededFuture(d);
    return worded.compose(w -> switch (w.channel()) {
      case "sms" -> sendSms(w);
      case "zalo" -> sendZalo(w);
      default -> sendEmail(w);
    });
  }

  private Future<Void> sendSms(NoticeQueue.Due d) {
    String text = sms.foldsDiacritics() ? SmsText.fold(d.body()) : d.body();
    SmsText.Parts parts = SmsText.count(text);
    return sms.send(new OutgoingSms(d.id(), d.recipient(), text)).compose(result -> recorded(d, sms.name(), result,
        text, parts.segments(), parts.encoding().name()));
  }

  /** A receipt to a Zalo user, through the OA API: its outcomes read as an SMS provider's. */
  private Future<Void> sendZalo(NoticeQueue.Due d) {
    return zalo.send(d.recipient(), d.body()).compose(result -> recorded(d, zalo.name(), result, d.body(), null, null));
  }

  /** What the provider said, recorded: taken, perhaps taken (never resent), to try again later, or refused. */
  private Future<Void> recorded(NoticeQueue.Due d, String provider, SmsResult result, String text, Integer segments,
                                String encoding) {
    if (result instanceof SmsResult.Accepted a) {
      return queue.sent(d.id(), provider, a.providerId(), text, segments, encoding, false, null);
    }
    if (result instanceof SmsResult.Unconfirmed u) {
      return queue.sent(d.id(), provider, null, text, segments, encoding, true, u.reason());
    }
    if (result instanceof SmsResult.RetryLater r) {
      return queue.notTaken(d.id(), provider, retryAt(d.attempts() + 1, r.after()), join(r.code(), r.reason()));
    }
    SmsResult.Refused r = (SmsResult.Refused) result;
    return queue.notTaken(d.id(), provider, null, join(r.code(), r.reason()));
  }

  private Future<Void> sendEmail(NoticeQueue.Due d) {
    String provider = "email".equals(email.channel()) ? "smtp" : email.channel();
    return email.send(new CitizenSender.CitizenMessage(d.recipient(), null, d.subject(), d.body())).transform(ar ->
        ar.succeeded() ? queue.sent(d.id(), provider, null, d.body(), null, null, false, null)
            : queue.notTaken(d.id(), provider, retryAt(d.attempts() + 1, Duration.ZERO),
                String.valueOf(ar.cause().getMessage())));
  }

  /**
   * When to try again after this many attempts (the claim counted the one just made), or null: none left.
   * The pause doubles from the first; a provider that asks for a longer one (Retry-After) gets it.
   */
  private Long retryAt(int attempts, Duration asked) {
    if (attempts >= settings.maxAttempts()) {
      return null;
    }
    Duration pause = settings.firstPause().multipliedBy(1L << Math.min(attempts - 1, 16));
    if (pause.compareTo(LONGEST_PAUSE) > 0) {
      pause = LONGEST_PAUSE;
    }
    if (asked != null && asked.compareTo(pause) > 0) {
      pause = asked;
    }
    return pause.toMillis();
  }

  private static String join(String code, String reason) {
    return code == null || code.isEmpty() ? reason : code + ": " + reason;
  }
}
