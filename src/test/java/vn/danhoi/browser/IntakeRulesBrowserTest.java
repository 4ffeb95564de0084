package vn.danhoi.browser;

import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
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

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The council office teaches intake a new complaint phrase on the admin console: saved, logged, and used for the
 * next message at once; a cleared complaint list is refused next to the field and changes nothing.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class IntakeRulesBrowserTest {

  static final String PHRASE = "đòi bồi thường";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "intake-rules");

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
  void anAdminAddsAComplaintPhraseThatIntakeUsesAtOnce() {
    String episode = node.liveEpisode(null, null);
    String before = ask(episode, "Trần Văn Bảy", "Gia đình tôi đòi bồi thường vì xã mở đường lấn vào vườn nhà.");
    assertEquals("question", suggested(before), "not a complaint phrase yet");

    browser.account("vanphong.quytac", "admin");
    browser.logIn("vanphong.quytac", "/admin.html");
    browser.clickWhenReady(By.id("tab-rules"));
    WebElement complaint = browser.waitFor(By.id("rules-complaint"));
    browser.waitUntil(d -> complaint.getAttribute("value").contains("đơn khiếu nại"));
    complaint.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), Keys.ENTER, PHRASE);
    driver.findElement(By.id("rules-submit")).click();
    browser.waitText(By.id("rules-status"), "Đã lưu");
    assertTrue(complaint.getAttribute("value").endsWith("\n" + PHRASE), complaint.getAttribute("value"));
    assertEquals(1, sql.count("SELECT count(*) FROM intake_rules WHERE ? = ANY (complaint) AND 'khiếu nại' = ANY "
        + "(complaint)", PHRASE));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'intake_rules.updated' "
        + "AND actor LIKE 'staff:%' AND after::text LIKE ? AND before::text NOT LIKE ?",
        "%" + PHRASE + "%", "%" + PHRASE + "%"));
    Browser.screenshot(driver, "admin-intake-rules");

    String after = ask(episode, "Nguyễn Thị Mai", "Bà con ấp 5 đòi bồi thường vì nước thải của nhà máy làm chết lúa.");
    assertEquals("complaint", suggested(after), "the new phrase is used for the next message");

    // a cleared complaint list would stop recognising complaints: refused beside the field
    complaint.clear();
    driver.findElement(By.id("rules-submit")).click();
    browser.waitUntil(d -> "true".equals(complaint.getAttribute("aria-invalid")));
    browser.waitText(By.id("rules-complaint-error"), "Cần ít nhất một cụm từ khiếu nại");
    assertEquals(1, sql.count("SELECT count(*) FROM intake_rules WHERE ? = ANY (complaint)", PHRASE));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'intake_rules.updated'"));
    String later = ask(episode, "Lê Văn Tư", "Chúng tôi đòi bồi thường thỏa đáng cho phần đất bị thu hồi.");
    assertEquals("complaint", suggested(later), "the rules in use are unchanged");
  }

  private static String ask(String episode, String name, String text) {
    BrowserNode browser = BROWSER.get();
    assertEquals(202, node.postJson("/api/episodes/" + episode + "/questions", TestNode.question(name, text), null)
        .statusCode());
    return browser.awaitRow("SELECT id FROM submissions WHERE asker_name = ?", name).get("id").toString();
  }

  private static String suggested(String id) {
    return String.valueOf(sql.rows("SELECT suggested_kind FROM submissions WHERE id = ?", UUID.fromString(id)).get(0)
        .get("suggested_kind"));
  }
}
