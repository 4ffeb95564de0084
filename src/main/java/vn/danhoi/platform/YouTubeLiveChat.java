package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.RetryAfter;
import vn.danhoi.infra.VietnameseText;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static vn.danhoi.platform.PlatformFailure.Kind.CREDENTIAL;
import static vn.danhoi.platform.PlatformFailure.Kind.ENDED;
import static vn.danhoi.platform.PlatformFailure.Kind.NOT_FOUND;
import static vn.danhoi.platform.PlatformFailure.Kind.QUOTA;
import static vn.danhoi.platform.PlatformFailure.Kind.RATE_LIMITED;
import static vn.danhoi.platform.PlatformFailure.Kind.TRANSIENT;

/**
 * A YouTube live chat read by polling the Data API v3: the first read finds the chat from the video
 * ({@code videos.list}, part liveStreamingDetails, activeLiveChatId), every read then takes the next page of
 * {@code liveChatMessages.list} from the stream's cursor (nextPageToken), and says to wait pollingIntervalMillis.
 * Costs per the quota table (developers.google.com/youtube/data/determine_quota_cost and the method's page):
 * videos.list 1 unit, liveChatMessages.list 5; the day's quota resets at midnight Pacific time.
 *
 * <p>Not {@code liveChatMessages.streamList}: it is documented as a gRPC server-streaming method only
 * (stream_list.proto over HTTP/2), with no REST/JSON form, so it would bring a gRPC stack and a connection held per
 * stream on one node, where a read here is one short request any node can make after claiming the row. Polling at
 * pollingIntervalMillis is what the REST reference prescribes.
 *
 * <p>The credential is an OAuth 2.0 access token when it starts with {@code bearer:} (the prefix is dropped) or
 * with {@code ya29.} (Google's access tokens), sent as {@code Authorization: Bearer}; anything else is an API key,
 * sent as {@code key=}. Neither is ever logged or put into a failure's message.
 */
public final class YouTubeLiveChat implements LiveChatSource {

  public static final String DEFAULT_BASE_URL = "https://www.googleapis.com/youtube/v3";
  static final int VIDEOS_LIST_COST = 1;
  static final int MESSAGES_LIST_COST = 5;
  /** A video whose broadcast has not begun has no chat yet: look again after this long. */
  static final long NOT_LIVE_YET_MILLIS = 30_000;
  /** When a page does not say pollingIntervalMillis. */
  static final long DEFAULT_POLL_MILLIS = 5_000;
  /** When YouTube rate-limits without a Retry-After. */
  static final Duration RATE_LIMIT_WAIT = Duration.ofMinutes(1);

  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  private static final Set<String> QUOTA_REASONS = Set.of("quotaExceeded", "dailyLimitExceeded",
      "dailyLimitExceededUnreg", "RATE_LIMIT_EXCEEDED_DAILY");
  private static final Set<String> RATE_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded",
      "RATE_LIMIT_EXCEEDED");
  private static final Set<String> NOT_FOUND_REASONS = Set.of("liveChatNotFound", "liveChatDisabled",
      "videoNotFound", "notFound");
  private static final Set<String> CREDENTIAL_REASONS = Set.of("authError", "forbidden", "insufficientPermissions",
      "unauthorized", "keyInvalid", "keyExpired", "accessNotConfigured", "ipRefererBlocked", "API_KEY_INVALID",
      "API_KEY_SERVICE_BLOCKED", "API_KEY_HTTP_REFERRER_BLOCKED", "API_KEY_IP_ADDRESS_BLOCKED", "SERVICE_DISABLED",
      "ACCESS_TOKEN_EXPIRED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT");
  private static final String BEARER_PREFIX = "bearer:";

  private final PlatformHttp http;
  private final Clock clock;

  public YouTubeLiveChat(Vertx vertx, String baseUrl, Duration timeout) {
    this(vertx, baseUrl, timeout, Clock.systemUTC());
  }

  YouTubeLiveChat(Vertx vertx, String baseUrl, Duration timeout, Clock clock) {
    this.http = new PlatformHttp(vertx, "YouTube", baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl,
        timeout);
    this.clock = clock;
  }

  @Override
  public String platform() {
    return "youtube";
  }

  @Override
  public Future<ChatPage> read(StreamRef stream) {
    Credential credential = Credential.of(stream.credential());
    if (credential == null) {
      return Future.failedFuture(new PlatformFailure(CREDENTIAL, "Chưa có khoá API hoặc mã truy cập YouTube"));
    }
    if (stream.chatId() != null && !stream.chatId().isBlank()) {
      return messages(stream.chatId(), stream.cursor(), credential, 0);
    }
    return chatOf(stream.sourceId(), credential).compose(chatId -> chatId == null
        ? Future.succeededFuture(new ChatPage(null, List.of(), null, NOT_LIVE_YET_MILLIS, false, VIDEOS_LIST_COST, null))
        : messages(chatId, stream.cursor(), credential, VIDEOS_LIST_COST));
  }

  /** The video's live chat id; null while the broadcast has not begun. */
  private Future<String> chatOf(String videoId, Credential credential) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("part", "liveStreamingDetails");
    query.put("id", videoId.strip());
    return call("/videos", query, credential).map(json -> {
      JsonArray items = PlatformHttp.array(json, "items");
      JsonObject video = items.isEmpty() || !(items.getValue(0) instanceof JsonObject v) ? null : v;
      if (video == null) {
        throw new PlatformFailure(NOT_FOUND, "Không tìm thấy video YouTube " + videoId.strip());
      }
      JsonObject live = PlatformHttp.object(video, "liveStreamingDetails");
      if (live == null) {
        throw new PlatformFailure(NOT_FOUND, "Video YouTube " + videoId.strip() + " không phải buổi phát trực tiếp");
      }
      String chatId = PlatformHttp.string(live, "activeLiveChatId");
      if (chatId == null && PlatformHttp.string(live, "actualEndTime") != null) {
        throw new PlatformFailure(ENDED, "Buổi phát trực tiếp trên YouTube đã kết thúc");
      }
      return chatId;
    });
  }

  private Future<ChatPage> messages(String chatId, String cursor, Credential credential, int spent) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("liveChatId", chatId);
    query.put("part", "snippet,authorDetails");
    query.put("maxResults", "2000");
    if (cursor != null && !cursor.isBlank()) {
      query.put("pageToken", cursor);
    }
    int cost = spent + MESSAGES_LIST_COST;
    return call("/liveChat/messages", query, credential)
        .map(json -> page(chatId, json, cost))
        .recover(failed -> {
          // a token YouTube no longer honours (pageTokenInvalid) is not the stream's fault: start over from the
          // history the chat still offers; the reader stores each message once, so nothing is doubled
          if (failed instanceof InvalidPageToken) {
            return cursor != null ? messages(chatId, null, credential, cost) : Future.failedFuture(
                new PlatformFailure(TRANSIENT, "YouTube từ chối yêu cầu đọc (pageTokenInvalid)"));
          }
          return Future.failedFuture(failed);
        });
  }

  private static ChatPage page(String chatId, JsonObject json, int cost) {
    List<ChatMessage> messages = new ArrayList<>();
    for (Object item : PlatformHttp.array(json, "items")) {
      if (item instanceof JsonObject message) {
        ChatMessage read = message(message);
        if (read != null) {
          messages.add(read);
        }
      }
    }
    Long interval = PlatformHttp.number(json, "pollingIntervalMillis");
    boolean ended = PlatformHttp.string(json, "offlineAt") != null;
    return new ChatPage(chatId, List.copyOf(messages), PlatformHttp.string(json, "nextPageToken"),
        interval == null || interval < 0 ? DEFAULT_POLL_MILLIS : interval, ended, cost, null);
  }

  /** A viewer's text (a chat message, a Super Chat's comment); null for every other event and deletions. */
  private static ChatMessage message(JsonObject item) {
    JsonObject snippet = PlatformHttp.object(item, "snippet");
    JsonObject author = PlatformHttp.object(item, "authorDetails");
    String id = PlatformHttp.string(item, "id");
    String type = PlatformHttp.string(snippet, "type");
    if (id == null || type == null) {
      return null;
    }
    String raw = switch (type) {
      case "textMessageEvent" -> {
        String text = PlatformHttp.string(PlatformHttp.object(snippet, "textMessageDetails"), "messageText");
        yield text != null ? text : PlatformHttp.string(snippet, "displayMessage");
      }
      // displayMessage of a Super Chat is YouTube's wording of the amount; the viewer's words are userComment
      case "superChatEvent" -> PlatformHttp.string(PlatformHttp.object(snippet, "superChatDetails"), "userComment");
      default -> null;
    };
    String text = VietnameseText.clean(raw);
    if (text == null || text.isEmpty()) {
      return null;
    }
    return new ChatMessage(id, VietnameseText.clean(PlatformHttp.string(author, "displayName")),
        PlatformHttp.string(author, "channelId"), text, PlatformHttp.time(PlatformHttp.string(snippet, "publishedAt")));
  }

  private Future<JsonObject> call(String path, Map<String, String> query, Credential credential) {
    if (credential.apiKey() != null) {
      query.put("key", credential.apiKey());
    }
    return http.get(path, query, credential.bearer()).compose(answer -> answer.success()
        ? Future.succeededFuture(answer.json())
        : Future.failedFuture(failure(answer, credential.secret())));
  }

  /** The error's reasons ({@code error.errors[].reason}, and newer ErrorInfo details) read as what to do next. */
  private RuntimeException failure(PlatformHttp.Answer answer, String secret) {
    JsonObject error = PlatformHttp.object(answer.json(), "error");
    Set<String> reasons = new HashSet<>();
    for (String list : List.of("errors", "details")) {
      for (Object entry : PlatformHttp.array(error, list)) {
        String reason = entry instanceof JsonObject e ? PlatformHttp.string(e, "reason") : null;
        if (reason != null) {
          reasons.add(reason);
        }
      }
    }
    int status = answer.status();
    String said = reasons.isEmpty() ? "HTTP " + status : "HTTP " + status + ", " + String.join(", ", reasons.stream().sorted().toList());
    String detail = PlatformHttp.scrub(PlatformHttp.string(error, "message"), secret);
    String why = " (" + said + (detail.isEmpty() ? "" : ": " + detail) + ")";
    if (reasons.contains("pageTokenInvalid")) {
      return new InvalidPageToken();
    }
    if (reasons.stream().anyMatch(QUOTA_REASONS::contains)) {
      return new PlatformFailure(QUOTA, "YouTube: đã dùng hết hạn mức API của ngày; hạn mức được cấp lại lúc nửa đêm"
          + " giờ Thái Bình Dương (chiều 14 hoặc 15 giờ giờ Việt Nam)" + why, untilPacificMidnight());
    }
    if (status == 429 || reasons.stream().anyMatch(RATE_REASONS::contains)) {
      return new PlatformFailure(RATE_LIMITED, "YouTube: đọc quá dồn dập, tạm ngừng rồi đọc lại" + why,
          RetryAfter.of(answer.headers(), RATE_LIMIT_WAIT).toMillis());
    }
    if (reasons.contains("liveChatEnded")) {
      return new PlatformFailure(ENDED, "Phần trò chuyện trực tiếp trên YouTube đã kết thúc" + why);
    }
    if (status == 404 || reasons.stream().anyMatch(NOT_FOUND_REASONS::contains)) {
      return new PlatformFailure(NOT_FOUND, "YouTube: không tìm thấy phần trò chuyện trực tiếp, hoặc phần trò chuyện"
          + " đã bị tắt" + why);
    }
    if (status == 401 || reasons.stream().anyMatch(CREDENTIAL_REASONS::contains)) {
      return new PlatformFailure(CREDENTIAL, "Mã truy cập YouTube hết hạn hoặc không hợp lệ" + why);
    }
    if (status >= 500) {
      return new PlatformFailure(TRANSIENT, "YouTube: máy chủ lỗi tạm thời" + why);
    }
    // a 4xx this list does not know: retried with the reader's growing pause, its reason shown to the admin
    return new PlatformFailure(TRANSIENT, "YouTube từ chối yêu cầu đọc" + why);
  }

  private long untilPacificMidnight() {
    return untilQuotaReset(clock);
  }

  /** How long until YouTube's daily quota resets: midnight, Pacific time. */
  static long untilQuotaReset(Clock clock) {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(PACIFIC));
    ZonedDateTime midnight = LocalDate.now(clock.withZone(PACIFIC)).plusDays(1).atStartOfDay(PACIFIC);
    return Math.max(0, Duration.between(now, midnight).toMillis());
  }

  /** The stored cursor was refused; read starts over without it. Never leaves this class. */
  private static final class InvalidPageToken extends RuntimeException {
    InvalidPageToken() {
      super("pageTokenInvalid", null, false, false);
    }
  }

  /** How the credential goes out: exactly one of the two is set. */
  private record Credential(String apiKey, String bearer) {

    static Credential of(String raw) {
      if (raw == null || raw.isBlank()) {
        return null;
      }
      String value = raw.strip();
      if (value.toLowerCase(Locale.ROOT).startsWith(BEARER_PREFIX)) {
        String token = value.substring(BEARER_PREFIX.length()).strip();
        return token.isEmpty() ? null : new Credential(null, token);
      }
      return value.startsWith("ya29.") ? new Credential(null, value) : new Credential(value, null);
    }

    String secret() {
      return apiKey != null ? apiKey : bearer;
    }

    @Override
    public String toString() {
      return apiKey != null ? "Credential[API key]" : "Credential[access token]";
    }
  }
}
