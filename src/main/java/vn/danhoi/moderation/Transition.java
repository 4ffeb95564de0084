package vn.danhoi.moderation;

import vn.danhoi.intake.ComplaintRules.Kind;
import vn.danhoi.intake.ItemStatus;

import java.util.List;
import java.util.UUID;

/**
 * What the rules decided an action changes, in order, before any SQL: {@link ModerationStore} writes each step
 * and logs it as one event named {@code event} ({@code item.on-air}).
 */
public record Transition(String event, List<Step> steps) {

  public Transition {
    steps = List.copyOf(steps);
  }

  /** One row changed by the action. */
  public sealed interface Step {
    UUID itemId();
  }

  /** An item the rules read, moved from one status to another (the same one when only its fields change). */
  public record Move(UUID itemId, ItemStatus from, ItemStatus to, List<Effect> effects) implements Step {
    public Move {
      effects = List.copyOf(effects);
    }
  }

  /** The question another one was merged into (or out of) counts its askers too. */
  public record Askers(UUID itemId, int delta) implements Step {
  }

  /** A field a move changes beside the status. */
  public sealed interface Effect {
  }

  public record Claimed(String actor, String name) implements Effect {
  }

  public record Released() implements Effect {
  }

  /** The editors' wording, and the search text that now includes it. */
  public record Edited(String text, String searchText) implements Effect {
  }

  /** A null keeps what the item had. */
  public record Categorized(String field, String agency) implements Effect {
  }

  public record RejectedFor(String reason) implements Effect {
  }

  /** Null: no longer merged. */
  public record MergedInto(UUID into) implements Effect {
  }

  /** Its place in the running order: {@code at}, or none (null); {@code keep} leaves a place it already has. */
  public record Placed(Integer at, boolean keep) implements Effect {
    public static Placed at(int position) {
      return new Placed(position, false);
    }

    public static Placed unlessPlaced(int position) {
      return new Placed(position, true);
    }

    public static Placed nowhere() {
      return new Placed(null, false);
    }
  }

  /** A null keeps the responder already named. */
  public record Responder(String name) implements Effect {
  }

  /** On air from now; an earlier "answered" no longer holds. */
  public record OnAirNow() implements Effect {
  }

  public record OffAir() implements Effect {
  }

  public record AnsweredNow() implements Effect {
  }

  /** The message's kind as an editor confirmed it, by whom (now). */
  public record Classified(Kind kind, String actor) implements Effect {
  }
}
