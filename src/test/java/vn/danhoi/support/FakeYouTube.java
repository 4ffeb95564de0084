package vn.danhoi.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The YouTube Data API v3 as far as a live chat is read: {@code GET /videos?part=liveStreamingDetails&id=…} and
 * {@code GET /liveChat/messages?liveChatId=…&part=snippet,authorDetails&maxResults=…[&pageToken=…]}, answering in
 * the documented shapes (liveStreamingDetails.activeLiveChatId / actualEndTime; items, nextPageToken,
 * pollingIntervalMillis, offlineAt; errors as {"error":{"code","message","errors":[{"domain","reason"}]}}). One
 * video, {@link #VIDEO_ID}, whose chat is {@link #CHAT_ID}; the API key {@link #API_KEY} (key=) or the access
 * token {@link #ACCESS_TOKEN} (Authorization: Bearer) is required.
 *
 * <pre>{@code
 * FakeYouTube youtube = FakeYouTube.start(vertx);             // from the test thread
 * YouTubeLiveChat chat = new YouTubeLiveChat(vertx, youtube.baseUrl(), Duration.ofSeconds(2));
 * youtube.addComment("Nguyễn Văn Bình", "Xin hỏi về đường Trường Chinh");
 * youtube.answerNext(FakeYouTube.quotaExceeded());
 * }</pre>
 */
public final class FakeYouTube extends FakeJsonApi {

  public static final String VIDEO_ID = "tnTayNinh01";
  public static final String CHAT_ID = "Cg0KC3RuVGF5TmluaDAxKicKGFVDdGF5bmluaHR2";
  public static final String API_KEY = "AIzaSyD-fake-key-for-danhoi-tests-0001";
  public static final String ACCESS_TOKEN = "ya29.a0-fake-access-token-for-danhoi-tests";

  /** Where the broadcast stands, as videos.list tells it. */
  public enum Video { LIVE, UPCOMING, ENDED, NOT_A_BROADCAST, MISSING }

  private final List<JsonObject> messages = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile Video video = Video.LIVE;
  private volatile long pollingIntervalMillis = 2000;
  private volatile int pageSize = 2000;
  private volatile boolean offline;

  private FakeYouTube(Vertx vertx) {
    super(vertx, "/youtube/v3");
  }

  public static FakeYouTube start(Vertx vertx) {
    FakeYouTube fake = new FakeYouTube(vertx);
    fake.listen();
    return fake;
  }

  public void video(Video state) {
    this.video = state;
  }

  public void pollingIntervalMillis(long millis) {
    this.pollingIntervalMillis = millis;
  }

  /** At most this many messages a page, below maxResults (to test paging). */
  public void pageSize(int size) {
    this.pageSize = size;
  }

  /** The stream went offline: pages carry offlineAt. */
  public void goOffline() {
    this.offline = true;
  }

  /** A viewer's chat message (textMessageEvent), returned by the next read; its id. */
  public String addComment(String author, String text) {
    return add("textMessageEvent", author, text, new JsonObject().put("textMessageDetails",
        new JsonObject().put("messageText", text)));
  }

  /** A Super Chat with the viewer's comment (superChatEvent); its id. */
  public String addSuperChat(String author, String comment) {
    return add("superChatEvent", author, "50.000 ₫ từ " + author + ": " + comment, new JsonObject().put(
        "superChatDetails", new JsonObject().put("amountMicros", "50000000000").put("currency", "VND")
            .put("amountDisplayString", "50.000 ₫").put("userComment", comment).put("tier", 2)));
  }

  /** Another event (messageDeletedEvent, newSponsorEvent, pollEvent…), which is no viewer's comment; its id. */
  public String addEvent(String type, String author) {
    return add(type, author, "", new JsonObject());
  }

  private String add(String type, String author, String display, JsonObject details) {
    String id = "LCC.fake-" + ids.incrementAndGet();
    JsonObject snippet = new JsonObject().put("type", type).put("liveChatId", CHAT_ID)
        .put("authorChannelId", channelOf(author)).put("publishedAt", Instant.now().toString())
        .put("hasDisplayContent", !display.isEmpty()).put("displayMessage", display).mergeIn(details);
    messages.add(new JsonObject().put("kind", "youtube#liveChatMessage").put("etag", "e" + id).put("id", id)
        .put("snippet", snippet)
        .put("authorDetails", new JsonObject().put("channelId", channelOf(author)).put("displayName", author)
            .put("isChatOwner", false).put("isChatSponsor", false).put("isChatModerator", false)));
    return id;
  }

  public static String channelOf(String author) {
    return "UC" + Integer.toHexString(author.hashCode());
  }

  @Override
  protected Answer answer(Request request) {
    boolean byKey = API_KEY.equals(request.param("key"));
    boolean byToken = ("Bearer " + ACCESS_TOKEN).equals(request.authorization());
    if (!byKey && !byToken) {
      if (request.param("key") == null) {
        return error(401, "authError", "global", "Request had invalid authentication credentials.");
      }
      Answer invalidKey = error(400, "badRequest", "global", "API key not valid. Please pass a valid API key.");
      invalidKey.body().getJsonObject("error").put("details", new JsonArray().add(new JsonObject()
          .put("@type", "type.googleapis.com/google.rpc.ErrorInfo").put("reason", "API_KEY_INVALID")
          .put("domain", "googleapis.com")));
      return invalidKey;
    }
    return switch (request.path()) {
      case "/videos" -> videos(request);
      case "/liveChat/messages" -> messages(request);
      default -> error(404, "notFound", "global", "Not Found");
    };
  }

  private Answer videos(Request request) {
    JsonArray items = new JsonArray();
    if (VIDEO_ID.equals(request.param("id")) && "liveStreamingDetails".equals(request.param("part"))
        && video != Video.MISSING) {
      JsonObject item = new JsonObject().put("kind", "youtube#video").put("id", VIDEO_ID);
      JsonObject live = new JsonObject().put("scheduledStartTime", "2026-12-07T12:00:00Z");
      switch (video) {
        case LIVE -> live.put("actualStartTime", "2026-12-07T12:01:09Z").put("activeLiveChatId", CHAT_ID)
            .put("concurrentViewers", "812");
        case ENDED -> live.put("actualStartTime", "2026-12-07T12:01:09Z").put("actualEndTime", "2026-12-07T13:30:00Z");
        default -> { }
      }
      if (video != Video.NOT_A_BROADCAST) {
        item.put("liveStreamingDetails", live);
      }
      items.add(item);
    }
    return Answer.json(200, new JsonObject().put("kind", "youtube#videoListResponse").put("items", items)
        .put("pageInfo", new JsonObject().put("totalResults", items.size()).put("resultsPerPage", items.size())));
  }

  private Answer messages(Request request) {
    if (!CHAT_ID.equals(request.param("liveChatId"))) {
      return error(404, "liveChatNotFound", "youtube.liveChat", "The live chat that you are trying to retrieve cannot"
          + " be found.");
    }
    String token = request.param("pageToken");
    int from = 0;
    if (token != null) {
      if (!token.startsWith("tok-")) {
        return error(400, "pageTokenInvalid", "youtube.liveChat", "The request specifies an invalid page token.");
      }
      from = Integer.parseInt(token.substring(4));
    }
    int max = request.param("maxResults") == null ? 500 : Integer.parseInt(request.param("maxResults"));
    List<JsonObject> all = List.copyOf(messages);
    int to = Math.min(all.size(), from + Math.min(max, pageSize));
    JsonObject page = new JsonObject().put("kind", "youtube#liveChatMessageListResponse").put("etag", "p" + to)
        .put("pollingIntervalMillis", pollingIntervalMillis).put("nextPageToken", "tok-" + to)
        .put("pageInfo", new JsonObject().put("totalResults", to - from).put("resultsPerPage", to - from))
        .put("items", new JsonArray(List.copyOf(all.subList(Math.min(from, to), to))));
    if (offline) {
      page.put("offlineAt", "2026-12-07T13:30:00Z");
    }
    return Answer.json(200, page);
  }

  /** An error as the Data API writes it. */
  public static Answer error(int status, String reason, String domain, String message) {
    return Answer.json(status, new JsonObject().put("error", new JsonObject().put("code", status)
        .put("message", message)
        .put("errors", new JsonArray().add(new JsonObject().put("message", message).put("domain", domain)
            .put("reason", reason)))));
  }

  public static Answer quotaExceeded() {
    return error(403, "quotaExceeded", "youtube.quota", "The request cannot be completed because you have exceeded"
        + " your <a href=\"/youtube/v3/getting-started#quota\">quota</a>.");
  }

  /** 429 rateLimitExceeded, with Retry-After in seconds unless null. */
  public static Answer rateLimited(Integer retryAfterSeconds) {
    Answer answer = error(429, "rateLimitExceeded", "youtube.liveChat", "The request was sent too soon after the"
        + " previous one.");
    return retryAfterSeconds == null ? answer : answer.withHeader("Retry-After", String.valueOf(retryAfterSeconds));
  }

  public static Answer expiredToken() {
    return error(401, "authError", "global", "Request had invalid authentication credentials. Expected OAuth 2 access"
        + " token, login cookie or other valid authentication credential.");
  }

  public static Answer chatEnded() {
    return error(403, "liveChatEnded", "youtube.liveChat", "The specified live chat is no longer live.");
  }

  public static Answer chatDisabled() {
    return error(403, "liveChatDisabled", "youtube.liveChat", "Live chat is not enabled for the specified broadcast.");
  }

  public static Answer serverError() {
    return error(503, "backendError", "global", "Backend Error");
  }
}
