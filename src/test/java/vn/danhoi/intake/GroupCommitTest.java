package vn.danhoi.intake;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent questions share commits (group commit). What a 202 promises must hold for each of them: its
 * row, its event, its outbox row and its receipt notice are committed; copies of one request stored together
 * are one row; and a row the database refuses fails alone, not its whole group.
 */
@ExtendWith(VertxExtension.class)
class GroupCommitTest {

  static final int BURST = 300;

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
  void aBurstOfQuestionsIsStoredOneRowAndOneEventPerAcceptedRequest() {
    String episode = node.liveEpisode(null, null);
    List<Future<HttpResponse<Buffer>>> all = burst(episode, "Hỏi về đường Lê Lợi số ", -1);

    assertEquals(BURST, all.stream().filter(f -> f.result().statusCode() == 202).count());
    Set<UUID> ids = ids(all);
    assertEquals(BURST, ids.size());
    assertEquals(BURST, sql.count("SELECT count(*) FROM submissions WHERE episode_id = ? AND id = ANY(?::uuid[])",
        UUID.fromString(episode), ids.stream().map(UUID::toString).toArray(String[]::new)));
    assertEquals(BURST, sql.count("SELECT count(*) FROM events WHERE action = 'submission.received' "
        + "AND episode_id = ?", UUID.fromString(episode)));
    // each row's own event, outbox row and receipt notice, whatever group it was stored in
    assertEquals(BURST, sql.count("SELECT count(DISTINCT e.entity_id) FROM events e JOIN submissions s "
        + "ON e.entity_id = s.id::text WHERE e.action = 'submission.received' AND s.episode_id = ? "
        + "AND e.actor = 'public:web' AND e.address IS NULL AND e.after ->> 'channel' = 'web'",
        UUID.fromString(episode)));
    assertEquals(BURST, sql.count("SELECT count(*) FROM submission_queue q JOIN submissions s "
        + "ON s.id = q.submission_id AND s.seq = q.seq WHERE q.episode_id = ?", UUID.fromString(episode)));
    assertEquals(BURST, sql.count("SELECT count(*) FROM notifications n JOIN submissions s ON s.id = n.submission_id "
        + "WHERE n.kind = 'submission.receipt' AND n.channel = 'sms' AND n.recipient = s.phone "
        + "AND s.episode_id = ?", UUID.fromString(episode)));
    // a question's text is the one its request sent
    assertEquals(BURST, sql.count("SELECT count(*) FROM submissions WHERE episode_id = ? "
        + "AND text LIKE 'Hỏi về đường Lê Lợi số %' AND asker_name = 'Trần Thị Mai' AND consent "
        + "AND search_text LIKE '%hoi ve duong le loi so%'", UUID.fromString(episode)));
  }

  @Test
  void retriesOfOneRequestArrivingTogetherAreStoredOnceAndAllGetItsReceipt() {
    String episode = node.liveEpisode(null, null);
    int keys = 10;
    int copies = 10;
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < keys * copies; i++) {
      all.add(node.parallel().post("/api/episodes/" + episode + "/questions")
          .putHeader("Idempotency-Key", "retry-" + episode + "-" + (i % keys))
          .sendJsonObject(TestNode.question("Lê Văn Tám", "Câu hỏi gửi lại số " + (i % keys))));
    }
    TestNode.await(Future.join(all));

    for (int k = 0; k < keys; k++) {
      Set<String> answers = new HashSet<>();
      for (int i = k; i < all.size(); i += keys) {
        HttpResponse<Buffer> r = all.get(i).result();
        assertTrue(r.statusCode() == 200 || r.statusCode() == 202, r.statusCode() + " " + r.bodyAsString());
        answers.add(r.bodyAsJsonObject().getString("id") + " " + r.bodyAsJsonObject().getString("receipt"));
      }
      assertEquals(1, answers.size(), "every copy of request " + k + " is told the same id and code: " + answers);
    }
    assertEquals(keys, sql.count("SELECT count(*) FROM submissions WHERE episode_id = ?", UUID.fromString(episode)));
    assertEquals(keys, sql.count("SELECT count(*) FROM events WHERE action = 'submission.received' "
        + "AND episode_id = ?", UUID.fromString(episode)));
    assertEquals(keys, sql.count("SELECT count(*) FROM submission_queue WHERE episode_id = ?",
        UUID.fromString(episode)));
    assertEquals(keys, sql.count("SELECT count(*) FROM notifications n JOIN submissions s ON s.id = n.submission_id "
        + "WHERE n.kind = 'submission.receipt' AND s.episode_id = ?", UUID.fromString(episode)));
  }

  @Test
  void aRowTheDatabaseRefusesFailsAloneAndItsNeighboursAreStored() {
    String episode = node.liveEpisode(null, null);
    // stands in for any per-row refusal the validation did not foresee
    sql.rows("ALTER TABLE submissions ADD CONSTRAINT refuse_poison CHECK (text NOT LIKE '%THUỐC ĐỘC%')");
    try {
      List<Future<HttpResponse<Buffer>>> all = burst(episode, "Hỏi về cầu Bến Lức lần ", BURST / 2);

      List<HttpResponse<Buffer>> accepted = all.stream().map(Future::result)
          .filter(r -> r.statusCode() == 202).toList();
      assertEquals(BURST - 1, accepted.size());
      HttpResponse<Buffer> refused = all.get(BURST / 2).result();
      assertTrue(refused.statusCode() >= 500, refused.statusCode() + " " + refused.bodyAsString());
      assertTrue(refused.bodyAsJsonObject().containsKey("error"), refused.bodyAsString());
      Set<UUID> ids = ids(all);
      assertEquals(BURST - 1, sql.count("SELECT count(*) FROM submissions WHERE episode_id = ? AND id = ANY(?::uuid[])",
          UUID.fromString(episode), ids.stream().map(UUID::toString).toArray(String[]::new)));
      assertEquals(BURST - 1, sql.count("SELECT count(*) FROM submissions WHERE episode_id = ?",
          UUID.fromString(episode)));
      assertEquals(BURST - 1, sql.count("SELECT count(*) FROM events WHERE action = 'submission.received' "
          + "AND episode_id = ?", UUID.fromString(episode)));
    } finally {
      sql.rows("ALTER TABLE submissions DROP CONSTRAINT refuse_poison");
    }
  }

  private List<Future<HttpResponse<Buffer>>> burst(String episode, String text, int poisoned) {
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      String question = text + i + (i == poisoned ? " THUỐC ĐỘC" : "");
      all.add(node.parallel().post("/api/episodes/" + episode + "/questions")
          .sendJsonObject(TestNode.question("Trần Thị Mai", question)));
    }
    TestNode.await(Future.join(all));
    return all;
  }

  private static Set<UUID> ids(List<Future<HttpResponse<Buffer>>> all) {
    return all.stream().map(Future::result).filter(r -> r.statusCode() == 202)
        .map(r -> UUID.fromString(r.bodyAsJsonObject().getString("id"))).collect(Collectors.toSet());
  }
}
