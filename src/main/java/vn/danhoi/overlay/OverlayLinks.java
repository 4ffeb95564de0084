package vn.danhoi.overlay;

import io.vertx.core.Future;
import vn.danhoi.auth.AccessEnded;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.infra.Tokens;

import java.util.List;
import java.util.UUID;

/**
 * The rules of an overlay link: a random token shown once, only its hash kept; it opens the episode's graphic
 * and its data, nothing else; revoking it ends it at once, open sockets on every node included.
 */
public final class OverlayLinks {

  private final OverlayStore store;
  private final AccessEnded accessEnded;

  public OverlayLinks(OverlayStore store, AccessEnded accessEnded) {
    this.store = store;
    this.accessEnded = accessEnded;
  }

  /** A new link with the one copy of its token there will ever be. */
  public record Created(OverlayStore.Link link, String token) {
  }

  public Future<Created> create(UUID episodeId, String label, String actor, String address) {
    String token = Tokens.generate();
    return store.create(episodeId, Tokens.sha256(token), label, actor, address).map(link -> {
      if (link == null) {
        throw episodeNotFound();
      }
      return new Created(link, token);
    });
  }

  public Future<List<OverlayStore.Link>> links(UUID episodeId) {
    return store.links(episodeId);
  }

  public Future<OverlayStore.Link> revoke(UUID episodeId, UUID linkId, String actor, String address) {
    return store.revoke(episodeId, linkId, actor, address).map(link -> {
      if (link == null) {
        throw ApiError.notFound("overlay.link_not_found", "Không tìm thấy liên kết đồ hoạ của chương trình này.");
      }
      accessEnded.ended(owner(link).actor(), null);
      return link;
    });
  }

  /** The live link a token opens; one answer for a malformed, unknown or revoked one, which tells nothing. */
  public Future<OverlayStore.Link> open(String token) {
    if (!Tokens.wellFormedLink(token)) {
      return Future.failedFuture(notFound());
    }
    return store.active(Tokens.sha256(token)).map(link -> {
      if (link == null) {
        throw notFound();
      }
      return link;
    });
  }

  public Future<OverlayState> state(OverlayStore.Link link) {
    return store.state(link.episodeId());
  }

  /** Whom a graphic's socket belongs to: its link, so that revoking the link closes it like an ended session. */
  public static SocketSender.Owner owner(OverlayStore.Link link) {
    return new SocketSender.Owner("overlay:" + link.id(), null);
  }

  private static ApiError notFound() {
    return ApiError.notFound("overlay.not_found", "Liên kết đồ hoạ phát sóng không hợp lệ hoặc đã bị thu hồi.");
  }

  private static ApiError episodeNotFound() {
    return ApiError.notFound("episode.not_found", "Không tìm thấy chương trình phát sóng.");
  }
}
