package vn.danhoi.studio;

import io.vertx.core.Future;
import vn.danhoi.infra.ApiError;

import java.util.UUID;

/**
 * The producer's message and the viewers' "tôi cũng quan tâm": each, once committed, reaches the studio display
 * and the public page on every node.
 */
public final class StudioService {

  private final StudioStore store;
  private final StudioHub hub;

  public StudioService(StudioStore store, StudioHub hub) {
    this.store = store;
    this.hub = hub;
  }

  /** A null message clears it. */
  public Future<Void> setMessage(UUID episodeId, String message, String actor, String address) {
    return store.setMessage(episodeId, message, actor, address).compose(found -> {
      if (!found) {
        throw ApiError.notFound("episode.not_found", "Không tìm thấy chương trình phát sóng.");
      }
      return hub.changed(episodeId);
    });
  }

  /**
   * Counts the voter once per published question, and at most {@code perSource} voters of one source address
   * a day; answers the question's new count.
   */
  public Future<Integer> support(UUID itemId, String voterKey, String sourceKey, int perSource) {
    return store.support(itemId, voterKey, sourceKey, perSource).compose(support -> {
      if (support == null) {
        throw ApiError.notFound("item.not_found", "Không tìm thấy câu hỏi đã công bố.");
      }
      if (support.capped()) {
        throw new ApiError(429, "support.source_limit", null,
            "Đã có nhiều lượt quan tâm từ cùng mạng của bạn cho câu hỏi này; lượt của bạn chưa được tính.", null);
      }
      return store.episodeOf(itemId).compose(hub::changed).map(support.count());
    });
  }
}
