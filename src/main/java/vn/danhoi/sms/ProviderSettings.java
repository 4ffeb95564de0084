package vn.danhoi.sms;

import java.net.URI;

/** The checks a provider's settings go through when it is built, so a bad configuration stops the start-up. */
final class ProviderSettings {

  private ProviderSettings() {
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static String orEmpty(String s) {
    return s == null ? "" : s.strip();
  }

  static boolean httpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException bad) {
      return false;
    }
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
