package vn.danhoi.browser;

import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports page in Chromium: an editor opens the second quarter of 2026, reads the totals, sees the five
 * server-drawn charts load, the overdue answers and the late conclusion items of every episode, narrows to a
 * month, and downloads the XLSX and PDF with the session's cookie.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class ReportsBrowserTest {

  static final String AGENCY = "Sở Xây dựng";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "reports");

  final BrowserNode browser = BROWSER.get();

  @Test
  void anEditorReadsTheQuarterAndDownloadsIt() {
    UUID may = episode("Nhà ở xã hội", "2026-05-21T20:00:00+07:00");
    UUID june = episode("Trật tự đô thị", "2026-06-18T20:00:00+07:00");
    UUID asked = question(may, "web", "Xã Hỏa Lựu", "Xây dựng", "received");
    question(may, "sms", "Phường 7", "Xây dựng", "answered");
    UUID late = question(june, "hotline", "Phường 7", "Đô thị", "received");
    // owed since July, reminded, not yet escalated; and a conclusion item past its date
    browser.sql.rows("INSERT INTO assignments (id, submission_id, episode_id, agency, due_at, escalate_at, status, "
        + "assigned_by, assigned_at, reminded_at) VALUES (?, ?, ?, 'Công an huyện', '2026-07-09T23:59:59+07', "
        + "'2026-07-16T23:59:59+07', 'assigned', 'kiem-thu', '2026-06-19T09:00:00+07', '2026-07-10T09:00:00+07')",
        UUID.randomUUID(), late, june);
    browser.sql.rows("INSERT INTO conclusions (episode_id, number, title, created_by) VALUES (?, 12, "
        + "'Kết luận chương trình Trật tự đô thị', 'kiem-thu')", june);
    browser.sql.rows("INSERT INTO conclusion_items (id, episode_id, position, text, owner_agency, due_at) VALUES "
        + "(?, ?, 1, 'Lập lại trật tự vỉa hè các tuyến đường trung tâm', 'UBND thành phố', '2026-09-30T23:59:59+07')",
        UUID.randomUUID(), june);
    UUID assignment = UUID.randomUUID();
    browser.sql.rows("INSERT INTO assignments (id, submission_id, episode_id, agency, due_at, escalate_at, status, "
        + "assigned_by, assigned_at) VALUES (?, ?, ?, ?, '2026-06-12T23:59:59+07', '2026-06-19T23:59:59+07', "
        + "'approved', 'kiem-thu', '2026-05-22T09:00:00+07')", assignment, asked, may, AGENCY);
    browser.sql.rows("INSERT INTO answers (id, assignment_id, submission_id, text, answered_by, answered_at, review) "
        + "VALUES (?, ?, ?, 'Đã bố trí quỹ đất', 'staff:so-xd', '2026-05-29T09:00:00+07', 'approved')",
        UUID.randomUUID(), assignment, asked);

    browser.account("vanphong.bc", "editor");
    browser.logIn("vanphong.bc", "/reports.html?period=2026-Q2");
    browser.waitText(By.id("rp-scope"), "Quý II/2026");
    assertEquals("3", total("questions"));
    assertEquals("1", total("onAir"));
    assertEquals("1", total("after"));
    assertEquals("1", total("pending"));
    assertEquals("7", total("median"));
    browser.waitText(By.id("rp-agencies"), AGENCY);
    browser.waitText(By.cssSelector("#rp-tables [data-by=locality]"), "Xã Hỏa Lựu");

    var wait = new WebDriverWait(browser.driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    // every chart is an SVG the browser decoded: an image that failed would have no natural width
    wait.until(d -> {
      List<?> widths = (List<?>) browser.driver.executeScript(
          "return [...document.querySelectorAll('#rp-charts img')].map(i => i.complete ? i.naturalWidth : 0)");
      return widths.size() == 6 && widths.stream().allMatch(w -> ((Number) w).intValue() > 0);
    });
    // what is late now, whatever the period: the council office's list and the standing committee's
    browser.waitText(By.id("rp-overdue"), "Công an huyện");
    browser.waitText(By.id("rp-overdue"), "Hỏi về Đô thị ở Phường 7");
    browser.waitText(By.id("rp-conclusions"), "Lập lại trật tự vỉa hè");
    assertEquals("1", browser.waitFor(By.cssSelector("#rp-conclusion-counts [data-count=overdue] dd")).getText());
    Browser.screenshot(browser.driver, "reports-quarter");

    for (String format : new String[] {"xlsx", "pdf"}) {
      String href = browser.driver.findElement(By.id("rp-" + format)).getAttribute("href");
      assertTrue(href.endsWith("/api/reports." + format + "?period=2026-Q2"), href);
      Object fetched = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done(r.status + ' ' + b.byteLength)))"
          + ".catch(e => done(String(e)));", href);
      assertTrue(String.valueOf(fetched).startsWith("200 "), format + ": " + fetched);
    }

    new Select(browser.driver.findElement(By.id("rp-kind"))).selectByValue("month");
    new Select(browser.driver.findElement(By.id("rp-month"))).selectByValue("6");
    browser.driver.findElement(By.cssSelector("#rp-form button[type=submit]")).click();
    browser.waitText(By.id("rp-scope"), "Tháng 6/2026");
    wait.until(d -> "1".equals(total("questions")));
    assertTrue(browser.driver.getCurrentUrl().endsWith("period=2026-06"), browser.driver.getCurrentUrl());
    browser.waitText(By.id("rp-questions"), "Phường 7");
    assertEquals(2, browser.sql.count("SELECT count(*) FROM events WHERE action = 'report.exported' "
        + "AND actor LIKE 'staff:%'"));
  }

  private static String total(String key) {
    BrowserNode browser = BROWSER.get();
    return browser.waitFor(By.cssSelector("#rp-totals [data-total=" + key + "] dd")).getText();
  }

  private static UUID episode(String title, String startsAt) {
    BrowserNode browser = BROWSER.get();
    UUID id = UUID.randomUUID();
    OffsetDateTime at = OffsetDateTime.parse(startsAt);
    browser.sql.rows("INSERT INTO episodes (id, title, starts_at, duration_minutes, intake_opens_at, intake_closes_at) "
        + "VALUES (?, ?, ?, 60, ?, ?)", id, title, at, at.minusDays(10), at.plusHours(1));
    return id;
  }

  private static UUID question(UUID episode, String channel, String locality, String field, String status) {
    BrowserNode browser = BROWSER.get();
    UUID id = UUID.randomUUID();
    browser.sql.rows("INSERT INTO submissions (id, episode_id, channel, asker_name, locality, text, consent_basis, "
        + "status, field) VALUES (?, ?, ?, 'Nguyễn Thị Hoa', ?, ?, 'consent-v1', ?, ?)", id, episode, channel, locality,
        "Hỏi về " + field + " ở " + locality, status, field);
    return id;
  }
}
