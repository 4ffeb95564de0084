package vn.danhoi.browser;

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
import org.openqa.selenium.chrome.ChromeDriver;
import vn.danhoi.support.AfterShow;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a person reads is written as Vietnamese offices write it: dd/mm/yyyy, 24-hour, never the API's
 * "2026-12-28"; the audit log in words with who acted by name; an export that fails says why beside its button
 * and the page stays.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class OfficeDatesBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "office-dates");

  private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final String USER = "quantri.ngaythang";

  final BrowserNode browser = BROWSER.get();
  static TestNode node;
  static ChromeDriver driver;

  @BeforeAll
  static void start() {
    BrowserNode browser = BROWSER.get();
    node = browser.node;
    driver = browser.driver;
    HttpResponse<Buffer> r = node.postJson("/api/staff", new JsonObject().put("username", USER)
        .put("displayName", "Phạm Thị Ngọc").put("password", "Cây-đa-bến-nước-" + USER)
        .put("roles", new JsonArray().add("admin").add("editor")), TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
  }

  static String episode(String title, String kind) {
    BrowserNode browser = BROWSER.get();
    HttpResponse<Buffer> r = node.postJson("/api/episodes", new JsonObject().put("title", title)
        .put("topic", "Nông thôn mới").put("startsAt", "2026-12-20T08:00:00+07:00").put("durationMinutes", 120),
        TestNode.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String id = r.bodyAsJsonObject().getString("id");
    browser.sql.rows("UPDATE episodes SET kind = ?, venue = 'Hội trường tỉnh', chair = 'Trần Văn Chủ' WHERE id = ?",
        kind, UUID.fromString(id));
    return id;
  }

  private static String visibleText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  private static void assertNoIsoDay(String page) {
    String text = visibleText();
    Matcher m = ISO_DAY.matcher(text);
    if (m.find()) {
      throw new AssertionError(page + " shows an ISO date " + m.group() + ":\n" + text);
    }
  }

  @Test
  void sessionConclusionAndAdminPagesShowDatesAsOfficesWriteThemAndTheAuditLogInWords() {
    String editor = node.token("editor");
    String session = episode("Phiên giải trình về đường giao thông", "accountability");
    browser.sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, 'Sở Xây dựng', '{}')", UUID.randomUUID());
    assertEquals(201, node.postJson("/api/episodes/" + session + "/accountability/agencies", new JsonObject()
        .put("agency", "Sở Xây dựng").put("subjects", "Đường liên xã").put("reportDueAt", "2026-12-28"), editor)
        .statusCode());
    String dialogue = episode("Đối thoại với Nhân dân xã Tân Phước", "dialogue");
    assertEquals(201, node.postJson("/api/episodes/" + dialogue + "/conclusion/draft", new JsonObject(), editor)
        .statusCode());
    HttpResponse<Buffer> item = node.postJson("/api/episodes/" + dialogue + "/conclusion/items", new JsonObject()
        .put("text", "Sửa đường ấp Tân Hòa trước Tết").put("ownerAgency", "Sở Xây dựng").put("dueDate", "2026-12-28"),
        editor);
    assertEquals(201, item.statusCode(), item.bodyAsString());

    browser.logIn(USER, "/session.html?episode=" + session);
    browser.waitFor(By.cssSelector("#agencies tr"));
    browser.waitUntil(d -> visibleText().contains("28/12/2026"));
    assertNoIsoDay("session.html");
    Browser.screenshot(driver, "session-dates");

    driver.get(browser.base + "/conclusion.html?episode=" + dialogue);
    browser.waitFor(By.cssSelector("#cc-rows tr"));
    browser.waitUntil(d -> visibleText().contains("28/12/2026"));
    assertNoIsoDay("conclusion.html");

    driver.get(browser.base + "/admin.html");
    browser.waitFor(By.cssSelector("#acc-table tbody tr"));
    browser.waitUntil(d -> visibleText().matches("(?s).*\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}.*"));
    assertNoIsoDay("admin.html, accounts");
    browser.clickWhenReady(By.id("tab-audit"));
    browser.waitFor(By.cssSelector("#aud-rows tr"));
    browser.waitUntil(d -> visibleText().contains("Thêm nội dung kết luận"));
    String audit = visibleText();
    assertNoIsoDay("admin.html, audit");
    // who acted, by name and username; the event in words, its code kept in the title
    assertTrue(audit.contains("Mã máy: Kiểm thử editor"), audit);
    assertTrue(audit.contains("Mời cơ quan giải trình"), audit);
    assertFalse(audit.contains("conclusion.item_added") || audit.contains("staff:") || audit.contains("token:"), audit);
    assertEquals(1, driver.findElements(By.cssSelector("#aud-rows [title='conclusion.item_added']")).size());
    Browser.screenshot(driver, "admin-audit-words");
    browser.assertAccessible("admin.html, audit");
  }

  @Test
  void theOtherPagesAnEditorReadsWriteDaysAsDdMmYyyy() {
    // aired on 20/11/2026: its follow-up is open
    AfterShow after = new AfterShow(browser.sql);
    UUID program = after.program("Dân hỏi – Chính quyền trả lời", "HĐND tỉnh Tây Ninh", "Tây Ninh");
    String ep = after.episode(program, "Chợ truyền thống và an toàn thực phẩm", "Chợ",
        OffsetDateTime.parse("2026-11-20T08:00:00+07:00"), "Phạm Văn Hùng").toString();
    after.question(UUID.fromString(ep), "Đỗ Thị Mai", "0912345678", "mai@example.vn",
        "Chợ Bến Lức bao giờ sửa mái?", "Xây dựng", "received", true);
    String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    browser.logIn(USER, "/programs.html");
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("/programs.html", "20/11/2026 08:00");
    pages.put("/episode.html?id=" + ep, "20/11/2026 08:00");
    pages.put("/followup.html?episode=" + ep, "20/11/2026");
    pages.put("/reports.html?episode=" + ep, "20/11/2026");
    pages.put("/register.html", today);
    for (Map.Entry<String, String> page : pages.entrySet()) {
      driver.get(browser.base + page.getKey());
      browser.waitUntil(d -> visibleText().contains(page.getValue()));
      assertNoIsoDay(page.getKey());
    }
  }

  @Test
  void aFailedExportSaysWhyBesideItsButtonAndTheFileComesOtherwise() {
    browser.logIn(USER, "/register.html");
    browser.waitFor(By.id("reg-xlsx"));
    // to before from: the server refuses the export with its words
    driver.executeScript("const f = document.getElementById('rf-from'); f.value = '2026-12-10';"
        + "const t = document.getElementById('rf-to'); t.value = '2026-12-01';"
        + "f.form.dispatchEvent(new Event('change', { bubbles: true }));");
    driver.findElement(By.id("reg-xlsx")).click();
    By status = By.cssSelector("[data-download-status='reg-xlsx']");
    browser.waitText(status, "Ngày kết thúc phải sau ngày bắt đầu.");
    assertTrue(driver.getCurrentUrl().contains("/register.html"), driver.getCurrentUrl());
    assertEquals("error", driver.findElement(status).getAttribute("data-kind"));

    driver.executeScript("const f = document.getElementById('rf-from'); f.value = '';"
        + "document.getElementById('rf-to').value = '';"
        + "f.form.dispatchEvent(new Event('change', { bubbles: true }));");
    driver.findElement(By.id("reg-xlsx")).click();
    browser.waitUntil(d -> d.findElement(status).getText().startsWith("Đã tải tệp"));
    assertTrue(driver.findElement(status).getText().endsWith(".xlsx."), driver.findElement(status).getText());
    assertTrue(driver.getCurrentUrl().contains("/register.html"), driver.getCurrentUrl());
  }
}
