package vn.danhoi.notice;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The office's daily budget of SMS (the log provider here: every SMS counts, whoever sends it): past it, nothing
 * more goes out today and what waits is sent from the next day's midnight, in the council's time zone.
 */
@ExtendWith(VertxExtension.class)
class SmsDailyLimitTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with("DANHOI_SMS_PER_DAY", "3")
      .with("DANHOI_NOTICE_INTERVAL_MS", "100");

  @Test
  void pastTheDaysBudgetMessagesWaitForTomorrow() {
    TestNode node = NODE.node();
    Sql sql = NODE.sql();
    node.liveEpisode("8088", "HOI");
    for (int i = 1; i <= 5; i++) {
      HttpResponse<Buffer> r = node.sms("09140000" + (10 + i), "8088", "HOI Câu hỏi thứ " + i + " về học phí năm 2027");
      assertEquals(200, r.statusCode(), r.bodyAsString());
    }
    sql.awaitRows(Duration.ofSeconds(20), "SELECT 1 FROM notifications WHERE status = 'queued' "
        + "AND error LIKE 'Đã gửi đủ 3 tin nhắn trong ngày%' HAVING count(*) = 2");
    assertEquals(3, sql.count("SELECT count(*) FROM notifications WHERE channel = 'sms' AND status = 'sent'"));
    // tomorrow's midnight where the council sits, as the database counts days
    Map<String, Object> waiting = sql.rows("SELECT to_char(min(next_attempt_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', "
        + "'YYYY-MM-DD HH24:MI:SS') AS next, to_char((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 1, "
        + "'YYYY-MM-DD') || ' 00:00:00' AS tomorrow FROM notifications WHERE status = 'queued'").get(0);
    assertEquals(waiting.get("tomorrow"), waiting.get("next"));
  }
}
