package vn.danhoi.faults;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same SMS delivered 1,000 times at once, the same Idempotency-Key 1,000 times at once: one row each. */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class DuplicateStormTest {

  static final int STORM = 1000;

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;
  static Sql sql;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
  }

  @Test
  void oneSmsDeliveredAThousandTimesAtOnceIsStoredOnce() {
    String episode = node.liveEpisode("8085", "DT");
    byte[] body = new JsonObject().put("from", "+84912777888").put("to", "8085")
        .put("text", "DT Xin hỏi lịch cắt điện tuần sau").put("messageId", "storm-1").encode()
        .getBytes(StandardCharsets.UTF_8);
    String signature = SmsSignature.sign(TestNode.SMS_SECRET, body);
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < STORM; i++) {
      all.add(node.parallel().post("/api/intake/sms").putHeader("Content-Type", "application/json")
          .putHeader("X-Signature-256", signature).sendBuffer(Buffer.buffer(body)));
    }
    TestNode.await(Future.join(all));
    assertEquals(STORM, all.stream().filter(f -> f.succeeded() && f.result().statusCode() == 200).count());
    Set<String> ids = all.stream().map(f -> f.result().bodyAsJsonObject().getString("id")).collect(Collectors.toSet());
    assertEquals(1, ids.size(), "every delivery is answered with the one stored id");
    assertEquals(STORM - 1, all.stream().filter(f -> f.result().bodyAsJsonObject().getBoolean("duplicate")).count());
    assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE external_id = 'storm-1'"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'submission.received' AND episode_id = ?",
        UUID.fromString(episode)));
  }

  @Test
  void oneIdempotencyKeyAThousandTimesAtOnceIsStoredOnce() {
    String episode = node.liveEpisode(null, null);
    String body = TestNode.question("Hà Văn Tuấn", "Bao giờ sửa cầu khỉ ở ấp 2?").encode();
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < STORM; i++) {
      all.add(node.parallel().post("/api/episodes/" + episode + "/questions").putHeader("Content-Type", "application/json")
          .putHeader("Idempotency-Key", "storm-key").sendBuffer(Buffer.buffer(body)));
    }
    TestNode.await(Future.join(all));
    assertEquals(STORM, all.stream().filter(f -> f.succeeded() && f.result().statusCode() == 202).count());
    assertEquals(1, all.stream().map(f -> f.result().bodyAsJsonObject().getString("id")).distinct().count());
    assertEquals(1, sql.count("SELECT count(*) FROM submissions WHERE idempotency_key = 'storm-key'"));
  }
}
