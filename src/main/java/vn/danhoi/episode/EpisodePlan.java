package vn.danhoi.episode;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * An episode beyond its intake window: what kind of show it is, where it is seen,
 * where it is held, who chairs and hosts it, the e-mail and postal addresses announced for questions, and
 * the date delegates' question forms are due, and when a recorded program (or a session shown later) goes on
 * air.
 */
public record EpisodePlan(String kind, List<String> platforms, String venue, String chair, List<String> hosts,
                          String emailAddress, String postalAddress, OffsetDateTime delegatesDueAt,
                          OffsetDateTime broadcastAt) {

  /** live broadcast, recorded column, accountability session (giải trình), in-person dialogue */
  public static final Set<String> KINDS = Set.of("live", "recorded", "accountability", "dialogue");
  public static final List<String> PLATFORMS = List.of("tv", "radio", "youtube", "fanpage", "website");

  public static final EpisodePlan DEFAULT =
      new EpisodePlan("live", List.of(), "", "", List.of(), null, null, null, null);
}
