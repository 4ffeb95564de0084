package vn.danhoi.notice;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.FakeSmsProviders;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Vietnamese brandname gateway connected by configuration alone (the eSMS.vn request shape, played by the
 * local fake): the receipt goes out as its template says, folded to one GSM-7 part, and the gateway's signed
 * delivery report, naming danhoi's notice id, marks it delivered.
 */
@ExtendWith(VertxExtension.class)
class HttpGatewayNoticesTest {

  static final Vertx FAKE_VERTX = Vertx.vertx();
  static final FakeSmsProviders FAKE = FakeSmsProviders.start(FAKE_VERTX);
  static final String REPORT_SECRET = "esms-report-secret-2026";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with("DANHOI_SMS_PROVIDER", "http")
      .with("DANHOI_SMS_HTTP_URL", FAKE.httpUrl())
      .with("DANHOI_SMS_HTTP_BODY", FakeSmsProviders.HTTP_TEMPLATE)
      .with("DANHOI_SMS_HTTP_BRANDNAME", FakeSmsProviders.BRANDNAME)
      .with("DANHOI_SMS_HTTP_SUCCESS_PATH", "CodeResult")
      .with("DANHOI_SMS_HTTP_SUCCESS_VALUES", "100")
      .with("DANHOI_SMS_HTTP_ID_PATH", "SMSID")
      .with("DANHOI_SMS_HTTP_ERROR_PATH", "ErrorMessage")
      .with("DANHOI_SMS_HTTP_REPORT_SECRET", REPORT_SECRET)
      .with("DANHOI_SMS_HTTP_REPORT_ID_PATH", "RequestId")
      .with("DANHOI_SMS_HTTP_REPORT_STATUS_PATH", "Status")
      .with("DANHOI_SMS_HTTP_DELIVERED_VALUES", "DELIVRD")
      .with("DANHOI_SMS_HTTP_FAILED_VALUES", "UNDELIV,REJECTD,EXPIRED")
      .with("DANHOI_SMS_HTTP_REPORT_CODE_PATH", "ErrorCode")
      .with("DANHOI_SMS_SHORT_CODE", "8077")
      .with("DANHOI_NOTICE_INTERVAL_MS", "100");

  @AfterAll
  static void stop() {
    FAKE.close();
    FAKE_VERTX.close().await();
  }

  @Test
  void theReceiptGoesThroughTheGatewayAndItsReportIsApplied() {
    TestNode node = NODE.node();
    node.liveEpisode("8077", "DT");
    HttpResponse<Buffer> in = node.sms("0935123456", "8077", "DT Xin hỏi lịch cắt điện ở phường Gò Dầu tuần tới.");
    assertEquals(200, in.statusCode(), in.bodyAsString());
    String code = in.bodyAsJsonObject().getString("receipt");
    UUID id = UUID.fromString(in.bodyAsJsonObject().getString("id"));

    FakeSmsProviders.Message out = FAKE.awaitMessages(1, Duration.ofSeconds(20)).get(0);
    assertEquals("http", out.provider());
    JsonObject sent = out.request().json();
    assertEquals("0935123456", sent.getString("Phone"));
    assertEquals(FakeSmsProviders.BRANDNAME, sent.getString("Brandname"));
    assertTrue(sent.getString("Content").contains(code), sent.encode());
    Map<String, Object> notice = NODE.sql().awaitRows(Duration.ofSeconds(20), "SELECT id, provider_id, segments "
        + "FROM notifications WHERE submission_id = ? AND status = 'sent'", id).get(0);
    assertEquals(notice.get("id").toString(), sent.getString("RequestId"));
    assertEquals(out.id(), notice.get("provider_id"));
    assertEquals(1, notice.get("segments"));

    String hook = "http://127.0.0.1:" + node.port() + "/api/sms/status/http";
    JsonObject report = new JsonObject().put("RequestId", notice.get("id").toString()).put("Status", "DELIVRD");
    assertEquals(401, TestNode.await(FAKE.post(FakeSmsProviders.httpReport(hook, "wrong-secret-000000", report))));
    assertEquals(404, TestNode.await(FAKE.post(FakeSmsProviders.httpReport(
        "http://127.0.0.1:" + node.port() + "/api/sms/status/twilio", REPORT_SECRET, report))));
    assertEquals(200, TestNode.await(FAKE.post(FakeSmsProviders.httpReport(hook, REPORT_SECRET, report))));
    NODE.sql().awaitRows(Duration.ofSeconds(5), "SELECT 1 FROM notifications WHERE id = ? AND status = 'delivered' "
        + "AND reported_at IS NOT NULL", notice.get("id"));
  }
}
