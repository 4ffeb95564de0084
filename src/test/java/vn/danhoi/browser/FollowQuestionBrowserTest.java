package vn.danhoi.browser;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A citizen asks on the public form, is given the question's code, follows the link to the follow page, types the
 * last four digits of the phone and reads where the question stands; after the editors forward it, the page says
 * to which agency and by when. In both languages, and accessible.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class FollowQuestionBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "follow-question");

  @Test
  void aCitizenFollowsTheirQuestionByItsCode() {
    BrowserNode b = BROWSER.get();
    String episode = b.node.liveEpisode(null, null);
    b.driver.get(b.base + "/?episode=" + episode);
    b.waitFor(By.id("q-name")).sendKeys("Đặng Thị Ngọc");
    b.driver.findElement(By.id("q-locality")).sendKeys("Phường Trảng Bàng");
    b.driver.findElement(By.id("q-phone")).sendKeys("0913 246 810");
    b.driver.findElement(By.id("q-text")).sendKeys("Bao giờ tuyến xe buýt số 5 chạy qua chợ Trảng Bàng?");
    b.driver.findElement(By.id("q-consent")).click();
    b.driver.findElement(By.id("ask-submit")).click();
    String code = b.waitFor(By.cssSelector("#done-ref strong.ref")).getText();
    assertTrue(code.matches("[CFHJKMNPRTVX2-9]{4}-[CFHJKMNPRTVX2-9]{4}"), code);
    UUID id = (UUID) b.awaitRow("SELECT id FROM submissions WHERE receipt_code = ?", code.replace("-", "")).get("id");

    b.driver.findElement(By.cssSelector("#done-ref a")).click();
    b.waitFor(By.id("contact")).sendKeys("6810");
    assertEquals(code, b.driver.findElement(By.id("code")).getAttribute("value"));
    b.driver.findElement(By.id("go")).click();
    b.waitText(By.id("result-title"), "Câu hỏi mã số " + code);
    String page = b.driver.findElement(By.id("result")).getText();
    assertTrue(page.contains("Ban Biên tập đã nhận câu hỏi (trang thông tin điện tử)"), page);
    assertTrue(page.contains("Chưa chuyển cơ quan có trách nhiệm trả lời."), page);
    assertFalse(page.contains("0913") || page.contains("Đặng Thị Ngọc"), page);
    b.assertAccessible("track.html received");

    // the editors forward it; the same page, looked up again, names the agency and its deadline
    b.sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, 'Sở Xây dựng', '{}')", UUID.randomUUID());
    JsonObject assigned = b.node.postJson("/api/items/" + id + "/assign", new JsonObject().put("agency", "Sở Xây dựng"),
        b.node.token("editor")).bodyAsJsonObject();
    assertTrue(assigned.containsKey("assignments"), assigned.encode());
    b.driver.findElement(By.id("go")).click();
    b.waitText(By.cssSelector("#steps [data-step=forwarded]"), "Chuyển Sở Xây dựng trả lời");
    b.driver.findElement(By.cssSelector("[data-lang=en]")).click();
    b.waitText(By.cssSelector("#steps [data-step=forwarded]"), "Forwarded to Sở Xây dựng");

    // a wrong digit says nothing about the question
    b.driver.findElement(By.cssSelector("[data-lang=vi]")).click();
    b.driver.findElement(By.id("contact")).clear();
    b.driver.findElement(By.id("contact")).sendKeys("6811");
    b.driver.findElement(By.id("go")).click();
    b.waitText(By.id("alert"), "Không tìm thấy câu hỏi");
    assertFalse(b.driver.findElement(By.id("result")).isDisplayed());
  }
}
