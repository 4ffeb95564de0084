package vn.danhoi.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A headless Chromium pointed at a class's node under test, for a browser test class: staff
 * accounts whose password is "Cây-đa-bến-nước-" + username, log-in through the login page, waits that leave a
 * screenshot behind when they time out.
 */
public final class BrowserNode implements AutoCloseable {

  public final String db;
  public final TestNode node;
  public final Sql sql;
  public final ChromeDriver driver;
  public final String base;
  private final String name;

  private BrowserNode(String name, NodeUnderTest node, ChromeDriver driver) {
    this.name = name;
    this.db = node.db();
    this.node = node.node();
    this.sql = node.sql();
    this.driver = driver;
    this.base = "http://localhost:" + this.node.port();
  }

  /** Skips the class (assumption) where Debian's chromium and chromium-driver are missing. */
  public static BrowserNode start(NodeUnderTest node, String name) {
    Browser.assumeInstalled();
    return new BrowserNode(name, node, Browser.start());
  }

  /** As start, with the page area width × height CSS pixels (a desk's screen). */
  public static BrowserNode start(NodeUnderTest node, String name, int width, int height) {
    Browser.assumeInstalled();
    return new BrowserNode(name, node, Browser.start(width, height));
  }

  /** A browser for the whole class: {@code @RegisterExtension static final BrowserNode.PerClass BROWSER = …}. */
  public static PerClass perClass(NodeUnderTest node, String name) {
    return new PerClass(node, name, 0, 0);
  }

  /** As perClass, with the page area width × height CSS pixels. */
  public static PerClass perClass(NodeUnderTest node, String name, int width, int height) {
    return new PerClass(node, name, width, height);
  }

  /**
   * A test class's browser as a JUnit extension, declared after its NodeUnderTest: before the class it skips it
   * (assumption) where chromium is missing; after the class's own {@code @AfterAll} (which may still use it) it quits
   * the browser. The browser starts on the first {@link #get()}, from a {@code @BeforeAll} or a test, so once the
   * node is up: JUnit runs static {@code @RegisterExtension} fields in an order of its own (a hash of their names),
   * not as declared. Tests may keep it in an instance field, {@code final BrowserNode browser = BROWSER.get();}: a
   * test instance is made after the class's set-up.
   */
  public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
    private final NodeUnderTest node;
    private final String name;
    private final int width;
    private final int height;
    private Consumer<BrowserNode> beforeQuit = b -> { };
    private BrowserNode browser;

    private PerClass(NodeUnderTest node, String name, int width, int height) {
      this.node = node;
      this.name = name;
      this.width = width;
      this.height = height;
    }

    /** What to undo before the browser quits (settings that outlive the page), if it was started. */
    public PerClass beforeQuit(Consumer<BrowserNode> undo) {
      this.beforeQuit = undo;
      return this;
    }

    public BrowserNode get() {
      if (browser == null) {
        browser = width == 0 ? start(node, name) : start(node, name, width, height);
      }
      return browser;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
      Browser.assumeInstalled();
    }

    @Override
    public void afterAll(ExtensionContext context) {
      if (browser != null) {
        try {
          beforeQuit.accept(browser);
        } finally {
          browser.close();
          browser = null;
        }
      }
    }
  }

  /** Asserts the element is wholly on screen without scrolling; on failure a screenshot is kept. */
  public void assertOnScreen(By by, String what) {
    WebElement element = waitFor(by);
    if (!Browser.inViewport(driver, element)) {
      Browser.screenshot(driver, name + "-offscreen");
      throw new AssertionError(what + " is not on screen at " + driver.executeScript(
          "return window.innerWidth + '×' + window.innerHeight") + ": " + driver.executeScript(
          "return JSON.stringify(arguments[0].getBoundingClientRect())", element));
    }
  }

  /** Asserts axe-core finds no WCAG 2 A/AA violation on the page as it stands. */
  public void assertAccessible(String page) {
    List<String> violations = Axe.violations(driver);
    if (!violations.isEmpty()) {
      Browser.screenshot(driver, name + "-axe");
      throw new AssertionError("axe-core on " + page + ":\n" + String.join("\n", violations));
    }
  }

  public void account(String username, String role) {
    account(username, role, null);
  }

  /** An account of role; an agency officer's names the agency whose questions it answers. */
  public void account(String username, String role, String agency) {
    JsonObject body = new JsonObject().put("username", username).put("displayName", "Kiểm thử " + role)
        .put("password", "Cây-đa-bến-nước-" + username).put("roles", new JsonArray().add(role));
    if (agency != null) {
      body.put("agency", agency);
    }
    HttpResponse<Buffer> r = node.postJson("/api/staff", body, TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
  }

  /** Logs in on the login page, which then opens next. */
  public void logIn(String username, String next) {
    driver.manage().deleteAllCookies();
    driver.get(base + "/login.html?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    waitFor(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys("Cây-đa-bến-nước-" + username);
    driver.findElement(By.id("login-submit")).click();
    try {
      new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains(next.split("#")[0]));
    } catch (RuntimeException e) {
      Browser.screenshot(driver, name + "-login-failed");
      throw new AssertionError("log-in as " + username + " did not open " + next + ": at " + driver.getCurrentUrl(), e);
    }
  }

  public WebElement waitFor(By by) {
    try {
      return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
    } catch (RuntimeException e) {
      Browser.screenshot(driver, name + "-failed");
      throw e;
    }
  }

  public void waitText(By by, String text) {
    try {
      new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    } catch (RuntimeException e) {
      Browser.screenshot(driver, name + "-failed");
      throw new AssertionError("page console:\n" + Browser.console(driver), e);
    }
  }

  /**
   * Waits until condition gives a value (not null, not false). Pages redraw on live events, so an element found a
   * moment ago may be gone: the condition looks again. On time-out, a screenshot and the page's console.
   */
  public <T> T waitUntil(Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
          .until(condition);
    } catch (RuntimeException e) {
      Browser.screenshot(driver, name + "-failed");
      throw new AssertionError("page console:\n" + Browser.console(driver), e);
    }
  }

  /** Polls PostgreSQL until the first row of query is there: what the page or the server did is committed. */
  public Map<String, Object> awaitRow(String query, Object... params) {
    return waitUntil(d -> {
      List<Map<String, Object>> rows = sql.rows(query, params);
      return rows.isEmpty() ? null : rows.get(0);
    });
  }

  /** Clicks what by finds once it is shown and enabled, finding it again if the page redrew it. */
  public void clickWhenReady(By by) {
    waitUntil(d -> {
      WebElement element = d.findElement(by);
      if (!element.isDisplayed() || !element.isEnabled()) {
        return false;
      }
      element.click();
      return true;
    });
  }

  @Override
  public void close() {
    driver.quit();
  }
}
