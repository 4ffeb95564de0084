package vn.danhoi.browser;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seed 004 in a commune hall: an opinion typed while the network is down waits in the page and is stored once
 * when the network returns; at the meeting an editor marks opinions answered in the room or gives them to an
 * agency.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class DialogueOfflineBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "dialogue-offline")
      .beforeQuit(b -> b.driver.setNetworkConditions(new ChromiumNetworkConditions()));

  final BrowserNode browser = BROWSER.get();

  @Test
  void anOpinionTypedOfflineIsStoredOnceWhenTheNetworkReturns() {
    String episode = browser.node.liveEpisode(null, null);
    browser.sql.rows("UPDATE episodes SET kind = 'dialogue' WHERE id = ?", UUID.fromString(episode));
    browser.account("canbo.xa", "operator");
    browser.logIn("canbo.xa", "/dialogue.html?episode=" + episode);
    // nothing typed yet: the page has nothing to report as sent
    browser.waitUntil(d -> !d.findElements(By.cssSelector("[data-episode-context] .ec-title")).isEmpty());
    org.junit.jupiter.api.Assertions.assertEquals("", browser.driver.findElement(By.id("outbox")).getText());

    ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
    offline.setOffline(true);
    browser.driver.setNetworkConditions(offline);
    browser.driver.findElement(By.id("topic")).sendKeys("Đường giao thông nông thôn");
    browser.driver.findElement(By.id("commune")).sendKeys("Xã Mỹ Yên");
    browser.driver.findElement(By.id("askerName")).sendKeys("Ông Huỳnh Văn Bảy");
    browser.driver.findElement(By.id("text")).sendKeys("Đề nghị sớm nâng cấp đường liên ấp 3 – ấp 4.");
    browser.driver.findElement(By.cssSelector("#opinion-form button[type=submit]")).click();
    browser.waitText(By.id("outbox"), "chưa gửi được");
    assertEquals(0, browser.sql.count("SELECT count(*) FROM opinions"));

    browser.driver.setNetworkConditions(new ChromiumNetworkConditions());
    // the page sends what waits when the browser says it is online again, and every 15 s in any case
    new WebDriverWait(browser.driver, Duration.ofSeconds(30))
        .until(d -> d.findElement(By.id("outbox")).getText().contains("Đã gửi hết"));
    Browser.screenshot(browser.driver, "dialogue-offline");
    assertEquals(1, browser.sql.count("SELECT count(*) FROM opinions o JOIN submissions s ON s.id = o.submission_id "
        + "WHERE s.text = 'Đề nghị sớm nâng cấp đường liên ấp 3 – ấp 4.'"));
  }

  @Test
  void anEditorMarksOneOpinionAnsweredInTheRoomAndAssignsAnother() {
    String episode = browser.node.liveEpisode(null, null);
    browser.sql.rows("UPDATE episodes SET kind = 'dialogue' WHERE id = ?", UUID.fromString(episode));
    browser.sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, 'Phòng Quản lý đô thị huyện', '{}')",
        UUID.randomUUID());
    for (String text : List.of("Xin hỏi thời gian cấp nước sạch cho ấp 5.", "Đèn đường ấp 2 hỏng đã lâu.")) {
      assertEquals(201, browser.node.postJson("/api/episodes/" + episode + "/opinions", new JsonObject()
          .put("stage", "meeting").put("topic", "Hạ tầng").put("text", text), TestNode.ADMIN_TOKEN)
          .statusCode());
    }
    browser.account("bientap.xa", "editor");
    browser.logIn("bientap.xa", "/dialogue.html?episode=" + episode);
    browser.waitText(By.id("list"), "Đèn đường ấp 2");

    // the list is redrawn from the server after every change: each step finds its row afresh, and starts over
    // if the row was redrawn under it
    var wait = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
        .ignoring(StaleElementReferenceException.class);
    wait.until(d -> {
      var water = d.findElement(By.xpath("//li[contains(., 'nước sạch cho ấp 5')]"));
      water.findElement(By.cssSelector("input[placeholder='Người trả lời tại hội nghị']")).sendKeys("Ông Chủ tịch UBND huyện");
      water.findElement(By.xpath(".//button[contains(., 'Đã trả lời')]")).click();
      return true;
    });
    browser.waitText(By.id("list"), "Đã trả lời: Ông Chủ tịch UBND huyện");
    wait.until(d -> {
      var light = d.findElement(By.xpath("//li[contains(., 'Đèn đường ấp 2')]"));
      light.findElement(By.cssSelector("input[placeholder='Cơ quan giải quyết']")).sendKeys("Phòng Quản lý đô thị huyện");
      light.findElement(By.xpath(".//button[contains(., 'Giao cơ quan')]")).click();
      return true;
    });
    browser.waitText(By.id("list"), "Giao Phòng Quản lý đô thị huyện");
    Browser.screenshot(browser.driver, "dialogue-meeting");

    assertEquals(1, browser.sql.count("SELECT count(*) FROM opinions WHERE episode_id = ? "
        + "AND answered_by = 'Ông Chủ tịch UBND huyện'", UUID.fromString(episode)));
    assertEquals(1, browser.sql.count("SELECT count(*) FROM assignments WHERE episode_id = ? "
        + "AND agency = 'Phòng Quản lý đô thị huyện'", UUID.fromString(episode)));
  }
}
