package vn.danhoi.intake;

/**
 * Suggests the field (lĩnh vực) and the agency of a question from its words. {@link SubmissionStore} asks it
 * for every new submission of every channel, on the intake hot path: an implementation answers from memory,
 * never blocks and never fails.
 */
@FunctionalInterface
public interface Suggester {

  Suggester NONE = text -> Suggestion.NONE;

  Suggestion suggest(String text);

  /** A field name and an agency name, as editors store them in submissions.field / agency; either may be null. */
  record Suggestion(String field, String agency) {
    public static final Suggestion NONE = new Suggestion(null, null);
  }
}
