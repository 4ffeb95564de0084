package vn.danhoi.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An editor at a 1366×768 laptop screens five questions with the keyboard only (no click after logging in):
 * moves in the queue, claims, categorises, shortlists, prepares the next, puts on air, rejects with a reason and
 * merges a duplicate, each outcome read back from PostgreSQL; letters typed into the text box trigger nothing.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class ModerationKeyboardBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static BrowserNode browser;
  static TestNode node;
  static int keystrokes;
  static String episode;
  static String operator;

  @BeforeAll
  static void start() {
    browser = BrowserNode.start(NODE, "moderation-keys", 1366, 768);
    node = browser.node;
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void anEditorScreensFiveItemsByKeyboardOnly() {
    episode = node.liveEpisode(null, null);
    operator = node.token("operator");
    String colleague = node.token("editor");
    String power = agency("Công ty Điện lực Long An");
    String building = agency("Sở Xây dựng Long An");
    field("Điện", power, "mất điện", "trạm biến áp");
    field("Xây dựng", building, "trật tự xây dựng", "giấy phép xây dựng");

    // oldest first: the queue shows them newest first, so J meets them from the bottom of this list up
    String twin = call("Lê Văn Tám", "Ấp Chợ xã Mỹ Yên mất điện mỗi tối từ 18 giờ đến 21 giờ, trạm biến áp quá tải, "
        + "bao giờ Công ty Điện lực nâng cấp trạm?");
    String spam = call("Khách hàng", "Cần bán gấp lô đất mặt tiền đường tỉnh 830, giá rẻ, liên hệ 0909 000 111 để "
        + "được tư vấn miễn phí, hoa hồng cao cho người giới thiệu.");
    String water = call("Phạm Thị Lan", "Nước máy ở khu dân cư Thanh Phú mấy tháng nay có mùi phèn, màu vàng đục; "
        + "khi nào có nước sạch đạt chuẩn cho bà con dùng?");
    String permit = call("Trần Văn Bình", "Công trình nhà nhiều tầng trên đường Nguyễn Trung Trực vi phạm trật tự xây "
        + "dựng, lấn hành lang lộ giới; Sở Xây dựng đã xử lý chưa?");
    String outage = call("Nguyễn Thị Hoa", "Ấp Chợ xã Mỹ Yên mất điện mỗi tối từ 18 giờ đến 21 giờ vì trạm biến áp "
        + "quá tải, bao giờ Công ty Điện lực nâng cấp trạm biến áp?");
    // a colleague has the second one open when our editor reaches it
    assertEquals(200, node.postJson("/api/items/" + permit + "/actions", new JsonObject().put("action", "claim"),
        colleague).statusCode());

    browser.account("bientap.banphim", "editor");
    browser.logIn("bientap.banphim", "/moderation.html?episode=" + episode);
    browser.waitUntil(d -> d.findElements(By.cssSelector("li.q-item")).size() == 5);
    browser.waitUntil(d -> d.findElements(By.cssSelector("#d-reason option")).size() > 1
        && d.findElements(By.cssSelector("#f-field option[value='Xây dựng']")).size() == 1);
    keystrokes = 0;

    // 1. the newest: open (claims it), field "Điện" by its digit, save, into the run-down
    press("j");
    awaitRow("claimed_by IS NOT NULL", outage);
    press("f");
    press(digitOf("d-field", "Điện"));
    press(Keys.ENTER);
    awaitRow("field = 'Điện'", outage);
    press("s");
    awaitRow("status = 'shortlisted'", outage);

    // 2. a colleague holds it: view only, until they give it back; then C takes it. The field was suggested.
    press("j");
    browser.waitText(By.id("d-claim"), "đang được xử lý bởi");
    assertTrue(!browser.driver.findElement(By.id("d-claim-btn")).isEnabled(), "no claim over a colleague's");
    assertEquals(200, node.postJson("/api/items/" + permit + "/actions", new JsonObject().put("action", "release"),
        colleague).statusCode());
    // (the page's own renewal may take it first; C then has nothing to do)
    browser.waitUntil(d -> d.findElement(By.id("d-claim-btn")).isEnabled()
        || "me".equals(d.findElement(By.id("d-claim")).getAttribute("data-claim")));
    press("c");
    awaitRow("claimed_by IS NOT NULL", permit);
    browser.waitUntil(d -> "me".equals(d.findElement(By.id("d-claim")).getAttribute("data-claim")));
    assertEquals("Xây dựng", new Select(browser.driver.findElement(By.id("d-field"))).getFirstSelectedOption()
        .getAttribute("value"), "the server's suggestion, marked as such");
    assertTrue(browser.driver.findElement(By.id("d-field-suggested")).isDisplayed());
    press("f");
    press(Keys.ENTER);
    awaitRow("field = 'Xây dựng'", permit);
    press("n");
    awaitRow("status = 'next'", permit);

    // 3. a word added in the text box (its letters are no keys), saved, then on air
    press("j");
    awaitRow("claimed_by IS NOT NULL", water);
    press("e");
    String added = " Xin cảm ơn.";
    for (char c : added.toCharArray()) {
      press(String.valueOf(c));
    }
    new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform(); // Ctrl+Enter
    keystrokes++;
    awaitRow("edited_text LIKE '%Xin cảm ơn.' AND status = 'received'", water);
    press(Keys.ESCAPE);
    press("o");
    awaitRow("status = 'on_air'", water);

    // 4. advertising: X asks for the reason, its digit chooses it, X arms and X confirms
    press("j");
    awaitRow("claimed_by IS NOT NULL", spam);
    press("x");
    browser.waitUntil(d -> d.switchTo().activeElement().getAttribute("id").equals("d-reason"));
    press(digitOf("d-reason", "spam"));
    press("x");
    browser.waitText(By.id("d-reject"), "xác nhận");
    press("x");
    awaitRow("status = 'rejected' AND reject_reason = 'spam'", spam);

    // 5. the same question as the first: G reaches its merge button, Enter merges
    press("j");
    awaitRow("claimed_by IS NOT NULL", twin);
    browser.waitUntil(d -> d.findElements(By.cssSelector("#similar-list li.mini-item[data-id='" + outage
        + "'] button[data-role='merge']")).size() == 1);
    press("g");
    press(Keys.ENTER);
    awaitRow("status = 'merged' AND merged_into = ?", twin, UUID.fromString(outage));

    Browser.screenshot(browser.driver, "moderation-keyboard");
    System.out.println("moderation keystrokes: " + keystrokes + " for 5 items");
    assertEquals("on_air", browser.sql.rows("SELECT status FROM submissions WHERE id = ?", UUID.fromString(water))
        .get(0).get("status"), "nothing the editor typed in the text box acted on the item");
  }

  /** One key (or chord) to whatever has the keyboard, as a person presses it: never a click. */
  private static void press(CharSequence key) {
    new Actions(browser.driver).sendKeys(key).perform();
    keystrokes++;
  }

  /** The digit that picks the option of value in the list: the page's own numbering, read, not clicked. */
  private static String digitOf(String select, String value) {
    List<WebElement> options = new Select(browser.driver.findElement(By.id(select))).getOptions();
    for (int i = 1; i < options.size() && i <= 9; i++) {
      if (value.equals(options.get(i).getAttribute("value"))) {
        assertTrue(options.get(i).getText().startsWith(i + " · "), options.get(i).getText());
        return String.valueOf(i);
      }
    }
    throw new AssertionError(value + " is not among the first nine of #" + select);
  }

  private static void awaitRow(String condition, String id, Object... more) {
    Object[] params = new Object[more.length + 1];
    params[0] = UUID.fromString(id);
    System.arraycopy(more, 0, params, 1, more.length);
    browser.awaitRow("SELECT 1 FROM submissions WHERE id = ? AND " + condition, params);
  }

  private static String call(String name, String text) {
    return node.postJson("/api/episodes/" + episode + "/calls", new JsonObject().put("callerName", name)
        .put("callerPhone", "0912345678").put("locality", "Xã Mỹ Yên, huyện Bến Lức").put("text", text), operator)
        .bodyAsJsonObject().getString("id");
  }

  private static String agency(String name) {
    return node.postJson("/api/agencies", new JsonObject().put("name", name).put("kind", "department")
        .put("emails", new JsonArray().add("vanthu@longan.gov.vn")), TestNode.ADMIN_TOKEN).bodyAsJsonObject()
        .getString("id");
  }

  private static void field(String name, String agencyId, String... keywords) {
    assertEquals(201, node.postJson("/api/fields", new JsonObject().put("name", name).put("agencyId", agencyId)
        .put("keywords", new JsonArray(List.of((Object[]) keywords))), TestNode.ADMIN_TOKEN).statusCode());
  }
}
