package vn.danhoi.browser;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
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

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The moderation console at an editor's 1366×768 laptop. With a realistic evening's queue (long Vietnamese
 * questions) the selected item's actions and the run-down's head are on screen without scrolling the page; the
 * categorise list and the queue's filter are the office's catalogue; a suggested field is marked "Gợi ý".
 * And an editor screens five questions with the keyboard only (no click after logging in):
 * moves in the queue, claims, categorises, shortlists, prepares the next, puts on air, rejects with a reason and
 * merges a duplicate, each outcome read back from PostgreSQL; letters typed into the text box trigger nothing.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class ModerationDeskBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "moderation-desk", 1366, 768);

  final BrowserNode browser = BROWSER.get();
  static TestNode node;
  static String operator;
  static int keystrokes;

  @BeforeAll
  static void start() {
    BrowserNode browser = BROWSER.get();
    node = browser.node;
    operator = node.token("operator");
    // the office's catalogue: fields it created, nothing written in the page
    field("Điện", agency("Công ty Điện lực Long An"), "mất điện", "trạm biến áp");
    field("Xây dựng", agency("Sở Xây dựng Long An"), "trật tự xây dựng", "giấy phép xây dựng");
  }

  /** Long questions as callers dictate them to the hotline operators. */
  static final List<String> TEXTS = List.of(
      "Tôi ở ấp Chợ, xã Mỹ Yên. Từ tháng Ba đến nay khu vực tôi mất điện gần như mỗi tối từ 18 giờ đến 21 giờ, "
          + "trạm biến áp quá tải, điện chập chờn làm hư tủ lạnh, máy bơm nước của nhiều hộ. Xin hỏi Công ty Điện "
          + "lực Long An khi nào nâng cấp trạm biến áp, và người dân bị hư hỏng thiết bị có được bồi thường không?",
      "Gia đình tôi đã nộp hồ sơ xin cấp giấy chứng nhận quyền sử dụng đất từ năm 2023 tại bộ phận một cửa huyện "
          + "Bến Lức, đến nay đã quá hạn hơn một năm mà chưa được giải quyết, mỗi lần hỏi đều được trả lời là đang "
          + "chờ đo đạc lại. Xin hỏi Sở Tài nguyên và Môi trường bao giờ hồ sơ của chúng tôi được xử lý dứt điểm?",
      "Nước máy ở khu dân cư Thanh Phú mấy tháng nay có mùi phèn, màu vàng đục, nhất là vào buổi sáng sớm. Nhiều "
          + "cháu nhỏ bị ngứa, nổi mẩn sau khi tắm. Đề nghị Trung tâm Nước sạch kiểm tra chất lượng nước, công bố "
          + "kết quả xét nghiệm và cho biết khi nào có nước sạch đạt chuẩn cho bà con dùng hằng ngày?",
      "Đường tỉnh 830 đoạn qua xã Lương Hòa xuống cấp nghiêm trọng, ổ gà, ổ voi khắp nơi, trời mưa nước ngập sâu, "
          + "đã xảy ra nhiều vụ tai nạn cho học sinh đi xe đạp. Xin hỏi Sở Giao thông vận tải có kế hoạch sửa chữa, "
          + "nâng cấp tuyến đường này trong năm nay không, và trong lúc chờ thì có biện pháp tạm thời nào không?",
      "Công trình xây dựng nhà ở nhiều tầng trên đường Nguyễn Trung Trực xây sai giấy phép, lấn ra hành lang lộ "
          + "giới, vật liệu xây dựng đổ tràn lòng đường nhiều tháng nay. Đề nghị Sở Xây dựng cho biết đã kiểm tra, "
          + "xử lý vi phạm trật tự xây dựng của công trình này chưa và kết quả ra sao?");

  @Test
  void theSelectedItemsActionsAndTheRundownAreOnScreenAtALaptop() {
    String episode = node.liveEpisode(null, null);
    String editor = node.token("editor");
    String[] ids = new String[32];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = node.postJson("/api/episodes/" + episode + "/calls", new JsonObject()
          .put("callerName", "Người gọi số " + (i + 1)).put("callerPhone", String.format("09120000%02d", i))
          .put("locality", "Xã Mỹ Yên, huyện Bến Lức").put("text", TEXTS.get(i % TEXTS.size()) + " (cuộc gọi " + (i + 1) + ")")
          .put("readyForAir", i % 3 == 0), operator).bodyAsJsonObject().getString("id");
    }
    // a run-down already under way
    for (int i = 0; i < 3; i++) {
      assertEquals(200, node.postJson("/api/items/" + ids[i] + "/actions", new JsonObject().put("action", "shortlist"),
          editor).statusCode());
      node.postJson("/api/items/" + ids[i] + "/actions", new JsonObject().put("action", "release"), editor);
    }
    String building = ids[29]; // "trật tự xây dựng": the server suggests "Xây dựng"
    assertEquals("Xây dựng", browser.awaitRow("SELECT suggested_field FROM submissions WHERE id = ?::uuid "
        + "AND suggested_field IS NOT NULL", building).get("suggested_field"));

    browser.account("bientap.manhinh", "editor");
    browser.logIn("bientap.manhinh", "/moderation.html?episode=" + episode);
    browser.waitUntil(d -> d.findElements(By.cssSelector("li.q-item")).size() == ids.length);
    browser.waitUntil(d -> d.findElements(By.cssSelector("#rundown li.rd-item")).size() == 3);
    browser.clickWhenReady(By.cssSelector("li.q-item[data-id='" + building + "'] button.q-open"));
    browser.awaitRow("SELECT 1 FROM submissions WHERE id = ?::uuid AND claimed_by IS NOT NULL", building);

    assertActionsOnScreen("1366×768");
    Browser.screenshot(browser.driver, "moderation-1366x768");
    browser.assertAccessible("moderation.html with an item open");

    // the suggestion is chosen for the editor only as a suggestion, and says so
    Select field = new Select(browser.driver.findElement(By.id("d-field")));
    assertEquals("Xây dựng", field.getFirstSelectedOption().getAttribute("value"));
    assertTrue(browser.driver.findElement(By.id("d-field-suggested")).isDisplayed(), "marked as a suggestion");
    assertTrue(field.getFirstSelectedOption().getText().contains("Gợi ý"), field.getFirstSelectedOption().getText());
    assertTrue(new Select(browser.driver.findElement(By.id("f-field"))).getOptions().stream()
        .anyMatch(o -> "Xây dựng".equals(o.getAttribute("value"))), "the queue filter offers the office's field");

    // an item nobody suggested a field for starts with none
    browser.clickWhenReady(By.cssSelector("li.q-item[data-id='" + ids[27] + "'] button.q-open"));
    browser.waitText(By.id("d-original"), "(cuộc gọi 28)");
    assertEquals("", new Select(browser.driver.findElement(By.id("d-field"))).getFirstSelectedOption()
        .getAttribute("value"));
    assertTrue(!browser.driver.findElement(By.id("d-field-suggested")).isDisplayed());
    assertActionsOnScreen("1366×768, another item");

    Browser.viewport(browser.driver, 1920, 1080);
    assertActionsOnScreen("1920×1080");
    Browser.screenshot(browser.driver, "moderation-1920x1080");
    Browser.viewport(browser.driver, 1366, 768);
  }

  private static void assertActionsOnScreen(String size) {
    BrowserNode browser = BROWSER.get();
    browser.assertOnScreen(By.id("d-claim-btn"), "Nhận xử lý at " + size);
    browser.assertOnScreen(By.id("d-onair"), "Lên sóng at " + size);
    browser.assertOnScreen(By.id("d-next"), "Tiếp theo at " + size);
    browser.assertOnScreen(By.id("d-shortlist"), "Chọn vào kịch bản at " + size);
    browser.assertOnScreen(By.id("d-reason"), "the reject reason at " + size);
    browser.assertOnScreen(By.id("d-reject"), "Loại at " + size);
    browser.assertOnScreen(By.id("d-merge"), "Gộp trùng at " + size);
    browser.assertOnScreen(By.id("rundown-heading"), "the run-down's head at " + size);
    browser.assertOnScreen(By.cssSelector("#rundown li.rd-item"), "the run-down's first item at " + size);
    Object page = browser.driver.executeScript("return [window.scrollY, document.documentElement.scrollHeight, "
        + "window.innerHeight, document.getElementById('main').getBoundingClientRect().bottom, "
        + "[...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); "
        + "const p = e.parentElement.getBoundingClientRect(); return r.bottom + scrollY > innerHeight && "
        + "p.bottom + scrollY <= innerHeight + 1 && r.height > 0; }).slice(0, 8).map(e => e.tagName + '#' + e.id + '.' "
        + "+ e.className + ' ' + JSON.stringify(e.getBoundingClientRect()))]");
    if (!Boolean.TRUE.equals(browser.driver.executeScript(
        "return window.scrollY === 0 && document.documentElement.scrollHeight <= window.innerHeight"))) {
      Browser.screenshot(browser.driver, "moderation-layout-scrolls");
      throw new AssertionError("the page itself scrolls at " + size + " [scrollY, scrollHeight, innerHeight, "
          + "main bottom]: " + page);
    }
  }
  /** A burst reaches the console as batches of new items (items.new): every question shows once, none twice. */
  @Test
  void aBurstOfQuestionsShowsEachOnceInTheQueue() {
    String episode = node.liveEpisode(null, null);
    browser.account("bientap.cao.diem", "editor");
    browser.logIn("bientap.cao.diem", "/moderation.html?episode=" + episode);
    browser.waitFor(By.cssSelector("#queue"));
    browser.waitUntil(d -> "open".equals(d.findElement(By.id("conn")).getAttribute("data-status")));
    List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      burst.add(node.parallel().post("/api/episodes/" + episode + "/questions")
          .sendJsonObject(TestNode.question("Người xem " + i, "Câu hỏi giờ cao điểm số " + i + " về đường ấp 4?")));
    }
    TestNode.await(Future.join(burst));
    browser.waitUntil(d -> d.findElements(By.cssSelector("li.q-item")).size() == 120);
    for (Future<HttpResponse<Buffer>> f : burst) {
      String id = f.result().bodyAsJsonObject().getString("id");
      assertEquals(1, browser.driver.findElements(By.cssSelector("li.q-item[data-id='" + id + "']")).size(), id);
    }
  }

  @Test
  void anEditorScreensFiveItemsByKeyboardOnly() {
    String episode = node.liveEpisode(null, null);
    String colleague = node.token("editor");

    // oldest first: the queue shows them newest first, so J meets them from the bottom of this list up
    String twin = call(episode, "Lê Văn Tám", "Ấp Chợ xã Mỹ Yên mất điện mỗi tối từ 18 giờ đến 21 giờ, trạm biến áp quá tải, "
        + "bao giờ Công ty Điện lực nâng cấp trạm?");
    String spam = call(episode, "Khách hàng", "Cần bán gấp lô đất mặt tiền đường tỉnh 830, giá rẻ, liên hệ 0909 000 111 để "
        + "được tư vấn miễn phí, hoa hồng cao cho người giới thiệu.");
    String water = call(episode, "Phạm Thị Lan", "Nước máy ở khu dân cư Thanh Phú mấy tháng nay có mùi phèn, màu vàng đục; "
        + "khi nào có nước sạch đạt chuẩn cho bà con dùng?");
    String permit = call(episode, "Trần Văn Bình", "Công trình nhà nhiều tầng trên đường Nguyễn Trung Trực vi phạm trật tự xây "
        + "dựng, lấn hành lang lộ giới; Sở Xây dựng đã xử lý chưa?");
    String outage = call(episode, "Nguyễn Thị Hoa", "Ấp Chợ xã Mỹ Yên mất điện mỗi tối từ 18 giờ đến 21 giờ vì trạm biến áp "
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
    BrowserNode browser = BROWSER.get();
    new Actions(browser.driver).sendKeys(key).perform();
    keystrokes++;
  }

  /** The digit that picks the option of value in the list: the page's own numbering, read, not clicked. */
  private static String digitOf(String select, String value) {
    BrowserNode browser = BROWSER.get();
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
    BrowserNode browser = BROWSER.get();
    Object[] params = new Object[more.length + 1];
    params[0] = UUID.fromString(id);
    System.arraycopy(more, 0, params, 1, more.length);
    browser.awaitRow("SELECT 1 FROM submissions WHERE id = ? AND " + condition, params);
  }

  private static String call(String episode, String name, String text) {
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
