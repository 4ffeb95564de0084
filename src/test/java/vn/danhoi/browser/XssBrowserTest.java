package vn.danhoi.browser;

import io.vertx.core.MultiMap;
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
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Script and markup typed into every text field by citizens, operators and editors stay inert text on
 * every page: no dialog opens, no handler runs, and the characters are shown as typed.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class XssBrowserTest {

  /** Each payload sets a flag if it ever runs; CSP would also block it, but the pages must not rely on that. */
  static String payload(String where) {
    return "<img src=x onerror=\"window.__xss='" + where + "'\"><script>window.__xss='" + where
        + "'</script><svg onload=alert(1)>";
  }

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "xss");

  static TestNode node;
  static ChromeDriver driver;
  static String base;

  @BeforeAll
  static void start() {
    BrowserNode browser = BROWSER.get();
    node = browser.node;
    base = browser.base;
    driver = browser.driver;
  }

  @Test
  void markupInEveryTextFieldIsShownAsTextOnEveryPage() {
    String episode = node.liveEpisode("8085", "DT");
    String operator = node.token("operator");
    String editor = node.token("editor");
    String web = ok(node.postJson("/api/episodes/" + episode + "/questions", new JsonObject()
        .put("name", "Hoa " + payload("name")).put("locality", "Ấp 3 " + payload("locality"))
        .put("text", "Nước sạch? " + payload("text")).put("consent", true), null), 202);
    String call = ok(node.postJson("/api/episodes/" + episode + "/calls", new JsonObject()
        .put("callerName", "Bình " + payload("caller")).put("callerPhone", "0987654321")
        .put("locality", "Cần Giuộc " + payload("call-locality")).put("field", "Điện <svg onload=alert(1)>")
        .put("text", "Điện mất? " + payload("call-text")).put("notes", payload("notes")), operator), 201);
    byte[] sms = new JsonObject().put("from", "+84912000111").put("to", "8085")
        .put("text", "DT " + payload("sms")).put("messageId", "xss-1").encode().getBytes(StandardCharsets.UTF_8);
    HttpResponse<Buffer> smsResponse = node.post("/api/intake/sms", Buffer.buffer(sms), "application/json", null,
        MultiMap.caseInsensitiveMultiMap().add("X-Signature-256",
            SmsSignature.sign(TestNode.SMS_SECRET, sms)));
    assertEquals(200, smsResponse.statusCode());
    act(web, new JsonObject().put("action", "edit").put("text", "Bản lên sóng " + payload("edited")), editor);
    act(web, new JsonObject().put("action", "categorize").put("agency", "Sở " + payload("agency")), editor);
    act(web, new JsonObject().put("action", "on-air"), editor);
    act(call, new JsonObject().put("action", "next"), editor);
    ok(node.postJson("/api/episodes/" + episode + "/studio-message",
        new JsonObject().put("message", "Lời nhắn " + payload("message")), editor), 200);
    account("bientap.xss", "editor");
    account("tongdai.xss", "operator");
    account("quantri.xss", "admin");

    visit("/?episode=" + episode, null, "body", "Chính quyền trả lời");
    visit("/live.html?episode=" + episode, null, "onair", "window.__xss='edited'");
    visit("/moderation.html?episode=" + episode, "bientap.xss", "queue", "window.__xss='notes'");
    visit("/studio.html?episode=" + episode, "bientap.xss", "current-text", "window.__xss='edited'");
    visit("/studio.html?episode=" + episode, "bientap.xss", "message-text", "window.__xss='message'");
    visit("/operator.html?episode=" + episode, "tongdai.xss", "body", "Tổng đài");
    visit("/admin.html", "quantri.xss", "body", "Dân hỏi");
  }

  /** Opens a page (logged in as the user, when given) and checks the payload is text and never ran. */
  private static void visit(String path, String user, String elementId, String expectedText) {
    if (user != null) {
      logIn(user, path);
    } else {
      driver.get(base + path);
    }
    By where = elementId.equals("body") ? By.tagName("body") : By.id(elementId);
    try {
      new WebDriverWait(driver, Duration.ofSeconds(15))
          .until(ExpectedConditions.textToBePresentInElementLocated(where, expectedText));
    } catch (RuntimeException e) {
      Browser.screenshot(driver, "failed" + path.replaceAll("[^a-z]+", "-"));
      throw e;
    }
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "a dialog opened on " + path);
    assertNull(driver.executeScript("return window.__xss || null"), "a payload ran on " + path);
    assertEquals(0L, driver.executeScript("return document.querySelectorAll('main img[src=x], main svg[onload]').length"),
        "markup from a payload became elements on " + path);
    Browser.screenshot(driver, "xss" + path.replaceAll("[^a-z]+", "-"));
  }

  private static void logIn(String username, String next) {
    driver.manage().deleteAllCookies();
    driver.get(base + "/login.html?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys("Cây-đa-bến-nước-" + username);
    driver.findElement(By.id("login-submit")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains(next));
  }

  private static void account(String username, String role) {
    ok(node.postJson("/api/staff", new JsonObject().put("username", username).put("displayName", "Kiểm thử " + role)
        .put("password", "Cây-đa-bến-nước-" + username).put("roles", new JsonArray().add(role)), TestNode.ADMIN_TOKEN), 201);
  }

  private static void act(String item, JsonObject action, String token) {
    ok(node.postJson("/api/items/" + item + "/actions", action, token), 200);
  }

  private static String ok(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.bodyAsString().startsWith("{"));
    return r.bodyAsJsonObject().getString("id");
  }
}
