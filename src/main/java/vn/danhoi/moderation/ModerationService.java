package vn.danhoi.moderation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlConnection;
import vn.danhoi.auth.Staff;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The editorial board's rules: who may touch an item (claims), which step may follow which, and what each
 * action changes. Plain Java; the store runs the plan in one transaction.
 */
public final class ModerationService {


  static final Map<String, String> REJECT_REASONS = Map.of(
      "spam", "Tin rác",
      "abuse", "Lời lẽ xúc phạm",
      "off_topic", "Không đúng chủ đề",
      "duplicate", "Trùng lặp",
      // seed 001: complaints and denunciations of specific cases follow the citizen-reception procedure
      "complaint", "Khiếu nại, tố cáo vụ việc cụ thể");

  private static final Set<String> CLOSED = Set.of("answered", "rejected", "merged");

  private final ModerationStore store;
  /** An editor's claim lapses after this long without being renewed, so a closed laptop frees the item. */
  private final Duration claimTtl;
  private final Clock clock;

  public ModerationService(ModerationStore store, Duration claimTtl, Clock clock) {
    this.store = store;
    this.claimTtl = claimTtl;
    this.clock = clock;
  }

  public Future<Submission> find(UUID itemId) {
    return store.find(itemId);
  }

  public Future<List<ModerationStore.Changed>> act(UUID itemId, JsonObject body, Staff editor, String address) {
    String action = body.getValue("action") instanceof String a ? a : null;
    if (action == null) {
      throw ApiError.invalid("action", "required", "Vui lòng chọn thao tác.");
    }
    JsonFields f = JsonFields.of(body);
    ModerationStore.Rules rules = switch (action) {
      case "claim" -> (tx, item) -> claimable(item, editor).map(i -> plan("claim",
          update(i, "claimed_by = $2, claimed_name = $3, claimed_at = now()", editor.actor(), editor.name())));
      case "release" -> (tx, item) -> claimable(item, editor).map(i -> plan("release",
          update(i, "claimed_by = NULL, claimed_name = NULL, claimed_at = NULL")));
      case "edit" -> {
        String text = f.required("text", "nội dung lên sóng", 2000);
        yield (tx, item) -> open(item, editor).map(i -> plan("edit", update(i, "edited_text = $2, search_text = $3",
            text, SubmissionStore.searchText(text, i.askerName(), i.locality()))));
      }
      case "categorize" -> {
        String field = f.optional("field", "lĩnh vực", 100);
        String agency = f.optional("agency", "cơ quan trả lời", 200);
        if (field == null && agency == null) {
          throw ApiError.invalid("field", "required", "Vui lòng chọn lĩnh vực hoặc cơ quan trả lời.");
        }
        yield (tx, item) -> open(item, editor).map(i -> plan("categorize",
            update(i, "field = coalesce($2, field), agency = coalesce($3, agency)", field, agency)));
      }
      case "reject" -> {
        String reason = f.required("reason", "lý do", 40);
        if (!REJECT_REASONS.containsKey(reason)) {
          throw ApiError.invalid("reason", "invalid",
              "Lý do không hợp lệ (spam, abuse, off_topic, duplicate, complaint).");
        }
        yield (tx, item) -> open(item, editor).compose(i -> notOnAir(i)).map(i -> plan("reject",
            update(i, "status = 'rejected', reject_reason = $2, position = NULL", reason)));
      }
      case "merge" -> {
        UUID into = uuid(f.required("into", "câu hỏi gộp vào", 64), "into");
        yield (tx, item) -> open(item, editor).compose(this::notOnAir).compose(i -> merge(tx, i, into));
      }
      case "unmerge" -> (tx, item) -> claimable(item, editor).compose(i -> {
        if (!"merged".equals(i.status()) || i.moderation().mergedInto() == null) {
          return Future.failedFuture(transition("Câu hỏi này chưa được gộp."));
        }
        return Future.succeededFuture(plan("unmerge",
            update(i, "status = 'received', merged_into = NULL"),
            new ModerationStore.Update(i.moderation().mergedInto(), "asker_count = asker_count - $2",
                List.of(i.moderation().askerCount()))));
      });
      case "shortlist" -> {
        String responder = f.optional("responder", "người trả lời", 200);
        yield (tx, item) -> open(item, editor).compose(this::notOnAir)
            .compose(i -> store.nextPosition(tx, i.episodeId()).map(pos -> plan("shortlist",
                update(i, "status = 'shortlisted', position = coalesce(position, $2), "
                    + "responder = coalesce($3, responder)", pos, responder))));
      }
      case "order" -> {
        Integer position = f.integer("position", "vị trí", 1, 100_000);
        if (position == null) {
          throw ApiError.invalid("position", "required", "Vui lòng nhập vị trí.");
        }
        yield (tx, item) -> open(item, editor).map(i -> plan("order", update(i, "position = $2", position)));
      }
      case "next" -> (tx, item) -> open(item, editor).compose(this::notOnAir)
          .compose(i -> store.nextPosition(tx, i.episodeId()).map(pos -> plan("next",
              update(i, "status = 'next', position = coalesce(position, $2)", pos))));
      case "on-air" -> (tx, item) -> open(item, editor).compose(i -> {
        if ("on_air".equals(i.status())) {
          return Future.failedFuture(transition("Câu hỏi này đang lên sóng."));
        }
        // the question on air before goes back to the head of the next-up list
        return store.onAir(tx, i.episodeId()).map(previous -> {
          List<ModerationStore.Update> updates = new ArrayList<>();
          if (previous != null) {
            updates.add(update(previous, "status = 'next', on_air_at = NULL"));
          }
          updates.add(update(i, "status = 'on_air', on_air_at = now(), answered_at = NULL"));
          return new ModerationStore.Plan("on-air", updates);
        });
      });
      case "answered" -> (tx, item) -> claimable(item, editor).compose(i -> {
        if (!"on_air".equals(i.status())) {
          return Future.failedFuture(transition("Chỉ đánh dấu đã trả lời khi câu hỏi đang lên sóng."));
        }
        return Future.succeededFuture(plan("answered", update(i, "status = 'answered', answered_at = now()")));
      });
      case "defer" -> (tx, item) -> open(item, editor).map(i -> plan("defer",
          update(i, "status = 'deferred', on_air_at = NULL")));
      default -> throw ApiError.invalid("action", "invalid", "Thao tác không hợp lệ: " + action + ".");
    };
    return store.apply(itemId, editor.actor(), address, rules)
        .recover(e -> {
          if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            return Future.failedFuture(new ApiError(409, "item.on_air_conflict", null,
                "Một câu hỏi khác vừa được đưa lên sóng; hãy thử lại.", null));
          }
          return Future.failedFuture(e);
        })
        .map(changed -> {
          if (changed == null) {
            throw ApiError.notFound("item.not_found", "Không tìm thấy câu hỏi.");
          }
          return changed;
        });
  }

  private Future<ModerationStore.Plan> merge(SqlConnection tx, Submission item, UUID into) {
    if (into.equals(item.id())) {
      return Future.failedFuture(ApiError.invalid("into", "invalid", "Không thể gộp câu hỏi vào chính nó."));
    }
    return store.lock(tx, into).compose(target -> {
      if (target == null || !item.episodeId().equals(target.episodeId())) {
        return Future.failedFuture(ApiError.invalid("into", "not_found",
            "Không tìm thấy câu hỏi gộp vào trong chương trình này."));
      }
      if ("merged".equals(target.status()) || "rejected".equals(target.status())) {
        return Future.failedFuture(transition("Không thể gộp vào một câu hỏi đã gộp hoặc đã loại."));
      }
      return Future.succeededFuture(plan("merge",
          update(item, "status = 'merged', merged_into = $2, position = NULL", into),
          new ModerationStore.Update(into, "asker_count = asker_count + $2",
              List.of(item.moderation().askerCount()))));
    });
  }

  /** The item is free for this editor: not claimed by someone else within the claim's lifetime. */
  private Future<Submission> claimable(Submission item, Staff editor) {
    Submission.Moderation m = item.moderation();
    boolean heldByOther = m.claimedBy() != null && !m.claimedBy().equals(editor.actor())
        && m.claimedAt() != null && m.claimedAt().toInstant().plus(claimTtl).isAfter(clock.instant());
    if (heldByOther) {
      return Future.failedFuture(new ApiError(409, "item.claimed", null,
          "Câu hỏi đang được xử lý bởi " + m.claimedName() + ".", null));
    }
    return Future.succeededFuture(item);
  }

  /** Claimable, and not in a closed state (answered, rejected, merged). */
  private Future<Submission> open(Submission item, Staff editor) {
    return claimable(item, editor).compose(i -> CLOSED.contains(i.status())
        ? Future.failedFuture(transition("Câu hỏi đã ở trạng thái \"" + i.status() + "\"."))
        : Future.succeededFuture(i));
  }

  private Future<Submission> notOnAir(Submission item) {
    return "on_air".equals(item.status())
        ? Future.failedFuture(transition("Câu hỏi đang lên sóng; hãy đánh dấu đã trả lời hoặc hoãn trước."))
        : Future.succeededFuture(item);
  }

  private static ApiError transition(String message) {
    return new ApiError(409, "item.invalid_transition", null, message, null);
  }

  private static ModerationStore.Plan plan(String action, ModerationStore.Update... updates) {
    return new ModerationStore.Plan(action, List.of(updates));
  }

  private static ModerationStore.Update update(Submission s, String set, Object... params) {
    return new ModerationStore.Update(s.id(), set, java.util.Arrays.asList(params));
  }

  private static UUID uuid(String raw, String field) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(field, "invalid", "Mã câu hỏi không hợp lệ.");
    }
  }
}
