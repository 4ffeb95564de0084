package vn.danhoi.browser;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.FakeYouTube;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An editor on the live-chat tab during the show: the YouTube stream (a local fake of its API) is connected, a
 * viewer's question typed under it appears within seconds while the greeting before it stays hidden, one key takes
 * it into the question queue, and the moderation console shows it there beside each platform's connection, with a
 * message sent to the council's Zalo OA meanwhile.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class LiveChatBrowserTest {

  static final Vertx FAKE_VERTX = Vertx.vertx();
  static final FakeYouTube YOUTUBE = FakeYouTube.start(FAKE_VERTX);

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with("DANHOI_YOUTUBE_API_URL", YOUTUBE.baseUrl())
      .with("DANHOI_LIVECHAT_TICK_MS", "100");

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "live-chat");

  @AfterAll
  static void stop() {
    YOUTUBE.close();
    FAKE_VERTX.close().await();
  }

  @Test
  void aViewersQuestionOnYouTubeIsTakenIntoTheQueueWithOneKey() {
    YOUTUBE.pollingIntervalMillis(1000);
    BrowserNode b = BROWSER.get();
    String episode = b.node.liveEpisode(null, null);
    assertEquals(201, b.node.postJson("/api/episodes/" + episode + "/streams", new JsonObject()
        .put("platform", "youtube").put("sourceId", FakeYouTube.VIDEO_ID).put("credential", FakeYouTube.API_KEY)
        .put("label", "Kênh THTV"), TestNode.ADMIN_TOKEN).statusCode());
    b.account("bientap.hoa", "editor");
    b.logIn("bientap.hoa", "/livechat.html?episode=" + episode);
    b.waitText(By.cssSelector("#lc-platforms [data-platform=youtube] .pf-state"), "Đã kết nối");

    YOUTUBE.addComment("Lý Văn Sáu", "Chào cả nhà, xem từ Gò Dầu nè ❤️");
    String question = "Cho hỏi bao giờ cầu Bến Sắn ở xã Phước Thạnh được xây lại ạ?";
    long sent = System.nanoTime();
    YOUTUBE.addComment("Trần Văn Bảy", question);
    b.waitText(By.cssSelector("#lc-list li[aria-current=true] .lc-text"), question);
    System.out.println("Live chat, fake YouTube to the editor's screen: " + (System.nanoTime() - sent) / 1_000_000
        + " ms");
    String shown = b.driver.findElement(By.id("lc-list")).getText();
    assertFalse(shown.contains("Chào cả nhà"), shown);
    assertTrue(shown.contains("Trần Văn Bảy"), shown);
    Browser.screenshot(b.driver, "live-chat-tab");
    b.assertAccessible("livechat.html");

    // the greeting is there for whoever wants every comment
    b.driver.findElement(By.id("lc-questions")).click();
    b.waitText(By.id("lc-list"), "Chào cả nhà, xem từ Gò Dầu nè");

    // one key on the selected comment: the question is in the moderators' queue
    b.driver.findElement(By.id("lc-questions")).click();
    b.waitText(By.cssSelector("#lc-list li[aria-current=true] .lc-text"), question);
    b.driver.findElement(By.tagName("body")).sendKeys(Keys.ENTER);
    b.waitText(By.cssSelector("#lc-list li[aria-current=true] .lc-act"), "Đã vào hàng đợi");
    Map<String, Object> row = b.awaitRow("SELECT channel, asker_name FROM submissions WHERE text = ?", question);
    assertEquals("youtube", row.get("channel"));
    assertEquals("Trần Văn Bảy", row.get("asker_name"));

    b.driver.get(b.base + "/moderation.html?episode=" + episode);
    b.waitText(By.id("queue"), question);
    b.waitText(By.cssSelector("#platforms [data-platform=youtube]"), "Đã kết nối");

    // a message to the council's Zalo OA, the only episode on air, lands in the same queue while the page is open
    String zalo = "Em hỏi vì sao trợ cấp người cao tuổi tháng này ở xã Phước Thạnh chưa phát?";
    long posted = System.nanoTime();
    assertEquals(200, b.node.zaloText("8361029384756", "zmsg-browser-1", zalo).statusCode());
    b.waitText(By.id("queue"), zalo);
    System.out.println("Zalo OA webhook to the moderation console: " + (System.nanoTime() - posted) / 1_000_000 + " ms");
    Browser.screenshot(b.driver, "live-chat-moderation");
    b.assertAccessible("moderation.html with the platforms");
  }
}
