package vn.danhoi.platform;

import io.vertx.core.Future;

/**
 * One platform's live chat read a page at a time (YouTube's liveChatMessages, the Graph API's live video
 * comments). A read starts from the stream's cursor, or from the first page the chat offers when it has none,
 * and fails with a {@link PlatformFailure} saying what the reader should do next.
 */
public interface LiveChatSource {

  /** "youtube" or "facebook": the value of platform_streams.platform and of the submissions' channel. */
  String platform();

  Future<ChatPage> read(StreamRef stream);
}
