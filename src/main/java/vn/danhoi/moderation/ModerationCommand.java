package vn.danhoi.moderation;

import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.intake.ComplaintRules.Kind;

import java.util.Map;
import java.util.UUID;

/**
 * What an editor asks of one item, read from the action's JSON body ({@code {"action": "on-air", ...}}). The name
 * is the page's word for it and, prefixed with {@code item.}, the event's.
 */
public sealed interface ModerationCommand {

  Map<String, String> REJECT_REASONS = Map.of(
      "spam", "Tin rác",
      "abuse", "Lời lẽ xúc phạm",
      "off_topic", "Không đúng chủ đề",
      "duplicate", "Trùng lặp",
      // complaints and denunciations of specific cases follow the citizen-reception procedure
      "complaint", "Khiếu nại, tố cáo vụ việc cụ thể");

  String name();

  /** The event the action is logged and announced as. */
  default String event() {
    return "item." + name();
  }

  /**
   * What the hosts' screen waits on (on-air, next, answered): run on the on-air path's own connections, and the
   * studio and live states are worked out at once rather than after the consoles are told.
   */
  default boolean onAirPath() {
    return onAirPath(name());
  }

  /** Whether the named action (as sent: "on-air") is on the on-air path. */
  static boolean onAirPath(String action) {
    return "on-air".equals(action) || "next".equals(action) || "answered".equals(action);
  }

  record Claim() implements ModerationCommand {
    public String name() {
      return "claim";
    }
  }

  record Release() implements ModerationCommand {
    public String name() {
      return "release";
    }
  }

  /** The wording that goes on air; the asker's own text is kept. */
  record Edit(String text) implements ModerationCommand {
    public String name() {
      return "edit";
    }
  }

  /** Either may be null: that one is kept. */
  record Categorize(String field, String agency) implements ModerationCommand {
    public String name() {
      return "categorize";
    }
  }

  record Reject(String reason) implements ModerationCommand {
    public String name() {
      return "reject";
    }
  }

  record Merge(UUID into) implements ModerationCommand {
    public String name() {
      return "merge";
    }
  }

  record Unmerge() implements ModerationCommand {
    public String name() {
      return "unmerge";
    }
  }

  /** The responder may be null: the one already named is kept. */
  record Shortlist(String responder) implements ModerationCommand {
    public String name() {
      return "shortlist";
    }
  }

  record Order(int position) implements ModerationCommand {
    public String name() {
      return "order";
    }
  }

  record Next() implements ModerationCommand {
    public String name() {
      return "next";
    }
  }

  record OnAir() implements ModerationCommand {
    public String name() {
      return "on-air";
    }
  }

  record Answered() implements ModerationCommand {
    public String name() {
      return "answered";
    }
  }

  record Defer() implements ModerationCommand {
    public String name() {
      return "defer";
    }
  }

  /**
   * What the message is: a question (dismissing the rules' suggestion, or taking back a referral), or a complaint
   * or denunciation (confirming the suggestion, or the editor's own reading), which leaves the queue for the
   * citizen reception office.
   */
  record Classify(Kind kind) implements ModerationCommand {
    public String name() {
      return "classify";
    }
  }

  /** The command a body asks for, or the {@link ApiError} naming the field that is missing or wrong. */
  static ModerationCommand parse(JsonObject body) {
    String action = body.getValue("action") instanceof String a ? a : null;
    if (action == null) {
      throw ApiError.invalid("action", "required", "Vui lòng chọn thao tác.");
    }
    JsonFields f = JsonFields.of(body);
    return switch (action) {
      case "claim" -> new Claim();
      case "release" -> new Release();
      case "edit" -> new Edit(f.required("text", "nội dung lên sóng", 2000));
      case "categorize" -> {
        String field = f.optional("field", "lĩnh vực", 100);
        String agency = f.optional("agency", "cơ quan trả lời", 200);
        if (field == null && agency == null) {
          throw ApiError.invalid("field", "required", "Vui lòng chọn lĩnh vực hoặc cơ quan trả lời.");
        }
        yield new Categorize(field, agency);
      }
      case "reject" -> {
        String reason = f.required("reason", "lý do", 40);
        if (!REJECT_REASONS.containsKey(reason)) {
          throw ApiError.invalid("reason", "invalid",
              "Lý do không hợp lệ (spam, abuse, off_topic, duplicate, complaint).");
        }
        yield new Reject(reason);
      }
      case "merge" -> new Merge(itemId(f.required("into", "câu hỏi gộp vào", 64), "into"));
      case "unmerge" -> new Unmerge();
      case "shortlist" -> new Shortlist(f.optional("responder", "người trả lời", 200));
      case "order" -> {
        Integer position = f.integer("position", "vị trí", 1, 100_000);
        if (position == null) {
          throw ApiError.invalid("position", "required", "Vui lòng nhập vị trí.");
        }
        yield new Order(position);
      }
      case "next" -> new Next();
      case "on-air" -> new OnAir();
      case "answered" -> new Answered();
      case "defer" -> new Defer();
      case "classify" -> new Classify(kind(f.required("kind", "loại đơn", 20)));
      default -> throw ApiError.invalid("action", "invalid", "Thao tác không hợp lệ: " + action + ".");
    };
  }

  private static Kind kind(String raw) {
    for (Kind k : Kind.values()) {
      if (k.wire().equals(raw)) {
        return k;
      }
    }
    throw ApiError.invalid("kind", "invalid", "Loại đơn không hợp lệ (question, complaint, denunciation).");
  }

  private static UUID itemId(String raw, String field) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(field, "invalid", "Mã câu hỏi không hợp lệ.");
    }
  }
}
