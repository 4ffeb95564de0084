package vn.danhoi.zalo;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.intake.ReceiptCode;
import vn.danhoi.support.FakeZaloOa;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receipt on Zalo (DANHOI_ZALO_ACK=on): queued with the question, sent through the OA API (a local fake of
 * it), refreshed once when the token expired, tried again after a rate limit, and failed for good, said in the
 * status, when the token cannot be renewed. Ordered: the last test spends the refresh token for good.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZaloAckTest {

  static final FakeZaloOa OA = FakeZaloOa.start();

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().withDataDir().with("DANHOI_ZALO_ACK", "on")
      .with("DANHOI_NOTICE_INTERVAL_MS", "100").with(OA::configure);

  static TestNode node;
  static Sql sql;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
  }

  @AfterAll
  static void stop() {
    OA.close();
  }

  /** A text to the OA; the receipt code it was given. */
  private static String ask(String userId, String messageId, String text) {
    HttpResponse<Buffer> r = node.zaloText(userId, messageId, text);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("receipt");
  }

  private static Map<String, Object> notice(String messageId, String status) {
    return sql.awaitRows(Duration.ofSeconds(15), "SELECT n.channel, n.recipient, n.status, n.error, n.provider, "
        + "n.provider_id, n.body FROM notifications n JOIN submissions s ON s.id = n.submission_id "
        + "WHERE s.external_id = ? AND n.status = ?", messageId, status).get(0);
  }

  @Test
  @Order(1)
  void receiptGoesToTheSenderOnZaloWithTheCode() {
    String id = "zmsg-" + UUID.randomUUID();
    String code = ask("8421000101", id, "Hỏi về lịch cắt điện tuần sau");

    Map<String, Object> n = notice(id, "sent");

    assertEquals("zalo", n.get("channel"));
    assertEquals("8421000101", n.get("recipient"));
    assertEquals("zalo-oa", n.get("provider"));
    List<FakeZaloOa.Sent> sent = OA.sent().stream().filter(s -> s.userId().equals("8421000101")).toList();
    assertEquals(1, sent.size());
    assertTrue(sent.get(0).text().contains(code), sent.get(0).text());
    assertTrue(sent.get(0).text().startsWith("Kính gửi Ông/Bà: Ban Biên tập đã nhận câu hỏi"), sent.get(0).text());
    assertEquals(FakeZaloOa.ACCESS_TOKEN, sent.get(0).token());
    assertTrue(OA.violations().isEmpty(), OA.violations().toString());
    assertEquals(ReceiptCode.format(code.replace("-", "")), code);
  }

  @Test
  @Order(2)
  void rateLimitedReceiptWaitsAndIsTriedAgain() {
    OA.answerNextMessage(-32, "Request exceeds rate limit");
    String id = "zmsg-" + UUID.randomUUID();
    ask("8421000102", id, "Hỏi về học phí");

    Map<String, Object> n = notice(id, "queued");
    sql.awaitRows(Duration.ofSeconds(15), "SELECT 1 FROM notifications n JOIN submissions s ON s.id = n.submission_id "
        + "WHERE s.external_id = ? AND n.error LIKE '-32%' AND n.next_attempt_at > now()", id);
    assertEquals("zalo", n.get("channel"));
    assertTrue(OA.sent().stream().noneMatch(s -> s.userId().equals("8421000102")));
  }

  @Test
  @Order(3)
  void expiredTokenIsRefreshedOnceAndTheReceiptSent() {
    OA.expireTokens();
    String id = "zmsg-" + UUID.randomUUID();
    ask("8421000103", id, "Hỏi về cấp nước");

    notice(id, "sent");

    FakeZaloOa.Sent sent = OA.sent().stream().filter(s -> s.userId().equals("8421000103")).findFirst().orElseThrow();
    assertFalse(FakeZaloOa.ACCESS_TOKEN.equals(sent.token()), "sent with the renewed token");
    assertTrue(OA.violations().isEmpty(), OA.violations().toString());
  }

  @Test
  @Order(4)
  void tokenThatCannotBeRenewedFailsTheReceiptAndTheStatusSaysSo() {
    OA.expireTokens();
    OA.refuseNextRefresh(-14014, "Invalid refresh token");
    String id = "zmsg-" + UUID.randomUUID();
    ask("8421000104", id, "Hỏi về đất đai");

    Map<String, Object> n = notice(id, "failed");

    assertTrue(String.valueOf(n.get("error")).contains("-216"), String.valueOf(n.get("error")));
    HttpResponse<Buffer> status = node.get("/api/admin/zalo/status", TestNode.ADMIN_TOKEN);
    assertEquals(200, status.statusCode(), status.bodyAsString());
    JsonObject s = status.bodyAsJsonObject();
    assertEquals("zalo", s.getString("platform"));
    assertEquals(true, s.getBoolean("configured"));
    assertEquals("invalid", s.getString("token"));
    assertTrue(s.getString("lastError").contains("-216"), s.encode());
    assertTrue(s.getLong("perMinute") >= 1, s.encode());
    // no credential ever leaves through the status
    assertFalse(s.encode().contains("zalo-oa-access-token") || s.encode().contains(TestNode.ZALO_OA_SECRET_KEY)
        || s.encode().contains(FakeZaloOa.APP_SECRET), s.encode());
    assertEquals(401, node.get("/api/admin/zalo/status", null).statusCode());
  }
}
