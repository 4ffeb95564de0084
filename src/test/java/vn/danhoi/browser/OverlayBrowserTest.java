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
import org.openqa.selenium.chrome.ChromeDriver;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overlay as a graphics system's browser source sees it, in Chromium at 1920×1080 with a transparent page
 * background (what OBS, vMix and CasparCG key over the programme): nothing but the lower third is painted, the
 * lower third lies inside the title-safe area, and a question put on air is on the graphic within a second.
 * Screenshots, as captured and over a checkerboard, go to target/screenshots.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class OverlayBrowserTest {

  /** EBU R 95 title-safe area of a 1920×1080 frame (90%). */
  static final Rectangle TITLE_SAFE = new Rectangle(96, 54, 1728, 972);
  static final String QUESTION = "Khi nào nước sạch về đến ấp Bình Hòa, xã Mỹ Yên? Nhà tôi vẫn dùng nước giếng khoan.";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "overlay", 1920, 1080);

  static TestNode node;
  static ChromeDriver driver;
  static String base;
  static String editor;

  @BeforeAll
  static void start() {
    BrowserNode browser = BROWSER.get();
    node = browser.node;
    driver = browser.driver;
    base = browser.base;
    editor = node.token("editor");
    // a page that paints no background is captured transparent, as a browser source keys it
    driver.executeCdpCommand("Emulation.setDefaultBackgroundColorOverride",
        Map.of("color", Map.of("r", 0, "g", 0, "b", 0, "a", 0)));
  }

  @Test
  void theQuestionPutOnAirIsALowerThirdInsideTitleSafeWithinASecond() throws IOException {
    String episode = node.liveEpisode(null, null);
    JsonObject link = link(episode);
    String item = ask(episode, "Lê Thị Thu Hà", "Ấp Bình Hòa, xã Mỹ Yên, huyện Bến Lức");
    act(item, "next");

    driver.get(base + link.getJsonObject("urls").getString("browserSource"));
    waitFor("document.documentElement.dataset.connection === 'open'");
    BufferedImage empty = capture("overlay-off-air");
    assertEquals(0, opaquePixels(empty, null), "nothing is painted while no question is on air");

    long started = System.nanoTime();
    act(item, "on-air");
    waitFor("document.getElementById('lt-text').textContent === arguments[0]"
        + " && document.documentElement.dataset.graphic === 'on'", QUESTION);
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    assertTrue(elapsedMs < 1000, "on the graphic " + elapsedMs + " ms after the editor's click");
    assertEquals("Hà · Ấp Bình Hòa, xã Mỹ Yên, huyện Bến Lức",
        driver.executeScript("return document.getElementById('lt-asker').textContent"));

    waitFor("document.getAnimations().length === 0");
    Rectangle box = bounds("lower-third");
    assertTrue(TITLE_SAFE.contains(box), "the lower third " + box + " inside title-safe " + TITLE_SAFE);
    assertTrue(box.y > 1080 / 2, "a lower third, in the lower half: " + box);
    BufferedImage onAir = capture("overlay-on-air");
    checkerboard(onAir, "overlay-on-air-checkerboard");
    Rectangle around = new Rectangle(box.x - 2, box.y - 2, box.width + 4, box.height + 4);
    assertEquals(0, opaquePixels(onAir, around), "outside the lower third the frame stays transparent");
    Rectangle body = bounds("lt-text");
    int alpha = onAir.getRGB(body.x + 4, body.y + body.height / 2) >>> 24;
    assertTrue(alpha > 200, "the lower third's panel is solid: alpha " + alpha);

    started = System.nanoTime();
    act(item, "answered");
    waitFor("document.documentElement.dataset.graphic === 'off'");
    elapsedMs = (System.nanoTime() - started) / 1_000_000;
    assertTrue(elapsedMs < 1000, "off the graphic " + elapsedMs + " ms after the editor's click");
    waitFor("document.getAnimations().length === 0");
    assertEquals(0, opaquePixels(capture("overlay-after-answer"), null), "the graphic has left the frame");
  }

  @Test
  void casparcgDrivesTheTemplateWithUpdatePlayAndStop() throws IOException {
    String episode = node.liveEpisode(null, null);
    driver.get(base + link(episode).getJsonObject("urls").getString("casparcg"));
    waitFor("document.documentElement.dataset.connection === 'open'");
    driver.executeScript("update(arguments[0])", "<templateData><componentData id=\"f0\"><data id=\"text\" "
        + "value=\"Xã có kế hoạch nạo vét kênh Thủ Thừa không?\"/></componentData><componentData id=\"f1\">"
        + "<data id=\"text\" value=\"Nam\"/></componentData><componentData id=\"f2\"><data id=\"text\" "
        + "value=\"Thị trấn Thủ Thừa\"/></componentData></templateData>");
    assertEquals("off", driver.executeScript("return document.documentElement.dataset.graphic"),
        "CasparCG's update() fills the template; only play() puts it on air");
    driver.executeScript("play()");
    waitFor("document.documentElement.dataset.graphic === 'on'");
    assertEquals("Xã có kế hoạch nạo vét kênh Thủ Thừa không?",
        driver.executeScript("return document.getElementById('lt-text').textContent"));
    assertEquals("Nam · Thị trấn Thủ Thừa", driver.executeScript("return document.getElementById('lt-asker').textContent"));
    driver.executeScript("update(arguments[0])", new JsonObject().put("text", "Câu hỏi thứ hai về cầu Bến Lức")
        .put("givenName", "Lan").encode());
    waitFor("document.getElementById('lt-text').textContent === 'Câu hỏi thứ hai về cầu Bến Lức'"
        + " && document.documentElement.dataset.graphic === 'on'");
    driver.executeScript("stop()");
    waitFor("document.documentElement.dataset.graphic === 'off'");
    waitFor("document.getAnimations().length === 0");
    assertEquals(0, opaquePixels(capture("overlay-casparcg-stopped"), null));
  }

  @Test
  void anEditorMakesALinkOnTheEpisodePageAndRevokesIt() {
    BrowserNode browser = BROWSER.get();
    String episode = node.liveEpisode(null, null);
    browser.account("btv.overlay", "editor");
    browser.logIn("btv.overlay", "/episode.html?id=" + episode);
    browser.waitFor(By.id("ovl-label")).sendKeys("vMix phòng máy chính");
    driver.findElement(By.cssSelector("#ovl-form button[type=submit]")).click();
    String source = browser.waitFor(By.id("ovl-url-browserSource")).getAttribute("value");
    assertTrue(source.startsWith(base + "/overlay.html?token=dh_"), source);
    assertTrue(driver.findElement(By.id("ovl-url-xml")).getAttribute("value").endsWith("/state.xml"));
    browser.waitText(By.id("ovl-list"), "vMix phòng máy chính");
    Browser.screenshot(driver, "overlay-links-episode-page");
    assertEquals(200, node.get(source.substring(base.length()).replace("/overlay.html?token=", "/api/overlay/")
        + "/state.json", null).statusCode());

    driver.findElement(By.cssSelector("#ovl-list button")).click();
    driver.switchTo().alert().accept();
    browser.waitText(By.id("ovl-list"), "Đã thu hồi");
    assertEquals(404, node.get(source.substring(base.length()).replace("/overlay.html?token=", "/api/overlay/")
        + "/state.json", null).statusCode());
  }

  private static JsonObject link(String episode) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/overlays",
        new JsonObject().put("label", "OBS phòng máy"), editor);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static String ask(String episode, String name, String locality) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions", new JsonObject()
        .put("name", name).put("locality", locality).put("phone", "0912345678").put("text", QUESTION)
        .put("consent", true), null);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private static void act(String item, String action) {
    HttpResponse<Buffer> r = node.postJson("/api/items/" + item + "/actions", new JsonObject().put("action", action),
        editor);
    assertEquals(200, r.statusCode(), action + ": " + r.bodyAsString());
  }

  /** Polls the page (not a sleep) until the script is true; fails with the page's console after 5 s. */
  private static void waitFor(String condition, Object... args) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!Boolean.TRUE.equals(driver.executeScript("return !!(" + condition + ")", args))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not true within 5 s: " + condition + "\n" + Browser.console(driver));
      }
      Thread.onSpinWait();
    }
  }

  private static Rectangle bounds(String id) {
    @SuppressWarnings("unchecked")
    List<Number> r = (List<Number>) driver.executeScript("const r = document.getElementById(arguments[0])"
        + ".getBoundingClientRect(); return [r.left, r.top, r.width, r.height];", id);
    return new Rectangle((int) Math.floor(r.get(0).doubleValue()), (int) Math.floor(r.get(1).doubleValue()),
        (int) Math.ceil(r.get(2).doubleValue()), (int) Math.ceil(r.get(3).doubleValue()));
  }

  /** The frame as Chromium paints it, alpha included, saved as target/screenshots/{name}.png. */
  private static BufferedImage capture(String name) throws IOException {
    Object data = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png")).get("data");
    byte[] png = Base64.getDecoder().decode((String) data);
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(dir.resolve(name + ".png"), png);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(1920, image.getWidth());
    assertEquals(1080, image.getHeight());
    return image;
  }

  /** Pixels with any opacity, outside {@code except} when given. */
  private static long opaquePixels(BufferedImage image, Rectangle except) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((except == null || !except.contains(x, y)) && (image.getRGB(x, y) >>> 24) != 0) {
          n++;
        }
      }
    }
    return n;
  }

  /** The frame over a grey checkerboard, as an editor checks a keyed graphic, saved beside the capture. */
  private static void checkerboard(BufferedImage frame, String name) throws IOException {
    BufferedImage out = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < frame.getHeight(); y++) {
      for (int x = 0; x < frame.getWidth(); x++) {
        int bg = ((x / 32 + y / 32) % 2 == 0) ? 0x99 : 0x66;
        int argb = frame.getRGB(x, y);
        int a = argb >>> 24;
        int r = (((argb >> 16) & 0xff) * a + bg * (255 - a)) / 255;
        int g = (((argb >> 8) & 0xff) * a + bg * (255 - a)) / 255;
        int b = ((argb & 0xff) * a + bg * (255 - a)) / 255;
        out.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    ImageIO.write(out, "png", Path.of("target", "screenshots", name + ".png").toFile());
  }
}
