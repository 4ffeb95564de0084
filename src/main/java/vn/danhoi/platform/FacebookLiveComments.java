package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.RetryAfter;
import vn.danhoi.infra.VietnameseText;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static vn.danhoi.platform.PlatformFailure.Kind.CREDENTIAL;
import static vn.danhoi.platform.PlatformFailure.Kind.NOT_FOUND;
import static vn.danhoi.platform.PlatformFailure.Kind.RATE_LIMITED;
import static vn.danhoi.platform.PlatformFailure.Kind.TRANSIENT;

/**
 * A Facebook live video's comments read by polling the Graph API ({@code GET /{live-video-id}/comments}, oldest
 * first, {@code filter=stream} so replies come too, {@code live_filter=no_filter} so Facebook's low-quality filter
 * hides nothing from the editors), going on from the page's {@code paging.cursors.after}; with the Page access token
 * as {@code access_token}. A read that finds nothing new also asks the video's {@code status}: VOD, LIVE_STOPPED,
 * PROCESSING or an expired or cancelled schedule ends the stream. Version v26.0 (the Graph API changelog's latest,
 * 29 July 2026; v21.0 is retired on 21 January 2027).
 *
 * <p>Not the live comments stream ({@code streaming-graph.facebook.com/{id}/live_comments}, server-sent events):
 * it is a connection held open per video on one node, where a read here is one short request any node can make
 * after claiming the row, and it gives no cursor to go on from after a restart; polling gives both.
 *
 * <p>Rate limits: Page tokens fall under the Business Use Case limits, app and user tokens under the platform's;
 * {@code X-App-Usage}, {@code X-Page-Usage} and {@code X-Business-Use-Case-Usage} report the share used (the
 * largest of call_count, total_time and total_cputime) and, once throttled, estimated_time_to_regain_access in
 * minutes (developers.facebook.com/docs/graph-api/overview/rate-limiting).
 */
public final class FacebookLiveComments implements LiveChatSource {

  public static final String DEFAULT_BASE_URL = "https://graph.facebook.com/v26.0";
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(3);
  /** When a throttled answer does not say how long: the rate limits are counted over a rolling hour. */
  static final Duration RATE_LIMIT_WAIT = Duration.ofMinutes(5);
  static final String FIELDS = "id,message,created_time,from{id,name}";

  private static final Set<String> ENDED_STATUSES = Set.of("VOD", "LIVE_STOPPED", "PROCESSING", "SCHEDULED_EXPIRED",
      "SCHEDULED_CANCELED");
  /** Throttling: app (4), user (17), page (32), a method's own limit (613), the Business Use Case limits (80000–80014). */
  private static final Set<Long> RATE_CODES = Set.of(4L, 17L, 32L, 613L);
  private static final List<String> USAGE_HEADERS = List.of("X-App-Usage", "X-Page-Usage", "X-Business-Use-Case-Usage");

  private final PlatformHttp http;
  private final long pollMillis;

  public FacebookLiveComments(Vertx vertx, String baseUrl, Duration timeout, Duration pollInterval) {
    this.http = new PlatformHttp(vertx, "Facebook", baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl,
        timeout);
    this.pollMillis = (pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval).toMillis();
  }

  @Override
  public String platform() {
    return "facebook";
  }

  @Override
  public Future<ChatPage> read(StreamRef stream) {
    String token = stream.credential() == null ? "" : stream.credential().strip();
    if (token.isEmpty()) {
      return Future.failedFuture(new PlatformFailure(CREDENTIAL, "Chưa có mã truy cập Trang Facebook"));
    }
    String video = "/" + PlatformHttp.segment(stream.sourceId());
    Map<String, String> query = new LinkedHashMap<>();
    query.put("order", "chronological");
    query.put("filter", "stream");
    query.put("live_filter", "no_filter");
    query.put("fields", FIELDS);
    query.put("limit", "100");
    if (stream.cursor() != null && !stream.cursor().isBlank()) {
      query.put("after", stream.cursor());
    }
    return call(video + "/comments", query, token).compose(comments -> {
      List<ChatMessage> messages = messages(comments.json());
      JsonObject paging = PlatformHttp.object(comments.json(), "paging");
      // an empty page carries no cursor: null keeps the stream's
      String after = PlatformHttp.string(PlatformHttp.object(paging, "cursors"), "after");
      Integer usage = usage(comments.headers()).percent();
      if (!messages.isEmpty()) {
        // more waiting (paging.next): read on at once
        long wait = PlatformHttp.string(paging, "next") != null ? 0 : pollMillis;
        return Future.succeededFuture(new ChatPage(stream.chatId(), messages, after, wait, false, 0, usage));
      }
      return call(video, Map.of("fields", "status"), token).map(status -> {
        boolean ended = ENDED_STATUSES.contains(PlatformHttp.string(status.json(), "status"));
        return new ChatPage(stream.chatId(), List.of(), after, pollMillis, ended, 0,
            larger(usage, usage(status.headers()).percent()));
      });
    });
  }

  private static List<ChatMessage> messages(JsonObject json) {
    List<ChatMessage> out = new ArrayList<>();
    for (Object entry : PlatformHttp.array(json, "data")) {
      if (!(entry instanceof JsonObject comment)) {
        continue;
      }
      String id = PlatformHttp.string(comment, "id");
      String text = VietnameseText.clean(PlatformHttp.string(comment, "message"));
      // a sticker or a photo alone has no message; nothing for the editors to read
      if (id == null || text == null || text.isEmpty()) {
        continue;
      }
      // from is left out for people who have not allowed the Page's app to see them: the lead shows
      // "Người xem Facebook"
      JsonObject from = PlatformHttp.object(comment, "from");
      out.add(new ChatMessage(id, VietnameseText.clean(PlatformHttp.string(from, "name")),
          PlatformHttp.string(from, "id"), text, PlatformHttp.time(PlatformHttp.string(comment, "created_time"))));
    }
    return List.copyOf(out);
  }

  private Future<PlatformHttp.Answer> call(String path, Map<String, String> query, String token) {
    Map<String, String> withToken = new LinkedHashMap<>(query);
    withToken.put("access_token", token);
    return http.get(path, withToken, null).compose(answer -> answer.success()
        ? Future.succeededFuture(answer)
        : Future.failedFuture(failure(answer, token)));
  }

  /** The Graph error ({@code error.code}, {@code error_subcode}, {@code message}) read as what to do next. */
  private static PlatformFailure failure(PlatformHttp.Answer answer, String token) {
    JsonObject error = PlatformHttp.object(answer.json(), "error");
    Long code = PlatformHttp.number(error, "code");
    Long subcode = PlatformHttp.number(error, "error_subcode");
    int status = answer.status();
    String detail = PlatformHttp.scrub(PlatformHttp.string(error, "message"), token);
    String why = " (HTTP " + status + (code == null ? "" : ", mã " + code + (subcode == null ? "" : "/" + subcode))
        + (detail.isEmpty() ? "" : ": " + detail) + ")";
    long c = code == null ? -1 : code;
    if (status == 429 || RATE_CODES.contains(c) || (c >= 80000 && c <= 80014)) {
      long regain = usage(answer.headers()).regainMillis();
      long wait = regain > 0 ? regain : RetryAfter.of(answer.headers(), RATE_LIMIT_WAIT).toMillis();
      return new PlatformFailure(RATE_LIMITED, "Facebook: đọc quá dồn dập, tạm ngừng rồi đọc lại" + why, wait);
    }
    if (c == 190 || c == 102) {
      return new PlatformFailure(CREDENTIAL, "Mã truy cập Facebook hết hạn hoặc không hợp lệ" + why);
    }
    if (c == 10 || (c >= 200 && c <= 299)) {
      return new PlatformFailure(CREDENTIAL, "Mã truy cập Facebook không có quyền đọc bình luận của video" + why);
    }
    if ((c == 100 && subcode != null && subcode == 33) || c == 803 || status == 404) {
      return new PlatformFailure(NOT_FOUND, "Không tìm thấy video phát trực tiếp trên Facebook, hoặc không được phép"
          + " xem" + why);
    }
    if (status >= 500 || c == 1 || c == 2) {
      return new PlatformFailure(TRANSIENT, "Facebook: máy chủ lỗi tạm thời" + why);
    }
    // a 4xx this list does not know: retried with the reader's growing pause, its code shown to the admin
    return new PlatformFailure(TRANSIENT, "Facebook từ chối yêu cầu đọc" + why);
  }

  /** What the usage headers say: the largest share used (null when none says), the longest wait asked. */
  private record Usage(Integer percent, long regainMillis) {
  }

  private static Usage usage(MultiMap headers) {
    Integer percent = null;
    long regainMinutes = 0;
    for (String name : USAGE_HEADERS) {
      String value = headers.get(name);
      JsonObject json;
      try {
        json = value == null || value.isBlank() ? null : new JsonObject(value);
      } catch (RuntimeException unreadable) {
        json = null;
      }
      if (json == null) {
        continue;
      }
      // X-Business-Use-Case-Usage nests the same counters per business id, in a list per use case
      List<JsonObject> counters = new ArrayList<>();
      counters.add(json);
      for (String business : json.fieldNames()) {
        if (json.getValue(business) instanceof JsonArray cases) {
          cases.forEach(c -> {
            if (c instanceof JsonObject o) {
              counters.add(o);
            }
          });
        }
      }
      for (JsonObject counter : counters) {
        for (String field : List.of("call_count", "total_time", "total_cputime")) {
          Long used = PlatformHttp.number(counter, field);
          if (used != null) {
            percent = larger(percent, (int) Math.max(0, Math.min(100, used)));
          }
        }
        Long regain = PlatformHttp.number(counter, "estimated_time_to_regain_access");
        if (regain != null) {
          regainMinutes = Math.max(regainMinutes, regain);
        }
      }
    }
    return new Usage(percent, Duration.ofMinutes(regainMinutes).toMillis());
  }

  private static Integer larger(Integer a, Integer b) {
    return a == null ? b : b == null ? a : Integer.valueOf(Math.max(a, b));
  }
}
