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
import org.openqa.selenium.support.ui.Select;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The moderation console at an editor's 1366×768 laptop, with a realistic evening's queue (long Vietnamese
 * questions): the selected item's actions and the run-down's head are on screen without scrolling the page;
 * the categorise list and the queue's filter are the office's catalogue; a suggested field is marked "Gợi ý".
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class ModerationLayoutBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static BrowserNode browser;
  static TestNode node;

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

  @BeforeAll
  static void start() {
    browser = BrowserNode.start(NODE, "moderation-layout", 1366, 768);
    node = browser.node;
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theSelectedItemsActionsAndTheRundownAreOnScreenAtALaptop() {
    String episode = node.liveEpisode(null, null);
    String operator = node.token("operator");
    String editor = node.token("editor");
    // the office adds a field of its own: the console offers it, with nothing written in the page
    JsonObject agency = node.postJson("/api/agencies", new JsonObject().put("name", "Sở Xây dựng Long An")
        .put("kind", "department").put("emails", new JsonArray().add("sxd@longan.gov.vn")), TestNode.ADMIN_TOKEN)
        .bodyAsJsonObject();
    assertEquals(201, node.postJson("/api/fields", new JsonObject().put("name", "Xây dựng")
        .put("agencyId", agency.getString("id")).put("keywords", new JsonArray().add("trật tự xây dựng")
            .add("giấy phép xây dựng")), TestNode.ADMIN_TOKEN).statusCode());
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

    // the suggestion is chosen for the editor only as a suggestion, and says so
    Select field = new Select(browser.driver.findElement(By.id("d-field")));
    assertEquals("Xây dựng", field.getFirstSelectedOption().getAttribute("value"));
    assertTrue(browser.driver.findElement(By.id("d-field-suggested")).isDisplayed(), "marked as a suggestion");
    assertTrue(field.getFirstSelectedOption().getText().contains("Gợi ý"), field.getFirstSelectedOption().getText());
    assertTrue(new Select(browser.driver.findElement(By.id("f-field"))).getOptions().stream()
        .anyMatch(o -> "Xây dựng".equals(o.getAttribute("value"))), "the queue filter offers the office's field");

    // an item nobody suggested a field for starts with none
    browser.clickWhenReady(By.cssSelector("li.q-item[data-id='" + ids[30] + "'] button.q-open"));
    browser.waitText(By.id("d-original"), "(cuộc gọi 31)");
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
}
