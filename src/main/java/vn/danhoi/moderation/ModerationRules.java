package vn.danhoi.moderation;

import vn.danhoi.auth.Staff;
import vn.danhoi.infra.ApiError;
import vn.danhoi.intake.ComplaintRules.Kind;
import vn.danhoi.intake.ItemStatus;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;
import vn.danhoi.moderation.ModerationCommand.Answered;
import vn.danhoi.moderation.ModerationCommand.Categorize;
import vn.danhoi.moderation.ModerationCommand.Claim;
import vn.danhoi.moderation.ModerationCommand.Classify;
import vn.danhoi.moderation.ModerationCommand.Defer;
import vn.danhoi.moderation.ModerationCommand.Edit;
import vn.danhoi.moderation.ModerationCommand.Merge;
import vn.danhoi.moderation.ModerationCommand.Next;
import vn.danhoi.moderation.ModerationCommand.OnAir;
import vn.danhoi.moderation.ModerationCommand.Order;
import vn.danhoi.moderation.ModerationCommand.Reject;
import vn.danhoi.moderation.ModerationCommand.Release;
import vn.danhoi.moderation.ModerationCommand.Shortlist;
import vn.danhoi.moderation.ModerationCommand.Unmerge;
import vn.danhoi.moderation.Transition.Effect;
import vn.danhoi.moderation.Transition.Move;
import vn.danhoi.moderation.Transition.Placed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static vn.danhoi.intake.ItemStatus.MERGED;
import static vn.danhoi.intake.ItemStatus.ON_AIR;
import static vn.danhoi.intake.ItemStatus.REFERRED;
import static vn.danhoi.intake.ItemStatus.REJECTED;

/**
 * The editorial board's rules, without a database: who may touch an item (claims), which step may follow which,
 * and what each action changes. Given the locked item and what else the action needs to know, it returns the
 * {@link Transition} or throws the {@link ApiError} that refuses it.
 */
public final class ModerationRules {

  /** An editor's claim lapses after this long without being renewed, so a closed laptop frees the item. */
  private final Duration claimTtl;

  public ModerationRules(Duration claimTtl) {
    this.claimTtl = claimTtl;
  }

  /**
   * What the action needs besides the item, read in the same transaction: the item to merge into, the episode's
   * next free place in the running order, the item on air now (each null when not needed or not there).
   */
  public record Facts(Submission target, Integer nextPosition, Submission onAir) {
    public static final Facts NONE = new Facts(null, null, null);
  }

  public Transition decide(ModerationCommand command, Staff editor, Submission item, Facts facts, Instant now) {
    claimable(item, editor, now);
    String event = command.event();
    if (command instanceof Claim) {
      return change(event, item, new Transition.Claimed(editor.actor(), editor.name()));
    }
    if (command instanceof Release) {
      return change(event, item, new Transition.Released());
    }
    if (command instanceof Unmerge) {
      return unmerge(event, item);
    }
    if (command instanceof Classify c) {
      return classify(event, item, c.kind(), editor);
    }
    if (command instanceof OnAir || command instanceof Next || command instanceof Shortlist) {
      aQuestion(item);
    }
    if (command instanceof Answered) {
      if (item.itemStatus() != ON_AIR) {
        throw transition("Chỉ đánh dấu đã trả lời khi câu hỏi đang lên sóng.");
      }
      return moved(event, item, ItemStatus.ANSWERED, new Transition.AnsweredNow());
    }
    open(item);
    if (command instanceof Edit e) {
      return change(event, item,
          new Transition.Edited(e.text(), SubmissionStore.searchText(e.text(), item.askerName(), item.locality())));
    }
    if (command instanceof Categorize c) {
      return change(event, item, new Transition.Categorized(c.field(), c.agency()));
    }
    if (command instanceof Order o) {
      return change(event, item, Placed.at(o.position()));
    }
    if (command instanceof Defer) {
      return moved(event, item, ItemStatus.DEFERRED, new Transition.OffAir());
    }
    if (command instanceof OnAir) {
      return onAir(event, item, facts.onAir());
    }
    notOnAir(item);
    if (command instanceof Reject r) {
      return moved(event, item, REJECTED, new Transition.RejectedFor(r.reason()), Placed.nowhere());
    }
    if (command instanceof Merge m) {
      return merge(event, item, m.into(), facts.target());
    }
    if (command instanceof Shortlist s) {
      return moved(event, item, ItemStatus.SHORTLISTED, Placed.unlessPlaced(facts.nextPosition()),
          new Transition.Responder(s.responder()));
    }
    if (command instanceof Next) {
      return moved(event, item, ItemStatus.NEXT, Placed.unlessPlaced(facts.nextPosition()));
    }
    throw new IllegalStateException("no rule for " + command);
  }

  /**
   * Confirming a complaint or denunciation takes it out of the queue and the running order (not on air, not
   * rejected: referred); calling it a question dismisses the suggestion, and brings a referred one back.
   */
  private static Transition classify(String event, Submission item, Kind kind, Staff editor) {
    Transition.Classified classified = new Transition.Classified(kind, editor.actor());
    ItemStatus status = item.itemStatus();
    if (kind == Kind.QUESTION) {
      return status == REFERRED ? moved(event, item, ItemStatus.RECEIVED, classified)
          : change(event, item, classified);
    }
    if (status == REFERRED) {
      return change(event, item, classified);
    }
    open(item);
    notOnAir(item);
    return moved(event, item, REFERRED, classified, Placed.nowhere(), new Transition.Released());
  }

  /** Only a question goes on air or into the running order; a suggested complaint is confirmed or dismissed first. */
  private static void aQuestion(Submission item) {
    if (item.classification().referred()) {
      throw new ApiError(409, "item.complaint", null, "Đơn khiếu nại, tố cáo không đưa lên sóng; đơn đã được "
          + "chuyển hướng dẫn tới Ban Tiếp công dân.", null);
    }
    if (item.classification().awaitsConfirmation()) {
      throw new ApiError(409, "item.complaint_unconfirmed", null, "Nội dung này có thể là đơn khiếu nại, tố cáo; "
          + "hãy xác nhận hoặc bỏ qua gợi ý trước khi đưa lên sóng.", null);
    }
  }

  private static Transition unmerge(String event, Submission item) {
    UUID into = item.moderation().mergedInto();
    if (item.itemStatus() != MERGED || into == null) {
      throw transition("Câu hỏi này chưa được gộp.");
    }
    return new Transition(event, List.of(
        move(item, ItemStatus.RECEIVED, new Transition.MergedInto(null)),
        new Transition.Askers(into, -item.moderation().askerCount())));
  }

  private static Transition merge(String event, Submission item, UUID into, Submission target) {
    if (into.equals(item.id())) {
      throw ApiError.invalid("into", "invalid", "Không thể gộp câu hỏi vào chính nó.");
    }
    if (target == null || !item.episodeId().equals(target.episodeId())) {
      throw ApiError.invalid("into", "not_found", "Không tìm thấy câu hỏi gộp vào trong chương trình này.");
    }
    if (target.itemStatus() == MERGED || target.itemStatus() == REJECTED || target.itemStatus() == REFERRED) {
      throw transition("Không thể gộp vào một câu hỏi đã gộp hoặc đã loại.");
    }
    return new Transition(event, List.of(
        move(item, MERGED, new Transition.MergedInto(into), Placed.nowhere()),
        new Transition.Askers(into, item.moderation().askerCount())));
  }

  /** One question on air at a time: the one there before goes back to the head of the next-up list. */
  private static Transition onAir(String event, Submission item, Submission previous) {
    if (item.itemStatus() == ON_AIR) {
      throw transition("Câu hỏi này đang lên sóng.");
    }
    List<Transition.Step> steps = new ArrayList<>();
    if (previous != null) {
      steps.add(move(previous, ItemStatus.NEXT, new Transition.OffAir()));
    }
    steps.add(move(item, ON_AIR, new Transition.OnAirNow()));
    return new Transition(event, steps);
  }

  /** The item is free for this editor: not claimed by someone else within the claim's lifetime. */
  private void claimable(Submission item, Staff editor, Instant now) {
    Submission.Moderation m = item.moderation();
    boolean heldByOther = m.claimedBy() != null && !m.claimedBy().equals(editor.actor())
        && m.claimedAt() != null && m.claimedAt().toInstant().plus(claimTtl).isAfter(now);
    if (heldByOther) {
      throw new ApiError(409, "item.claimed", null, "Câu hỏi đang được xử lý bởi " + m.claimedName() + ".", null);
    }
  }

  /** Not in a closed state (answered, rejected, merged). */
  private static void open(Submission item) {
    if (item.itemStatus().closed()) {
      throw transition("Câu hỏi đã ở trạng thái \"" + item.status() + "\".");
    }
  }

  private static void notOnAir(Submission item) {
    if (item.itemStatus() == ON_AIR) {
      throw transition("Câu hỏi đang lên sóng; hãy đánh dấu đã trả lời hoặc hoãn trước.");
    }
  }

  private static ApiError transition(String message) {
    return new ApiError(409, "item.invalid_transition", null, message, null);
  }

  /** The item's fields change; its status stays. */
  private static Transition change(String event, Submission item, Effect effect) {
    return moved(event, item, item.itemStatus(), effect);
  }

  private static Transition moved(String event, Submission item, ItemStatus to, Effect... effects) {
    return new Transition(event, List.of(move(item, to, effects)));
  }

  private static Move move(Submission item, ItemStatus to, Effect... effects) {
    return new Move(item.id(), item.itemStatus(), to, List.of(effects));
  }
}
