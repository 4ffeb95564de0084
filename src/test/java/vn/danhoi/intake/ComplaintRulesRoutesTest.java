package vn.danhoi.intake;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.Api;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.support.Api.error;

/**
 * The office tunes the phrases that make a message a complaint or a denunciation: stored in the database
 * (seeded with the defaults when the node starts), read and replaced by admins only, every change logged.
 */
@ExtendWith(VertxExtension.class)
class ComplaintRulesRoutesTest {

  private static final String PATH = "/api/admin/intake-rules";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;
  static Sql sql;
  static Api api;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    api = new Api(node);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void theDefaultsAreSeededAndAnAdminReplacesThemWithTheChangeLogged() {
    assertEquals(String.join("|", ComplaintRules.DEFAULTS.complaint()),
        sql.rows("SELECT array_to_string(complaint, '|') AS p FROM intake_rules").get(0).get("p"),
        "the node seeds the defaults when it first loads the rules");
    JsonObject got = api.expect(200, HttpMethod.GET, PATH, null, TestNode.ADMIN_TOKEN);
    assertEquals(new JsonArray(ComplaintRules.DEFAULTS.denunciation()), got.getJsonArray("denunciation"));
    assertEquals(ComplaintRules.DEFAULTS.toJson(), got.getJsonObject("defaults"));

    JsonObject body = new JsonObject()
        .put("complaint", new JsonArray().add("Khiếu nại").add("  khieu  kien ").add("khiếu nại"))
        .put("denunciation", new JsonArray().add("TỐ CÁO"))
        .put("question", new JsonArray().add("thủ tục").add("ở đâu?"));
    JsonObject saved = api.expect(200, HttpMethod.PUT, PATH, body, TestNode.ADMIN_TOKEN);
    assertEquals(new JsonArray().add("khiếu nại").add("khieu kien"), saved.getJsonArray("complaint"),
        "lower case, punctuation and repeated spaces gone, each phrase once");
    assertEquals(new JsonArray().add("thủ tục").add("ở đâu"), saved.getJsonArray("question"));
    assertEquals(saved, api.expect(200, HttpMethod.GET, PATH, null, TestNode.ADMIN_TOKEN));
    assertEquals("tố cáo", sql.rows("SELECT array_to_string(denunciation, '|') AS p FROM intake_rules").get(0).get("p"));
    List<Map<String, Object>> events = sql.rows("SELECT actor, before::text AS before, after::text AS after FROM events "
        + "WHERE action = 'intake_rules.updated'");
    assertEquals(1, events.size());
    assertTrue(String.valueOf(events.get(0).get("before")).contains("tố giác"), "the rules before the change");
    assertTrue(String.valueOf(events.get(0).get("after")).contains("khieu kien"), "the rules after the change");

    api.expect(200, HttpMethod.PUT, PATH, ComplaintRules.DEFAULTS.toJson(), TestNode.ADMIN_TOKEN);
    assertEquals(2, sql.count("SELECT count(*) FROM events WHERE action = 'intake_rules.updated'"));
  }

  @Test
  void badRulesAreRefusedNamingTheListAndNothingChanges() {
    JsonObject good = ComplaintRules.DEFAULTS.toJson();
    error(api.send(HttpMethod.PUT, PATH, good.copy().put("complaint", new JsonArray().add("khiếu nại").add(3)),
        TestNode.ADMIN_TOKEN), 400, "complaint.invalid", "complaint");
    error(api.send(HttpMethod.PUT, PATH, good.copy().put("question", new JsonArray().add("?!")),
        TestNode.ADMIN_TOKEN), 400, "question.invalid", "question");
    JsonObject missing = good.copy();
    missing.remove("denunciation");
    error(api.send(HttpMethod.PUT, PATH, missing, TestNode.ADMIN_TOKEN), 400, "denunciation.required", "denunciation");
    error(api.send(HttpMethod.PUT, PATH, good.copy().put("complaint", new JsonArray().add(" ")),
        TestNode.ADMIN_TOKEN), 400, "complaint.required", "complaint");
    error(api.send(HttpMethod.PUT, PATH, good.copy().put("denunciation", new JsonArray()),
        TestNode.ADMIN_TOKEN), 400, "denunciation.required", "denunciation");
    error(api.send(HttpMethod.PUT, PATH, good.copy().put("complaint", new JsonArray().add("x".repeat(81))),
        TestNode.ADMIN_TOKEN), 400, "complaint.too_long", "complaint");
    assertEquals(0, sql.count("SELECT count(*) FROM events WHERE action = 'intake_rules.updated' "
        + "AND after::text LIKE '%?!%'"));
  }

  @Test
  void onlyAdminsReadOrChangeTheRules() {
    String editor = node.token("editor");
    assertEquals(403, api.send(HttpMethod.GET, PATH, null, editor).statusCode());
    assertEquals(403, api.send(HttpMethod.PUT, PATH, ComplaintRules.DEFAULTS.toJson(), editor).statusCode());
    assertEquals(401, api.send(HttpMethod.GET, PATH, null, null).statusCode());
  }
}
