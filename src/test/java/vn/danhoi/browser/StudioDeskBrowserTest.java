package vn.danhoi.browser;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import vn.danhoi.support.AfterShow;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #19 on the studio's screens (points 2 and 3): the question on air, what comes next (the shortlist by
 * default) and the clock, on a 1080p and a 720p screen without scrolling; the clock counting down the run-down's
 * minutes into overtime; the public live page on a phone and an ended show's archive; the chair's controls.
 * Every page passes axe-core. Screenshots: studio-1920x1080, studio-1280x720, live-390x844, chair-1920x1080.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class StudioDeskBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;
  static String editor;

  @BeforeAll
  static void start() {
    node = NODE.node();
    editor = node.token("editor");
  }

  @Test
  void theStudioShowsOnAirNextAndTheClockAt1080p() {
    studioAt(1920, 1080);
  }

  @Test
  void theStudioShowsOnAirNextAndTheClockAt720p() {
    studioAt(1280, 720);
  }

  private void studioAt(int width, int height) {
    String size = width + "x" + height;
    String episode = node.liveEpisode(null, null);
    List<String> items = questions(episode, "Khi nào tuyến đường liên xã Tân Phú – Mỹ Yên được sửa chữa, "
            + "mặt đường đã hư hỏng nặng sau mùa mưa năm nay, xe cộ đi lại rất khó khăn?",
        "Bao giờ nước sạch về đến ấp 3 xã Tân Phú?", "Trạm y tế xã có thêm bác sĩ không?",
        "Học sinh vùng sâu có xe đưa đón không?");
    for (String item : items) {
      act(item, "shortlist");
    }
    act(items.get(0), "on-air");
    // the producer's band takes its room too: the question still fits with the next three below it
    assertEquals(200, node.postJson("/api/episodes/" + episode + "/studio-message",
        new JsonObject().put("message", "Còn 5 phút, chuyển sang câu hỏi về nước sạch"), editor).statusCode());
    try (BrowserNode browser = BrowserNode.start(NODE, "studio-" + size, width, height)) {
      browser.account("truongquay." + width, "studio");
      browser.logIn("truongquay." + width, "/studio.html?episode=" + episode);
      browser.waitText(By.id("current-text"), "Tân Phú – Mỹ Yên");
      // nobody marked a question "next": the shortlist's first is shown as next
      browser.waitText(By.cssSelector("#next-list li:first-child .studio-next-text"), "nước sạch về đến ấp 3");
      browser.waitText(By.cssSelector("#next-list li:first-child .studio-next-by"), "Theo thứ tự danh sách");
      browser.assertOnScreen(By.id("current-text"), "the question on air");
      browser.assertOnScreen(By.id("current-asker"), "who asked it");
      browser.assertOnScreen(By.id("timer-box"), "the on-air clock");
      browser.assertOnScreen(By.id("message-text"), "the producer's message");
      browser.assertOnScreen(By.id("next-heading"), "the next heading");
      for (WebElement next : browser.driver.findElements(By.cssSelector("#next-list li"))) {
        assertTrue(Browser.inViewport(browser.driver, next), "a next question is off screen at " + size);
      }
      assertEquals(3, browser.driver.findElements(By.cssSelector("#next-list li")).size());
      double px = Double.parseDouble(browser.driver.findElement(By.id("current-text")).getCssValue("font-size")
          .replace("px", ""));
      assertTrue(px >= 36, "the question is legible from the studio floor: " + px + "px at " + size);
      Browser.screenshot(browser.driver, "studio-" + size);
      browser.assertAccessible("studio.html at " + size);

      // an editor's "next" overrides the shortlist
      act(items.get(3), "next");
      browser.waitText(By.cssSelector("#next-list li:first-child .studio-next-text"), "xe đưa đón");
      browser.waitText(By.cssSelector("#next-list li:first-child .studio-next-by"), "Biên tập chọn");
    }
  }

  /**
   * A question given one minute in the run-down, on air for 58 s already: the clock counts down, then shows the
   * overtime with a plus sign in the warning colour. A question with no minutes counts up, and says so.
   */
  @Test
  void theClockCountsDownTheRundownsMinutesIntoOvertime() {
    String episode = node.liveEpisode(null, null);
    List<String> items = questions(episode, "Cầu Rạch Cát bao giờ xây xong?", "Chợ xã có được sửa lại không?");
    act(items.get(0), "shortlist");
    HttpResponse<Buffer> built = node.postJson("/api/episodes/" + episode + "/rundown/build", new JsonObject(), editor);
    assertEquals(200, built.statusCode(), built.bodyAsString());
    String entry = built.bodyAsJsonObject().getJsonArray("entries").getJsonObject(0).getString("id");
    HttpResponse<Buffer> minutes = node.request("PATCH", "/api/episodes/" + episode + "/rundown/entries/" + entry,
        new JsonObject().put("minutes", 1), editor);
    assertEquals(200, minutes.statusCode(), minutes.bodyAsString());
    act(items.get(1), "on-air");
    try (BrowserNode browser = BrowserNode.start(NODE, "studio-clock", 1280, 720)) {
      browser.account("truongquay.dongho", "studio");
      browser.logIn("truongquay.dongho", "/studio.html?episode=" + episode);
      browser.waitText(By.id("current-text"), "Chợ xã");
      browser.waitUntil(d -> "up".equals(d.findElement(By.id("timer-box")).getAttribute("data-mode")));
      assertEquals("Chưa định thời lượng — đã lên sóng", label(browser));

      act(items.get(1), "answered");
      act(items.get(0), "on-air");
      browser.waitText(By.id("current-text"), "Cầu Rạch Cát");
      browser.waitUntil(d -> "left".equals(d.findElement(By.id("timer-box")).getAttribute("data-mode")));
      assertEquals("Còn lại", label(browser));
      assertTrue(browser.driver.findElement(By.id("timer")).getText().matches("0[01]:[0-5][0-9]"),
          browser.driver.findElement(By.id("timer")).getText());

      // 58 s of the minute already spent: the overtime comes within seconds, waited for, not slept
      browser.sql.rows("UPDATE submissions SET on_air_at = now() - interval '58 seconds' WHERE id = ?",
          UUID.fromString(items.get(0)));
      browser.driver.navigate().refresh();
      browser.waitUntil(d -> "over".equals(d.findElement(By.id("timer-box")).getAttribute("data-mode")));
      String over = browser.waitUntil(d -> {
        String text = d.findElement(By.id("timer")).getText();
        return text.matches("\\+00:0[1-9]") ? text : null;
      });
      assertEquals("Quá giờ", label(browser), over);
      String background = browser.driver.findElement(By.id("timer-box")).getCssValue("background-color");
      assertEquals("rgba(255, 212, 0, 1)", background, "overtime shows in the warning colour");
      browser.assertAccessible("studio.html in overtime");
      Browser.screenshot(browser.driver, "studio-overtime-1280x720");
    }
  }

  @Test
  void theLivePageOnAPhoneAndAnEndedShowsArchive() {
    String episode = node.liveEpisode(null, null);
    List<String> items = questions(episode, "Khi nào xã có trường mầm non mới?", "Đèn đường ấp 2 bao giờ sửa?");
    act(items.get(0), "on-air");
    act(items.get(0), "answered");
    act(items.get(1), "on-air");
    AfterShow data = new AfterShow(NODE.sql());
    UUID ended = data.episode(data.program("Dân hỏi – Chính quyền trả lời", "Thường trực HĐND tỉnh Long An", "Long An"),
        "Cấp giấy chứng nhận quyền sử dụng đất", "Đất đai", OffsetDateTime.now(ZoneOffset.UTC).minusDays(3),
        "Nguyễn Văn Được");
    try (BrowserNode browser = BrowserNode.start(NODE, "live-390x844", 390, 844)) {
      browser.driver.get(browser.base + "/live.html?episode=" + episode);
      browser.waitText(By.cssSelector("#onair .live-text"), "Đèn đường ấp 2");
      browser.waitText(By.cssSelector("#answered .live-when"), "Trả lời lúc ");
      String when = browser.driver.findElement(By.cssSelector("#answered .live-when")).getText();
      assertTrue(when.matches("Trả lời lúc \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}"), when);
      assertEquals("Trực tiếp", browser.driver.findElement(By.id("page-title")).getText());
      browser.assertOnScreen(By.cssSelector("#onair .live-text"), "the question being answered");
      Browser.screenshot(browser.driver, "live-390x844");
      browser.assertAccessible("live.html at 390×844");

      browser.driver.get(browser.base + "/live.html?episode=" + ended);
      browser.waitFor(By.id("archive"));
      String aired = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(3)
          .format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
      browser.waitText(By.id("page-title"), "Đã phát sóng " + aired);
      assertFalse(browser.driver.getTitle().contains("Trực tiếp"), browser.driver.getTitle());
      Browser.screenshot(browser.driver, "live-ended-390x844");
      browser.assertAccessible("live.html of an ended show");

      // the public list says the same of it: broadcast, not "live"
      browser.driver.get(browser.base + "/?episode=" + ended);
      browser.waitText(By.cssSelector("li.episode-card[data-episode='" + ended + "']"), "Đã phát sóng lúc ");
      assertFalse(browser.driver.findElement(By.cssSelector("li.episode-card[data-episode='" + ended + "']"))
          .getText().contains("Phát sóng trực tiếp lúc"));
    }
  }

  @Test
  void theChairsControlsAreLegible() {
    String ep = node.postJson("/api/episodes", new JsonObject().put("title", "Phiên giải trình quý III")
        .put("topic", "Giải trình về giải phóng mặt bằng")
        .put("startsAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString()).put("durationMinutes", 120),
        TestNode.ADMIN_TOKEN).bodyAsJsonObject().getString("id");
    NODE.sql().rows("UPDATE episodes SET kind = 'accountability' WHERE id = ?", UUID.fromString(ep));
    assertEquals(201, node.postJson("/api/episodes/" + ep + "/speakers", new JsonObject()
        .put("delegateName", "Đại biểu Hà Văn Thắng").put("room", "Điểm cầu huyện Tủa Chùa")
        .put("subject", "Tiến độ bồi thường").put("agency", "Sở Tài chính"), editor).statusCode());
    try (BrowserNode browser = BrowserNode.start(NODE, "chair-1920x1080", 1920, 1080)) {
      browser.account("chutoa.vp", "editor");
      browser.logIn("chutoa.vp", "/chair.html?episode=" + ep);
      browser.clickWhenReady(By.id("btn-next"));
      browser.waitText(By.id("speaker-name"), "Hà Văn Thắng");
      browser.assertOnScreen(By.id("btn-next"), "the chair's main control");
      // axe checks text; the fields' edges (WCAG 1.4.11, 3:1) and placeholder are checked here against black
      WebElement agency = browser.driver.findElement(By.id("agency"));
      assertTrue(contrast(agency.getCssValue("border-top-color"), "rgb(0, 0, 0)") >= 3,
          "the field's edge on black: " + agency.getCssValue("border-top-color"));
      assertTrue(contrast(agency.getCssValue("color"), agency.getCssValue("background-color")) >= 4.5,
          "the field's text: " + agency.getCssValue("color") + " on " + agency.getCssValue("background-color"));
      String placeholder = (String) browser.driver.executeScript(
          "return getComputedStyle(document.getElementById('label'), '::placeholder').color");
      assertTrue(contrast(placeholder, agency.getCssValue("background-color")) >= 4.5, "the placeholder: " + placeholder);
      Browser.screenshot(browser.driver, "chair-1920x1080");
      browser.assertAccessible("chair.html (office, with controls)");

      // a remote room's read-only view, no login
      String view = node.postJson("/api/episodes/" + ep + "/chair/views", new JsonObject().put("label",
          "Điểm cầu huyện Tủa Chùa"), editor).bodyAsJsonObject().getString("url");
      browser.driver.manage().deleteAllCookies();
      browser.driver.get(browser.base + view);
      browser.waitText(By.id("speaker-name"), "Hà Văn Thắng");
      browser.assertAccessible("chair.html (read-only view)");
    }
  }

  /** WCAG contrast ratio of two CSS colours "rgb(r, g, b)" / "rgba(r, g, b, 1)". */
  private static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String css) {
    String[] p = css.replaceAll("[^0-9.,]", "").split(",");
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Double.parseDouble(p[i]) / 255;
      c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  /** The clock's label as written (the screen shows it in capitals). */
  private static String label(BrowserNode browser) {
    return browser.driver.findElement(By.id("timer-label")).getDomProperty("textContent");
  }

  private static List<String> questions(String episode, String... texts) {
    List<String> ids = new ArrayList<>();
    for (String text : texts) {
      HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions",
          TestNode.question("Phạm Thị Lan", text), null);
      assertEquals(202, r.statusCode(), r.bodyAsString());
      ids.add(r.bodyAsJsonObject().getString("id"));
    }
    return ids;
  }

  private static void act(String item, String action) {
    HttpResponse<Buffer> r = node.postJson("/api/items/" + item + "/actions", new JsonObject().put("action", action),
        editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }
}
