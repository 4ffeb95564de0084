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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.Browser;
import vn.danhoi.support.Letters;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * An agency officer answers in agency.html with a PDF attached; the editor approves it in followup.html,
 * publishes it from there, and the public reads it in answers.html.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class FollowupBrowserTest {

  static final String AGENCY = "Sở Giao thông Vận tải";
  static final String ANSWER = "Sở đã bố trí vốn sửa cầu Kênh Xáng trong tháng 6.";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "followup");

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

  static void account(String username, String role, String agency) {
    JsonObject body = new JsonObject().put("username", username).put("displayName", username)
        .put("password", "Cây-đa-bến-nước-" + username).put("roles", new JsonArray().add(role));
    if (agency != null) {
      body.put("agency", agency);
    }
    assertEquals(201, node.postJson("/api/staff", body, TestNode.ADMIN_TOKEN).statusCode());
  }

  static void logIn(String page, String username, FluentWait<WebDriver> wait) {
    driver.get(base + "/login.html?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys("Cây-đa-bến-nước-" + username);
    driver.findElement(By.id("login-submit")).click();
    // the page itself, not the login page any more
    wait.until(d -> d.getCurrentUrl().contains(page.split("\\?")[0]));
  }

  @Test
  void anOfficerAnswersWithAFileTheEditorApprovesAndPublishesAndThePublicReadsIt() throws Exception {
    Sql sql = new Sql(db);
    sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, ?, '{vanthu@sogtvt.example.vn}')", UUID.randomUUID(),
        AGENCY);
    UUID episode = UUID.randomUUID();
    OffsetDateTime start = OffsetDateTime.now().minusHours(3);
    sql.rows("INSERT INTO episodes (id, title, starts_at, duration_minutes, intake_opens_at, intake_closes_at) "
        + "VALUES (?, 'Giao thông nông thôn', ?, 60, ?, ?)", episode, start, start.minusDays(15), start.plusHours(1));
    UUID question = UUID.randomUUID();
    sql.rows("INSERT INTO submissions (id, episode_id, channel, asker_name, locality, phone, text, consent, "
        + "consent_basis, field) VALUES (?, ?, 'hotline', 'Trần Thị Hồng', 'Xã Phước Lợi', '0912345678', "
        + "'Cầu Kênh Xáng sụt lún, khi nào sửa?', true, 'consent-v1', 'Giao thông')", question, episode);
    String editor = node.token("editor");
    assertEquals(201, node.postJson("/api/items/" + question + "/assign", new JsonObject().put("agency", AGENCY),
        editor).statusCode());
    account("sogtvt.tam", "agency", AGENCY);
    account("bientap.fu", "editor", null);
    Path pdf = Files.createTempFile("cong-van-tra-loi", ".pdf");
    Files.write(pdf, Letters.PDF);

    var wait = new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    logIn("/agency.html", "sogtvt.tam", wait);
    wait.until(d -> d.findElements(By.cssSelector("#ag-list .fu-card")).size() == 1);
    var card = driver.findElement(By.cssSelector("#ag-list .fu-card"));
    card.findElement(By.name("text")).sendKeys(ANSWER);
    card.findElement(By.name("attachment")).sendKeys(pdf.toString());
    card.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> d.findElement(By.id("ag-flash")).getText().startsWith("Đã gửi câu trả lời"));
    wait.until(d -> d.findElement(By.cssSelector("#ag-list .fu-card")).getText().contains("cong-van-tra-loi"));
    Browser.screenshot(driver, "agency-portal");
    assertEquals("answered", sql.rows("SELECT status FROM assignments WHERE submission_id = ?", question).get(0)
        .get("status"));

    driver.findElement(By.cssSelector("[data-auth-logout]")).click();
    // the log-out ends on the login page; navigating before that lets its late redirect drop our "next"
    wait.until(d -> d.getCurrentUrl().contains("/login.html"));
    logIn("/followup.html?episode=" + episode, "bientap.fu", wait);
    wait.until(d -> d.findElements(By.cssSelector("#fu-pending .fu-card")).size() == 1);
    driver.findElement(By.cssSelector("#fu-pending .fu-card .btn-primary")).click();
    wait.until(d -> d.findElement(By.id("fu-flash")).getText().equals("Đã duyệt câu trả lời."));
    wait.until(d -> d.findElement(By.id("fu-assigned-rows")).getText().contains("Đã duyệt"));
    Browser.screenshot(driver, "followup");
    assertEquals("approved", sql.rows("SELECT review FROM answers WHERE submission_id = ?", question).get(0)
        .get("review"));

    // approved is not yet public: the answer waits in its own list for the editor to publish it
    wait.until(d -> d.findElements(By.cssSelector("#fu-publish .fu-card")).size() == 1);
    wait.until(d -> d.findElement(By.cssSelector("#fu-publish .fu-card")).getText().contains(ANSWER));
    assertNull(sql.rows("SELECT published_at FROM answers WHERE submission_id = ?", question).get(0)
        .get("published_at"));
    WebElement publish = driver.findElement(By.cssSelector("#fu-publish .fu-card .btn-primary"));
    assertEquals("Công bố", publish.getText());
    publish.click();
    wait.until(d -> d.findElement(By.id("fu-flash")).getText().equals("Đã công bố câu trả lời."));
    wait.until(d -> d.findElements(By.cssSelector("#fu-publish .fu-card")).isEmpty());
    assertNotNull(sql.rows("SELECT published_at FROM answers WHERE submission_id = ?", question).get(0)
        .get("published_at"));

    // the public page, with the editor's session gone: publishing is what made it readable
    driver.manage().deleteAllCookies();
    driver.get(base + "/answers.html");
    wait.until(d -> d.findElement(By.id("answers")).getText().contains(ANSWER));
    Browser.screenshot(driver, "published");
    Files.deleteIfExists(pdf);
  }
}
