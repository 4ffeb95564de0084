package vn.danhoi.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.ApiError;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What a session's staff may do and who hears of it: only an episode of the right kind has speakers, a chair's
 * screen or opinions; every change to the speakers or the chair's screen reaches the chair's screens on every node.
 */
public final class SessionService {

  private final SessionStore store;
  private final ChairHub chair;
  private final Clock clock;

  public SessionService(SessionStore store, ChairHub chair, Clock clock) {
    this.store = store;
    this.chair = chair;
    this.clock = clock;
  }

  /** The episode must exist and be an accountability session: a TV show has no speakers or chair's screen. */
  public Future<Void> requireSession(UUID episodeId) {
    return requireKind(episodeId, "Chức năng này chỉ dành cho phiên giải trình.", "accountability");
  }

  /** The episode must exist and be one of {@code kinds}; {@code refusal} says which ones in Vietnamese. */
  public Future<Void> requireKind(UUID episodeId, String refusal, String... kinds) {
    return store.kind(episodeId).map(kind -> {
      if (kind == null) {
        throw ApiError.notFound("episode.not_found", "Không tìm thấy chương trình.");
      }
      if (!List.of(kinds).contains(kind)) {
        throw ApiError.conflict("episode.wrong_kind", refusal);
      }
      return null;
    });
  }

  public Future<SessionStore.Speaker> addSpeaker(UUID episodeId, String name, String room, String subject,
                                                 String agency, int minutes, String actor, String address) {
    return requireSession(episodeId)
        .compose(v -> store.addSpeaker(episodeId, name, room, subject, agency, minutes, actor, address))
        .compose(s -> chair.changed(episodeId).map(s));
  }

  /** The speakers in their new order, with their minutes (null keeps them); answers the chair's new state. */
  public Future<JsonObject> order(UUID episodeId, List<UUID> ids, List<Integer> minutes, String actor,
                                  String address) {
    return requireSession(episodeId).compose(v -> store.order(episodeId, ids, minutes, actor, address))
        .compose(v -> chair.changed(episodeId));
  }

  /** A step on the chair's screen ({@code next}, …); answers its new state. */
  public Future<JsonObject> drive(UUID episodeId, String action, String agency, String actor, String address) {
    return requireSession(episodeId)
        .compose(v -> store.drive(episodeId, action, agency, OffsetDateTime.now(clock), actor, address))
        .compose(v -> chair.changed(episodeId));
  }

  /** The chair's screen of an accountability session. */
  public Future<JsonObject> chair(UUID episodeId) {
    return requireSession(episodeId).compose(v -> screen(episodeId));
  }

  /** The chair's screen as it is now, whatever the kind (its title names the meeting). */
  public Future<JsonObject> screen(UUID episodeId) {
    return chair.state(episodeId);
  }
}
