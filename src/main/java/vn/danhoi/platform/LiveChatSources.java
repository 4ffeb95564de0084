package vn.danhoi.platform;

import io.vertx.core.Vertx;
import vn.danhoi.infra.AppConfig;

import java.util.List;

/** The live chats this server can read, with their API addresses from the configuration. */
public final class LiveChatSources {

  private LiveChatSources() {
  }

  public static List<LiveChatSource> create(Vertx vertx, AppConfig config) {
    return List.of();
  }
}
