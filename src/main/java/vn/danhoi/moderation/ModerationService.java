package vn.danhoi.moderation;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.auth.Staff;
import vn.danhoi.infra.ApiError;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The editors' work on the queue: reads it, and runs each action in one transaction (lock the item, read what
 * the action needs, let {@link ModerationRules} decide, write), then has it announced once committed.
 */
public final class ModerationService {

  private static final Logger LOG = LoggerFactory.getLogger(ModerationService.class);

  private final ModerationStore store;
  /** The same statements on the on-air path's own connections. */
  private final ModerationStore onAirStore;
  private final SubmissionStore submissions;
  private final ModerationRules rules;
  private final ItemAnnouncer announcer;
  private final Clock clock;
  private final Referrals referrals;

  public ModerationService(ModerationStore store, ModerationStore onAirStore, SubmissionStore submissions,
                           ModerationRules rules, ItemAnnouncer announcer, Clock clock, Referrals referrals) {
    this.referrals = referrals;
    this.store = store;
    this.onAirStore = onAirStore;
    this.submissions = submissions;
    this.rules = rules;
    this.announcer = announcer;
    this.clock = clock;
  }

  /** The episode's queue, or the items matching {@code q} when there is one. */
  public Future<List<Submission>> queue(UUID episodeId, String q) {
    return q == null ? submissions.byEpisode(episodeId, 5000) : submissions.search(episodeId, q, 500);
  }

  public record Similar(Submission item, List<Submission> items) {
  }

  /** Questions that read like this one, to merge it into. */
  public Future<Similar> similar(UUID itemId) {
    return store.find(itemId).compose(item -> {
      if (item == null) {
        throw notFound();
      }
      return submissions.similar(item, 5).map(items -> new Similar(item, items));
    });
  }

  /** Every item the action changed, the acted-on one among them, once all consoles have been told. */
  public Future<List<ModerationStore.Changed>> act(UUID itemId, ModerationCommand command, Staff editor,
                                                   String address) {
    ModerationStore on = command.onAirPath() ? onAirStore : store;
    return on.apply(itemId, editor.actor(), address, (tx, item) -> facts(on, tx, command, item)
            .map(facts -> rules.decide(command, editor, item, facts, clock.instant())))
        .recover(e -> {
          if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            return Future.failedFuture(new ApiError(409, "item.on_air_conflict", null,
                "Một câu hỏi khác vừa được đưa lên sóng; hãy thử lại.", null));
          }
          return Future.failedFuture(e);
        })
        .compose(changed -> {
          if (changed == null) {
            throw notFound();
          }
          return announcer.announce(command.event(), changed, command.onAirPath())
              .compose(v -> replied(command, changed)).map(changed);
        });
  }

  /** The asker of a newly confirmed complaint or denunciation is told where to lodge it (once: the store sees to it). */
  private Future<Void> replied(ModerationCommand command, List<ModerationStore.Changed> changed) {
    if (!(command instanceof ModerationCommand.Classify)) {
      return Future.succeededFuture();
    }
    Submission item = changed.get(0).item();
    if (!item.classification().referred()) {
      return Future.succeededFuture();
    }
    // the editor's confirmation stands; a reply that could not even be recorded is for the operators' log
    return referrals.referred(item).recover(e -> {
      LOG.warn("Reply to referred item {} not recorded: {}", item.id(), e.toString());
      return Future.succeededFuture();
    });
  }

  private Future<ModerationRules.Facts> facts(ModerationStore store, SqlConnection tx, ModerationCommand command,
                                              Submission item) {
    if (command instanceof ModerationCommand.Merge m) {
      return store.lock(tx, m.into()).map(target -> new ModerationRules.Facts(target, null, null));
    }
    if (command instanceof ModerationCommand.Shortlist || command instanceof ModerationCommand.Next) {
      return store.nextPosition(tx, item.episodeId()).map(p -> new ModerationRules.Facts(null, p, null));
    }
    if (command instanceof ModerationCommand.OnAir) {
      return store.onAir(tx, item.episodeId()).map(onAir -> new ModerationRules.Facts(null, null, onAir));
    }
    return Future.succeededFuture(ModerationRules.Facts.NONE);
  }

  private static ApiError notFound() {
    return ApiError.notFound("item.not_found", "Không tìm thấy câu hỏi.");
  }
}
