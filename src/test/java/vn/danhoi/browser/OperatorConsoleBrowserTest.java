package vn.danhoi.browser;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hotline console at the desk it runs on, a 1366×768 office laptop (#19): the whole call form, Save and the
 * confirmation on screen without scrolling; the fields are the office's catalogue with none chosen for the operator;
 * and a whole call logged with the keyboard alone, its keystrokes counted.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class OperatorConsoleBrowserTest {

  static final String OFFICE_FIELD = "Xây dựng";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "operator", 1366, 768);

  final BrowserNode browser = BROWSER.get();
  static TestNode node;
  static Sql sql;
  static ChromeDriver driver;
  static String episode;

  @BeforeAll
  static void start() {
    BrowserNode browser = BROWSER.get();
    node = browser.node;
    sql = browser.sql;
    driver = browser.driver;
    episode = node.liveEpisode(null, null);
    // a council's usual fields, and one the office created itself, which no script of the page knows
    for (String field : List.of("Điện", "Nước sạch", "Đất đai", "Y tế", "Giáo dục", "Giao thông", "Môi trường",
        "Khác", OFFICE_FIELD)) {
      assertEquals(201, node.postJson("/api/fields", new JsonObject().put("name", field), TestNode.ADMIN_TOKEN)
          .statusCode());
    }
    browser.account("tongdai.lan", "operator");
  }

  @BeforeEach
  void officeLaptop() {
    Browser.viewport(driver, 1366, 768);
  }

  @Test
  void theWholeCallFormSaveAndItsConfirmationFitAnOfficeLaptop() {
    openConsole();
    WebElement office = browser.waitFor(fieldOption(OFFICE_FIELD));
    assertTrue(office.getText().contains(OFFICE_FIELD), office.getText());
    assertEquals(0, driver.findElements(By.cssSelector("input[name='field']:checked")).size(),
        "no field is chosen for the operator");
    JsonObject limits = new JsonObject(node.get("/api/console/settings", TestNode.ADMIN_TOKEN).bodyAsString())
        .getJsonObject("limits");
    for (Map.Entry<String, String> box : Map.of("c-name", "name", "c-locality", "locality", "c-text", "text",
        "c-notes", "notes").entrySet()) {
      browser.waitUntil(d -> String.valueOf(limits.getInteger(box.getValue()))
          .equals(d.findElement(By.id(box.getKey())).getAttribute("maxlength")));
    }

    for (String id : List.of("episode", "c-name", "c-phone", "c-locality", "c-text", "c-field", "c-ready",
        "c-callback", "c-notes", "call-submit", "op-keys-line")) {
      browser.assertOnScreen(By.id(id), id);
    }
    for (WebElement option : driver.findElements(By.cssSelector(".op-field-option"))) {
      assertTrue(Browser.inViewport(driver, option), "field " + option.getText() + " is on screen");
    }

    driver.findElement(By.id("c-name")).sendKeys("Võ Thị Hồng");
    driver.findElement(By.id("c-phone")).sendKeys("0912 345 678");
    driver.findElement(By.id("c-locality")).sendKeys("Xã Mỹ Yên, Tây Ninh");
    driver.findElement(By.id("c-text")).sendKeys("Nhà văn hoá ấp 2 xây dở dang đã ba năm, khi nào xã làm tiếp?");
    office.click();
    driver.findElement(By.id("c-notes")).sendKeys("Gọi từ quán cà phê, hơi ồn.");
    driver.findElement(By.id("call-submit")).click();
    browser.waitText(By.id("call-status"), "Đã lưu cuộc gọi của Võ Thị Hồng");
    browser.assertOnScreen(By.id("call-status"), "the confirmation");
    browser.assertOnScreen(By.id("call-submit"), "Save after saving");
    assertEquals(OFFICE_FIELD, browser.awaitRow("SELECT field FROM submissions WHERE asker_name = ? "
        + "AND channel = 'hotline'", "Võ Thị Hồng").get("field"));
    browser.waitText(By.id("recent-list"), "Võ Thị Hồng");
    Browser.screenshot(driver, "operator-1366x768");
    browser.assertAccessible("operator.html at 1366×768");

    // the same page on a studio's big screen and a narrow one: everything on screen, and no sideways scrolling
    Browser.viewport(driver, 1920, 1080);
    for (String id : List.of("c-name", "c-field", "c-notes", "call-submit", "call-status")) {
      browser.assertOnScreen(By.id(id), id + " at 1920×1080");
    }
    Browser.screenshot(driver, "operator-1920x1080");
    Browser.viewport(driver, 800, 900);
    assertEquals(Boolean.TRUE, driver.executeScript(
        "return document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling at 800 px");
    Browser.screenshot(driver, "operator-800x900");
  }

  @Test
  void anOperatorLogsAWholeCallWithTheKeyboardOnly() {
    openConsole();
    browser.waitFor(fieldOption(OFFICE_FIELD));
    String digit = driver.findElement(fieldOption(OFFICE_FIELD)).findElement(By.tagName("kbd")).getText();
    browser.waitUntil(d -> "c-name".equals(active().getAttribute("id")));

    Keyboard keys = new Keyboard();
    keys.type("Trần Văn Sáu");
    keys.press(Keys.TAB);
    keys.type("0987654321");
    keys.press(Keys.TAB);
    keys.type("Phường 3, Tây Ninh");
    keys.press(Keys.TAB);
    // VNI-style digits inside a text box stay text: "3" here must not choose the third field
    keys.type("Cầu qua kênh 3 xây xong chưa nghiệm thu, khi nào cho dân đi?");
    keys.press(Keys.TAB);
    assertEquals(0, driver.findElements(By.cssSelector("input[name='field']:checked")).size(),
        "typing digits in the question chose no field");
    keys.press(digit);
    keys.shortcut(Keys.CONTROL, Keys.ENTER);

    browser.waitText(By.id("call-status"), "Đã lưu cuộc gọi của Trần Văn Sáu");
    Map<String, Object> row = browser.awaitRow("SELECT field, text, locality FROM submissions "
        + "WHERE asker_name = ? AND channel = 'hotline'", "Trần Văn Sáu");
    assertEquals(OFFICE_FIELD, row.get("field"));
    assertEquals("Cầu qua kênh 3 xây xong chưa nghiệm thu, khi nào cho dân đi?", row.get("text"));
    browser.assertOnScreen(By.id("call-status"), "the confirmation");
    browser.waitUntil(d -> "c-name".equals(active().getAttribute("id")) && active().getAttribute("value").isEmpty());
    assertEquals(0, driver.findElements(By.cssSelector("input[name='field']:checked")).size(),
        "the next call starts with no field");
    System.out.println("operator keystrokes: " + keys.total + " (of which typed text: " + keys.typed + ")");

    // Alt+digit chooses a field from inside a text box, where the digit alone would be typed
    keys.type("Người gọi nhầm");
    keys.shortcut(Keys.ALT, "1");
    browser.waitUntil(d -> d.findElement(By.id("c-field-1")).isSelected());
    assertEquals("Người gọi nhầm", active().getAttribute("value"), "the digit was not typed into the name");
    // Esc twice clears a half-typed call and saves nothing
    keys.press(Keys.ESCAPE);
    browser.waitText(By.id("call-status"), "Nhấn Esc lần nữa");
    keys.press(Keys.ESCAPE);
    browser.waitText(By.id("call-status"), "Đã xoá biểu mẫu");
    assertEquals("", driver.findElement(By.id("c-name")).getAttribute("value"));
    assertEquals(0, driver.findElements(By.cssSelector("input[name='field']:checked")).size());
    assertEquals(0, sql.count("SELECT count(*) FROM submissions WHERE asker_name = 'Người gọi nhầm'"));
  }

  private static void openConsole() {
    BrowserNode browser = BROWSER.get();
    browser.logIn("tongdai.lan", "/operator.html?episode=" + episode);
    browser.waitFor(By.id("call-form"));
  }

  private static By fieldOption(String name) {
    return By.xpath("//label[contains(@class,'op-field-option')][span[text()='" + name + "']]");
  }

  private static WebElement active() {
    return driver.switchTo().activeElement();
  }

  /** Sends keys to whatever has focus, never clicking, and counts every key pressed. */
  private static final class Keyboard {
    int total;
    int typed;

    void type(String text) {
      active().sendKeys(text);
      total += text.length();
      typed += text.length();
    }

    void press(CharSequence key) {
      active().sendKeys(key);
      total++;
    }

    /** A chord such as Ctrl+Enter counts as one shortcut. */
    void shortcut(CharSequence... chord) {
      active().sendKeys(Keys.chord(chord));
      total++;
    }
  }
}
