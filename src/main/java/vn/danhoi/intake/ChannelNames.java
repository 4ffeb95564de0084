package vn.danhoi.intake;

import java.util.Map;

/** How a letter to the asker names the channel their question came by, inside a sentence ("gửi qua …"). */
public final class ChannelNames {

  private static final Map<String, String> IN_SENTENCE = Map.of("web", "trang thông tin điện tử",
      "sms", "tin nhắn SMS", "hotline", "đường dây nóng", "email", "thư điện tử", "post", "đường bưu chính",
      "form", "phiếu câu hỏi", "zalo", "Zalo", "youtube", "YouTube", "facebook", "Facebook");

  private ChannelNames() {
  }

  /** The channel's name in a sentence; an unknown channel as stored. */
  public static String inSentence(String channel) {
    return IN_SENTENCE.getOrDefault(channel, channel);
  }
}
