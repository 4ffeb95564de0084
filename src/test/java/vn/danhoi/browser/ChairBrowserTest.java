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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WindowType;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seed 002's chair's screen in Chromium: the council office moves to the next speaker on chair.html, and a
 * district room's read-only view, open in a second window without logging in, shows the change.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class ChairBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "chair");

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
  void theOfficeMovesToTheNextSpeakerAndTheDistrictViewShowsIt() {
    String editor = node.token("editor");
    String ep = node.postJson("/api/episodes", new JsonObject().put("title", "Phiên giải trình quý II")
        .put("topic", "Giải trình tại phiên họp Thường trực HĐND tỉnh")
        .put("startsAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString()).put("durationMinutes", 180),
        TestNode.ADMIN_TOKEN).bodyAsJsonObject().getString("id");
    new Sql(db).rows("UPDATE episodes SET kind = 'accountability' WHERE id = ?", UUID.fromString(ep));
    speaker(ep, editor, "Đại biểu Lường Văn Dũng", "Phòng họp trực tuyến tỉnh", "Sở Tài nguyên và Môi trường");
    speaker(ep, editor, "Đại biểu Giàng Thị Mai", "Điểm cầu huyện Mường Nhé", "Công ty cổ phần Cao su Điện Biên");
    String view = node.postJson("/api/episodes/" + ep + "/chair/views", new JsonObject().put("label",
        "Điểm cầu huyện Mường Nhé"), editor).bodyAsJsonObject().getString("url");
    assertEquals(201, node.postJson("/api/staff", new JsonObject().put("username", "vanphong.hdnd")
        .put("displayName", "Văn phòng HĐND").put("password", "Cây-đa-bến-nước-vanphong.hdnd")
        .put("roles", new JsonArray().add("editor")), TestNode.ADMIN_TOKEN).statusCode());

    String page = "/chair.html?episode=" + ep;
    driver.get(base + "/login.html?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
    var wait = new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("vanphong.hdnd");
    driver.findElement(By.id("password")).sendKeys("Cây-đa-bến-nước-vanphong.hdnd");
    driver.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("btn-next"))).click();
    wait.until(d -> "Đại biểu Lường Văn Dũng".equals(d.findElement(By.id("speaker-name")).getText()));
    String office = driver.getWindowHandle();

    // the district room: a second window, the read-only link, no controls
    driver.switchTo().newWindow(WindowType.WINDOW);
    driver.get(base + view);
    String district = driver.getWindowHandle();
    wait.until(d -> "Đại biểu Lường Văn Dũng".equals(d.findElement(By.id("speaker-name")).getText()));
    assertEquals(false, driver.findElement(By.id("controls")).isDisplayed());

    driver.switchTo().window(office);
    driver.findElement(By.id("btn-next")).click();
    driver.switchTo().window(district);
    wait.until(d -> "Đại biểu Giàng Thị Mai".equals(d.findElement(By.id("speaker-name")).getText()));
    wait.until(d -> d.findElement(By.id("timer")).getText().matches("0[0-3]:[0-5][0-9]"));
    Browser.screenshot(driver, "chair-district-view");
  }

  private static void speaker(String ep, String editor, String name, String room, String agency) {
    assertEquals(201, node.postJson("/api/episodes/" + ep + "/speakers", new JsonObject().put("delegateName", name)
        .put("room", room).put("subject", "Tiến độ giải quyết kiến nghị của cử tri").put("agency", agency), editor)
        .statusCode());
  }
}
