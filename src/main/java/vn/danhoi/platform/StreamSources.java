package vn.danhoi.platform;

import vn.danhoi.infra.ApiError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's id of a stream from what an admin pastes: the id itself, or the link the station shares
 * (youtube.com/watch?v=…, youtu.be/…, youtube.com/live/…; facebook.com/…/videos/…, fb.watch links carry no id).
 */
final class StreamSources {

  private static final Pattern YOUTUBE_ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Pattern YOUTUBE_URL = Pattern.compile(
      "^https?://(?:www\\.|m\\.)?(?:youtube\\.com/(?:watch\\?(?:.*&)?v=|live/|embed/|shorts/)|youtu\\.be/)"
          + "([A-Za-z0-9_-]{11})(?:[?&#/].*)?$");
  private static final Pattern FACEBOOK_ID = Pattern.compile("[0-9]{5,30}");
  private static final Pattern FACEBOOK_URL = Pattern.compile(
      "^https?://(?:www\\.|m\\.|web\\.)?facebook\\.com/(?:.*/videos/(?:[^/]+/)?|watch/?\\?(?:.*&)?v=|watch/live/\\?(?:.*&)?v=)"
          + "([0-9]{5,30})(?:[?&#/].*)?$");

  private StreamSources() {
  }

  static String sourceId(String platform, String raw) {
    String v = raw.strip();
    Matcher m;
    if (platform.equals("youtube")) {
      if (YOUTUBE_ID.matcher(v).matches()) {
        return v;
      }
      m = YOUTUBE_URL.matcher(v);
    } else {
      if (FACEBOOK_ID.matcher(v).matches()) {
        return v;
      }
      m = FACEBOOK_URL.matcher(v);
    }
    if (m.matches()) {
      return m.group(1);
    }
    throw ApiError.invalid("sourceId", "invalid", platform.equals("youtube")
        ? "Mã video YouTube gồm 11 ký tự, hoặc dán đường dẫn youtube.com/watch?v=… của buổi phát."
        : "Mã video trực tiếp Facebook là một dãy số, hoặc dán đường dẫn facebook.com/…/videos/… của buổi phát.");
  }
}
