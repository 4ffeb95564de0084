package vn.danhoi.browser;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An editor prepares the run-down on rundown.html: builds it from the shortlist, orders it, assigns, times it. */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class RundownBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "rundown");

  final BrowserNode browser = BROWSER.get();
  static TestNode node;
  static ChromeDriver driver;

  @BeforeAll
  static void start() {
    BrowserNode browser = BROWSER.get();
    node = browser.node;
    driver = browser.driver;
  }

  @Test
  void anEditorBuildsOrdersAndTimesTheRundown() {
    String episode = node.liveEpisode("8086", "KB");
    String editor = node.token("editor");
    Sql sql = browser.sql;
    sql.rows("INSERT INTO episode_people (id, episode_id, role, position, person_name, title, email) VALUES "
        + "(?, ?, 'responder', 1, 'Nguyễn Văn Bình', 'Giám đốc Sở Xây dựng', 'binh@soxd.example.vn'), "
        + "(?, ?, 'responder', 2, 'Lê Thị Cúc', 'Phó Giám đốc Công ty Điện lực', 'cuc@pc.example.vn')",
        UUID.randomUUID(), UUID.fromString(episode), UUID.randomUUID(), UUID.fromString(episode));
    for (String text : List.of("Đường ấp 5 xã Phước Lợi khi nào được sửa?", "Điện xã Mỹ Yên chập chờn giờ cao điểm?")) {
      String id = node.postJson("/api/episodes/" + episode + "/questions",
          TestNode.question("Trần Thị Hồng", text), null).bodyAsJsonObject().getString("id");
      assertEquals(200, node.postJson("/api/items/" + id + "/actions", new JsonObject().put("action", "shortlist"),
          editor).statusCode());
    }
    browser.account("bientap.kb", "editor");
    browser.logIn("bientap.kb", "/rundown.html?episode=" + episode);
    // every change redraws the rows from the server's answer, so a row found a moment ago may be gone
    var wait = new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rd-empty")));

    driver.findElement(By.id("rd-build")).click();
    wait.until(d -> d.findElements(By.cssSelector("#rd-rows tr")).size() == 2);
    assertTrue(driver.findElement(By.id("rd-total")).getText().contains("6 / 60"), driver.findElement(By.id("rd-total")).getText());

    // the power question first, given to the utility's deputy director, for ten minutes
    rows().get(1).findElement(By.xpath(".//button[contains(., 'Lên')]")).click();
    wait.until(d -> rows().get(0).getText().startsWith("1") && rows().get(0).findElement(By.tagName("textarea"))
        .getAttribute("value").startsWith("Điện"));
    new Select(rows().get(0).findElement(By.tagName("select"))).selectByVisibleText(
        "Lê Thị Cúc, Phó Giám đốc Công ty Điện lực");
    wait.until(d -> "Đã lưu.".equals(d.findElement(By.id("rd-flash")).getText()));
    WebElement minutes = rows().get(0).findElement(By.cssSelector("input[type=number]"));
    minutes.sendKeys(Keys.chord(Keys.CONTROL, "a"), "10", Keys.TAB);
    wait.until(d -> d.findElement(By.id("rd-total")).getText().contains("13 / 60"));
    Browser.screenshot(driver, "rundown");

    JsonObject saved = node.get("/api/episodes/" + episode + "/rundown", editor).bodyAsJsonObject();
    JsonObject first = saved.getJsonArray("entries").getJsonObject(0);
    assertEquals("Điện xã Mỹ Yên chập chờn giờ cao điểm?", first.getString("text"));
    assertEquals("Lê Thị Cúc", first.getString("responder"));
    assertEquals(10, first.getInteger("minutes"));
    assertEquals(13, saved.getInteger("totalMinutes"));
  }

  private static List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#rd-rows tr"));
  }
}
