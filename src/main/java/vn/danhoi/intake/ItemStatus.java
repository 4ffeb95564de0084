package vn.danhoi.intake;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Where a question stands, from intake to the end of the show. The wire name is what the {@code submissions.status}
 * column, the JSON views and the editors' page carry.
 */
public enum ItemStatus {
  /** Came in on a channel no episode claims yet; an editor files it under one. */
  UNROUTED("unrouted"),
  RECEIVED("received"),
  SHORTLISTED("shortlisted"),
  NEXT("next"),
  /** At most one per episode (the submissions_one_on_air index). */
  ON_AIR("on_air"),
  ANSWERED("answered"),
  /** To be answered after the show, in writing. */
  DEFERRED("deferred"),
  REJECTED("rejected"),
  MERGED("merged"),
  /**
   * Confirmed as a complaint or denunciation: out of the live queue like a rejection, but kept, and its asker told
   * where to lodge it (the citizen reception office).
   */
  REFERRED("referred");

  /** No editorial step moves an item out of these, except undoing a merge or a referral. */
  public static final Set<ItemStatus> CLOSED = EnumSet.of(ANSWERED, REJECTED, MERGED, REFERRED);

  private final String wire;

  ItemStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean closed() {
    return CLOSED.contains(this);
  }

  /** A new question's status: waiting for an episode to claim it when it came in without one. */
  public static ItemStatus arriving(UUID episodeId) {
    return episodeId == null ? UNROUTED : RECEIVED;
  }

  /** The statuses as an SQL list, for {@code status IN ...}: {@code ('answered', 'rejected', 'merged')}. */
  public static String sqlList(Collection<ItemStatus> statuses) {
    return statuses.stream().map(s -> "'" + s.wire + "'").collect(Collectors.joining(", ", "(", ")"));
  }

  public static ItemStatus of(String wire) {
    for (ItemStatus s : values()) {
      if (s.wire.equals(wire)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown item status: " + wire);
  }
}
