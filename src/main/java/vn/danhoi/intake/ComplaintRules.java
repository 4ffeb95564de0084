package vn.danhoi.intake;

import vn.danhoi.infra.VietnameseText;

import java.util.Locale;

/**
 * Whether a citizen's message is a question the program takes, or a complaint (khiếu nại) or denunciation
 * (tố cáo) about a specific case, which the law routes to the citizen reception office instead. Rules run on
 * the folded text, so "khieu nai" and "khiếu nại" are the same; an editor confirms what they suggest.
 */
public final class ComplaintRules {

  public enum Kind {
    QUESTION, COMPLAINT, DENUNCIATION;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind fromWire(String wire) {
      return wire == null ? QUESTION : valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }

  private ComplaintRules() {
  }

  public static ComplaintRules defaults() {
    return new ComplaintRules();
  }

  public Kind recognise(String text) {
    String folded = " " + VietnameseText.fold(text) + " ";
    if (folded.contains(" to cao ")) {
      return Kind.DENUNCIATION;
    }
    if (folded.contains(" khieu nai ")) {
      return Kind.COMPLAINT;
    }
    return Kind.QUESTION;
  }
}
