package vn.danhoi.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.Letters;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An accountability session (phiên giải trình) in the browser: the office registers delegates to speak and orders
 * them, and an agency officer files the written report in the agency portal.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class AgencyReportBrowserTest {

  static final String LAND = "Sở Nông nghiệp và Môi trường";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "agency-report");

  final BrowserNode browser = BROWSER.get();

  @Test
  void theOfficeRegistersSpeakersAndOrdersThem() {
    String episode = session("Phiên giải trình về nước sạch nông thôn");
    browser.account("vanphong.hdnd", "editor");
    browser.logIn("vanphong.hdnd", "/session.html?episode=" + episode);
    browser.waitText(By.id("agencies"), LAND);
    speaker("Đại biểu Trần Văn Hùng", "Điểm cầu huyện Bến Lức", "Tiến độ cấp nước sạch xã Mỹ Yên");
    browser.waitText(By.id("speakers"), "Trần Văn Hùng");
    speaker("Đại biểu Lê Thị Thu", "Điểm cầu tỉnh", "Giá nước sinh hoạt năm 2027");
    browser.waitText(By.id("speakers"), "Lê Thị Thu");
    // the list is redrawn from the server after every change, so an element found a moment ago may be gone
    var wait = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
        .ignoring(StaleElementReferenceException.class);
    wait.until(d -> d.findElements(By.cssSelector("#speakers li")).size() == 2);
    wait.until(d -> {
      d.findElement(By.cssSelector("#speakers li:nth-child(2) button")).click();
      return true;
    });
    wait.until(d -> d.findElement(By.cssSelector("#speakers li:first-child")).getText().contains("Lê Thị Thu"));
    Browser.screenshot(browser.driver, "session-office");

    assertEquals("Đại biểu Lê Thị Thu", browser.sql.rows("SELECT delegate_name FROM speakers WHERE episode_id = ? "
        + "ORDER BY position LIMIT 1", UUID.fromString(episode)).get(0).get("delegate_name"));
  }

  private static void speaker(String name, String room, String subject) {
    BrowserNode browser = BROWSER.get();
    browser.driver.findElement(By.id("delegateName")).sendKeys(name);
    browser.driver.findElement(By.id("room")).sendKeys(room);
    browser.driver.findElement(By.id("subject")).sendKeys(subject);
    browser.driver.findElement(By.id("speaker-agency")).sendKeys(LAND);
    browser.driver.findElement(By.cssSelector("#speaker-form button[type=submit]")).click();
  }

  /** An accountability session with the land agency called to account, its report due 10/5/2027. */
  private static String session(String title) {
    BrowserNode browser = BROWSER.get();
    TestNode node = browser.node;
    browser.sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, ?, '{}') ON CONFLICT DO NOTHING",
        UUID.randomUUID(), LAND);
    JsonObject created = node.postJson("/api/episodes", new JsonObject().put("title", title)
        .put("topic", "Quản lý đất đai").put("startsAt", "2027-05-20T08:00:00+07:00").put("durationMinutes", 180),
        TestNode.ADMIN_TOKEN).bodyAsJsonObject();
    String episode = created.getString("id");
    browser.sql.rows("UPDATE episodes SET kind = 'accountability' WHERE id = ?", UUID.fromString(episode));
    assertEquals(201, node.postJson("/api/episodes/" + episode + "/accountability/agencies", new JsonObject()
        .put("agency", LAND).put("subjects", "Cấp giấy chứng nhận quyền sử dụng đất chậm")
        .put("reportDueAt", "2027-05-10"), TestNode.ADMIN_TOKEN).statusCode());
    return episode;
  }

  @Test
  void anOfficerFilesTheReportBeforeTheSession() throws Exception {
    TestNode node = browser.node;
    String episode = session("Phiên giải trình quý II");
    assertEquals(201, node.postJson("/api/staff", new JsonObject().put("username", "snnmt")
        .put("displayName", "Lò Thị Hoa").put("password", "Cây-đa-bến-nước-snnmt").put("roles", new JsonArray().add("agency"))
        .put("agency", LAND), TestNode.ADMIN_TOKEN).statusCode());

    browser.logIn("snnmt", "/agency.html");
    browser.waitText(By.id("ag-sessions"), "Phiên giải trình quý II");
    Path report = Files.createTempFile("bao-cao-giai-trinh", ".pdf");
    Files.write(report, Letters.PDF);
    browser.driver.findElement(By.cssSelector("#ag-sessions input[type=file]")).sendKeys(report.toString());
    browser.driver.findElement(By.cssSelector("#ag-sessions button[type=submit]")).click();
    browser.waitText(By.id("ag-reports-flash"), "Đã nộp báo cáo");
    new WebDriverWait(browser.driver, Duration.ofSeconds(15))
        .until(d -> d.findElement(By.id("ag-sessions")).getText().contains("Đã nộp 1 tệp"));
    Browser.screenshot(browser.driver, "agency-report");

    assertEquals(1, browser.sql.count("SELECT count(*) FROM session_reports r JOIN session_agencies s "
        + "ON s.id = r.session_agency_id WHERE s.agency = ? AND r.media_type = 'application/pdf'", LAND));
  }
}
