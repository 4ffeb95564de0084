package vn.danhoi.auth;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
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
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.auth.StaffClient.assertError;
import static vn.danhoi.auth.StaffClient.newAddress;
import static vn.danhoi.auth.StaffClient.sha256;

/**
 * Staff log-in through HTTP, checked in PostgreSQL: what a wrong password is told, throttling, session
 * fixation, log-out, expiry, deactivation, and the per-address limit. The node runs with the shipped
 * defaults (5 failures in a row from one source bar that source from that username for 15 minutes) and
 * trusts X-Forwarded-For, so every test logs in from addresses of its own.
 */
@ExtendWith(VertxExtension.class)
class LoginTest {

  static final int IDLE_MINUTES = 30;

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().with("DANHOI_TRUST_PROXY", "true")
      .with("DANHOI_SESSION_IDLE_MINUTES", Integer.toString(IDLE_MINUTES));

  static TestNode node;
  static Sql sql;
  static StaffClient staff;
  static final AtomicInteger SEQ = new AtomicInteger();

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    staff = new StaffClient(node);
  }

  @AfterAll
  static void stop() {
    if (staff != null) {
      staff.close();
    }
  }

  @Test
  void aWrongPasswordIsAnsweredExactlyLikeAnUnknownUsernameAndSetsNoCookie() {
    Account lan = account("Nguyễn Thị Lan", "editor");
    String address = newAddress();
    Reply wrong = staff.login(lan.username(), lan.password() + "1", address, null);
    Reply unknown = staff.login("kt.khong-co-ai", lan.password(), address, null);
    assertError(wrong, 401, "auth.invalid_credentials");
    assertError(unknown, 401, "auth.invalid_credentials");
    assertEquals(unknown.message(), wrong.message());
    assertEquals(unknown.bodyWithoutRequestId(), wrong.bodyWithoutRequestId(), "nothing in the answer tells which usernames exist");
    assertNull(wrong.sessionSetCookie(), "no cookie for a failed log-in: " + wrong.setCookies());
    assertNull(unknown.sessionSetCookie(), "no cookie for a failed log-in: " + unknown.setCookies());

    // the password is checked as typed: another case, or a trailing space, is another password
    assertError(staff.login(lan.username(), lan.password().toUpperCase(Locale.ROOT), address, null), 401,
        "auth.invalid_credentials");
    assertError(staff.login(lan.username(), lan.password() + " ", address, null), 401, "auth.invalid_credentials");
    assertEquals(0, sessionsOf(lan));

    Reply right = staff.login(lan.username(), lan.password(), address, null);
    assertEquals(200, right.status(), right.toString());
    assertEquals(lan.actor(), right.json().getJsonObject("user").getString("id"));
    assertEquals("Nguyễn Thị Lan", right.json().getJsonObject("user").getString("displayName"));
    assertEquals(1, sessionsOf(lan));
  }

  @Test
  void thePasswordNeverLeavesTheServer() {
    String password = "Sen-Hồng-qZ7xW2pL9-Đồng-Tháp";
    String wrongPassword = "Sen-Hồng-mK4vB8nR1-Đồng-Tháp";
    String newPassword = "Sen-Hồng-tY3cF6hJ0-Đồng-Tháp";
    List<String> secrets = List.of(password, wrongPassword, newPassword, "qZ7xW2pL9", "mK4vB8nR1", "tY3cF6hJ0");
    List<Reply> replies = new ArrayList<>();

    String username = "kt.baomat" + SEQ.incrementAndGet();
    Reply created = staff.post("/api/staff", new JsonObject().put("username", username)
            .put("displayName", "Trần Văn Bảo Mật").put("password", password).put("roles", new JsonArray().add("admin")))
        .bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(201, created.status(), created.toString());
    replies.add(created);
    String id = created.json().getString("id");
    Account account = new Account(id, username, "Trần Văn Bảo Mật", password);

    String address = newAddress();
    Reply wrong = staff.login(username, wrongPassword, address, null);
    assertError(wrong, 401, "auth.invalid_credentials");
    replies.add(wrong);
    Reply ok = staff.login(username, password, address, null);
    assertEquals(200, ok.status(), ok.toString());
    replies.add(ok);
    Session session = new Session(account, ok.sessionCookie(), ok.json().getString("csrfToken"), address);

    replies.add(staff.get("/api/auth/me").as(session).send());
    Reply list = staff.get("/api/staff").as(session).send();
    assertEquals(200, list.status(), list.toString());
    replies.add(list);
    Reply audit = staff.get("/api/audit").as(session).send();
    assertEquals(200, audit.status(), audit.toString());
    replies.add(audit);
    Reply csv = staff.get("/api/audit.csv").as(session).send();
    assertEquals(200, csv.status(), csv.toString());
    replies.add(csv);
    Reply reset = staff.post("/api/staff/" + id + "/password", new JsonObject().put("password", newPassword))
        .bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(200, reset.status(), reset.toString());
    replies.add(reset);
    replies.add(staff.request(HttpMethod.PATCH, "/api/staff/" + id)
        .json(new JsonObject().put("displayName", "Trần Văn Bảo Mật (Văn phòng)")).bearer(TestNode.ADMIN_TOKEN).send());
    Reply afterReset = staff.login(username, newPassword, newAddress(), null);
    assertEquals(200, afterReset.status(), afterReset.toString());
    replies.add(afterReset);

    for (Reply r : replies) {
      for (String secret : secrets) {
        assertFalse(r.everything().contains(secret), "a response carries the password: " + r.everything());
      }
      assertFalse(r.everything().contains("$argon2"), "a response carries a password hash: " + r.everything());
    }
    for (String field : List.of("$argon2", "password_hash", "passwordHash", "password")) {
      assertFalse(list.body().contains(field), "the staff list shows " + field + ": " + list.body());
    }
    JsonObject listed = listed(id);
    assertEquals(username, listed.getString("username"), "the account is in the list that was checked");

    List<Map<String, Object>> events = sql.rows("SELECT e::text AS row FROM events e");
    assertTrue(sql.count("SELECT count(*) FROM events WHERE entity_id = ? AND action IN "
        + "('staff.created', 'auth.login_failed', 'auth.login', 'staff.password_reset', 'staff.updated')", id) >= 5,
        "the account's creation, failure, log-ins, reset and update are logged (and were searched)");
    for (Map<String, Object> row : events) {
      String text = (String) row.get("row");
      for (String secret : secrets) {
        assertFalse(text.contains(secret), "an event carries the password: " + text);
      }
      assertFalse(text.contains("$argon2"), "an event carries a password hash: " + text);
    }

    String hash = (String) sql.rows("SELECT password_hash FROM staff WHERE id = ?", UUID.fromString(id)).get(0)
        .get("password_hash");
    assertTrue(hash.startsWith("$argon2id$"), "stored as an Argon2id hash: " + hash.substring(0, 10));
    secrets.forEach(secret -> assertFalse(hash.contains(secret)));
  }

  @Test
  void anAttackersWrongPasswordsThrottleTheAttackerNotTheAccountsOwner() {
    Account khoa = account("Lê Văn Khoa", "admin");
    String attacker = newAddress();
    for (int i = 1; i <= 5; i++) {
      assertError(staff.login(khoa.username(), "sai-mật-khẩu-lần-" + i, attacker, null), 401,
          "auth.invalid_credentials");
      // each failure is counted in the audit trail as it happens
      List<Map<String, Object>> failures = failures(khoa);
      assertEquals(i, failures.size(), "failures logged so far: " + failures);
      assertEquals(Integer.toString(i), failures.get(i - 1).get("n"), "the count goes up by one each time");
    }

    // the attacker's address may not try this account again for a while, even with the right password
    Reply throttled = staff.login(khoa.username(), khoa.password(), attacker, null);
    assertError(throttled, 429, "auth.locked");
    int retryAfter = Integer.parseInt(throttled.headers().get("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
    assertNull(throttled.sessionSetCookie());
    assertError(staff.login(khoa.username(), "đoán-tiếp", attacker, null), 429, "auth.locked");
    assertEquals(5, failures(khoa).size(), "a throttled source's password is not even tried");

    // the owner, from anywhere else, logs in at once: a stranger cannot lock anyone out
    Reply owner = staff.login(khoa.username(), khoa.password(), newAddress(), null);
    assertEquals(200, owner.status(), owner.toString());
    assertNotNull(owner.sessionCookie());
    assertEquals(0, listed(khoa.id()).getInteger("failedLogins"), "a log-in starts the count again");
    // and an IPv6 attacker does not escape by moving within its /64
    String v6 = "2001:db8:" + Integer.toHexString(SEQ.incrementAndGet()) + ":1::";
    for (int i = 1; i <= 5; i++) {
      assertError(staff.login(khoa.username(), "sai-lần-" + i, v6 + Integer.toHexString(i), null), 401,
          "auth.invalid_credentials");
    }
    assertError(staff.login(khoa.username(), "sai-lần-sáu", v6 + "ffff", null), 429, "auth.locked");
    assertEquals(200, staff.login(khoa.username(), khoa.password(), newAddress(), null).status());
  }

  @Test
  void anUnknownUsernameIsThrottledAndAnsweredExactlyLikeAKnownOne() {
    Account lan = account("Đỗ Thị Thật", "editor");
    String known = lan.username();
    String unknown = "kt.khong-ton-tai" + SEQ.incrementAndGet();
    String fromKnown = newAddress();
    String fromUnknown = newAddress();
    for (int i = 1; i <= 6; i++) {
      Reply k = staff.login(known, "sai-lần-" + i, fromKnown, null);
      Reply u = staff.login(unknown, "sai-lần-" + i, fromUnknown, null);
      assertEquals(k.status(), u.status(), "attempt " + i + ": " + k + " / " + u);
      assertEquals(i <= 5 ? 401 : 429, k.status(), k.toString());
      assertEquals(k.bodyWithoutRequestId(), u.bodyWithoutRequestId(), "attempt " + i + ": the body tells nothing about which usernames exist");
      assertEquals(headerNames(k), headerNames(u), "attempt " + i);
      assertEquals(k.headers().get("Retry-After") == null, u.headers().get("Retry-After") == null);
    }
  }

  /**
   * An unknown username costs the same Argon2 verification as a known one (against a fixed dummy hash). Argon2
   * dominates the answer time, so without the dummy an unknown username would answer several times faster. The
   * machine is small and shared, so this compares medians with a generous ratio: it checks that the dummy
   * verification runs, not that the times are equal to the microsecond.
   */
  @Test
  void anUnknownUsernameTakesAsLongAsAKnownOne() {
    Account lan = account("Vũ Thị Thời Gian", "editor");
    String unknown = "kt.vang-mat" + SEQ.incrementAndGet();
    List<Long> knownTimes = new ArrayList<>();
    List<Long> unknownTimes = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      // interleaved, each from a new address, so neither throttle nor load favours one side
      knownTimes.add(timed(() -> assertError(staff.login(lan.username(), "sai-" + UUID.randomUUID(), newAddress(),
          null), 401, "auth.invalid_credentials")));
      unknownTimes.add(timed(() -> assertError(staff.login(unknown, "sai-" + UUID.randomUUID(), newAddress(), null),
          401, "auth.invalid_credentials")));
    }
    long knownMedian = median(knownTimes);
    long unknownMedian = median(unknownTimes);
    assertTrue(unknownMedian * 2 >= knownMedian, "unknown " + unknownTimes + " vs known " + knownTimes);
  }

  static long timed(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return System.nanoTime() - t0;
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  static Set<String> headerNames(Reply r) {
    Set<String> names = new TreeSet<>();
    r.headers().names().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
    // these vary per request whatever the username
    names.removeAll(List.of("date", "x-request-id"));
    return names;
  }

  @Test
  void failuresAreCountedInARowAndASuccessfulLogInStartsTheCountAgain() {
    Account hai = account("Trương Văn Hai", "studio");
    String address = newAddress();
    assertError(staff.login(hai.username(), "nhầm-lần-một", address, null), 401, "auth.invalid_credentials");
    assertError(staff.login(hai.username(), "nhầm-lần-hai", address, null), 401, "auth.invalid_credentials");
    assertEquals(200, staff.login(hai.username(), hai.password(), address, null).status());
    assertError(staff.login(hai.username(), "nhầm-lần-ba", address, null), 401, "auth.invalid_credentials");
    assertEquals(List.of("1", "2", "1"), failures(hai).stream().map(f -> f.get("n")).toList());
  }

  @Test
  void everyLogInIssuesANewSessionIdAndEndsTheOneTheBrowserHad() {
    Account victim = account("Phạm Thị Cố Định", "editor");
    Account attacker = account("Kẻ Gian Giả Danh", "studio");
    // the attacker's own valid session id, planted in the victim's browser
    Session planted = staff.logIn(attacker);
    String address = newAddress();
    Reply first = staff.login(victim.username(), victim.password(), address, planted.cookie());
    assertEquals(200, first.status(), first.toString());
    String c1 = first.sessionCookie();
    assertNotNull(c1);
    assertNotEquals(planted.cookie(), c1, "the id the browser came with is never kept");
    String header = first.sessionSetCookie().toLowerCase(Locale.ROOT);
    assertTrue(header.contains("; httponly"), header);
    assertTrue(header.contains("; samesite=strict"), header);
    assertTrue(header.contains("; path=/"), header);
    assertError(me(planted.cookie()), 401, "auth.required");
    Reply meVictim = me(c1);
    assertEquals(200, meVictim.status(), meVictim.toString());
    assertEquals(victim.actor(), meVictim.json().getJsonObject("user").getString("id"));
    // only a hash of the id is stored
    assertEquals(0, sql.count("SELECT count(*) FROM staff_sessions WHERE id_hash = ? OR id_hash = ?", c1,
        planted.cookie()));
    assertEquals(1, sql.count("SELECT count(*) FROM staff_sessions WHERE id_hash = ?", sha256(c1)));
    assertEquals(0, sql.count("SELECT count(*) FROM staff_sessions WHERE id_hash = ?", sha256(planted.cookie())));

    // a made-up id is not taken over either
    String madeUp = "dh_" + UUID.randomUUID().toString().replace("-", "");
    Reply other = staff.login(victim.username(), victim.password(), newAddress(), madeUp);
    assertEquals(200, other.status());
    assertNotEquals(madeUp, other.sessionCookie());
    assertError(me(madeUp), 401, "auth.required");

    // logging in again from the same browser: a new id and CSRF token, and the old id stops working
    Reply second = staff.login(victim.username(), victim.password(), address, c1);
    assertEquals(200, second.status(), second.toString());
    String c2 = second.sessionCookie();
    assertNotNull(c2);
    assertNotEquals(c1, c2);
    assertNotEquals(first.json().getString("csrfToken"), second.json().getString("csrfToken"));
    assertError(me(c1), 401, "auth.required");
    assertEquals(200, me(c2).status());
  }

  @Test
  void logOutEndsTheSessionOnTheServer() {
    Account ve = account("Võ Thị Ra Về", "studio");
    Session s = staff.logIn(ve);
    assertEquals(200, me(s.cookie()).status());
    Reply out = staff.post("/api/auth/logout", new JsonObject()).as(s).send();
    assertEquals(200, out.status(), out.toString());
    assertTrue(out.json().getBoolean("loggedOut"));
    assertEquals("", out.sessionCookie(), "the browser is told to drop the cookie: " + out.setCookies());
    assertTrue(out.sessionSetCookie().toLowerCase(Locale.ROOT).contains("max-age=0"), out.sessionSetCookie());
    // a browser (or a thief) that kept the cookie gets nothing with it
    assertError(me(s.cookie()), 401, "auth.required");
    assertError(staff.post("/api/auth/logout", new JsonObject()).as(s).send(), 401, "auth.required");
    assertEquals(0, sql.count("SELECT count(*) FROM staff_sessions WHERE id_hash = ?", sha256(s.cookie())));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'auth.logout' AND entity_id = ?",
        ve.id()));
  }

  @Test
  void anExpiredOrIdleSessionIsRefused() {
    Account het = account("Đặng Văn Hết Hạn", "admin");
    Session expired = staff.logIn(het);
    assertEquals(200, staff.get("/api/staff").as(expired).send().status());
    sql.rows("UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE id_hash = ?",
        sha256(expired.cookie()));
    assertEquals(1, sql.count("SELECT count(*) FROM staff_sessions WHERE id_hash = ? AND expires_at < now()",
        sha256(expired.cookie())), "the session was aged");
    assertError(me(expired.cookie()), 401, "auth.required");
    assertError(staff.get("/api/staff").as(expired).send(), 401, "auth.required");
    long episodes = sql.count("SELECT count(*) FROM episodes");
    assertError(staff.post("/api/episodes", episode("Chương trình không được tạo")).as(expired).send(), 401,
        "auth.required");
    assertEquals(episodes, sql.count("SELECT count(*) FROM episodes"));

    Session idle = staff.logIn(het);
    Session stillFresh = staff.logIn(het);
    sql.rows("UPDATE staff_sessions SET last_seen_at = now() - make_interval(mins => ?) WHERE id_hash = ?",
        IDLE_MINUTES + 1, sha256(idle.cookie()));
    sql.rows("UPDATE staff_sessions SET last_seen_at = now() - make_interval(mins => ?) WHERE id_hash = ?",
        IDLE_MINUTES - 1, sha256(stillFresh.cookie()));
    assertError(me(idle.cookie()), 401, "auth.required");
    assertEquals(200, me(stillFresh.cookie()).status(), "idle for less than the limit is still fine");
  }

  @Test
  void aDeactivatedAccountLosesItsSessionAtOnceAndCannotLogIn() {
    Account nghi = account("Bùi Thị Nghỉ Việc", "editor");
    Session s = staff.logIn(nghi);
    assertEquals(200, me(s.cookie()).status());
    Reply off = staff.request(HttpMethod.PATCH, "/api/staff/" + nghi.id()).json(new JsonObject().put("active", false))
        .bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(200, off.status(), off.toString());
    assertFalse(off.json().getBoolean("active"));
    assertError(me(s.cookie()), 401, "auth.required");
    assertError(staff.get("/api/intake/unrouted").as(s).send(), 401, "auth.required");
    assertEquals(0, sessionsOf(nghi));

    Reply again = staff.login(nghi.username(), nghi.password(), newAddress(), null);
    Reply unknown = staff.login("kt.chua-tung-co", nghi.password(), newAddress(), null);
    assertError(again, 401, "auth.invalid_credentials");
    assertEquals(unknown.bodyWithoutRequestId(), again.bodyWithoutRequestId(), "a deactivated account looks like no account");
    assertNull(again.sessionSetCookie());
    assertEquals(0, sessionsOf(nghi));
  }

  @Test
  void meAnswersMachinesWithABearerTokenToo() {
    Reply admin = staff.get("/api/auth/me").bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(200, admin.status(), admin.toString());
    assertEquals("admin", admin.json().getJsonObject("user").getString("id"));
    assertEquals(new JsonArray().add("admin"), admin.json().getJsonObject("user").getJsonArray("roles"));
    assertNull(admin.json().getString("csrfToken"), "machines need no CSRF token");

    Reply created = staff.post("/api/tokens", new JsonObject().put("name", "Tổng đài PBX Long An").put("role", "operator"))
        .bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(201, created.status(), created.toString());
    String token = created.json().getString("token");
    Reply pbx = staff.get("/api/auth/me").bearer(token).send();
    assertEquals(200, pbx.status(), pbx.toString());
    assertEquals("token:" + created.json().getString("id"), pbx.json().getJsonObject("user").getString("id"));
    assertEquals("Tổng đài PBX Long An", pbx.json().getJsonObject("user").getString("displayName"));
    assertEquals(new JsonArray().add("operator"), pbx.json().getJsonObject("user").getJsonArray("roles"));

    Reply revoked = staff.request(HttpMethod.DELETE, "/api/tokens/" + created.json().getString("id"))
        .bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(200, revoked.status(), revoked.toString());
    Reply revokedToken = staff.get("/api/auth/me").bearer(token).send();
    Reply madeUpToken = staff.get("/api/auth/me").bearer("dh_khong-phai-ma-that").send();
    Reply noToken = staff.get("/api/auth/me").send();
    assertError(revokedToken, 401, "auth.required");
    assertError(madeUpToken, 401, "auth.required");
    assertError(noToken, 401, "auth.required");
    // a revoked token, a made-up one and none at all are told the same: nothing says which tokens exist
    assertEquals(madeUpToken.bodyWithoutRequestId(), revokedToken.bodyWithoutRequestId());
    assertEquals(noToken.bodyWithoutRequestId(), revokedToken.bodyWithoutRequestId());
    assertEquals(headerNames(madeUpToken), headerNames(revokedToken));
  }

  @Test
  void elevenQuickLogInAttemptsFromOneAddressAreLimited() {
    Account han = account("Hồ Thị Giới Hạn", "operator");
    String address = newAddress();
    List<Future<Reply>> ten = IntStream.range(0, 10)
        .mapToObj(i -> staff.post("/api/auth/login", new JsonObject().put("username", "kt.khach" + i)
            .put("password", "đoán-mò-mật-khẩu-" + i)).from(address).sendAsync())
        .toList();
    TestNode.await(Future.join(ten));
    for (Future<Reply> f : ten) {
      assertError(f.result(), 401, "auth.invalid_credentials");
    }
    // the eleventh, even with the right password, is not tried at all
    Reply eleventh = staff.login(han.username(), han.password(), address, null);
    assertError(eleventh, 429, "rate.limited");
    assertTrue(Integer.parseInt(eleventh.headers().get("Retry-After")) >= 1, eleventh.headers().toString());
    assertNull(eleventh.sessionSetCookie());
    assertEquals(0, sessionsOf(han));
    // the limit is per address: the same account from elsewhere logs in
    assertEquals(200, staff.login(han.username(), han.password(), newAddress(), null).status());
  }

  @Test
  void behindTlsTheSessionCookieIsSecure() {
    Map<String, String> env = NODE.env();

    env.put("DANHOI_PUBLIC_URL", "https://danhoi.example.vn");
    TestNode tls = TestNode.start(node.vertx(), env);
    try (StaffClient client = new StaffClient(tls)) {
      Account an = account("Tô Văn An", "editor");
      Reply r = client.login(an.username(), an.password(), newAddress(), null);
      assertEquals(200, r.status(), r.toString());
      String header = r.sessionSetCookie().toLowerCase(Locale.ROOT);
      assertTrue(header.contains("; secure"), header);
      assertTrue(header.contains("; httponly"), header);
      assertTrue(header.contains("; samesite=strict"), header);
    } finally {
      tls.close();
    }
  }

  // ---- helpers ----

  /** A new account; usernames are ASCII by rule, everything else is Vietnamese. */
  static Account account(String displayName, String... roles) {
    int n = SEQ.incrementAndGet();
    return staff.createStaff("kt.dangnhap" + n, displayName, "Mật-khẩu-Sông-Hậu-" + n + "-an-toàn", null, roles);
  }

  static Reply me(String cookie) {
    return staff.get("/api/auth/me").cookie(cookie).from(newAddress()).send();
  }

  static long sessionsOf(Account a) {
    return sql.count("SELECT count(*) FROM staff_sessions WHERE staff_id = ?", UUID.fromString(a.id()));
  }

  static List<Map<String, Object>> failures(Account a) {
    return sql.rows("SELECT after->>'failedLogins' AS n, after->>'lockedUntil' AS until FROM events "
        + "WHERE action = 'auth.login_failed' AND entity_id = ? ORDER BY id", a.id());
  }

  static JsonObject listed(String id) {
    Reply list = staff.get("/api/staff").bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(200, list.status(), list.toString());
    return list.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(a -> id.equals(a.getString("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("account " + id + " not listed: " + list.body()));
  }

  static JsonObject episode(String title) {
    return new JsonObject().put("title", title).put("topic", "Đất đai và giải phóng mặt bằng")
        .put("startsAt", OffsetDateTime.now().plusDays(1).toString()).put("durationMinutes", 60);
  }
}
