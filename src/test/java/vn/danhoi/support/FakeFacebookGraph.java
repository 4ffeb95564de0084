package vn.danhoi.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Graph API as far as a live video's comments are read: {@code GET /{live-video-id}/comments} (order,
 * filter, live_filter, fields, limit, after; answering {"data":[…],"paging":{"cursors":{"before","after"},"next"}},
 * no paging when data is empty) and {@code GET /{live-video-id}?fields=status}; errors as
 * {"error":{"message","type","code","error_subcode","fbtrace_id"}}. One live video, {@link #LIVE_VIDEO_ID}; the Page
 * access token {@link #PAGE_TOKEN} (access_token=) is required.
 *
 * <pre>{@code
 * FakeFacebookGraph graph = FakeFacebookGraph.start(vertx);   // from the test thread
 * FacebookLiveComments comments = new FacebookLiveComments(vertx, graph.baseUrl(), Duration.ofSeconds(2), null);
 * graph.addComment("Trần Thị Hoa", "Bao giờ sửa cầu Gò Chai?");
 * graph.answerNext(FakeFacebookGraph.expiredToken());
 * }</pre>
 */
public final class FakeFacebookGraph extends FakeJsonApi {

  public static final String LIVE_VIDEO_ID = "1029384756102938";
  public static final String PAGE_TOKEN = "EAAGm0PX4ZCpsBAFakePageTokenForDanhoiTests";
  private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

  private final List<JsonObject> comments = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile String status = "LIVE";
  private volatile int pageSize = 100;
  private volatile JsonObject appUsage;

  private FakeFacebookGraph(Vertx vertx) {
    super(vertx, "/v26.0");
  }

  public static FakeFacebookGraph start(Vertx vertx) {
    FakeFacebookGraph fake = new FakeFacebookGraph(vertx);
    fake.listen();
    return fake;
  }

  /** The live video's status: LIVE, LIVE_STOPPED, VOD, PROCESSING… */
  public void status(String status) {
    this.status = status;
  }

  /** At most this many comments a page, below limit (to test paging). */
  public void pageSize(int size) {
    this.pageSize = size;
  }

  /** X-App-Usage on every answer: {"call_count","total_time","total_cputime"} in percent. */
  public void appUsage(int callCount, int totalTime, int totalCputime) {
    this.appUsage = new JsonObject().put("call_count", callCount).put("total_time", totalTime)
        .put("total_cputime", totalCputime);
  }

  /** A viewer's comment, returned by the next read; its id. */
  public String addComment(String author, String text) {
    return add(new JsonObject().put("name", author).put("id", idOf(author)), text);
  }

  /** A comment whose author has not allowed the Page's app to see them: no from; its id. */
  public String addAnonymousComment(String text) {
    return add(null, text);
  }

  private String add(JsonObject from, String text) {
    String id = LIVE_VIDEO_ID + "_" + (1000 + ids.incrementAndGet());
    JsonObject comment = new JsonObject().put("id", id).put("message", text)
        .put("created_time", ZonedDateTime.now(ZoneOffset.UTC).format(GRAPH_TIME));
    if (from != null) {
      comment.put("from", from);
    }
    comments.add(comment);
    return id;
  }

  public static String idOf(String author) {
    return String.valueOf(Math.abs((long) author.hashCode()) + 100_000_000_000_000L);
  }

  @Override
  protected Answer answer(Request request) {
    Answer answer;
    if (!PAGE_TOKEN.equals(request.param("access_token"))) {
      answer = error(400, 190, null, "Invalid OAuth access token - Cannot parse access token");
    } else if (request.path().equals("/" + LIVE_VIDEO_ID + "/comments")) {
      answer = comments(request);
    } else if (request.path().equals("/" + LIVE_VIDEO_ID)) {
      answer = Answer.json(200, new JsonObject().put("status", status).put("id", LIVE_VIDEO_ID));
    } else {
      answer = notFound();
    }
    return appUsage == null ? answer : answer.withHeader("X-App-Usage", appUsage.encode());
  }

  private Answer comments(Request request) {
    int from = request.param("after") == null ? 0 : Integer.parseInt(decode(request.param("after")));
    int limit = request.param("limit") == null ? 25 : Integer.parseInt(request.param("limit"));
    List<JsonObject> all = List.copyOf(comments);
    int to = Math.min(all.size(), from + Math.min(limit, pageSize));
    JsonObject page = new JsonObject().put("data", new JsonArray(List.copyOf(all.subList(Math.min(from, to), to))));
    if (to > from) {
      JsonObject paging = new JsonObject().put("cursors", new JsonObject().put("before", encode(from))
          .put("after", encode(to)));
      if (to < all.size()) {
        paging.put("next", baseUrl() + request.path() + "?after=" + encode(to));
      }
      page.put("paging", paging);
    }
    return Answer.json(200, page);
  }

  private static String encode(int position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("fake:" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).substring("fake:".length());
  }

  /** An error as the Graph API writes it. */
  public static Answer error(int status, int code, Integer subcode, String message) {
    JsonObject error = new JsonObject().put("message", message).put("type", code == 190 ? "OAuthException"
        : "GraphMethodException").put("code", code).put("fbtrace_id", "AbCdEfGhIjK");
    if (subcode != null) {
      error.put("error_subcode", subcode);
    }
    return Answer.json(status, new JsonObject().put("error", error));
  }

  public static Answer expiredToken() {
    return error(400, 190, 463, "Error validating access token: Session has expired on Monday, 07-Dec-26 06:00:00"
        + " PST. The current time is Monday, 07-Dec-26 06:30:00 PST.");
  }

  /** Application request limit reached (code 4), X-App-Usage at 100. */
  public static Answer appRateLimited() {
    return error(400, 4, null, "(#4) Application request limit reached")
        .withHeader("X-App-Usage", "{\"call_count\":100,\"total_time\":41,\"total_cputime\":37}");
  }

  /** The Page's Business Use Case limit (code 80001), telling when access comes back. */
  public static Answer pageRateLimited(int minutesToRegain) {
    return error(400, 80001, null, "There have been too many calls to this Page account. Wait a bit and try again.")
        .withHeader("X-Business-Use-Case-Usage", "{\"112233445566778\":[{\"type\":\"pages\",\"call_count\":100,"
            + "\"total_cputime\":12,\"total_time\":20,\"estimated_time_to_regain_access\":" + minutesToRegain + "}]}");
  }

  public static Answer notFound() {
    return error(400, 100, 33, "Unsupported get request. Object with ID '" + LIVE_VIDEO_ID + "' does not exist, cannot"
        + " be loaded due to missing permissions, or does not support this operation.");
  }

  public static Answer missingPermission() {
    return error(403, 200, null, "(#200) The user hasn't authorized the application to perform this action");
  }

  public static Answer serverError() {
    return error(500, 1, null, "An unknown error occurred");
  }
}
