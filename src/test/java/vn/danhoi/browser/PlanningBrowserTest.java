package vn.danhoi.browser;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The council office prepares an episode on the planning page (an agency, a field with keywords, an
 * episode with its panel), reads its overview page, and the editorial board takes the server's suggestion
 * in one click in the moderation console.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class PlanningBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "planning");

  final BrowserNode b = BROWSER.get();

  @Test
  void anEpisodeIsPlannedOnThePagesAndItsSuggestionTakenInOneClick() {
    account("vanphong.kh", "admin");
    account("bientap.kh", "editor");
    logIn("vanphong.kh", "/programs.html#agencies");

    // an agency
    WebElement agencies = waitFor(By.id("panel-agencies"));
    agencies.findElement(By.name("name")).sendKeys("Công ty Điện lực Long An");
    agencies.findElement(By.name("shortName")).sendKeys("Điện lực Long An");
    new Select(agencies.findElement(By.name("kind"))).selectByValue("utility");
    agencies.findElement(By.name("emails")).sendKeys("pclongan@evnspc.vn\nkhachhang@evnspc.vn");
    agencies.findElement(By.cssSelector("[data-part='submit']")).click();
    waitText(By.cssSelector("#panel-agencies tbody"), "Công ty Điện lực Long An");
    assertEquals("pclongan@evnspc.vn,khachhang@evnspc.vn", b.sql.rows("SELECT array_to_string(emails, ',') AS e "
        + "FROM agencies WHERE name = 'Công ty Điện lực Long An'").get(0).get("e"));

    // a field with keywords and that agency
    b.driver.findElement(By.id("tab-fields")).click();
    WebElement fields = waitFor(By.id("panel-fields"));
    fields.findElement(By.name("name")).sendKeys("Điện");
    fields.findElement(By.name("keywords")).sendKeys("Mất điện, trạm biến áp\nđiện ba pha");
    new Select(fields.findElement(By.name("agencyId"))).selectByVisibleText("Công ty Điện lực Long An");
    fields.findElement(By.cssSelector("[data-part='submit']")).click();
    waitText(By.cssSelector("#panel-fields tbody"), "mất điện, trạm biến áp, điện ba pha");

    // an episode with its panel; a bad e-mail first is shown next to its control
    b.driver.findElement(By.id("tab-episodes")).click();
    WebElement episodes = waitFor(By.id("panel-episodes"));
    episodes.findElement(By.name("title")).sendKeys("Dân hỏi – Chính quyền trả lời: điện nông thôn");
    setValue(episodes.findElement(By.name("startsAt")), LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusMinutes(5)
        .withSecond(0).withNano(0).toString());
    setValue(episodes.findElement(By.name("durationMinutes")), "60");
    episodes.findElement(By.cssSelector("input[name='platforms'][value='tv']")).click();
    episodes.findElement(By.cssSelector("input[name='platforms'][value='youtube']")).click();
    episodes.findElement(By.name("venue")).sendKeys("Trường quay Đài PT-TH Long An");
    episodes.findElement(By.name("intake.emailAddress")).sendKeys("doithoai@longan");
    episodes.findElement(By.xpath(".//button[contains(., 'Thêm người')]")).click();
    waitFor(By.name("people[0].name")).sendKeys("Trần Văn Điện");
    b.driver.findElement(By.name("people[0].title")).sendKeys("Giám đốc");
    new Select(b.driver.findElement(By.name("people[0].agencyId"))).selectByVisibleText("Công ty Điện lực Long An");
    episodes.findElement(By.cssSelector("[data-part='submit']")).click();
    WebElement email = waitFor(By.cssSelector("[name='intake.emailAddress'][aria-invalid='true']"));
    assertTrue(email.findElement(By.xpath("./..")).getText().contains("không hợp lệ"));
    email.clear();
    email.sendKeys("doithoai@longan.gov.vn");
    episodes.findElement(By.cssSelector("[data-part='submit']")).click();
    waitText(By.cssSelector("#panel-episodes tbody"), "Dân hỏi – Chính quyền trả lời: điện nông thôn");
    Map<String, Object> row = b.sql.rows("SELECT id::text AS id, array_to_string(platforms, ',') AS p, venue, "
        + "email_address FROM episodes").get(0);
    String episode = (String) row.get("id");
    assertEquals("tv,youtube", row.get("p"));
    assertEquals("doithoai@longan.gov.vn", row.get("email_address"));
    assertEquals(List.of(Map.of("person_name", "Trần Văn Điện", "title", "Giám đốc")),
        b.sql.rows("SELECT person_name, title FROM episode_people WHERE episode_id = ?::uuid", episode));
    b.driver.executeScript("window.scrollTo(0, 0)");
    Browser.screenshot(b.driver, "planning-episodes");

    // editing it again loads the saved plan and panel into the form
    b.driver.findElement(By.cssSelector("#panel-episodes tr[data-id='" + episode + "'] button[data-role='edit']")).click();
    waitText(By.cssSelector("#panel-episodes [data-part='formHeading']"), "Đang sửa");
    assertEquals("Trần Văn Điện", waitFor(By.name("people[0].name")).getAttribute("value"));
    WebElement venue = episodes.findElement(By.name("venue"));
    assertEquals("Trường quay Đài PT-TH Long An", venue.getAttribute("value"));
    venue.clear();
    venue.sendKeys("Hội trường UBND huyện Bến Lức");
    episodes.findElement(By.cssSelector("[data-part='submit']")).click();
    waitText(By.cssSelector("#panel-episodes [data-part='flash']"), "Đã lưu");
    assertEquals("Hội trường UBND huyện Bến Lức", b.sql.rows("SELECT venue FROM episodes").get(0).get("venue"));
    assertEquals(1L, b.sql.count("SELECT count(*) FROM episode_people"), "the panel was saved again, not doubled");

    // a question, and the episode's overview
    HttpResponse<Buffer> asked = b.node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Nguyễn Thị Hoa", "Ấp 3 mất điện cả tuần, bao giờ thay trạm biến áp?"), null);
    assertEquals(202, asked.statusCode(), asked.bodyAsString());
    String item = asked.bodyAsJsonObject().getString("id");
    b.driver.get(b.base + "/episode.html?id=" + episode);
    waitText(By.id("ev-countdown"), "Đang nhận câu hỏi");
    waitText(By.id("ev-channels"), "1");
    waitText(By.id("ev-people"), "Trần Văn Điện");
    // the question must reach its unit within 3 working days; no run-down built yet
    waitText(By.id("ev-deadlines"), "ngày làm việc");
    waitText(By.id("ev-rundown"), "Bản nháp");
    assertTrue(b.driver.findElement(By.id("ev-rundown")).getText().contains("chưa có"));
    // from here to what comes after the show; a live show has no session or dialogue page
    assertTrue(b.driver.findElement(By.id("ev-followup")).getAttribute("href").endsWith("/followup.html?episode=" + episode));
    assertTrue(b.driver.findElement(By.id("ev-report")).getAttribute("href").endsWith("/reports.html?episode=" + episode));
    assertFalse(b.driver.findElement(By.id("ev-session")).isDisplayed());
    Browser.screenshot(b.driver, "planning-episode-page");

    // the editors' one click
    logIn("bientap.kh", "/moderation.html?episode=" + episode);
    waitFor(By.cssSelector("li.q-item[data-id='" + item + "'] button.q-open")).click();
    waitText(By.id("d-suggest-text"), "Công ty Điện lực Long An");
    b.driver.findElement(By.id("d-suggest-use")).click();
    assertEquals("Điện", new Select(b.driver.findElement(By.id("d-field"))).getFirstSelectedOption().getAttribute("value"));
    assertEquals("Công ty Điện lực Long An", b.driver.findElement(By.id("d-agency")).getAttribute("value"));
    Browser.screenshot(b.driver, "planning-suggestion");
  }

  private static WebElement waitFor(By by) {
    BrowserNode b = BROWSER.get();
    return b.waitFor(by);
  }

  private static void waitText(By by, String text) {
    BrowserNode b = BROWSER.get();
    b.waitText(by, text);
  }

  /** datetime-local and number inputs take their value the way a picker sets it. */
  private static void setValue(WebElement input, String value) {
    BrowserNode b = BROWSER.get();
    b.driver.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
        input, value);
  }

  private static void logIn(String username, String next) {
    BrowserNode b = BROWSER.get();
    b.logIn(username, next);
  }

  private static void account(String username, String role) {
    BrowserNode b = BROWSER.get();
    b.account(username, role);
  }
}
