package vn.danhoi.faults;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A PostgreSQL error that reaches the failure handler as it is (a PgException, not wrapped) is classified
 * before it becomes a 500: the states of an unavailable server answer 503 with Retry-After, a real SQL error
 * answers 500. PostgreSQL itself raises each state, from a trigger on the table the route writes.
 */
class OutageClassificationTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().vertx(settings -> Vertx.vertx());

  static TestNode node;

  @BeforeAll
  static void start() {
    node = NODE.node();
    // the episode's title names the SQL state the insert fails with
    NODE.sql().rows("CREATE FUNCTION fail_as_titled() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + "IF NEW.title LIKE 'state %' THEN RAISE EXCEPTION 'raised by the test' USING ERRCODE = substr(NEW.title, 7);"
        + " END IF; RETURN NEW; END $$; "
        + "CREATE TRIGGER fail_as_titled BEFORE INSERT ON episodes FOR EACH ROW EXECUTE FUNCTION fail_as_titled()");
  }
  static HttpResponse<Buffer> episodeTitled(String title) {
    return node.postJson("/api/episodes", new JsonObject().put("title", title).put("topic", "Nước sạch")
        .put("startsAt", "2026-12-20T20:00:00+07:00").put("durationMinutes", 60), TestNode.ADMIN_TOKEN);
  }

  @Test
  void aServerThatCannotServeNowIsA503WithRetryAfter() {
    // 57P03 cannot connect now (starting up, in recovery), 08006 connection failure, 53300 too many connections;
    // 57P01 (admin shutdown) is FATAL in a real server and closes the connection, which the client cannot
    // take as a plain error, so it is left to PostgresOutageTest's real outage
    for (String state : new String[] {"57P03", "08006", "53300"}) {
      HttpResponse<Buffer> r = episodeTitled("state " + state);
      assertEquals(503, r.statusCode(), state + ": " + r.bodyAsString());
      assertNotNull(r.getHeader("Retry-After"), state);
      assertEquals("service.unavailable", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
    }
  }

  @Test
  void aRealSqlErrorStaysA500WithoutDetails() {
    HttpResponse<Buffer> r = episodeTitled("state 22023");
    assertEquals(500, r.statusCode(), r.bodyAsString());
    assertEquals("internal", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(201, episodeTitled("Dân hỏi – Chính quyền trả lời").statusCode(), "other requests are served");
  }
}
