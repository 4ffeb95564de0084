package vn.danhoi.queue;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code type} a live event or a socket message carries: the closed set the pages and the nodes speak.
 * The wire names are what the pages match on, so they never change.
 */
public enum LiveMessage {
  /** A socket's first message: its audience's state (or, for moderation, the queue) as it is now. */
  SNAPSHOT("snapshot", false),
  STUDIO_UPDATE("studio.update", true),
  LIVE_UPDATE("live.update", true),
  /**
   * Viewers only: what changed in the public state ({@link StateChange}) since the message numbered
   * {@code base}; the nodes tell each other the whole state as {@link #LIVE_UPDATE}.
   */
  LIVE_CHANGE("live.change", false),
  CHAIR_UPDATE("chair.update", true),
  OVERLAY_UPDATE("overlay.update", true),
  ITEM_NEW("item.new", false),
  /** Moderation only: several new items at once, in arrival order (the console's coalesced fan-out). */
  ITEMS_NEW("items.new", false),
  ITEM_UPDATED("item.updated", false),
  ITEM_CLAIMED("item.claimed", false),
  ITEM_RELEASED("item.released", false),
  ITEM_MERGED("item.merged", false),
  /** A moderation console has been sent what it missed while Redis was away. */
  CAUGHT_UP("caught-up", false),
  /** Between nodes only: an account's, token's or session's access ended; its sockets are closed. */
  AUTH_REVOKED("auth.revoked", false);

  private static final Map<String, LiveMessage> BY_WIRE = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(LiveMessage::wire, Function.identity()));

  private final String wire;
  private final boolean wholeState;

  LiveMessage(String wire, boolean wholeState) {
    this.wire = wire;
    this.wholeState = wholeState;
  }

  public String wire() {
    return wire;
  }

  /** Carries its audience's whole state, so the newest replaces every one missed and a stale one need not be sent. */
  public boolean wholeState() {
    return wholeState;
  }

  /** One of the moderation queue's item events. */
  public boolean item() {
    return this == ITEM_NEW || this == ITEM_UPDATED || this == ITEM_CLAIMED || this == ITEM_RELEASED
        || this == ITEM_MERGED;
  }

  /** The type of an event or message; empty for one without a type or with a type of another version. */
  public static Optional<LiveMessage> of(JsonObject message) {
    return Optional.ofNullable(BY_WIRE.get(message.getString("type", "")));
  }

  /** A new message of this type. */
  public JsonObject message() {
    return new JsonObject().put("type", wire);
  }

  /** A copy of the state as a message of this type. */
  public JsonObject carrying(JsonObject state) {
    return state.copy().put("type", wire);
  }

  public boolean is(JsonObject message) {
    return wire.equals(message.getString("type"));
  }
}
