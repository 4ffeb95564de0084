package vn.danhoi.platform;

import io.vertx.core.Vertx;
import vn.danhoi.infra.AppConfig;

import java.time.Duration;

/** The live chat readers danhoi has, built once from the settings, looked up by platform_streams.platform. */
public record PlatformClients(YouTubeLiveChat youtube, FacebookLiveComments facebook) {

  public static PlatformClients create(Vertx vertx, AppConfig.Platforms settings) {
    Duration timeout = Duration.ofMillis(settings.timeoutMillis());
    return new PlatformClients(
        new YouTubeLiveChat(vertx, settings.youtubeApiUrl(), timeout),
        new FacebookLiveComments(vertx, settings.facebookGraphUrl(), timeout,
            Duration.ofMillis(settings.facebookPollMillis())));
  }

  /** Every reader, for the stream reader to look up by platform. */
  public java.util.List<LiveChatSource> sources() {
    return java.util.List.of(youtube, facebook);
  }

  /** The reader of "youtube" or "facebook". */
  public LiveChatSource source(String platform) {
    return switch (platform) {
      case "youtube" -> youtube;
      case "facebook" -> facebook;
      default -> throw new IllegalArgumentException("no live chat reader for platform " + platform);
    };
  }
}
