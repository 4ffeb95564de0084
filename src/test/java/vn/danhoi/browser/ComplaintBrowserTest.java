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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A complaint arrives from the public web form beside an ordinary question: the moderation console badges only
 * the complaint and will not put it on air; the editor confirms it with Alt+Shift+K, it leaves the open queue,
 * the register lists it under its kind, and its author is sent the formal reply once.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class ComplaintBrowserTest {

  static final String COMPLAINT = "Tôi làm đơn khiếu nại quyết định thu hồi đất số 12/QĐ-UBND của UBND xã, "
      + "đề nghị hủy bỏ.";
  static final String QUESTION = "Khi nào ấp Bình Hòa có nước sạch sinh hoạt?";
  static final String MAYBE = "Có thể là đơn khiếu nại / tố cáo";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "complaint");

  final BrowserNode browser = BROWSER.get();
  static TestNode node;
  static Sql sql;
  static ChromeDriver driver;

  @BeforeAll
  static void start() {
    BrowserNode browser = BROWSER.get();
    node = browser.node;
    sql = browser.sql;
    driver = browser.driver;
  }

  @Test
  void anEditorConfirmsAComplaintByKeyboardAndItGoesToTheRegisterNotOnAir() {
    String episode = node.liveEpisode(null, null);
    JsonObject complaint = TestNode.question("Nguyễn Văn Khánh", COMPLAINT).put("email", "khanh.nguyen@example.vn");
    assertEquals(202, node.postJson("/api/episodes/" + episode + "/questions", complaint, null).statusCode());
    assertEquals(202, node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Lê Thị Hoa", QUESTION), null).statusCode());
    String complaintId = idOf("Nguyễn Văn Khánh");
    String questionId = idOf("Lê Thị Hoa");

    browser.account("bientap.khieunai", "editor");
    browser.logIn("bientap.khieunai", "/moderation.html?episode=" + episode);
    waitUntil(d -> d.findElements(By.cssSelector("li.q-item")).size() == 2);
    browser.waitText(queueRow(complaintId), MAYBE);
    assertTrue(driver.findElement(queueRow(questionId)).findElements(By.cssSelector(".badge-complaint")).isEmpty(),
        "the ordinary question is not badged");
    assertFalse(driver.findElement(queueRow(questionId)).getText().contains(MAYBE));

    browser.clickWhenReady(By.cssSelector("li.q-item[data-id='" + complaintId + "'] button.q-open"));
    browser.waitText(By.id("d-kind-text"), MAYBE);
    waitUntil(d -> d.findElement(By.id("d-kind-complaint")).isEnabled());
    assertFalse(driver.findElement(By.id("d-onair")).isEnabled(), "a suspected complaint cannot go on air");
    assertFalse(driver.findElement(By.id("d-shortlist")).isEnabled(), "nor into the run-down");
    Browser.screenshot(driver, "complaint-suspected");

    // keyed by the key's place (event.code), as on a Telex keyboard
    new Actions(driver).keyDown(Keys.ALT).keyDown(Keys.SHIFT).sendKeys("k").keyUp(Keys.SHIFT).keyUp(Keys.ALT).perform();
    browser.awaitRow("SELECT 1 FROM submissions WHERE id = ? AND status = 'referred' AND message_kind = 'complaint' "
        + "AND kind_confirmed_at IS NOT NULL", UUID.fromString(complaintId));
    waitUntil(d -> "referred".equals(d.findElement(queueRow(complaintId)).getAttribute("data-status")));
    browser.waitText(By.id("d-kind-text"), "Đã xác nhận");
    assertFalse(driver.findElement(By.id("d-onair")).isEnabled(), "a confirmed complaint is never on air either");

    // out of the open queue; the question stays in it
    new Select(driver.findElement(By.id("f-status"))).selectByValue("__open");
    waitUntil(d -> !d.findElement(queueRow(complaintId)).isDisplayed()
        && d.findElement(queueRow(questionId)).isDisplayed());
    browser.clickWhenReady(By.cssSelector("li.q-item[data-id='" + questionId + "'] button.q-open"));
    waitUntil(d -> d.findElement(By.id("d-onair")).isEnabled());
    browser.waitText(By.id("d-kind-text"), "Loại: câu hỏi.");

    Map<String, Object> row = sql.rows("SELECT status, message_kind, suggested_kind FROM submissions WHERE id = ?",
        UUID.fromString(complaintId)).get(0);
    assertEquals("referred", row.get("status"));
    assertEquals("complaint", row.get("message_kind"));
    assertEquals("complaint", row.get("suggested_kind"));
    assertEquals("question", sql.rows("SELECT suggested_kind FROM submissions WHERE id = ?",
        UUID.fromString(questionId)).get(0).get("suggested_kind"));
    assertTrue(sql.count("SELECT count(*) FROM events WHERE entity_id = ? AND action = 'item.classify' "
        + "AND after->>'kind' = 'complaint'", complaintId) >= 1, "the confirmation is in the audit log");
    browser.awaitRow("SELECT 1 FROM notifications WHERE submission_id = ? AND kind = 'complaint.reply'",
        UUID.fromString(complaintId));
    assertEquals(1, sql.count("SELECT count(*) FROM notifications WHERE submission_id = ? AND kind = 'complaint.reply' "
        + "AND recipient = 'khanh.nguyen@example.vn'", UUID.fromString(complaintId)));
    assertEquals(0, sql.count("SELECT count(*) FROM notifications WHERE submission_id = ? AND kind = 'complaint.reply'",
        UUID.fromString(questionId)));

    // the register, filtered by kind
    driver.get(browser.base + "/register.html");
    waitUntil(d -> registerRows().size() == 2);
    new Select(driver.findElement(By.id("rf-kind"))).selectByValue("complaint");
    driver.findElement(By.cssSelector("#reg-filter button[type=submit]")).click();
    waitUntil(d -> registerRows().size() == 1 && registerRows().get(0).getText().contains(COMPLAINT));
    WebElement entry = registerRows().get(0);
    assertEquals(complaintId, entry.getAttribute("data-id"));
    assertEquals("Đơn khiếu nại", entry.findElement(By.cssSelector(".badge-complaint")).getText());
    assertTrue(entry.getText().contains("Chuyển Ban Tiếp công dân"), entry.getText());
    Browser.screenshot(driver, "register-complaints");
  }

  private static By queueRow(String id) {
    return By.cssSelector("li.q-item[data-id='" + id + "']");
  }

  private static List<WebElement> registerRows() {
    return driver.findElements(By.cssSelector("#reg-rows tr.reg-row"));
  }

  private static String idOf(String asker) {
    BrowserNode browser = BROWSER.get();
    return browser.awaitRow("SELECT id FROM submissions WHERE asker_name = ?", asker).get("id").toString();
  }

  private static <T> T waitUntil(Function<WebDriver, T> condition) {
    BrowserNode browser = BROWSER.get();
    return browser.waitUntil(condition);
  }
}
