package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import vn.danhoi.auth.Staff;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.EventLog;
import vn.danhoi.intake.NewSubmission;
import vn.danhoi.intake.ReceiptCode;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * What editors do with live chats: take a comment into the main queue, where it becomes a submission of its
 * platform's channel, the author's display name as the asker; once, however often the key is pressed.
 */
public final class LiveChats {

  /** The submission a comment became; duplicate: it had been taken before. */
  public record Taken(UUID submissionId, String receipt, boolean duplicate) {
    public JsonObject toJson() {
      return new JsonObject().put("id", submissionId.toString()).put("receipt", receipt).put("duplicate", duplicate);
    }
  }

  private final Pool pool;
  private final LiveCommentStore comments;
  private final SubmissionStore submissions;
  private final Consumer<Submission> accepted;

  /** accepted: told of each new submission after its commit (counted, relayed to the queue). */
  public LiveChats(Pool pool, LiveCommentStore comments, SubmissionStore submissions, Consumer<Submission> accepted) {
    this.pool = pool;
    this.comments = comments;
    this.submissions = submissions;
    this.accepted = accepted;
  }

  /** A take's result and, when it made one, the new submission to announce after the commit. */
  private record Outcome(Taken taken, Submission stored) {
  }

  public Future<Taken> take(UUID commentId, Staff editor, String address) {
    return pool.withTransaction(tx -> comments.lockForTaking(tx, commentId).compose(c -> {
      if (c == null) {
        throw ApiError.notFound("live_comment.not_found", "Không có bình luận này.");
      }
      if (c.submissionId() != null) {
        return submissions.findByExternalId(c.platform(), c.externalId())
            .map(prior -> new Outcome(new Taken(c.submissionId(), prior == null ? null
                : ReceiptCode.format(prior.receiptCode()), true), null));
      }
      NewSubmission n = NewSubmission.liveComment(c.episodeId(), c.platform(), c.text())
          .askerName(c.authorName()).externalId(c.externalId()).noReceipt().build();
      return submissions.insert(tx, n, editor.actor(), SubmissionStore.Extras.NONE).compose(s -> {
        if (s == null) {
          throw ApiError.conflict("live_comment.taken", "Bình luận này vừa được đưa vào hàng đợi.");
        }
        return comments.markTaken(tx, c.id(), s.id())
            .compose(v -> EventLog.append(tx, EventLog.Event.of(editor.actor(), "live_comment.taken", "live_comment",
                c.id().toString()).inEpisode(c.episodeId()).after(new JsonObject().put("submission", s.id().toString())
                .put("platform", c.platform())).from(address)))
            .map(v -> new Outcome(new Taken(s.id(), ReceiptCode.format(s.receiptCode()), false), s));
      });
    })).map(o -> {
      if (o.stored() != null) {
        accepted.accept(o.stored());
      }
      return o.taken();
    });
  }
}
