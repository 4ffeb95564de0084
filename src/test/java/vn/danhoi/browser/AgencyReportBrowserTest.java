package vn.danhoi.browser;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.Letters;
import vn.danhoi.support.TestNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An agency officer files the written report of an accountability session (seed 002) in the agency portal. */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class AgencyReportBrowserTest {

  static final String LAND = "Sở Nông nghiệp và Môi trường";

  static BrowserNode browser;

  @BeforeAll
  static void start(Vertx vertx) {
    browser = BrowserNode.start(vertx, "agency-report");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void anOfficerFilesTheReportBeforeTheSession() throws Exception {
    TestNode node = browser.node;
    browser.sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, ?, '{}')", UUID.randomUUID(), LAND);
    JsonObject created = node.postJson("/api/episodes", new JsonObject().put("title", "Phiên giải trình quý II")
        .put("topic", "Quản lý đất đai").put("startsAt", "2027-05-20T08:00:00+07:00").put("durationMinutes", 180)
        .put("kind", "accountability"), TestNode.ADMIN_TOKEN).bodyAsJsonObject();
    String episode = created.getString("id");
    browser.sql.rows("UPDATE episodes SET kind = 'accountability' WHERE id = ?", UUID.fromString(episode));
    assertEquals(201, node.postJson("/api/episodes/" + episode + "/accountability/agencies", new JsonObject()
        .put("agency", LAND).put("subjects", "Cấp giấy chứng nhận quyền sử dụng đất chậm")
        .put("reportDueAt", "2027-05-10"), TestNode.ADMIN_TOKEN).statusCode());
    assertEquals(201, node.postJson("/api/staff", new JsonObject().put("username", "snnmt")
        .put("displayName", "Lò Thị Hoa").put("password", "mat-khau-snnmt").put("roles", new JsonArray().add("agency"))
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
