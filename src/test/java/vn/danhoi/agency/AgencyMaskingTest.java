package vn.danhoi.agency;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agency without the council office's grant sees the asker as initials, a phone number down to its last 3
 * digits, the e-mail masked and no number typed into the question, on every route the agency role reads;
 * with the grant it sees them in full, and again masked once the grant is revoked.
 */
@ExtendWith(VertxExtension.class)
class AgencyMaskingTest {

  static final String AGENCY = "Sở Tài nguyên và Môi trường";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;
  static Sql sql;
  static StaffSession editor;
  static StaffSession officer;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, ?, '{}')", UUID.randomUUID(), AGENCY);
    editor = StaffSession.create(node, "btv.quynh", "Lê Như Quỳnh (Ban biên tập)", List.of("editor"), null, null);
    officer = StaffSession.create(node, "stnmt.dung", "Hồ Văn Dũng", List.of("agency"), AGENCY, null);
  }

  @AfterAll
  static void stop() {
    officer.close();
    editor.close();
  }

  @Test
  void withoutAGrantTheAgencySeesInitialsAndAtMostTheLast3Digits() {
    String episode = node.liveEpisode(null, null);
    HttpResponse<Buffer> asked = node.postJson("/api/episodes/" + episode + "/questions", new JsonObject()
        .put("name", "Nguyễn Thị Hoa").put("phone", "0912 345 678").put("email", "hoa.nguyen84@gmail.com")
        .put("locality", "Phường 3, TP Vị Thanh")
        .put("text", "Sổ đỏ nhà tôi cấp sai diện tích, xin gọi lại 0912.345.678 để hẹn đo lại.")
        .put("consent", true), null);
    assertEquals(202, asked.statusCode(), asked.bodyAsString());
    String item = asked.bodyAsJsonObject().getString("id");
    JsonObject assigned = ok(editor.postJson("/api/items/" + item + "/assign", new JsonObject().put("agency", AGENCY)));
    String assignment = assigned.getJsonArray("assignments").getJsonObject(0).getString("id");

    List<String> routes = List.of("/api/agency/assignments", "/api/agency/assignments/" + assignment,
        "/api/agency/items");
    for (String route : routes) {
      String body = read(route);
      JsonObject question = question(route, body);
      assertEquals("N. T. H.", question.getString("askerName"), route + ": " + body);
      assertEquals("*******678", question.getString("phone"), route + ": " + body);
      assertEquals("h***@***.com", question.getString("email"), route + ": " + body);
      assertTrue(question.getString("text").startsWith("Sổ đỏ nhà tôi cấp sai diện tích"), body);
      for (String secret : List.of("Nguyễn Thị Hoa", "Nguyễn", "912345", "912.345", "345678", "345.678",
          "hoa.nguyen84")) {
        assertFalse(body.contains(secret), route + " shows '" + secret + "': " + body);
      }
    }

    HttpResponse<Buffer> granted = node.postJson("/api/privacy/agency-grants", new JsonObject().put("agency", AGENCY),
        TestNode.ADMIN_TOKEN);
    assertEquals(200, granted.statusCode(), granted.bodyAsString());
    for (String route : routes) {
      JsonObject question = question(route, read(route));
      assertEquals("Nguyễn Thị Hoa", question.getString("askerName"));
      assertEquals("0912345678", question.getString("phone"));
    }

    HttpResponse<Buffer> revoked = node.request("DELETE", "/api/privacy/agency-grants/"
        + URLEncoder.encode(AGENCY, StandardCharsets.UTF_8).replace("+", "%20"), null,
        TestNode.ADMIN_TOKEN);
    assertEquals(200, revoked.statusCode(), revoked.bodyAsString());
    for (String route : routes) {
      String body = read(route);
      assertEquals("N. T. H.", question(route, body).getString("askerName"));
      assertFalse(body.contains("912345") || body.contains("912.345"), body);
    }
  }

  private static String read(String route) {
    HttpResponse<Buffer> r = officer.get(route);
    assertEquals(200, r.statusCode(), route + ": " + r.bodyAsString());
    return r.bodyAsString();
  }

  /** The one question each route shows: in a list, or the assignment's own. */
  private static JsonObject question(String route, String body) {
    JsonObject json = new JsonObject(body);
    if (json.containsKey("items")) {
      assertEquals(1, json.getJsonArray("items").size(), route + ": " + body);
      JsonObject first = json.getJsonArray("items").getJsonObject(0);
      return first.containsKey("question") ? first.getJsonObject("question") : first;
    }
    return json.getJsonObject("question");
  }

  private static JsonObject ok(HttpResponse<Buffer> r) {
    assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.statusCode() + " " + r.bodyAsString());
    return r.bodyAsJsonObject();
  }
}
