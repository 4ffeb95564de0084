package vn.danhoi.auth;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.auth.StaffClient.Account;
import vn.danhoi.auth.StaffClient.Reply;
import vn.danhoi.auth.StaffClient.Session;
import vn.danhoi.auth.StaffClient.Upgrade;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.auth.StaffClient.assertError;

/**
 * Cross-site request forgery and cross-site WebSocket hijacking: a cookie-authenticated request that changes
 * state must echo its session's CSRF token, and a browser socket must come from our own (or a configured)
 * Origin with a valid session. Refused requests change nothing, checked in PostgreSQL.
 */
@ExtendWith(VertxExtension.class)
class CsrfTest {

  static final String STUDIO_ORIGIN = "https://truongquay.danhoi.vn";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with("DANHOI_TRUST_PROXY", "true")
      .with("DANHOI_ALLOWED_ORIGINS", STUDIO_ORIGIN);

  static TestNode node;
  static Sql sql;
  static StaffClient staff;
  static Account admin;
  static Account editor;
  static String episode;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    staff = new StaffClient(node);
    admin = staff.createStaff("kt.vanphong", "Văn phòng HĐND tỉnh", "Văn-phòng-HĐND-Long-An-2026", null, "admin");
    editor = staff.createStaff("kt.bientap", "Ban Biên tập Đài PT-TH", "Biên-tập-viên-Long-An-2026", null, "editor");
    episode = node.liveEpisode(null, null);
  }

  @AfterAll
  static void stop() {
    if (staff != null) {
      staff.close();
    }
  }

  @Test
  void anAdminSessionCreatesAnEpisodeOnlyWithItsCsrfToken() {
    Session s = staff.logIn(admin);
    Session other = staff.logIn(admin);
    JsonObject body = episode("Dân hỏi – Giám đốc Sở Xây dựng trả lời");
    long episodes = episodes();
    long events = events();

    assertError(staff.post("/api/episodes", body).cookie(s.cookie()).from(s.address()).send(), 403, "auth.csrf");
    assertError(staff.post("/api/episodes", body).cookie(s.cookie()).csrf("dh_ma-doan-bua").send(), 403,
        "auth.csrf");
    assertError(staff.post("/api/episodes", body).cookie(s.cookie()).csrf("").send(), 403, "auth.csrf");
    assertError(staff.post("/api/episodes", body).cookie(s.cookie()).csrf(other.csrf()).send(), 403, "auth.csrf");
    assertEquals(episodes, episodes(), "no episode row for a refused request");
    assertEquals(events, events(), "no event for a refused request");
    assertEquals(0, sql.count("SELECT count(*) FROM episodes WHERE title = ?", body.getString("title")));

    Reply created = staff.post("/api/episodes", body).as(s).send();
    assertEquals(201, created.status(), created.toString());
    assertEquals(episodes + 1, episodes());
    assertEquals(admin.actor(), sql.rows("SELECT actor FROM events WHERE action = 'episode.created' "
        + "AND entity_id = ?", created.json().getString("id")).get(0).get("actor"));
  }

  @Test
  void anEditorSessionActsOnAnItemOnlyWithItsCsrfToken() {
    String item = ask("Huỳnh Thị Thu", "Khi nào nâng cấp đường tỉnh 830?");
    Session s = staff.logIn(editor);
    JsonObject categorize = new JsonObject().put("action", "categorize").put("field", "Giao thông")
        .put("agency", "Sở Giao thông Vận tải");
    String path = "/api/items/" + item + "/actions";
    long events = events();

    assertError(staff.post(path, categorize).cookie(s.cookie()).from(s.address()).send(), 403, "auth.csrf");
    assertError(staff.post(path, categorize).cookie(s.cookie()).csrf(s.csrf() + "x").send(), 403, "auth.csrf");
    assertError(staff.post(path, new JsonObject().put("action", "claim")).cookie(s.cookie()).send(), 403,
        "auth.csrf");
    Map<String, Object> row = itemRow(item);
    assertNull(row.get("field"));
    assertNull(row.get("agency"));
    assertNull(row.get("claimed_by"));
    assertEquals(events, events(), "no event for a refused request");

    Reply done = staff.post(path, categorize).as(s).send();
    assertEquals(200, done.status(), done.toString());
    assertEquals("Giao thông", itemRow(item).get("field"));
    assertEquals(editor.actor(), sql.rows("SELECT actor FROM events WHERE action = 'item.categorize' "
        + "AND entity_id = ?", item).get(0).get("actor"));
  }

  @Test
  void machinesWithABearerTokenNeedNoCsrfToken() {
    Reply episodeByToken = staff.post("/api/episodes", episode("Dân hỏi – Phiên giải trình về nước sạch"))
        .bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(201, episodeByToken.status(), episodeByToken.toString());
    String item = ask("Châu Văn Liêm", "Giá nước sạch ở thị trấn Bến Lức năm nay ra sao?");
    Reply action = staff.post("/api/items/" + item + "/actions",
            new JsonObject().put("action", "categorize").put("field", "Nước sạch"))
        .bearer(node.token("editor")).send();
    assertEquals(200, action.status(), action.toString());
    assertEquals("Nước sạch", itemRow(item).get("field"));
  }

  @Test
  void patchDeleteAndLogOutNeedTheTokenTooButReadsDoNot() {
    Session s = staff.logIn(admin);
    assertEquals(200, staff.get("/api/staff").cookie(s.cookie()).send().status(), "a read needs no CSRF token");

    Reply token = staff.post("/api/tokens", new JsonObject().put("name", "Cổng SMS Viettel").put("role", "operator"))
        .bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(201, token.status());
    String tokenId = token.json().getString("id");
    assertError(staff.request(HttpMethod.DELETE, "/api/tokens/" + tokenId).cookie(s.cookie()).send(), 403,
        "auth.csrf");
    assertEquals(200, staff.get("/api/auth/me").bearer(token.json().getString("token")).send().status(),
        "the token still works");
    assertNull(sql.rows("SELECT revoked_at FROM api_tokens WHERE id = ?", UUID.fromString(tokenId)).get(0)
        .get("revoked_at"));

    Account target = staff.createStaff("kt.doiten" + UUID.randomUUID().toString().substring(0, 6),
        "Mai Thị Đổi Tên", "Mật-khẩu-Đổi-Tên-2026", null, "operator");
    assertError(staff.request(HttpMethod.PATCH, "/api/staff/" + target.id())
        .json(new JsonObject().put("displayName", "Tên bị kẻ gian sửa")).cookie(s.cookie()).send(), 403, "auth.csrf");
    assertEquals("Mai Thị Đổi Tên", sql.rows("SELECT display_name FROM staff WHERE id = ?",
        UUID.fromString(target.id())).get(0).get("display_name"));

    assertError(staff.post("/api/auth/logout", new JsonObject()).cookie(s.cookie()).send(), 403, "auth.csrf");
    assertEquals(200, staff.get("/api/auth/me").cookie(s.cookie()).send().status(),
        "a forged log-out does not end the session");

    assertEquals(200, staff.request(HttpMethod.DELETE, "/api/tokens/" + tokenId).as(s).send().status());
    assertEquals(200, staff.request(HttpMethod.PATCH, "/api/staff/" + target.id())
        .json(new JsonObject().put("displayName", "Mai Thị Đã Đổi Tên")).as(s).send().status());
    assertEquals(200, staff.post("/api/auth/logout", new JsonObject()).as(s).send().status());
    assertEquals(401, staff.get("/api/auth/me").cookie(s.cookie()).send().status());
  }

  @Test
  void browserSocketsNeedTheirOwnOriginAndASession() {
    Session ed = staff.logIn(editor);
    Session ad = staff.logIn(admin);
    List<String> sockets = List.of("/ws/moderation/" + episode, "/ws/studio/" + episode);
    for (String path : sockets) {
      for (String foreign : List.of("https://evil.example", "null", staff.ownOrigin() + ".evil.example",
          "http://evil.example")) {
        for (Session s : List.of(ed, ad)) {
          long events = events();
          Upgrade u = staff.socket(path, Map.of("Cookie", StaffClient.COOKIE + "=" + s.cookie(), "Origin", foreign));
          assertEquals(403, u.status(), path + " from " + foreign + ": " + u);
          assertEquals("origin.forbidden", u.code(), u.toString());
          assertEquals(events, events(), "a refused socket logs no view of contact data");
        }
      }
      long events = events();
      Upgrade anonymous = staff.socket(path, Map.of("Origin", staff.ownOrigin()));
      assertEquals(401, anonymous.status(), path + ": " + anonymous);
      assertEquals("auth.required", anonymous.code());
      Upgrade noOrigin = staff.socket(path, Map.of());
      assertEquals(401, noOrigin.status(), path + ": " + noOrigin);
      Upgrade stale = staff.socket(path, Map.of("Cookie", StaffClient.COOKIE + "=dh_phien-da-het",
          "Origin", staff.ownOrigin()));
      assertEquals(401, stale.status(), path + ": " + stale);
      assertEquals(events, events());

      Upgrade own = staff.socket(path, staff.browser(ed));
      assertTrue(own.accepted(), path + ": " + own);
      assertEquals("snapshot", own.firstJson().getString("type"));
      Map<String, String> configured = new LinkedHashMap<>(staff.browser(ed));
      configured.put("Origin", STUDIO_ORIGIN);
      Upgrade allowed = staff.socket(path, configured);
      assertTrue(allowed.accepted(), "a configured origin is allowed: " + allowed);
    }
    // the moderation socket logs the editor's view of contact data
    assertTrue(sql.count("SELECT count(*) FROM events WHERE action = 'contact.viewed' AND actor = ? "
        + "AND entity_type = 'moderation.socket'", ed.actor()) >= 2);
    // the public live page is refused from a foreign site too, but needs no session
    Upgrade live = staff.socket("/ws/live/" + episode, Map.of("Origin", staff.ownOrigin()));
    assertTrue(live.accepted(), live.toString());
    assertEquals(403, staff.socket("/ws/live/" + episode, Map.of("Origin", "https://evil.example")).status());
    assertFalse(live.first().contains("\"phone\""), live.first());
  }

  // ---- helpers ----

  static long episodes() {
    return sql.count("SELECT count(*) FROM episodes");
  }

  static long events() {
    return sql.count("SELECT count(*) FROM events");
  }

  static Map<String, Object> itemRow(String item) {
    return sql.rows("SELECT field, agency, claimed_by FROM submissions WHERE id = ?", UUID.fromString(item)).get(0);
  }

  static String ask(String name, String text) {
    Reply r = staff.post("/api/episodes/" + episode + "/questions", TestNode.question(name, text))
        .from(StaffClient.newAddress()).send();
    assertEquals(202, r.status(), r.toString());
    return r.json().getString("id");
  }

  static JsonObject episode(String title) {
    return new JsonObject().put("title", title).put("topic", "Đô thị và xây dựng")
        .put("startsAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString()).put("durationMinutes", 90);
  }
}
