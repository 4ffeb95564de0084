package vn.danhoi.intake;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.danhoi.auth.Staff;
import vn.danhoi.episode.Episode;
import vn.danhoi.episode.EpisodeStore;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.Tokens;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The rules every channel shares: the episode must exist and take questions now; a submission is
 * committed to PostgreSQL before anyone hears "received"; a retry is answered from what was stored.
 */
public final class IntakeService {

  /** Version of the consent text shown on the public form, stored with each web submission. */
  public static final String WEB_CONSENT = "web-form:2026-11-v1";

  private final EpisodeStore episodes;
  private final SubmissionStore store;
  private final Consumer<Submission> onStored;
  private final Clock clock;
  private volatile SmsLookup smsLookup = SmsLookup.NONE;
  private volatile boolean zaloAck;
  private final Map<UUID, Recent> recent = new ConcurrentHashMap<>();

  private static final long EPISODE_FRESH_NANOS = 1_000_000_000L;

  private record Recent(Episode episode, long readAt) {
  }

  /** onStored: told of every newly committed submission, routed or not, before its sender hears back. */
  public IntakeService(EpisodeStore episodes, SubmissionStore store, Consumer<Submission> onStored, Clock clock) {
    this.episodes = episodes;
    this.store = store;
    this.onStored = onStored;
    this.clock = clock;
  }

  /** Who answers the SMS that ask where a question stands (the follow-up page's SMS side). */
  public void answerLookupsWith(SmsLookup lookup) {
    this.smsLookup = lookup;
  }

  /** Forgets this node's copy of an episode the council office just changed (window, cancellation). */
  public void episodeChanged(UUID episodeId) {
    recent.remove(episodeId);
  }

  public record WebQuestion(String name, String locality, String phone, String email, String text) {
    /** What an Idempotency-Key is bound to: a retry must carry the same question. */
    String fingerprint() {
      return Tokens.sha256(new JsonObject().put("n", name).put("l", locality).put("p", phone)
          .put("e", email).put("t", text).encode());
    }
  }

  /** What the asker is told: the item's id and the receipt code they follow it by (ReceiptCode's form). */
  public record Receipt(UUID id, String code, boolean duplicate) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("receipt", ReceiptCode.format(code));
    }
  }

  public Future<Receipt> submitWeb(UUID episodeId, WebQuestion q, String idempotencyKey, String address) {
    String hash = idempotencyKey == null ? null : q.fingerprint();
    return openEpisode(episodeId).compose(e -> storeOnce(NewSubmission.web(e.id(), q.text())
        .askerName(q.name()).locality(q.locality()).phone(q.phone()).email(q.email())
        .idempotency(idempotencyKey, hash).clientAddress(address).build(), "public:web"));
  }

  /**
   * Stores a submission once per Idempotency-Key: a retry of the same request gets the first answer, the
   * same key on another request is refused.
   */
  private Future<Receipt> storeOnce(NewSubmission n, String actor) {
    return store.insert(n, actor).compose(stored -> {
      if (stored != null) {
        onStored.accept(stored);
        return Future.succeededFuture(new Receipt(stored.id(), stored.receiptCode(), false));
      }
      return store.findByIdempotencyKey(n.episodeId(), n.idempotencyKey()).map(prior -> {
        if (prior == null || !Objects.equals(n.requestHash(), prior.requestHash())) {
          throw new ApiError(422, "idempotency.key_reused", "Idempotency-Key",
              "Mã Idempotency-Key này đã được dùng cho một yêu cầu khác.", null);
        }
        return new Receipt(prior.id(), prior.receiptCode(), true);
      });
    });
  }

  public record SmsMessage(String from, String to, String text, String messageId, OffsetDateTime sentAt) {
  }

  /**
   * What became of an SMS: a question stored (its id, episode and receipt code), or, when it was a request to
   * follow one (the lookup keyword and a code), the id of the reply queued to the sender.
   */
  public record SmsReceipt(UUID id, UUID episodeId, String code, boolean duplicate, boolean lookup) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString())
          .put("episodeId", episodeId == null ? null : episodeId.toString())
          .put("receipt", ReceiptCode.format(code))
          .put("duplicate", duplicate)
          .put("kind", lookup ? "lookup" : "question");
    }
  }

  /**
   * An SMS that asks where a question stands ("TRACUU 7TXJC2C7") rather than asking one: answered by a reply to
   * its sender, queued in PostgreSQL; null from {@link #answer} when the message is not such a request.
   */
  public interface SmsLookup {
    SmsLookup NONE = m -> null;

    /** The queued reply's id (a repeated delivery gets the first one's), or null: not a lookup, store it. */
    Future<SmsReceipt> answer(SmsMessage m);
  }

  /** Routes and stores an SMS; one that fits no open episode is kept as unrouted, never dropped. */
  public Future<SmsReceipt> receiveSms(SmsMessage m, String address) {
    Future<SmsReceipt> lookup = smsLookup.answer(m);
    return lookup != null ? lookup : receiveQuestion(m, address);
  }

  private Future<SmsReceipt> receiveQuestion(SmsMessage m, String address) {
    return receiveOnce("sms", m.messageId(), open -> {
      SmsRouter.Route route = SmsRouter.route(open, m.to(), m.text());
      UUID episodeId = route.episode() == null ? null : route.episode().id();
      // the message as received is kept whole, whatever the keyword rule took off the question
      return NewSubmission.sms(episodeId, route.text()).originalText(m.text()).phone(m.from())
          .sentAt(m.sentAt()).externalId(m.messageId()).smsTo(m.to()).clientAddress(address).build();
    }, "sms-gateway");
  }

  /**
   * A message to the council's Zalo Official Account, as its webhook says it: the sender's Zalo user id, Zalo's
   * message id (one row per id: Zalo delivers again when not answered in time), the text (an attachment's
   * description and caption), where the attachment is kept by Zalo, when it was sent.
   */
  public record ZaloMessage(String userId, String messageId, String text, String attachmentNote,
                            OffsetDateTime sentAt) {
  }

  /**
   * Whether a Zalo sender is told "received" on Zalo (the office's choice, DANHOI_ZALO_ACK): off, the question
   * still gets its code, but no message is queued to the sender.
   */
  public void acknowledgeZalo(boolean on) {
    this.zaloAck = on;
  }

  /**
   * Routes and stores a Zalo message: to the episode on air now (by its keyword when several are, or when none
   * is and the text names an open one); one that fits none is kept unrouted for an editor, like an SMS.
   */
  public Future<SmsReceipt> receiveZalo(ZaloMessage m, String address) {
    boolean acknowledge = zaloAck;
    return receiveOnce("zalo", m.messageId(), open -> {
      SmsRouter.Route route = SmsRouter.onAir(open, clock.instant(), m.text());
      NewSubmission.Builder b = NewSubmission.zalo(route.episode() == null ? null : route.episode().id(),
              route.text())
          .originalText(route.text().equals(m.text()) ? null : m.text()).platformUser(m.userId())
          .sentAt(m.sentAt()).externalId(m.messageId()).notes(m.attachmentNote()).clientAddress(address);
      return (acknowledge ? b : b.noReceipt()).build();
    }, "public:zalo");
  }

  /**
   * Stores a message a gateway may deliver more than once (SMS, Zalo) once per (channel, its id): a repeated
   * delivery is answered with the first one's receipt. {@code build} makes the submission from the episodes
   * open now.
   */
  private Future<SmsReceipt> receiveOnce(String channel, String externalId,
                                         Function<List<Episode>, NewSubmission> build, String actor) {
    return store.findByExternalId(channel, externalId).compose(prior -> {
      if (prior != null) {
        return Future.succeededFuture(new SmsReceipt(prior.id(), prior.episodeId(), prior.receiptCode(), true, false));
      }
      return episodes.openForIntake(now()).compose(open -> store.insert(build.apply(open), actor)).compose(stored -> {
        if (stored != null) {
          onStored.accept(stored);
          return Future.succeededFuture(new SmsReceipt(stored.id(), stored.episodeId(), stored.receiptCode(), false,
              false));
        }
        // a concurrent delivery of the same message won the insert
        return store.findByExternalId(channel, externalId)
            .map(p -> new SmsReceipt(p.id(), p.episodeId(), p.receiptCode(), true, false));
      });
    });
  }

  public record HotlineCall(String callerName, String callerPhone, String locality, String field, String text,
                            boolean readyForAir, String callbackPhone, String notes) {
  }

  public Future<Receipt> logCall(UUID episodeId, HotlineCall c, Staff operator, String idempotencyKey,
                                 String address) {
    String callback = c.readyForAir() && c.callbackPhone() == null ? c.callerPhone() : c.callbackPhone();
    String hash = idempotencyKey == null ? null : Tokens.sha256(operator.actor() + "\n" + c);
    return openEpisode(episodeId).compose(e -> storeOnce(NewSubmission.hotline(e.id(), c.text())
        .askerName(c.callerName()).locality(c.locality()).phone(c.callerPhone()).field(c.field())
        .idempotency(idempotencyKey, hash).clientAddress(address).readyForAir(c.readyForAir(), callback)
        .notes(c.notes()).loggedBy(operator.actor()).build(), operator.actor()));
  }

  public Future<Episode> existingEpisode(UUID episodeId) {
    return episodes.find(episodeId).map(e -> {
      if (e == null) {
        throw ApiError.notFound("episode.not_found", "Không tìm thấy chương trình phát sóng.");
      }
      return e;
    });
  }

  /**
   * The episode a question is for, read at most once a second per episode: at thousands of questions a
   * second the lookup would otherwise cost as much as the insert. A change (window, cancellation) is
   * seen within that second.
   */
  private Future<Episode> recentEpisode(UUID episodeId) {
    long now = System.nanoTime();
    Recent cached = recent.get(episodeId);
    if (cached != null && now - cached.readAt() < EPISODE_FRESH_NANOS) {
      return Future.succeededFuture(cached.episode());
    }
    return existingEpisode(episodeId).map(e -> {
      if (recent.size() >= 1000) {
        recent.clear();
      }
      recent.put(episodeId, new Recent(e, now));
      return e;
    });
  }

  private Future<Episode> openEpisode(UUID episodeId) {
    return recentEpisode(episodeId).map(e -> {
      if (!e.intakeOpen(clock.instant())) {
        throw ApiError.conflict("episode.intake_closed", "Chương trình hiện không nhận câu hỏi.");
      }
      return e;
    });
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
