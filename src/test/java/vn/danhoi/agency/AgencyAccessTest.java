package vn.danhoi.agency;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An agency officer (Sở Công Thương) logged in with a browser session: sees only the questions assigned to
 * her agency, with the askers' contact data masked until the council office grants her agency access; each
 * view of unmasked data is in the audit log; the editors' queue and the live sockets are closed to her.
 */
@ExtendWith(VertxExtension.class)
class AgencyAccessTest {

  static final String CONG_THUONG = "Sở Công Thương";
  static final String Y_TE = "Sở Y tế";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with("DANHOI_TRUST_PROXY", "true");

  static TestNode node;
  static Sql sql;
  static String editor;
  static String episode;
  static StaffSession congThuong;
  static StaffSession yTe;
  /** Questions for Sở Công Thương: a web question and a hotline call; one for Sở Y tế; one not yet assigned. */
  static String electricity;
  static String meter;
  static String hospital;
  static String unassigned;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    editor = node.token("editor");
    episode = node.liveEpisode(null, null);

    electricity = web("Nguyễn Văn Tâm", "0912 345 678", "vantam.nguyen@gmail.com",
        "Giá điện bậc thang mùa nắng nóng có được điều chỉnh không?");
    HttpResponse<Buffer> call = node.postJson("/api/episodes/" + episode + "/calls", new JsonObject()
        .put("callerName", "Lương Thị Mận").put("callerPhone", "0903 123 456").put("locality", "Ấp Bình Thạnh")
        .put("text", "Công tơ điện nhà tôi bị thay mà không báo trước").put("readyForAir", true)
        .put("callbackPhone", "0272 3826 999").put("notes", "Bà Mận nhờ con gái nghe máy"), node.token("operator"));
    assertEquals(201, call.statusCode(), call.bodyAsString());
    meter = call.bodyAsJsonObject().getString("id");
    hospital = web("Phạm Văn Khang", "0987 111 222", "khang.pham@gmail.com",
        "Bệnh viện huyện khi nào có máy chạy thận nhân tạo?");
    unassigned = web("Trịnh Thị Hoa", "0909 333 444", null, "Đường vào trường tiểu học ngập nước khi mưa");
    categorize(electricity, CONG_THUONG);
    categorize(meter, CONG_THUONG);
    categorize(hospital, Y_TE);

    congThuong = StaffSession.create(node, "ct.tranthilan", "Trần Thị Lan (Sở Công Thương)", List.of("agency"),
        CONG_THUONG, "10.50.1.1");
    yTe = StaffSession.create(node, "yt.levanphuc", "Lê Văn Phúc (Sở Y tế)", List.of("agency"), Y_TE, "10.50.2.1");
  }

  @AfterAll
  static void stop() {
    congThuong.close();
    yTe.close();
  }

  @Test
  void anOfficerSeesOnlyHerAgencysQuestions() {
    HttpResponse<Buffer> r = congThuong.get("/api/agency/items");
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(Set.of(electricity, meter), Set.copyOf(ids(r)));
    for (Object o : r.bodyAsJsonObject().getJsonArray("items")) {
      assertEquals(CONG_THUONG, ((JsonObject) o).getString("agency"));
    }
    String body = r.bodyAsString();
    for (String other : List.of("máy chạy thận", "Phạm Văn Khang", "Trịnh Thị Hoa", "ngập nước")) {
      assertFalse(body.contains(other), "another agency's or an unassigned question: " + other);
    }

    HttpResponse<Buffer> health = yTe.get("/api/agency/items");
    assertEquals(200, health.statusCode(), health.bodyAsString());
    assertEquals(List.of(hospital), ids(health));
    assertFalse(health.bodyAsString().contains("Giá điện bậc thang"));

    // the council office sees every assigned question, and only assigned ones
    HttpResponse<Buffer> all = node.get("/api/agency/items", TestNode.ADMIN_TOKEN);
    assertEquals(200, all.statusCode(), all.bodyAsString());
    assertEquals(Set.of(electricity, meter, hospital), Set.copyOf(ids(all)));

    // a machine token with the agency role belongs to no agency: it sees nothing
    HttpResponse<Buffer> noAgency = node.get("/api/agency/items", node.token("agency"));
    assertEquals(403, noAgency.statusCode(), noAgency.bodyAsString());
    assertEquals(401, node.get("/api/agency/items", null).statusCode());
    assertEquals(403, node.get("/api/agency/items", editor).statusCode());
  }

  @Test
  void contactsAreMaskedUntilTheAgencyIsGrantedAndEveryGrantedViewIsLogged() {
    long viewsBefore = views(congThuong);

    JsonObject masked = list(congThuong, "10.50.1.10");
    assertEquals(false, masked.getBoolean("contactsVisible"));
    JsonObject e = item(masked, electricity);
    assertEquals("*******678", e.getString("phone"));
    // masks that mask: initials, the last 3 digits at most, the e-mail down to a letter and the top domain
    assertEquals("v***@***.com", e.getString("email"));
    assertEquals("N. V. T.", e.getString("askerName"));
    assertEquals("Giá điện bậc thang mùa nắng nóng có được điều chỉnh không?", e.getString("text"));
    JsonObject m = item(masked, meter);
    assertEquals("*******456", m.getString("phone"));
    assertEquals("********999", m.getString("callbackPhone"));
    assertNull(m.getValue("notes"));
    assertHidden(masked.encode());
    assertEquals(viewsBefore, views(congThuong), "nothing was shown, so nothing to log");

    HttpResponse<Buffer> grant = node.postJson("/api/privacy/agency-grants", new JsonObject().put("agency", CONG_THUONG),
        TestNode.ADMIN_TOKEN);
    assertEquals(200, grant.statusCode(), grant.bodyAsString());
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'privacy.contact_granted' AND entity_id = ?",
        CONG_THUONG));
    try {
      JsonObject visible = list(congThuong, "10.50.1.11");
      assertEquals(true, visible.getBoolean("contactsVisible"));
      JsonObject ev = item(visible, electricity);
      assertEquals("0912345678", ev.getString("phone"));
      assertEquals("vantam.nguyen@gmail.com", ev.getString("email"));
      JsonObject mv = item(visible, meter);
      assertEquals("0903123456", mv.getString("phone"));
      assertEquals("02723826999", mv.getString("callbackPhone"));
      assertEquals("Bà Mận nhờ con gái nghe máy", mv.getString("notes"));
      assertEquals(viewsBefore + 1, views(congThuong));
      Map<String, Object> event = sql.rows("SELECT actor, entity_type, address, after::text AS after FROM events "
          + "WHERE action = 'contact.viewed' AND actor = ? ORDER BY id DESC LIMIT 1", congThuong.actor()).get(0);
      assertEquals("agency.items", event.get("entity_type"));
      assertEquals("10.50.1.11", event.get("address"));
      assertEquals(2, new JsonObject((String) event.get("after")).getInteger("items"));

      list(congThuong, "10.50.1.12");
      assertEquals(viewsBefore + 2, views(congThuong), "every granted view is logged");
      assertEquals("10.50.1.12", sql.rows("SELECT address FROM events WHERE action = 'contact.viewed' AND actor = ? "
          + "ORDER BY id DESC LIMIT 1", congThuong.actor()).get(0).get("address"));

      // the grant is for Sở Công Thương only
      long healthViews = views(yTe);
      JsonObject other = list(yTe, "10.50.2.10");
      assertEquals(false, other.getBoolean("contactsVisible"));
      assertEquals("*******222", item(other, hospital).getString("phone"));
      assertFalse(other.encode().contains("0987111222"));
      assertEquals(healthViews, views(yTe));
    } finally {
      HttpResponse<Buffer> revoke = adminDelete("/api/privacy/agency-grants/" + path(CONG_THUONG));
      assertEquals(200, revoke.statusCode(), revoke.bodyAsString());
    }
    assertEquals(0, sql.count("SELECT count(*) FROM agency_contact_grants"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'privacy.contact_revoked' AND entity_id = ?",
        CONG_THUONG));

    long afterRevoke = views(congThuong);
    JsonObject again = list(congThuong, "10.50.1.13");
    assertEquals(false, again.getBoolean("contactsVisible"));
    assertEquals("*******678", item(again, electricity).getString("phone"));
    assertNull(item(again, meter).getValue("notes"));
    assertHidden(again.encode());
    assertEquals(afterRevoke, views(congThuong));
  }

  @Test
  void anAgencyAccountCannotReachTheEditorsQueueOrTheLiveSockets() {
    long eventsBefore = sql.count("SELECT count(*) FROM events WHERE actor = ?", congThuong.actor());
    assertForbidden(congThuong.get("/api/episodes/" + episode + "/queue"));
    assertForbidden(congThuong.get("/api/episodes/" + episode + "/queue?q=dien"));
    assertForbidden(congThuong.get("/api/items/" + electricity + "/similar"));
    assertForbidden(congThuong.get("/api/intake/unrouted"));
    assertForbidden(congThuong.get("/api/episodes/" + episode + "/calls"));
    assertForbidden(congThuong.postJson("/api/items/" + hospital + "/actions",
        new JsonObject().put("action", "categorize").put("agency", CONG_THUONG)));
    assertForbidden(congThuong.postJson("/api/privacy/agency-grants", new JsonObject().put("agency", CONG_THUONG)));
    assertEquals(Y_TE, sql.rows("SELECT agency FROM submissions WHERE id = ?::uuid", hospital).get(0).get("agency"));

    assertEquals(403, upgrade("/ws/moderation/" + episode, congThuong));
    assertEquals(403, upgrade("/ws/studio/" + episode, congThuong));
    assertEquals(eventsBefore, sql.count("SELECT count(*) FROM events WHERE actor = ?", congThuong.actor()),
        "nothing was viewed or changed");

    // the same way in works for an editor's session, so the refusals above are about the role
    try (StaffSession editorSession = StaffSession.create(node, "btv.dinhthuy", "Đinh Thị Thủy",
        List.of("editor"), null, "10.50.3.1")) {
      assertEquals(101, upgrade("/ws/moderation/" + episode, editorSession));
      assertEquals(101, upgrade("/ws/studio/" + episode, editorSession));
      assertEquals(200, editorSession.get("/api/episodes/" + episode + "/queue").statusCode());
    }
  }

  // ---- helpers ----

  private static long views(StaffSession who) {
    return sql.count("SELECT count(*) FROM events WHERE action = 'contact.viewed' AND actor = ?", who.actor());
  }

  private static JsonObject list(StaffSession who, String from) {
    HttpResponse<Buffer> r = who.get("/api/agency/items", MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", from));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static JsonObject item(JsonObject list, String id) {
    for (Object o : list.getJsonArray("items")) {
      if (id.equals(((JsonObject) o).getString("id"))) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError(id + " not in " + list.encode());
  }

  /** None of the contact data of Sở Công Thương's askers appears anywhere in the response. */
  private static void assertHidden(String body) {
    for (String secret : List.of("0912345678", "912345678", "vantam.nguyen", "0903123456", "903123456",
        "02723826999", "2723826999", "nhờ con gái", "Nguyễn Văn Tâm", "912345", "903123", "272382")) {
      assertFalse(body.contains(secret), "'" + secret + "' shown: " + body);
    }
  }

  private static List<String> ids(HttpResponse<Buffer> r) {
    JsonArray items = r.bodyAsJsonObject().getJsonArray("items");
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(((JsonObject) i).getString("id")));
    return out;
  }

  private static void assertForbidden(HttpResponse<Buffer> r) {
    assertEquals(403, r.statusCode(), r.bodyAsString());
    assertEquals("auth.forbidden", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  /** The status of a WebSocket upgrade as a browser on our own page would send it: 101 when it opened. */
  private static int upgrade(String path, StaffSession who) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Origin", "http://localhost:" + node.port());
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(node.port())
        .setURI(path);
    who.socketHeaders(headers).forEach(options::addHeader);
    WebSocketClient client = node.vertx().createWebSocketClient();
    try {
      AsyncResult<WebSocket> result = TestNode.await(client.connect(options)
          .transform(ar -> Future.<AsyncResult<WebSocket>>succeededFuture(ar)));
      if (result.succeeded()) {
        TestNode.await(result.result().close());
        return 101;
      }
      if (result.cause() instanceof UpgradeRejectedException rejected) {
        return rejected.getStatus();
      }
      fail("the upgrade failed otherwise", result.cause());
      return -1;
    } finally {
      client.close();
    }
  }

  private static HttpResponse<Buffer> adminDelete(String path) {
    WebClient client = WebClient.create(node.vertx());
    try {
      return TestNode.await(client.delete(node.port(), "localhost", path)
          .bearerTokenAuthentication(TestNode.ADMIN_TOKEN).send());
    } finally {
      client.close();
    }
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String web(String name, String phone, String email, String text) {
    JsonObject q = new JsonObject().put("name", name).put("locality", "Xã Tân Bửu, huyện Bến Lức").put("phone", phone)
        .put("text", text).put("consent", true);
    if (email != null) {
      q.put("email", email);
    }
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions", q, null);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private static void categorize(String item, String agency) {
    HttpResponse<Buffer> r = node.postJson("/api/items/" + item + "/actions",
        new JsonObject().put("action", "categorize").put("agency", agency), editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(agency, r.bodyAsJsonObject().getString("agency"));
  }
}
