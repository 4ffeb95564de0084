package vn.danhoi.platform;

import java.util.List;

/**
 * One page of a live chat.
 *
 * @param chatId        the chat's id when the read learned it (YouTube's liveChatId), else the one it was given
 * @param messages      the page's messages, oldest first
 * @param cursor        where the next read goes on (nextPageToken, the after cursor); null keeps the current one
 * @param readAfterMillis how long to wait before the next read: the platform's pollingIntervalMillis, or the
 *                      reader's own pace where the platform says nothing
 * @param ended         the broadcast is over (offlineAt, a chat that ended, a live video now VOD) and this page
 *                      was the last
 * @param quotaCost     the quota units this read spent (YouTube counts units per call; 0 elsewhere)
 * @param usagePercent  how much of its rate budget the platform says is used, 0–100 (Graph's X-App-Usage), or
 *                      null when it said nothing
 */
public record ChatPage(String chatId, List<ChatMessage> messages, String cursor, long readAfterMillis,
                       boolean ended, int quotaCost, Integer usagePercent) {
}
