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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.AfterShow;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After the show in a real browser: a published answer on the public answers page and in the archive of the
 * past episode (given name only, markup shown as text), and an editor drafting the conclusion notice and
 * closing one of its items. Screenshots go to target/screenshots/.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class AfterShowBrowserTest {

  static final String XSS = "<img src=x onerror=alert(1)>";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "after-show");

  static String db;
  static TestNode node;
  static ChromeDriver driver;
  static String base;

  @BeforeAll
  static void start() {
    BrowserNode browser = BROWSER.get();
    db = browser.db;
    node = browser.node;
    base = browser.base;
    driver = browser.driver;
  }

  @Test
  void aPublishedAnswerReachesThePublicAndTheConclusionIsFollowedUp() {
    AfterShow data = new AfterShow(new Sql(db));
    UUID program = data.program("Lắng nghe và Trao đổi", "Thường trực HĐND tỉnh Hậu Giang", "Hậu Giang");
    UUID episode = data.episode(program, "Nước sạch nông thôn", "Nước sạch và môi trường",
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), "Mã Thị Tươi");
    UUID q = data.question(episode, "Nguyễn Thị Mai", "0912345678", "mai@example.vn",
        "Khi nào nước sạch về ấp 3? " + XSS, "Nước sạch", "deferred", true);
    UUID a = data.assign(q, episode, "Sở Nông nghiệp và Môi trường", OffsetDateTime.now(ZoneOffset.UTC).plusDays(20),
        "approved");
    UUID answer = data.answer(a, q, "Tuyến ống về ấp 3 trong quý III năm 2026.", "approved");
    assertEquals(200, node.postJson("/api/answers/" + answer + "/publish", new JsonObject(), node.token("editor"))
        .statusCode());
    var wait = new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);

    driver.get(base + "/answers.html?q=nuoc%20sach");
    wait.until(d -> d.findElements(By.cssSelector("#answers li")).size() == 1);
    String card = driver.findElement(By.cssSelector("#answers li")).getText();
    assertTrue(card.contains("Mai (Xã Vị Thanh, huyện Vị Thủy) hỏi"), card);
    assertTrue(card.contains(XSS), card);
    assertTrue(card.contains("Tuyến ống về ấp 3 trong quý III năm 2026."), card);
    assertFalse(card.contains("Nguyễn") || card.contains("0912345678"), card);
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
    Browser.screenshot(driver, "answers");

    driver.get(base + "/live.html?episode=" + episode);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("archive")));
    wait.until(d -> "1".equals(d.findElement(By.id("arc-after-count")).getText()));
    assertTrue(driver.findElement(By.id("arc-after")).getText().contains("Sở Nông nghiệp và Môi trường"));
    Browser.screenshot(driver, "archive");

    assertEquals(201, node.postJson("/api/staff", new JsonObject().put("username", "bientap.kl")
        .put("displayName", "Biên tập viên").put("password", "Cây-đa-bến-nước-bientap.kl")
        .put("roles", new JsonArray().add("editor")), TestNode.ADMIN_TOKEN).statusCode());
    String page = "/conclusion.html?episode=" + episode;
    driver.get(base + "/login.html?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("bientap.kl");
    driver.findElement(By.id("password")).sendKeys("Cây-đa-bến-nước-bientap.kl");
    driver.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("cc-draft"))).click();
    wait.until(d -> d.findElements(By.cssSelector("#cc-rows tr")).size() == 1);
    assertTrue(driver.findElement(By.id("cc-number")).getText().matches("Số: \\d{2,}/TB-\\S+"));
    new Select(driver.findElement(By.cssSelector("#cc-rows select"))).selectByVisibleText("Đã hoàn thành");
    wait.until(d -> "Đã lưu.".equals(d.findElement(By.id("cc-flash")).getText()));
    assertEquals(1, new Sql(db).count("SELECT count(*) FROM conclusion_items WHERE episode_id = ? AND status = 'done'",
        episode));
    Browser.screenshot(driver, "conclusion");
  }
}
