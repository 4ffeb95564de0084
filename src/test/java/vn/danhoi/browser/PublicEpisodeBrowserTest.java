package vn.danhoi.browser;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.danhoi.support.Api;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a citizen reads on an episode's public page (issue 18, point 5): a recorded program with every channel
 * the office announced and the time it goes on air; an accountability session described as one, taking
 * opinions and recommendations, never "Đặt câu hỏi" nor "phát sóng" when it is not broadcast.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class PublicEpisodeBrowserTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass BROWSER = BrowserNode.perClass(NODE, "public-episode");

  static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
  static final OffsetDateTime START = OffsetDateTime.now(VIETNAM).plusDays(12).truncatedTo(ChronoUnit.HOURS);
  static final OffsetDateTime BROADCAST = START.plusDays(2).withHour(20).withMinute(0);
  static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  final BrowserNode b = BROWSER.get();
  static Api api;

  @BeforeAll
  static void start() {
    BrowserNode b = BROWSER.get();
    api = new Api(b.node);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  static JsonObject episode(String title, String kind, JsonArray platforms, String venue) {
    return new JsonObject().put("title", title).put("startsAt", START.format(ISO)).put("durationMinutes", 45)
        .put("kind", kind).put("platforms", platforms).put("venue", venue)
        .put("intake", new JsonObject()
            .put("opensAt", OffsetDateTime.now(VIETNAM).minusDays(1).truncatedTo(ChronoUnit.MINUTES).format(ISO))
            .put("closesAt", START.minusDays(1).format(ISO))
            .put("hotline", new JsonArray().add("0297 3862 111"))
            .put("smsNumber", "8085").put("smsKeyword", "DT")
            .put("emailAddress", "vanphong@hdnd.kiengiang.gov.vn")
            .put("postalAddress", "Văn phòng HĐND tỉnh, số 6 Nguyễn Công Trứ, phường Rạch Giá, tỉnh An Giang"));
  }

  /** "20 giờ 00, ngày 14/12/2026": how the page writes a time. */
  static String when(OffsetDateTime t) {
    return t.atZoneSameInstant(VIETNAM).format(DateTimeFormatter.ofPattern("HH 'giờ' mm, 'ngày' dd/MM/yyyy"));
  }

  @Test
  void aRecordedProgramShowsEveryChannelAndItsBroadcastTimeAndASessionIsDescribedAsOne() {
    b.account("vanphong.cong", "admin");
    String recorded = api.expect(201, HttpMethod.POST, "/api/episodes", episode("Dân hỏi – Chính quyền trả lời số 24",
        "recorded", new JsonArray().add("tv").add("youtube"), "Trường quay Đài PT-TH"), TestNode.ADMIN_TOKEN)
        .getString("id");
    String session = api.expect(201, HttpMethod.POST, "/api/episodes", episode("Giải trình về bồi thường, tái định cư",
        "accountability", new JsonArray(), "Hội trường HĐND tỉnh"), TestNode.ADMIN_TOKEN).getString("id");

    // the office announces the broadcast on the planning page
    b.logIn("vanphong.cong", "/programs.html?edit=" + recorded + "#episodes");
    WebElement broadcastAt = b.waitFor(By.cssSelector("#panel-episodes [name='broadcastAt']"));
    // the editor fills in the episode once its details arrive: set the time after that, not before
    new WebDriverWait(b.driver, Duration.ofSeconds(15)).until(d -> "Dân hỏi – Chính quyền trả lời số 24".equals(
        d.findElement(By.cssSelector("#panel-episodes [name='title']")).getDomProperty("value")));
    b.driver.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
        broadcastAt, BROADCAST.toLocalDateTime().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
    b.driver.findElement(By.cssSelector("#panel-episodes [data-part='submit']")).click();
    // the list already shows the title before the save: wait for the row itself
    new WebDriverWait(b.driver, Duration.ofSeconds(15)).until(d -> b.sql.count("SELECT count(*) FROM episodes "
        + "WHERE id = ?::uuid AND broadcast_at = ?::timestamptz", recorded, BROADCAST.format(ISO)) == 1);

    // the recorded program's own page
    b.driver.manage().deleteAllCookies();
    b.driver.get(b.base + "/?episode=" + recorded);
    b.waitText(By.cssSelector("li.episode-card[data-episode='" + recorded + "']"), "Phát sóng lúc " + when(BROADCAST));
    WebElement card = b.driver.findElement(By.cssSelector("li.episode-card[data-episode='" + recorded + "']"));
    String text = card.getText();
    for (String shown : new String[] {
        "Chương trình ghi hình", "Ghi hình lúc " + when(START), "Trên: Truyền hình, YouTube",
        "Đường dây nóng: 0297 3862 111", "Tin nhắn: soạn DT <nội dung> gửi 8085",
        "Thư điện tử: vanphong@hdnd.kiengiang.gov.vn",
        "Thư gửi qua bưu điện: Văn phòng HĐND tỉnh, số 6 Nguyễn Công Trứ, phường Rạch Giá, tỉnh An Giang",
        "Mẫu “Gửi câu hỏi” trên trang này", "Thời gian tiếp nhận: từ ", "đến " + when(START.minusDays(1)),
        "Đang tiếp nhận."}) {
      assertTrue(text.contains(shown), "the recorded program's page shows «" + shown + "»:\n" + text);
    }
    assertEquals("Gửi câu hỏi", card.findElement(By.cssSelector(".actions button")).getText());
    assertEquals(1, b.driver.findElements(By.cssSelector("li.episode-card")).size(), "its own page, only it");

    // the accountability session's own page
    b.driver.get(b.base + "/?episode=" + session);
    b.waitText(By.cssSelector("li.episode-card[data-episode='" + session + "']"), "Phiên giải trình của Thường trực HĐND");
    WebElement sessionCard = b.driver.findElement(By.cssSelector("li.episode-card[data-episode='" + session + "']"));
    String sessionText = sessionCard.getText();
    for (String shown : new String[] {
        "Địa điểm: Hội trường HĐND tỉnh", "Thời gian: " + when(START) + " (45 phút)", "Cách gửi ý kiến, kiến nghị",
        "Tin nhắn: soạn DT <nội dung> gửi 8085", "Thư điện tử: vanphong@hdnd.kiengiang.gov.vn",
        "Mẫu “Gửi ý kiến, kiến nghị” trên trang này"}) {
      assertTrue(sessionText.contains(shown), "the session's page shows «" + shown + "»:\n" + sessionText);
    }
    WebElement send = sessionCard.findElement(By.cssSelector(".actions button"));
    assertEquals("Gửi ý kiến, kiến nghị", send.getText());
    send.click();
    b.waitText(By.id("ask-submit"), "Gửi ý kiến, kiến nghị");
    assertEquals("Ý kiến, kiến nghị", b.driver.findElement(By.id("ask-heading")).getText());
    String page = b.driver.findElement(By.tagName("body")).getText();
    assertFalse(page.contains("Đặt câu hỏi"), page);
    assertFalse(page.toLowerCase(Locale.ROOT).contains("phát sóng"), "a session not broadcast is never «phát sóng»:\n"
        + page);
    // the locality hint is another part of issue 18's (the communes after 2025) and left to it
    String addressed = page.replace(b.driver.findElement(By.id("q-locality-hint")).getText(), "");
    assertFalse(addressed.contains("bạn") || addressed.contains("Bạn"), "citizens are Ông/Bà, never «bạn»:\n" + page);

    // the home page lists both, each as what it is
    b.driver.get(b.base + "/");
    b.waitText(By.id("open-list"), "Phiên giải trình của Thường trực HĐND");
    String home = b.driver.findElement(By.id("open-list")).getText();
    assertTrue(home.contains("Phát sóng lúc " + when(BROADCAST)), home);
    assertTrue(home.contains("Thư gửi qua bưu điện:"), home);
  }
}
