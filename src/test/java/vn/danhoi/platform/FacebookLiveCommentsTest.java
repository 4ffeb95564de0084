package vn.danhoi.platform;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.danhoi.support.FakeFacebookGraph;
import vn.danhoi.support.FakeJsonApi;

import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.platform.PlatformFailure.Kind.CREDENTIAL;
import static vn.danhoi.platform.PlatformFailure.Kind.NOT_FOUND;
import static vn.danhoi.platform.PlatformFailure.Kind.RATE_LIMITED;
import static vn.danhoi.platform.PlatformFailure.Kind.TRANSIENT;
import static vn.danhoi.support.FakeFacebookGraph.LIVE_VIDEO_ID;
import static vn.danhoi.support.FakeFacebookGraph.PAGE_TOKEN;

@ExtendWith(VertxExtension.class)
class FacebookLiveCommentsTest {

  private static final Duration POLL = Duration.ofSeconds(4);
  private static final String COMMENTS = "/" + LIVE_VIDEO_ID + "/comments";
  private static final String VIDEO = "/" + LIVE_VIDEO_ID;

  private FakeFacebookGraph graph;
  private FacebookLiveComments comments;

  @BeforeEach
  void start(Vertx vertx) {
    graph = FakeFacebookGraph.start(vertx);
    comments = new FacebookLiveComments(vertx, graph.baseUrl(), Duration.ofSeconds(5), POLL);
  }

  @AfterEach
  void stop() {
    graph.close();
  }

  private static StreamRef stream(String token, String cursor) {
    return new StreamRef(UUID.randomUUID(), LIVE_VIDEO_ID, token, null, cursor);
  }

  @Test
  void firstReadTakesTheOldestCommentsWithTheirCursor(VertxTestContext ctx) {
    String first = graph.addComment("Trần Thị Hoa", "Bao giờ sửa cầu Gò Chai?");
    String second = graph.addComment("Võ Minh Khang", "Xin hỏi về tiền đền bù đất");
    comments.read(stream(PAGE_TOKEN, null)).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertEquals(List.of(first, second), page.messages().stream().map(ChatMessage::externalId).toList());
      ChatMessage m = page.messages().get(0);
      assertEquals("Trần Thị Hoa", m.authorName());
      assertEquals(FakeFacebookGraph.idOf("Trần Thị Hoa"), m.authorId());
      assertEquals("Bao giờ sửa cầu Gò Chai?", m.text());
      assertNotNull(m.publishedAt());
      assertNotNull(page.cursor());
      assertEquals(POLL.toMillis(), page.readAfterMillis());
      assertFalse(page.ended());
      assertEquals(0, page.quotaCost());

      FakeJsonApi.Request r = graph.lastRequest();
      assertEquals(COMMENTS, r.path());
      assertEquals("chronological", r.param("order"));
      assertEquals("stream", r.param("filter"));
      assertEquals("no_filter", r.param("live_filter"));
      assertEquals("id,message,created_time,from{id,name}", r.param("fields"));
      assertEquals("100", r.param("limit"));
      assertEquals(PAGE_TOKEN, r.param("access_token"));
      assertNull(r.param("after"));
      assertEquals(0, graph.count(VIDEO), "a page with comments does not ask the video's status");
      ctx.completeNow();
    })));
  }

  @Test
  void readGoesOnAfterTheCursor(VertxTestContext ctx) {
    graph.addComment("Trần Thị Hoa", "Câu thứ nhất");
    comments.read(stream(PAGE_TOKEN, null))
        .compose(first -> {
          graph.addComment("Võ Minh Khang", "Câu thứ hai về nước sạch");
          return comments.read(stream(PAGE_TOKEN, first.cursor())).map(next -> List.of(first, next));
        })
        .onComplete(ctx.succeeding(pages -> ctx.verify(() -> {
          assertEquals(List.of("Câu thứ hai về nước sạch"), texts(pages.get(1)));
          assertEquals(pages.get(0).cursor(), graph.lastRequest().param("after"));
          assertNotNull(pages.get(1).cursor());
          ctx.completeNow();
        })));
  }

  @Test
  void anEmptyPageKeepsTheCursorAndAsksTheVideosStatus(VertxTestContext ctx) {
    graph.addComment("Trần Thị Hoa", "Câu duy nhất");
    comments.read(stream(PAGE_TOKEN, null))
        .compose(first -> comments.read(stream(PAGE_TOKEN, first.cursor())))
        .onComplete(ctx.succeeding(empty -> ctx.verify(() -> {
          assertTrue(empty.messages().isEmpty());
          assertNull(empty.cursor(), "null keeps the stream's cursor");
          assertFalse(empty.ended());
          assertEquals(POLL.toMillis(), empty.readAfterMillis());
          FakeJsonApi.Request status = graph.lastRequest();
          assertEquals(VIDEO, status.path());
          assertEquals("status", status.param("fields"));
          assertEquals(PAGE_TOKEN, status.param("access_token"));
          ctx.completeNow();
        })));
  }

  @Test
  void aVideoNowVodEndsTheStream(VertxTestContext ctx) {
    graph.status("VOD");
    comments.read(stream(PAGE_TOKEN, null)).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertTrue(page.ended());
      ctx.completeNow();
    })));
  }

  @Test
  void aStoppedLiveEndsTheStream(VertxTestContext ctx) {
    graph.status("LIVE_STOPPED");
    comments.read(stream(PAGE_TOKEN, null)).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertTrue(page.ended());
      ctx.completeNow();
    })));
  }

  @Test
  void morePagesWaitingAreReadAtOnce(VertxTestContext ctx) {
    graph.pageSize(2);
    graph.addComment("A", "một");
    graph.addComment("B", "hai");
    graph.addComment("C", "ba");
    comments.read(stream(PAGE_TOKEN, null))
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals(List.of("một", "hai"), texts(first));
            assertEquals(0, first.readAfterMillis());
          });
          return comments.read(stream(PAGE_TOKEN, first.cursor()));
        })
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(List.of("ba"), texts(second));
          assertEquals(POLL.toMillis(), second.readAfterMillis());
          ctx.completeNow();
        })));
  }

  @Test
  void aCommentWithoutItsAuthorHasNoName(VertxTestContext ctx) {
    graph.addAnonymousComment("Tôi muốn hỏi về bảo hiểm y tế");
    comments.read(stream(PAGE_TOKEN, null)).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      ChatMessage m = page.messages().get(0);
      assertNull(m.authorName());
      assertNull(m.authorId());
      assertEquals("Tôi muốn hỏi về bảo hiểm y tế", m.text());
      ctx.completeNow();
    })));
  }

  @Test
  void vietnameseTextArrivesWholeWhetherComposedOrDecomposed(VertxTestContext ctx) {
    String text = "Đường vào ấp Bình Thạnh ngập sâu, đề nghị huyện khắc phục";
    String author = "Huỳnh Thị Ngọc Điệp";
    graph.addComment(author, text);
    graph.addComment(Normalizer.normalize(author, Normalizer.Form.NFD), Normalizer.normalize(text, Normalizer.Form.NFD));
    comments.read(stream(PAGE_TOKEN, null)).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertEquals(2, page.messages().size());
      for (ChatMessage m : page.messages()) {
        assertEquals(text, m.text());
        assertEquals(author, m.authorName());
      }
      ctx.completeNow();
    })));
  }

  @Test
  void appUsageIsTheLargestOfItsCounters(VertxTestContext ctx) {
    graph.appUsage(12, 41, 7);
    graph.addComment("Trần Thị Hoa", "Câu hỏi");
    comments.read(stream(PAGE_TOKEN, null)).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertEquals(41, page.usagePercent());
      ctx.completeNow();
    })));
  }

  @Test
  void anExpiredTokenAsksForANewCredential(VertxTestContext ctx) {
    graph.answerNext(FakeFacebookGraph.expiredToken());
    fails(ctx, stream(PAGE_TOKEN, null), CREDENTIAL, "Mã truy cập Facebook hết hạn hoặc không hợp lệ", f -> { });
  }

  @Test
  void aWrongTokenAsksForANewCredential(VertxTestContext ctx) {
    fails(ctx, stream("EAAWrongTokenPastedByAnAdmin", null), CREDENTIAL, "Mã truy cập Facebook", f -> { });
  }

  @Test
  void aMissingPermissionAsksForANewCredential(VertxTestContext ctx) {
    graph.answerNext(FakeFacebookGraph.missingPermission());
    fails(ctx, stream(PAGE_TOKEN, null), CREDENTIAL, "không có quyền", f -> { });
  }

  @Test
  void theAppsRateLimitWaitsTheDefault(VertxTestContext ctx) {
    graph.answerNext(FakeFacebookGraph.appRateLimited());
    fails(ctx, stream(PAGE_TOKEN, null), RATE_LIMITED, "dồn dập",
        f -> assertEquals(FacebookLiveComments.RATE_LIMIT_WAIT.toMillis(), f.retryAfterMillis()));
  }

  @Test
  void thePagesRateLimitWaitsAsFacebookEstimates(VertxTestContext ctx) {
    graph.answerNext(FakeFacebookGraph.pageRateLimited(7));
    fails(ctx, stream(PAGE_TOKEN, null), RATE_LIMITED, "dồn dập",
        f -> assertEquals(Duration.ofMinutes(7).toMillis(), f.retryAfterMillis()));
  }

  @Test
  void anUnknownVideoIsNotFound(VertxTestContext ctx) {
    graph.answerNext(FakeFacebookGraph.notFound());
    fails(ctx, stream(PAGE_TOKEN, null), NOT_FOUND, "Không tìm thấy", f -> { });
  }

  @Test
  void aServerErrorIsTransient(VertxTestContext ctx) {
    graph.answerNext(FakeFacebookGraph.serverError());
    fails(ctx, stream(PAGE_TOKEN, null), TRANSIENT, "lỗi tạm thời", f -> { });
  }

  @Test
  void aDroppedConnectionIsTransient(VertxTestContext ctx) {
    graph.answerNext(FakeJsonApi.Answer.dropped());
    fails(ctx, stream(PAGE_TOKEN, null), TRANSIENT, "Facebook", f -> { });
  }

  @Test
  void silenceIsTransientAndTheMessageHoldsNoUrl(Vertx vertx, VertxTestContext ctx) {
    comments = new FacebookLiveComments(vertx, graph.baseUrl(), Duration.ofMillis(300), POLL);
    graph.answerNext(FakeJsonApi.Answer.silent());
    fails(ctx, stream(PAGE_TOKEN, null), TRANSIENT, "không trả lời",
        f -> assertFalse(f.getMessage().contains("access_token"), f.getMessage()));
  }

  private void fails(VertxTestContext ctx, StreamRef stream, PlatformFailure.Kind kind, String saying,
                     Consumer<PlatformFailure> more) {
    Reads.fails(ctx, comments.read(stream), kind, saying, List.of(PAGE_TOKEN, stream.credential(), "access_token="),
        more);
  }

  private static List<String> texts(ChatPage page) {
    return Reads.texts(page);
  }
}
