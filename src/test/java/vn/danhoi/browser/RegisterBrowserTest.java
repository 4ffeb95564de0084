package vn.danhoi.browser;

import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.Letters;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An editor keeps the register (sổ tiếp nhận) on register.html: finds a question by typing without accents,
 * marks its asker verified, and enters a posted letter with its scan.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegisterBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "register");

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
  @Order(1)
  void anEditorSearchesWithoutAccentsVerifiesAnAskerAndEntersALetter() throws Exception {
    String episode = node.liveEpisode("8087", "SO");
    for (String text : List.of("Khi nào ấp Bình Hoà có nước sạch?", "Đèn đường quốc lộ 1 hỏng nhiều tháng")) {
      assertEquals(202, node.postJson("/api/episodes/" + episode + "/questions",
          TestNode.question("Phạm Thị Lan", text), null).statusCode());
    }
    // the office's own field is offered in the filter, from the catalogue
    assertEquals(201, node.postJson("/api/fields", new io.vertx.core.json.JsonObject().put("name", "Xây dựng")
        .put("keywords", new io.vertx.core.json.JsonArray()), TestNode.ADMIN_TOKEN).statusCode());
    browser.account("sotiepnhan", "editor");
    browser.logIn("sotiepnhan", "/register.html");
    var wait = new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    wait.until(d -> rows().size() == 2);
    wait.until(d -> !d.findElements(By.cssSelector("#catalog-fields option[value='Xây dựng']")).isEmpty());
    assertEquals("catalog-fields", driver.findElement(By.id("rf-field")).getAttribute("list"));

    driver.findElement(By.id("rf-q")).sendKeys("nuoc sach", Keys.ENTER);
    wait.until(d -> rows().size() == 1 && rows().get(0).getText().contains("nước sạch"));

    // one line per question: the identity check is in the row's detail, opened from its text
    WebElement row = opened(rows().get(0));
    new Select(row.findElement(By.tagName("select"))).selectByValue("phone_callback");
    row.findElement(By.cssSelector("input[type=text]")).sendKeys("Đã gọi lại số của chị Lan");
    row.findElement(By.xpath(".//button[not(@disabled)][last()]")).click();
    wait.until(d -> !rows().isEmpty() && !rows().get(0).findElements(By.cssSelector(".badge-ok")).isEmpty());
    Map<String, Object> verified = browser.sql.rows("SELECT verified, verified_how, verified_note FROM submissions "
        + "WHERE text LIKE '%nước sạch%'").get(0);
    assertEquals(true, verified.get("verified"));
    assertEquals("phone_callback", verified.get("verified_how"));
    assertEquals("Đã gọi lại số của chị Lan", verified.get("verified_note"));

    Path scan = Files.createTempFile("thu-ong-tu", ".pdf");
    Files.write(scan, Letters.PDF);
    driver.findElement(By.cssSelector("#reg-letter-panel > summary")).click();
    new Select(driver.findElement(By.id("rl-channel"))).selectByValue("post");
    new Select(driver.findElement(By.id("rl-episodeId"))).selectByValue(episode);
    driver.findElement(By.id("rl-askerName")).sendKeys("Đặng Văn Tư");
    driver.findElement(By.id("rl-address")).sendKeys("Số 12, ấp Bình Hoà, xã Mỹ Yên, huyện Bến Lức");
    driver.findElement(By.id("rl-text")).sendKeys("Đề nghị cho biết tiến độ dự án nước máy ấp Bình Hoà.");
    driver.findElement(By.id("rl-scan")).sendKeys(scan.toAbsolutePath().toString());
    driver.findElement(By.cssSelector("#reg-letter button[type=submit]")).click();
    wait.until(d -> !d.findElement(By.id("reg-letter-status")).getText().isBlank());
    driver.executeScript("window.scrollTo(0, 0)");
    Browser.screenshot(driver, "register");

    assertEquals(1, browser.sql.count("SELECT count(*) FROM submissions s JOIN submission_attachments a "
        + "ON a.submission_id = s.id WHERE s.channel = 'post' AND s.asker_name = 'Đặng Văn Tư' "
        + "AND a.media_type = 'application/pdf'"));
    assertTrue(driver.findElement(By.id("reg-rows")).getText().contains("Đặng Văn Tư")
        || driver.findElement(By.id("reg-status")).getText().contains("1"), "the new letter is listed");
  }

  @Test
  @Order(2)
  void theTextAsReceivedOpensBesideTheStoredOne() {
    String episode = node.liveEpisode("8088", "GOC");
    assertEquals(202, node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Võ Thị Hạnh", "Ấp 3 mất điện cả ngày, khi nào khắc phục?"), null).statusCode());
    // as an SMS's keyword leaves it: the stored text without the keyword, the message as received beside it
    browser.sql.rows("UPDATE submissions SET original_text = 'GOC: Ấp 3 mất điện cả ngày, khi nào khắc phục?' "
        + "WHERE episode_id = ?", UUID.fromString(episode));
    browser.account("sogoc", "editor");
    browser.logIn("sogoc", "/register.html?episode=" + episode);
    var wait = new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    driver.findElement(By.id("rf-q")).sendKeys("mat dien ca ngay", Keys.ENTER);
    // the rows are redrawn as the search answers: each look finds them afresh
    wait.until(d -> rows().size() == 1 && rows().get(0).getText().contains("mất điện cả ngày"));
    wait.until(d -> !opened(rows().get(0)).findElements(By.cssSelector("details.q-received")).isEmpty());
    assertEquals("Văn bản gốc", opened(rows().get(0)).findElement(By.cssSelector("details.q-received summary")).getText());
    wait.until(d -> {
      WebElement received = opened(rows().get(0)).findElement(By.cssSelector("details.q-received"));
      if (received.getAttribute("open") == null) {
        received.findElement(By.tagName("summary")).click();
      }
      WebElement text = received.findElement(By.tagName("p"));
      return text.isDisplayed() && text.getText().equals("GOC: Ấp 3 mất điện cả ngày, khi nào khắc phục?");
    });
  }

  private static List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#reg-rows tr.reg-row"));
  }

  /** Opens a row's detail (from its question's text) and gives the detail row. */
  private static WebElement opened(WebElement row) {
    WebElement toggle = row.findElement(By.cssSelector("button.reg-toggle"));
    if (!"true".equals(toggle.getAttribute("aria-expanded"))) {
      toggle.click();
    }
    return driver.findElement(By.id(toggle.getAttribute("aria-controls")));
  }
}
