package vn.danhoi.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short show played in a real browser: a viewer asks on the public page, a similar web question and a
 * hotline call arrive, an editor merges, shortlists and sends one on air on the moderation console, and
 * the studio display and the public live page show it. Screenshots go to target/screenshots/.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class LiveShowBrowserTest {

  static final String XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>";
  static final String CALLER_PHONE = "0987654321";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "live-show");

  static TestNode node;
  static Sql sql;
  static ChromeDriver driver;
  static String base;

  @BeforeAll
  static void start() {
    BrowserNode browser = BROWSER.get();
    node = browser.node;
    sql = browser.sql;
    base = browser.base;
    driver = browser.driver;
  }

  @Test
  void aShortShowPlaysAcrossModerationStudioAndLivePages() {
    String episode = node.liveEpisode(null, null);
    account("bientap.lan", "Biên tập Lan", "editor");
    account("truongquay.minh", "Trường quay Minh", "studio");
    String operator = node.token("operator");
    String question = "Khi nào ấp 3 xã Tân Phú có nước sạch? " + XSS;

    // a viewer asks from the public page
    driver.get(base + "/?episode=" + episode);
    WebElement name = waitFor(By.id("q-name"));
    name.sendKeys("Nguyễn Thị Hoa");
    driver.findElement(By.id("q-locality")).sendKeys("Xã Tân Phú, huyện Đức Hòa");
    driver.findElement(By.id("q-phone")).sendKeys("0912345678");
    driver.findElement(By.id("q-text")).sendKeys(question);
    driver.findElement(By.id("q-consent")).click();
    driver.findElement(By.id("ask-submit")).click();
    waitFor(By.id("ask-done"));
    String viewerItem = awaitValue(() -> sql.rows("SELECT id FROM submissions WHERE asker_name = 'Nguyễn Thị Hoa'"))
        .get(0).get("id").toString();
    assertEquals(question, sql.rows("SELECT text FROM submissions WHERE id = ?", UUID.fromString(viewerItem)).get(0)
        .get("text"));

    // a similar web question and a hotline call arrive
    String twin = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Lê Văn Tám", "Bao giờ ấp 3 xã Tân Phú có nước sạch?"), null).bodyAsJsonObject()
        .getString("id");
    String call = node.postJson("/api/episodes/" + episode + "/calls", new JsonObject().put("callerName", "Trần Văn Bình")
            .put("callerPhone", CALLER_PHONE).put("locality", "Cần Giuộc").put("text", "Điện ở ấp 3 hay mất buổi tối")
            .put("readyForAir", true), operator).bodyAsJsonObject().getString("id");

    // the editor merges the twin into the viewer's question, shortlists it and sends it on air
    logIn("bientap.lan", "/moderation.html?episode=" + episode);
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.findElements(By.cssSelector("li.q-item")).size() == 3);
    clickWhenReady(By.cssSelector("li.q-item[data-id='" + twin + "'] button.q-open"));
    clickWhenReady(By.cssSelector("#similar-list li.mini-item[data-id='" + viewerItem + "'] button[data-role='merge']"));
    awaitStatus(twin, "merged");
    assertEquals(2, sql.count("SELECT asker_count FROM submissions WHERE id = ?", UUID.fromString(viewerItem)));

    clickWhenReady(By.cssSelector("li.q-item[data-id='" + viewerItem + "'] button.q-open"));
    clickWhenReady(By.id("d-shortlist"));
    awaitStatus(viewerItem, "shortlisted");
    clickWhenReady(By.id("d-onair"));
    awaitStatus(viewerItem, "on_air");
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("onair-text"), "Khi nào ấp 3 xã Tân Phú có nước sạch?"));
    assertTrue(driver.findElement(By.id("queue")).getText().contains(XSS), "the script is shown as text");
    Browser.screenshot(driver, "moderation");

    // the studio display shows it, with the given name and no contact data
    logIn("truongquay.minh", "/studio.html?episode=" + episode);
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("current-text"), "Khi nào ấp 3 xã Tân Phú có nước sạch?"));
    assertTrue(driver.findElement(By.id("current-text")).getText().contains(XSS));
    assertTrue(driver.findElement(By.id("current-asker")).getText().contains("Hoa"));
    assertTrue(driver.findElement(By.id("current-askers")).getText().contains("2"));
    String studioText = driver.findElement(By.tagName("body")).getText();
    assertFalse(studioText.contains("0912345678") || studioText.contains(CALLER_PHONE), studioText);
    Browser.screenshot(driver, "studio");

    // the public live page shows it too
    driver.get(base + "/live.html?episode=" + episode);
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("onair"), "Khi nào ấp 3 xã Tân Phú có nước sạch?"));
    String liveText = driver.findElement(By.tagName("body")).getText();
    assertFalse(liveText.contains("0912345678") || liveText.contains("Nguyễn Thị Hoa"), liveText);
    Browser.screenshot(driver, "live");

    // while the page is open, the show goes on: it is sent only the changes, and shows them
    String first = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Phan Văn Khỏe", "Trạm y tế xã Tân Phú có thêm bác sĩ không?"), null).bodyAsJsonObject()
        .getString("id");
    String second = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Đinh Thị Mai", "Chợ Tân Phú bao giờ được lát lại nền?"), null).bodyAsJsonObject()
        .getString("id");
    for (String[] step : new String[][] {{first, "on-air"}, {first, "answered"}, {second, "on-air"}}) {
      var acted = node.postJson("/api/items/" + step[0] + "/actions", new JsonObject().put("action", step[1]),
          TestNode.ADMIN_TOKEN);
      assertEquals(200, acted.statusCode(), acted.bodyAsString());
    }
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("onair"), "Chợ Tân Phú bao giờ được lát lại nền?"));
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("answered"), "Trạm y tế xã Tân Phú có thêm bác sĩ không?"));
    assertFalse(driver.findElement(By.id("onair")).getText().contains("Khi nào ấp 3"), "it left the air");

    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "no injected script ran");
    assertEquals("received", sql.rows("SELECT status FROM submissions WHERE id = ?", UUID.fromString(call)).get(0)
        .get("status"));
  }

  private static String password(String username) {
    return "mat-khau-" + username + "-2026";
  }

  private static void account(String username, String displayName, String role) {
    int status = node.postJson("/api/staff", new JsonObject().put("username", username)
            .put("displayName", displayName).put("password", password(username))
            .put("roles", new JsonArray().add(role)), TestNode.ADMIN_TOKEN).statusCode();
    assertEquals(201, status);
  }

  /** Logs in on the real login page, which sends the browser on to the page asked for. */
  private static void logIn(String username, String next) {
    driver.manage().deleteAllCookies();
    driver.get(base + "/login.html?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    waitFor(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password(username));
    driver.findElement(By.id("login-submit")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().endsWith(next));
  }

  private static WebElement waitFor(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /**
   * Clicks what {@code by} finds once it is clickable. The board and the similar list are redrawn whenever a
   * live event arrives (a claim, a new question), so an element found a moment ago may be gone: find it again.
   */
  private static void clickWhenReady(By by) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
      if (element == null) {
        return false;
      }
      element.click();
      return true;
    });
  }

  private static void awaitStatus(String id, String status) {
    awaitValue(() -> {
      List<Map<String, Object>> rows = sql.rows("SELECT 1 FROM submissions WHERE id = ? AND status = ?",
          UUID.fromString(id), status);
      return rows;
    });
  }

  /** Polls PostgreSQL until the browser's action is committed. */
  private static List<Map<String, Object>> awaitValue(Supplier<List<Map<String, Object>>> query) {
    return new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
      List<Map<String, Object>> rows = query.get();
      return rows.isEmpty() ? null : rows;
    });
  }
}
