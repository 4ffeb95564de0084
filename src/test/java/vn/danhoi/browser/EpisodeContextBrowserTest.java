package vn.danhoi.browser;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, point 7: every page about one episode says which episode of which program it is, when it airs,
 * and leads back to the episode's page; the register, opened from an episode, shows that episode one line per
 * question, a page at a time, within two screens of a 1366×768 laptop.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class EpisodeContextBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static final int WIDTH = 1366;
  static final int HEIGHT = 768;

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "episode-context", WIDTH, HEIGHT);
  static final String PROGRAM = "Chính quyền trả lời cử tri";
  static final String TITLE = "Kỳ 12: Nước sạch cho vùng ven Tân An";

  final BrowserNode browser = BROWSER.get();
  static TestNode node;
  static ChromeDriver driver;
  static String episode;
  static String airs;

  @BeforeAll
  static void start() {
    BrowserNode browser = BROWSER.get();
    node = browser.node;
    driver = browser.driver;
    var program = node.postJson("/api/programs", new JsonObject().put("name", PROGRAM), TestNode.ADMIN_TOKEN);
    assertEquals(201, program.statusCode(), program.bodyAsString());
    episode = node.liveEpisode("8091", "VEN");
    var patched = node.request("PATCH", "/api/episodes/" + episode, new JsonObject().put("title", TITLE)
        .put("programId", program.bodyAsJsonObject().getString("id")), TestNode.ADMIN_TOKEN);
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    String startsAt = node.get("/api/episodes/" + episode, null).bodyAsJsonObject().getString("startsAt");
    airs = OffsetDateTime.parse(startsAt).atZoneSameInstant(ZoneId.of("Asia/Ho_Chi_Minh"))
        .format(DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm"));
    browser.account("btv.ngocanh", "editor");
  }

  @Test
  void sessionDialogueConclusionAndTheOtherEpisodePagesSayWhichEpisodeAndLeadBack() {
    browser.logIn("btv.ngocanh", "/session.html?episode=" + episode);
    for (String page : List.of("session", "dialogue", "conclusion", "rundown", "followup", "register")) {
      driver.get(browser.base + "/" + page + ".html?episode=" + episode);
      WebElement strip = strip(page);
      String text = strip.getText();
      assertTrue(text.contains(PROGRAM), page + ": " + text);
      assertTrue(text.contains(airs), page + " shows the broadcast time as dd/mm/yyyy HH:mm: " + text);
      assertTrue(text.contains("ĐANG PHÁT SÓNG"), page + ": " + text);
      WebElement back = strip.findElement(By.cssSelector("a.ec-back"));
      assertEquals("← Về chương trình / tập", back.getText());
      assertTrue(back.getAttribute("href").endsWith("/episode.html?id=" + episode), back.getAttribute("href"));
      Browser.screenshot(driver, "context-" + page + "-1366x768");
      browser.assertAccessible(page + ".html with its episode strip");
      if (List.of("session", "dialogue", "conclusion").contains(page)) {
        back.click();
        browser.waitText(By.id("ev-heading"), TITLE);
        assertTrue(driver.getCurrentUrl().endsWith("/episode.html?id=" + episode), driver.getCurrentUrl());
      }
    }
  }

  @Test
  void thePublicLivePageLeadsBackToTheEpisodesPublicPage() {
    driver.manage().deleteAllCookies();
    driver.get(browser.base + "/live.html?episode=" + episode);
    WebElement strip = strip("live");
    assertTrue(strip.getText().contains(PROGRAM) && strip.getText().contains(airs), strip.getText());
    WebElement back = strip.findElement(By.cssSelector("a.ec-back"));
    assertTrue(back.getAttribute("href").endsWith("/?episode=" + episode), back.getAttribute("href"));
    assertEquals("← Trang của chương trình", back.getText());
  }

  @Test
  void theRegisterOpensOnItsEpisodeOneLinePerQuestionAPageAtATime() {
    for (int i = 1; i <= 40; i++) {
      assertEquals(202, node.postJson("/api/episodes/" + episode + "/questions", TestNode.question("Nguyễn Thị Hoa " + i,
          "Câu hỏi số " + i + ": khi nào đường ống nước sạch được kéo về ấp Bình Tả, xã Đức Hoà Hạ? Nhiều năm nay bà "
              + "con phải mua nước bình với giá cao, giếng khoan thì nhiễm phèn, trẻ em trong ấp thường bị bệnh ngoài "
              + "da; đề nghị Sở Xây dựng và Trung tâm Nước sạch cho biết tiến độ và kinh phí cụ thể của dự án."), null)
          .statusCode());
    }
    String other = node.liveEpisode("8092", "KHAC");
    assertEquals(202, node.postJson("/api/episodes/" + other + "/questions",
        TestNode.question("Trần Văn Khải", "Cầu Ông Thoàn bao giờ sửa xong?"), null).statusCode());

    browser.logIn("btv.ngocanh", "/register.html?episode=" + episode);
    browser.waitText(By.id("reg-status"), "40 mục");
    assertEquals(episode, new Select(driver.findElement(By.id("rf-episode"))).getFirstSelectedOption()
        .getAttribute("value"), "the filter shows the episode the address named");
    assertEquals(25, rows().size());
    assertEquals("Trang 1/2", driver.findElement(By.id("reg-page")).getText());
    assertTrue(strip("register").getText().contains(TITLE));
    long height = ((Number) driver.executeScript("return document.body.scrollHeight")).longValue();
    Browser.screenshot(driver, "register-1366x768");
    assertTrue(height < 2 * HEIGHT, "25 questions fit two screens of a 1366×768 laptop: " + height + " px");

    // a long question is one line; its whole text opens below it
    WebElement toggle = rows().get(0).findElement(By.cssSelector("button.reg-toggle"));
    assertTrue(toggle.getSize().getHeight() < 40, "one line: " + toggle.getSize());
    toggle.click();
    WebElement detail = driver.findElement(By.id(toggle.getAttribute("aria-controls")));
    browser.waitUntil(d -> detail.isDisplayed() && detail.getText().contains("tiến độ và kinh phí cụ thể của dự án"));
    browser.assertAccessible("register.html (episode, a row opened)");

    driver.findElement(By.id("reg-next")).click();
    browser.waitText(By.id("reg-page"), "Trang 2/2");
    browser.waitUntil(d -> rows().size() == 15);
    assertTrue(driver.getCurrentUrl().contains("page=2") && driver.getCurrentUrl().contains("episode=" + episode),
        driver.getCurrentUrl());

    new Select(driver.findElement(By.id("reg-size"))).selectByValue("50");
    browser.waitText(By.id("reg-page"), "Trang 1/1");
    browser.waitUntil(d -> rows().size() == 40);

    // the count says what is counted: filtered to complaints, it counts complaints
    new Select(driver.findElement(By.id("rf-kind"))).selectByValue("complaint");
    browser.waitText(By.id("reg-status"), "0 đơn khiếu nại");
    new Select(driver.findElement(By.id("rf-kind"))).selectByValue("");
    browser.waitText(By.id("reg-status"), "40 mục");

    // another episode from the filter: the list, the address and the strip follow it
    new Select(driver.findElement(By.id("rf-episode"))).selectByValue(other);
    browser.waitText(By.id("reg-status"), "1 mục");
    browser.waitUntil(d -> rows().size() == 1 && rows().get(0).getText().contains("Trần Văn Khải"));
    assertTrue(driver.getCurrentUrl().contains("episode=" + other), driver.getCurrentUrl());
    browser.waitUntil(d -> stripOf("Dân hỏi – Chính quyền trả lời").findElement(By.cssSelector("a.ec-back"))
        .getAttribute("href").endsWith("/episode.html?id=" + other));
  }

  @Test
  void theEpisodePageGroupsItsDeadlinesByAgencyAndDayOverdueFirst() {
    String ep = node.liveEpisode("8093", "HAN");
    for (int i = 1; i <= 5; i++) {
      ask(ep, "Cấp nước ấp " + i + " xã Đức Hoà Hạ khi nào xong?", "Sở Xây dựng", 12);
    }
    for (int i = 1; i <= 3; i++) {
      ask(ep, "Trạm y tế xã số " + i + " thiếu bác sĩ, bao giờ bổ sung?", "Sở Y tế", 0);
    }
    ask(ep, "Chợ Bình Tả họp lấn đường, ai xử lý?", null, 0);

    browser.logIn("btv.ngocanh", "/episode.html?id=" + ep);
    WebElement list = browser.waitUntil(d -> {
      List<WebElement> found = d.findElements(By.cssSelector("#ev-deadlines ul.deadline-groups"));
      return found.isEmpty() ? null : found.get(0);
    });
    List<WebElement> groups = list.findElements(By.xpath("./li"));
    // three groups of questions and the run-down's deadline, not nine lines
    assertEquals(4, groups.size(), list.getText());
    WebElement first = groups.get(0);
    assertTrue(first.getText().startsWith("Sở Xây dựng — 5 câu hỏi — hạn "), first.getText());
    assertTrue(first.getText().contains("Quá hạn"), first.getText());
    assertTrue(first.getAttribute("class").contains("is-overdue"));
    assertTrue(list.getText().contains("Sở Y tế — 3 câu hỏi — hạn "), list.getText());
    assertTrue(list.getText().contains("Chưa chọn cơ quan trả lời — 1 câu hỏi — hạn "), list.getText());
    first.findElement(By.tagName("summary")).click();
    browser.waitUntil(d -> first.findElements(By.cssSelector("details li")).size() == 5
        && first.findElement(By.cssSelector("details li")).isDisplayed());
    browser.assertAccessible("episode.html (deadlines opened)");
    Browser.screenshot(driver, "episode-deadlines-1366x768");
  }

  /** A question with its agency, received daysAgo days ago (its forwarding deadline counts from then). */
  private static void ask(String ep, String text, String agency, int daysAgo) {
    BrowserNode browser = BROWSER.get();
    var r = node.postJson("/api/episodes/" + ep + "/questions", TestNode.question("Lâm Thị Cúc", text), null);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    browser.sql.rows("UPDATE submissions SET agency = ?, received_at = now() - make_interval(days => ?) WHERE id = ?",
        agency, daysAgo, java.util.UUID.fromString(r.bodyAsJsonObject().getString("id")));
  }

  private static WebElement strip(String page) {
    return stripOf(TITLE);
  }

  private static WebElement stripOf(String title) {
    BrowserNode browser = BROWSER.get();
    return browser.waitUntil(d -> {
      WebElement mount = d.findElement(By.cssSelector("[data-episode-context]"));
      return mount.isDisplayed() && mount.getText().contains(title) ? mount : null;
    });
  }

  private static List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#reg-rows tr.reg-row"));
  }
}
