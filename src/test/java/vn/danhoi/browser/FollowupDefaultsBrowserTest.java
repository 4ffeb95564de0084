package vn.danhoi.browser;

import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.danhoi.support.Browser;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #19, point 1, at the editors' 1366×768 laptops: in followup.html no agency or field is chosen for the
 * editor. A question without a suggestion starts on "— Chọn cơ quan —" and "Giao" stays disabled until an agency
 * is picked (the first agency of the list, the power company, is not one click away); a proposed agency is
 * marked "Gợi ý"; once an agency sent a question back, it is neither proposed nor choosable for it.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class FollowupDefaultsBrowserTest {

  static final String POWER = "Công ty Điện lực Long An";
  static final String TRANSPORT = "Sở Giao thông Vận tải";
  static final String DISTRICT = "UBND huyện Bến Lức";
  static final String LAMP = "Đèn đường ấp Phước Hòa tắt cả tháng nay, khi nào sửa?";
  static final String BRIDGE = "Cầu Kênh Xáng sụt lún, khi nào sửa chữa?";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "followup-defaults", 1366, 768);

  final BrowserNode b = BROWSER.get();

  static WebElement row(String text) {
    BrowserNode b = BROWSER.get();
    return b.waitUntil(d -> d.findElements(By.cssSelector("#fu-open-rows tr")).stream()
        .filter(r -> r.getText().contains(text)).findFirst().orElse(null));
  }

  @Test
  void noAgencyIsChosenForTheEditorAndOneThatSentTheQuestionBackIsNotProposed() {
    for (String name : new String[] {POWER, TRANSPORT, DISTRICT}) {
      b.sql.rows("INSERT INTO agencies (id, name) VALUES (?, ?)", UUID.randomUUID(), name);
    }
    // the catalogue routes the field "Giao thông" to the district
    b.sql.rows("INSERT INTO fields (id, name, agency_id) SELECT ?, 'Giao thông', id FROM agencies WHERE name = ?",
        UUID.randomUUID(), DISTRICT);
    UUID episode = UUID.randomUUID();
    OffsetDateTime start = OffsetDateTime.now().minusHours(3);
    b.sql.rows("INSERT INTO episodes (id, title, starts_at, duration_minutes, intake_opens_at, intake_closes_at) "
        + "VALUES (?, 'Hạ tầng nông thôn Bến Lức', ?, 60, ?, ?)", episode, start, start.minusDays(15), start.plusHours(1));
    UUID lamp = UUID.randomUUID();
    b.sql.rows("INSERT INTO submissions (id, episode_id, channel, asker_name, locality, text, consent, consent_basis) "
        + "VALUES (?, ?, 'web', 'Mai Thị Xuân', 'Xã Thạnh Lợi', ?, true, 'consent-v1')", lamp, episode, LAMP);
    UUID bridge = UUID.randomUUID();
    b.sql.rows("INSERT INTO submissions (id, episode_id, channel, asker_name, locality, text, consent, consent_basis, "
        + "suggested_field, suggested_agency) VALUES (?, ?, 'hotline', 'Trương Văn Lộc', 'Xã Lương Hòa', ?, true, "
        + "'consent-v1', 'Giao thông', ?)", bridge, episode, BRIDGE, TRANSPORT);
    b.account("bientap.macdinh", "editor");
    b.account("sogtvt.macdinh", "agency", TRANSPORT);
    String page = "/followup.html?episode=" + episode;

    b.logIn("bientap.macdinh", page);
    // the question nobody suggested an agency for: nothing chosen, "Giao" disabled, no suggestion shown
    WebElement lampRow = row(LAMP);
    Select lampAgency = new Select(lampRow.findElement(By.cssSelector("select.fu-agencies")));
    assertEquals("", lampAgency.getFirstSelectedOption().getAttribute("value"));
    assertEquals("— Chọn cơ quan —", lampAgency.getFirstSelectedOption().getText());
    WebElement lampSend = lampRow.findElement(By.cssSelector("button.btn-primary"));
    assertFalse(lampSend.isEnabled(), "Giao before an agency is chosen");
    assertTrue(lampRow.findElements(By.cssSelector(".fu-suggestion")).isEmpty());
    // the bulk form chooses no field and no agency either
    assertEquals("", new Select(b.driver.findElement(By.id("fu-bulk-field"))).getFirstSelectedOption()
        .getAttribute("value"));
    assertFalse(b.driver.findElement(By.cssSelector("#fu-bulk button[type=submit]")).isEnabled());

    // the keyword suggestion is chosen and marked as one
    WebElement bridgeRow = row(BRIDGE);
    assertEquals(TRANSPORT, new Select(bridgeRow.findElement(By.cssSelector("select.fu-agencies")))
        .getFirstSelectedOption().getAttribute("value"));
    WebElement mark = bridgeRow.findElement(By.cssSelector(".fu-suggestion"));
    assertTrue(mark.isDisplayed());
    assertEquals("Gợi ý", mark.getText());
    Browser.screenshot(b.driver, "followup-1366x768");

    // chosen by the editor, the lamp goes to the district; the bridge to the suggested Sở
    lampAgency.selectByValue(DISTRICT);
    assertTrue(lampSend.isEnabled());
    lampSend.click();
    b.awaitRow("SELECT id FROM assignments WHERE submission_id = ? AND agency = ?", lamp, DISTRICT);
    b.clickWhenReady(By.cssSelector("#fu-open-rows tr[data-id='" + bridge + "'] button.btn-primary"));
    b.awaitRow("SELECT id FROM assignments WHERE submission_id = ? AND agency = ?", bridge, TRANSPORT);

    // the Sở sends it back from its portal: not its competence
    b.logIn("sogtvt.macdinh", "/agency.html");
    WebElement card = b.waitUntil(d -> d.findElements(By.cssSelector("#ag-list .fu-card")).stream()
        .filter(c -> c.getText().contains(BRIDGE)).findFirst().orElse(null));
    card.findElement(By.cssSelector(".fu-actions input")).sendKeys("Cầu thuộc huyện quản lý, không thuộc thẩm quyền của Sở.");
    card.findElement(By.cssSelector(".fu-actions button")).click();
    b.awaitRow("SELECT id FROM assignments WHERE submission_id = ? AND status = 'sent_back'", bridge);

    // back in the editors' list: the Sở is neither proposed nor choosable; the field's agency is the suggestion
    b.logIn("bientap.macdinh", page);
    WebElement back = row(BRIDGE);
    Select again = new Select(back.findElement(By.cssSelector("select.fu-agencies")));
    assertEquals(DISTRICT, again.getFirstSelectedOption().getAttribute("value"));
    assertEquals("Gợi ý", back.findElement(By.cssSelector(".fu-suggestion")).getText());
    WebElement refused = back.findElement(By.cssSelector("option[value='" + TRANSPORT + "']"));
    assertFalse(refused.isEnabled(), "the agency that sent it back cannot be chosen again");
    assertEquals(TRANSPORT + " (đã chuyển lại)", refused.getText());
    assertTrue(back.getText().contains(TRANSPORT + " chuyển lại"), back.getText());
    // the editor moves away from the suggestion: the mark goes, and back on "— Chọn cơ quan —" nothing can be sent
    again.selectByValue("");
    assertFalse(back.findElement(By.cssSelector(".fu-suggestion")).isDisplayed());
    assertFalse(back.findElement(By.cssSelector("button.btn-primary")).isEnabled());

    // the whole field at once: the catalogue's agency of the field chosen is proposed, marked
    new Select(b.driver.findElement(By.id("fu-bulk-field"))).selectByValue("Giao thông");
    assertEquals(DISTRICT, new Select(b.driver.findElement(By.id("fu-bulk-agency"))).getFirstSelectedOption()
        .getAttribute("value"));
    assertTrue(b.driver.findElement(By.cssSelector("#fu-bulk .fu-suggestion")).isDisplayed());
    assertTrue(b.driver.findElement(By.cssSelector("#fu-bulk button[type=submit]")).isEnabled());
    b.assertAccessible("followup.html with a question sent back");
  }
}
