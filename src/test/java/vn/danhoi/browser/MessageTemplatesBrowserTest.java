package vn.danhoi.browser;

import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The council office edits the wording of the follow-up letter to agencies in the admin console: sees the
 * variables, is told which field is wrong, previews with sample values, saves, and restores the default.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class MessageTemplatesBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "message-templates");

  final BrowserNode browser = BROWSER.get();

  @Test
  void theOfficeEditsPreviewsSavesAndRestoresALetter() {
    browser.account("vanphong.quantri", "admin");
    browser.logIn("vanphong.quantri", "/admin.html#messages");
    browser.waitText(By.id("msg-rows"), "Chuyển câu hỏi sau chương trình cho cơ quan trả lời");
    browser.driver.findElement(By.cssSelector("#msg-rows tr[data-key='followup-assignment'] button")).click();
    browser.waitText(By.id("msg-variables"), "{{danh_sach}}");

    WebElement body = browser.driver.findElement(By.id("mf-body"));
    String original = body.getAttribute("value");
    body.clear();
    body.sendKeys(original.replace("{{co_quan}}", "{{ten_co_quan}}"));
    browser.driver.findElement(By.id("mf-save")).click();
    var wait = new WebDriverWait(browser.driver, Duration.ofSeconds(15));
    wait.until(d -> "true".equals(d.findElement(By.id("mf-body")).getAttribute("aria-invalid")));
    assertEquals(0, browser.sql.count("SELECT count(*) FROM message_templates"));

    body.clear();
    body.sendKeys(original.replace("Ban Biên tập chương trình {{chuong_trinh}} trân trọng chuyển",
        "Thường trực HĐND tỉnh và Ban Biên tập chương trình {{chuong_trinh}} trân trọng chuyển"));
    browser.driver.findElement(By.id("mf-preview")).click();
    browser.waitText(By.id("msg-preview-body"), "Thường trực HĐND tỉnh và Ban Biên tập chương trình “Lắng nghe");
    browser.driver.findElement(By.id("mf-save")).click();
    browser.waitText(By.id("msg-flash"), "Đã lưu");
    assertEquals(1, browser.sql.count("SELECT count(*) FROM message_templates WHERE key = 'followup-assignment' "
        + "AND body LIKE '%Thường trực HĐND tỉnh và Ban Biên tập%'"));
    Browser.screenshot(browser.driver, "admin-messages");

    WebElement reset = browser.driver.findElement(By.id("mf-reset"));
    reset.click();
    reset.click();
    browser.waitText(By.id("msg-flash"), "Đã khôi phục");
    assertEquals(0, browser.sql.count("SELECT count(*) FROM message_templates"));
    assertEquals(original, browser.driver.findElement(By.id("mf-body")).getAttribute("value"));
  }
}
