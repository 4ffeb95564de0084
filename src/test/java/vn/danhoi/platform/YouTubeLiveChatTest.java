package vn.danhoi.platform;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.danhoi.support.FakeJsonApi;
import vn.danhoi.support.FakeYouTube;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.platform.PlatformFailure.Kind.CREDENTIAL;
import static vn.danhoi.platform.PlatformFailure.Kind.ENDED;
import static vn.danhoi.platform.PlatformFailure.Kind.NOT_FOUND;
import static vn.danhoi.platform.PlatformFailure.Kind.QUOTA;
import static vn.danhoi.platform.PlatformFailure.Kind.RATE_LIMITED;
import static vn.danhoi.platform.PlatformFailure.Kind.TRANSIENT;
import static vn.danhoi.support.FakeYouTube.ACCESS_TOKEN;
import static vn.danhoi.support.FakeYouTube.API_KEY;
import static vn.danhoi.support.FakeYouTube.CHAT_ID;
import static vn.danhoi.support.FakeYouTube.VIDEO_ID;

@ExtendWith(VertxExtension.class)
class YouTubeLiveChatTest {

  /** Noon in Los Angeles (PST): the quota comes back in twelve hours. */
  private static final Clock NOON_PACIFIC = Clock.fixed(Instant.parse("2026-12-07T20:00:00Z"), ZoneOffset.UTC);

  private FakeYouTube youtube;
  private YouTubeLiveChat chat;

  @BeforeEach
  void start(Vertx vertx) {
    youtube = FakeYouTube.start(vertx);
    chat = new YouTubeLiveChat(vertx, youtube.baseUrl(), Duration.ofSeconds(5), NOON_PACIFIC);
  }

  @AfterEach
  void stop() {
    youtube.close();
  }

  private static StreamRef stream(String credential, String chatId, String cursor) {
    return new StreamRef(UUID.randomUUID(), VIDEO_ID, credential, chatId, cursor);
  }

  @Test
  void firstReadFindsTheChatFromTheVideoAndReadsItsHistory(VertxTestContext ctx) {
    youtube.pollingIntervalMillis(2500);
    String first = youtube.addComment("Nguyễn Văn Bình", "Xin hỏi bao giờ làm đường Trường Chinh?");
    String second = youtube.addComment("Lê Thị Mai", "Trường học xã tôi thiếu giáo viên");
    chat.read(stream(API_KEY, null, null)).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertEquals(CHAT_ID, page.chatId());
      assertEquals(List.of(first, second), page.messages().stream().map(ChatMessage::externalId).toList());
      ChatMessage m = page.messages().get(0);
      assertEquals("Nguyễn Văn Bình", m.authorName());
      assertEquals(FakeYouTube.channelOf("Nguyễn Văn Bình"), m.authorId());
      assertEquals("Xin hỏi bao giờ làm đường Trường Chinh?", m.text());
      assertNotNull(m.publishedAt());
      assertEquals("tok-2", page.cursor());
      assertEquals(2500, page.readAfterMillis());
      assertFalse(page.ended());
      assertEquals(YouTubeLiveChat.VIDEOS_LIST_COST + YouTubeLiveChat.MESSAGES_LIST_COST, page.quotaCost());
      assertNull(page.usagePercent());

      List<FakeJsonApi.Request> seen = youtube.requests();
      assertEquals(2, seen.size());
      FakeJsonApi.Request videos = seen.get(0);
      assertEquals("/videos", videos.path());
      assertEquals("liveStreamingDetails", videos.param("part"));
      assertEquals(VIDEO_ID, videos.param("id"));
      assertEquals(API_KEY, videos.param("key"));
      assertNull(videos.authorization());
      FakeJsonApi.Request messages = seen.get(1);
      assertEquals("/liveChat/messages", messages.path());
      assertEquals(CHAT_ID, messages.param("liveChatId"));
      assertEquals("snippet,authorDetails", messages.param("part"));
      assertEquals("2000", messages.param("maxResults"));
      assertNull(messages.param("pageToken"));
      ctx.completeNow();
    })));
  }

  @Test
  void readGoesOnFromTheCursorWithoutAskingTheVideoAgain(VertxTestContext ctx) {
    youtube.addComment("Nguyễn Văn Bình", "Câu hỏi thứ nhất");
    youtube.addComment("Lê Thị Mai", "Câu hỏi thứ hai");
    chat.read(stream(API_KEY, CHAT_ID, null))
        .compose(first -> {
          youtube.addComment("Phạm Quốc Huy", "Câu hỏi thứ ba về điện nông thôn");
          return chat.read(stream(API_KEY, CHAT_ID, first.cursor()));
        })
        .onComplete(ctx.succeeding(next -> ctx.verify(() -> {
          assertEquals(List.of("Câu hỏi thứ ba về điện nông thôn"), next.messages().stream().map(ChatMessage::text).toList());
          assertEquals("tok-3", next.cursor());
          assertEquals(YouTubeLiveChat.MESSAGES_LIST_COST, next.quotaCost());
          assertEquals("tok-2", youtube.lastRequest().param("pageToken"));
          assertEquals(0, youtube.count("/videos"));
          ctx.completeNow();
        })));
  }

  @Test
  void aLongChatIsReadPageByPage(VertxTestContext ctx) {
    youtube.pageSize(2);
    youtube.addComment("A", "một");
    youtube.addComment("B", "hai");
    youtube.addComment("C", "ba");
    chat.read(stream(API_KEY, CHAT_ID, null))
        .compose(first -> {
          ctx.verify(() -> assertEquals(List.of("một", "hai"), texts(first)));
          return chat.read(stream(API_KEY, CHAT_ID, first.cursor()));
        })
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(List.of("ba"), texts(second));
          assertEquals("tok-3", second.cursor());
          ctx.completeNow();
        })));
  }

  @Test
  void anAccessTokenGoesAsBearerAndNeverAsKey(VertxTestContext ctx) {
    youtube.addComment("Nguyễn Văn Bình", "Chào chương trình");
    chat.read(stream(ACCESS_TOKEN, null, null))
        .compose(page -> chat.read(stream("bearer:" + ACCESS_TOKEN, CHAT_ID, page.cursor())))
        .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
          for (FakeJsonApi.Request r : youtube.requests()) {
            assertEquals("Bearer " + ACCESS_TOKEN, r.authorization());
            assertNull(r.param("key"));
          }
          assertEquals(3, youtube.requests().size());
          ctx.completeNow();
        })));
  }

  @Test
  void onlyChatMessagesAndSuperChatCommentsAreComments(VertxTestContext ctx) {
    youtube.addEvent("newSponsorEvent", "Hội viên mới");
    youtube.addEvent("messageDeletedEvent", "Người điều hành");
    youtube.addSuperChat("Trần Văn Tâm", "Đề nghị hỏi về giá điện");
    youtube.addSuperChat("Ẩn danh", "");
    youtube.addComment("Lê Thị Mai", "Câu hỏi thường");
    chat.read(stream(API_KEY, CHAT_ID, null)).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertEquals(List.of("Đề nghị hỏi về giá điện", "Câu hỏi thường"), texts(page));
      assertEquals("tok-5", page.cursor());
      ctx.completeNow();
    })));
  }

  @Test
  void vietnameseTextArrivesWholeWhetherComposedOrDecomposed(VertxTestContext ctx) {
    String text = "Đề nghị UBND xã Phước Vĩnh Tây giải quyết ngập nước đường Lý Thường Kiệt";
    String author = "Nguyễn Thị Ánh Tuyết";
    youtube.addComment(author, Normalizer.normalize(text, Normalizer.Form.NFC));
    youtube.addComment(Normalizer.normalize(author, Normalizer.Form.NFD), Normalizer.normalize(text, Normalizer.Form.NFD));
    chat.read(stream(API_KEY, CHAT_ID, null)).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertEquals(2, page.messages().size());
      for (ChatMessage m : page.messages()) {
        assertEquals(text, m.text());
        assertEquals(author, m.authorName());
      }
      ctx.completeNow();
    })));
  }

  @Test
  void aBroadcastNotBegunYetIsReadAgainLater(VertxTestContext ctx) {
    youtube.video(FakeYouTube.Video.UPCOMING);
    chat.read(stream(API_KEY, null, null)).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertNull(page.chatId());
      assertTrue(page.messages().isEmpty());
      assertNull(page.cursor());
      assertEquals(YouTubeLiveChat.NOT_LIVE_YET_MILLIS, page.readAfterMillis());
      assertFalse(page.ended());
      assertEquals(YouTubeLiveChat.VIDEOS_LIST_COST, page.quotaCost());
      assertEquals(0, youtube.count("/liveChat/messages"));
      ctx.completeNow();
    })));
  }

  @Test
  void aChatThatWentOfflineEndsTheStream(VertxTestContext ctx) {
    youtube.addComment("Lê Thị Mai", "Câu cuối");
    youtube.goOffline();
    chat.read(stream(API_KEY, CHAT_ID, null)).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertTrue(page.ended());
      assertEquals(List.of("Câu cuối"), texts(page));
      ctx.completeNow();
    })));
  }

  @Test
  void aStaleCursorStartsOverFromTheHistory(VertxTestContext ctx) {
    youtube.addComment("Lê Thị Mai", "Câu hỏi còn trong lịch sử");
    chat.read(stream(API_KEY, CHAT_ID, "cursor-from-yesterday")).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertEquals(List.of("Câu hỏi còn trong lịch sử"), texts(page));
      assertEquals(2 * YouTubeLiveChat.MESSAGES_LIST_COST, page.quotaCost());
      assertNull(youtube.lastRequest().param("pageToken"));
      ctx.completeNow();
    })));
  }

  @Test
  void anEndedBroadcastEndsTheStream(VertxTestContext ctx) {
    youtube.video(FakeYouTube.Video.ENDED);
    fails(ctx, stream(API_KEY, null, null), ENDED, "đã kết thúc", f -> { });
  }

  @Test
  void anUnknownVideoIsNotFound(VertxTestContext ctx) {
    youtube.video(FakeYouTube.Video.MISSING);
    fails(ctx, stream(API_KEY, null, null), NOT_FOUND, "Không tìm thấy video", f -> { });
  }

  @Test
  void aVideoThatIsNoBroadcastIsNotFound(VertxTestContext ctx) {
    youtube.video(FakeYouTube.Video.NOT_A_BROADCAST);
    fails(ctx, stream(API_KEY, null, null), NOT_FOUND, "không phải buổi phát trực tiếp", f -> { });
  }

  @Test
  void aSpentQuotaWaitsForMidnightPacific(VertxTestContext ctx) {
    youtube.answerNext(FakeYouTube.quotaExceeded());
    fails(ctx, stream(API_KEY, CHAT_ID, "tok-0"), QUOTA, "hạn mức",
        f -> assertEquals(Duration.ofHours(12).toMillis(), f.retryAfterMillis()));
  }

  @Test
  void aRateLimitWaitsAsRetryAfterSays(VertxTestContext ctx) {
    youtube.answerNext(FakeYouTube.rateLimited(42));
    fails(ctx, stream(API_KEY, CHAT_ID, "tok-0"), RATE_LIMITED, "dồn dập",
        f -> assertEquals(42_000, f.retryAfterMillis()));
  }

  @Test
  void aRateLimitWithoutRetryAfterWaitsTheDefault(VertxTestContext ctx) {
    youtube.answerNext(FakeYouTube.rateLimited(null));
    fails(ctx, stream(API_KEY, CHAT_ID, "tok-0"), RATE_LIMITED, "dồn dập",
        f -> assertEquals(YouTubeLiveChat.RATE_LIMIT_WAIT.toMillis(), f.retryAfterMillis()));
  }

  @Test
  void anExpiredTokenAsksForANewCredential(VertxTestContext ctx) {
    youtube.answerNext(FakeYouTube.expiredToken());
    fails(ctx, stream(ACCESS_TOKEN, CHAT_ID, "tok-0"), CREDENTIAL, "Mã truy cập YouTube hết hạn hoặc không hợp lệ",
        f -> { });
  }

  @Test
  void aWrongApiKeyAsksForANewCredential(VertxTestContext ctx) {
    fails(ctx, stream("AIzaSyWrong-key-typed-by-an-admin-000000", CHAT_ID, null), CREDENTIAL,
        "Mã truy cập YouTube hết hạn hoặc không hợp lệ",
        f -> assertFalse(f.getMessage().contains("AIzaSyWrong-key-typed-by-an-admin-000000"), f.getMessage()));
  }

  @Test
  void aMissingCredentialIsRefusedBeforeAnyRequest(VertxTestContext ctx) {
    fails(ctx, stream(" ", CHAT_ID, null), CREDENTIAL, "YouTube",
        f -> assertEquals(0, youtube.requests().size()));
  }

  @Test
  void anEndedChatEndsTheStream(VertxTestContext ctx) {
    youtube.answerNext(FakeYouTube.chatEnded());
    fails(ctx, stream(API_KEY, CHAT_ID, "tok-0"), ENDED, "đã kết thúc", f -> { });
  }

  @Test
  void aDisabledChatIsNotFound(VertxTestContext ctx) {
    youtube.answerNext(FakeYouTube.chatDisabled());
    fails(ctx, stream(API_KEY, CHAT_ID, "tok-0"), NOT_FOUND, "không tìm thấy", f -> { });
  }

  @Test
  void anUnknownChatIsNotFound(VertxTestContext ctx) {
    fails(ctx, stream(API_KEY, "Cg0KC2dvbmU", null), NOT_FOUND, "không tìm thấy", f -> { });
  }

  @Test
  void aServerErrorIsTransient(VertxTestContext ctx) {
    youtube.answerNext(FakeYouTube.serverError());
    fails(ctx, stream(API_KEY, CHAT_ID, "tok-0"), TRANSIENT, "lỗi tạm thời", f -> { });
  }

  @Test
  void aDroppedConnectionIsTransient(VertxTestContext ctx) {
    youtube.answerNext(FakeJsonApi.Answer.dropped());
    fails(ctx, stream(API_KEY, CHAT_ID, "tok-0"), TRANSIENT, "YouTube", f -> { });
  }

  @Test
  void silenceIsTransientAndTheMessageHoldsNoUrl(Vertx vertx, VertxTestContext ctx) {
    chat = new YouTubeLiveChat(vertx, youtube.baseUrl(), Duration.ofMillis(300), NOON_PACIFIC);
    youtube.answerNext(FakeJsonApi.Answer.silent());
    fails(ctx, stream(API_KEY, CHAT_ID, "tok-0"), TRANSIENT, "không trả lời",
        f -> assertFalse(f.getMessage().contains("liveChat"), f.getMessage()));
  }

  @Test
  void noServerIsTransient(Vertx vertx, VertxTestContext ctx) {
    String gone = youtube.baseUrl();
    youtube.close();
    chat = new YouTubeLiveChat(vertx, gone, Duration.ofSeconds(2), NOON_PACIFIC);
    fails(ctx, stream(API_KEY, CHAT_ID, null), TRANSIENT, "YouTube", f -> { });
  }

  private void fails(VertxTestContext ctx, StreamRef stream, PlatformFailure.Kind kind, String saying,
                     Consumer<PlatformFailure> more) {
    Reads.fails(ctx, chat.read(stream), kind, saying, List.of(API_KEY, ACCESS_TOKEN, stream.credential(), "key="), more);
  }

  private static List<String> texts(ChatPage page) {
    return Reads.texts(page);
  }
}
