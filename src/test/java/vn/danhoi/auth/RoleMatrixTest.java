package vn.danhoi.auth;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.danhoi.auth.StaffClient.Account;
import vn.danhoi.auth.StaffClient.Reply;
import vn.danhoi.auth.StaffClient.Session;
import vn.danhoi.auth.StaffClient.Upgrade;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static vn.danhoi.auth.RoleMatrixTest.Caller.ADMIN;
import static vn.danhoi.auth.RoleMatrixTest.Caller.AGENCY;
import static vn.danhoi.auth.RoleMatrixTest.Caller.ANONYMOUS;
import static vn.danhoi.auth.RoleMatrixTest.Caller.EDITOR;
import static vn.danhoi.auth.RoleMatrixTest.Caller.OPERATOR;
import static vn.danhoi.auth.RoleMatrixTest.Caller.STUDIO;
import static vn.danhoi.auth.StaffClient.newAddress;
import static vn.danhoi.auth.StaffClient.sha256;

/**
 * Every staff HTTP route and WebSocket, called by a browser of each role (a real log-in: session cookie, CSRF
 * token, own Origin) and by an anonymous one. {@link #MATRIX} is the specification: who may call what. An
 * allowed call must succeed and do its work; a refused one gets 401 (not logged in) or 403 (wrong role) and
 * changes nothing: the event count and the rows the route would touch are compared before and after. The
 * observed table is written to target/role-matrix.md.
 */
@ExtendWith(VertxExtension.class)
class RoleMatrixTest {

  /** Who calls: nobody, or a browser session of one role. */
  enum Caller {
    ANONYMOUS, ADMIN, EDITOR, OPERATOR, STUDIO, AGENCY;

    String label() {
      return this == ANONYMOUS ? "anonymous" : name().toLowerCase(Locale.ROOT);
    }
  }

  static final Set<Caller> PUBLIC = EnumSet.allOf(Caller.class);
  static final Set<Caller> STAFF = EnumSet.complementOf(EnumSet.of(ANONYMOUS));

  static Set<Caller> only(Caller first, Caller... more) {
    return EnumSet.of(first, more);
  }

  /** One line of the specification: a route, the status it answers when it works, who may call it. */
  record Row(String method, String route, int success, Set<Caller> allowed, Function<Caller, Attempt> exercise) {
    @Override
    public String toString() {
      return method + " " + route;
    }
  }

  static Row row(String method, String route, int success, Set<Caller> allowed, Function<Caller, Attempt> exercise) {
    return new Row(method, route, success, allowed, exercise);
  }

  // @formatter:off
  static final List<Row> MATRIX = List.of(
      //  method    route                                     works  allowed callers
      row("GET",    "/health",                                  200, PUBLIC,                      RoleMatrixTest::health),
      row("GET",    "/api/episodes",                            200, PUBLIC,                      RoleMatrixTest::episodes),
      row("GET",    "/api/episodes/{id}",                       200, PUBLIC,                      RoleMatrixTest::episode),
      row("POST",   "/api/episodes",                            201, only(ADMIN),                 RoleMatrixTest::createEpisode),
      row("PATCH",  "/api/episodes/{id}",                       200, only(ADMIN),                 RoleMatrixTest::updateEpisode),
      row("GET",    "/api/episodes/{id}/details",               200, only(ADMIN, EDITOR),         RoleMatrixTest::episodeDetails),
      row("PUT",    "/api/episodes/{id}/people",                200, only(ADMIN),                 RoleMatrixTest::episodePeople),
      row("GET",    "/api/episodes/{id}/summary",               200, only(ADMIN, EDITOR),         RoleMatrixTest::episodeSummary),
      row("GET",    "/api/programs",                            200, only(ADMIN, EDITOR),         RoleMatrixTest::programs),
      row("GET",    "/api/programs/{id}",                       200, only(ADMIN, EDITOR),         RoleMatrixTest::program),
      row("POST",   "/api/programs",                            201, only(ADMIN),                 RoleMatrixTest::createProgram),
      row("PATCH",  "/api/programs/{id}",                       200, only(ADMIN),                 RoleMatrixTest::updateProgram),
      row("GET",    "/api/agencies",                            200, only(ADMIN, EDITOR),         RoleMatrixTest::agencies),
      row("GET",    "/api/agencies/{id}",                       200, only(ADMIN, EDITOR),         RoleMatrixTest::agency),
      row("POST",   "/api/agencies",                            201, only(ADMIN),                 RoleMatrixTest::createAgency),
      row("PATCH",  "/api/agencies/{id}",                       200, only(ADMIN),                 RoleMatrixTest::updateAgency),
      row("GET",    "/api/fields",                              200, only(ADMIN, EDITOR, OPERATOR), RoleMatrixTest::fields),
      row("GET",    "/api/fields/{id}",                         200, only(ADMIN, EDITOR),         RoleMatrixTest::field),
      row("POST",   "/api/fields",                              201, only(ADMIN),                 RoleMatrixTest::createField),
      row("PATCH",  "/api/fields/{id}",                         200, only(ADMIN),                 RoleMatrixTest::updateField),
      row("GET",    "/api/admin/intake-rules",                  200, only(ADMIN),                 RoleMatrixTest::intakeRules),
      row("PUT",    "/api/admin/intake-rules",                  200, only(ADMIN),                 RoleMatrixTest::replaceIntakeRules),
      row("POST",   "/api/episodes/{id}/questions",             202, PUBLIC,                      RoleMatrixTest::question),
      row("POST",   "/api/intake/sms (signed)",                 200, PUBLIC,                      RoleMatrixTest::sms),
      row("POST",   "/api/items/{id}/support",                  200, PUBLIC,                      RoleMatrixTest::support),
      row("GET",    "/api/intake/unrouted",                     200, only(ADMIN, EDITOR),         RoleMatrixTest::unrouted),
      row("POST",   "/api/episodes/{id}/calls",                 201, only(ADMIN, OPERATOR),       RoleMatrixTest::logCall),
      row("GET",    "/api/episodes/{id}/calls",                 200, only(ADMIN, OPERATOR),       RoleMatrixTest::recentCalls),
      row("GET",    "/api/episodes/{id}/queue",                 200, only(ADMIN, EDITOR),         RoleMatrixTest::queue),
      row("POST",   "/api/items/{id}/actions",                  200, only(ADMIN, EDITOR),         RoleMatrixTest::action),
      row("GET",    "/api/items/{id}/similar",                  200, only(ADMIN, EDITOR),         RoleMatrixTest::similar),
      row("POST",   "/api/episodes/{id}/studio-message",        200, only(ADMIN, EDITOR),         RoleMatrixTest::studioMessage),
      row("GET",    "/api/reports",                             200, only(ADMIN, EDITOR),         RoleMatrixTest::report),
      row("GET",    "/api/reports.xlsx",                        200, only(ADMIN, EDITOR),         RoleMatrixTest::reportExport),
      row("GET",    "/api/reports.pdf",                         200, only(ADMIN, EDITOR),         RoleMatrixTest::reportPdf),
      row("GET",    "/api/reports.docx",                        200, only(ADMIN, EDITOR),         RoleMatrixTest::reportDocx),
      row("WS",     "/ws/moderation/{id}",                      101, only(ADMIN, EDITOR),         RoleMatrixTest::moderationSocket),
      row("WS",     "/ws/studio/{id}",                          101, only(ADMIN, EDITOR, STUDIO), RoleMatrixTest::studioSocket),
      row("WS",     "/ws/live/{id}",                            101, PUBLIC,                      RoleMatrixTest::liveSocket),
      row("GET",    "/api/agency/items",                        200, only(ADMIN, AGENCY),         RoleMatrixTest::agencyItems),
      row("GET",    "/api/tokens",                              200, only(ADMIN),                 RoleMatrixTest::tokens),
      row("POST",   "/api/tokens",                              201, only(ADMIN),                 RoleMatrixTest::createToken),
      row("DELETE", "/api/tokens/{id}",                         200, only(ADMIN),                 RoleMatrixTest::revokeToken),
      row("GET",    "/api/staff",                               200, only(ADMIN),                 RoleMatrixTest::staffList),
      row("POST",   "/api/staff",                               201, only(ADMIN),                 RoleMatrixTest::createStaff),
      row("PATCH",  "/api/staff/{id}",                          200, only(ADMIN),                 RoleMatrixTest::updateStaff),
      row("POST",   "/api/staff/{id}/password",                 200, only(ADMIN),                 RoleMatrixTest::resetPassword),
      row("GET",    "/api/audit",                               200, only(ADMIN),                 RoleMatrixTest::audit),
      row("GET",    "/api/audit.csv",                           200, only(ADMIN),                 RoleMatrixTest::auditCsv),
      row("POST",   "/api/privacy/erase",                       200, only(ADMIN),                 RoleMatrixTest::erase),
      row("GET",    "/api/privacy/retention",                   200, only(ADMIN),                 RoleMatrixTest::retention),
      row("POST",   "/api/privacy/retention/run",               200, only(ADMIN),                 RoleMatrixTest::runRetention),
      row("GET",    "/api/admin/messages",                      200, only(ADMIN),                 RoleMatrixTest::messageTemplates),
      row("PUT",    "/api/admin/messages/{key}",                200, only(ADMIN),                 RoleMatrixTest::editMessageTemplate),
      row("DELETE", "/api/admin/messages/{key}",                200, only(ADMIN),                 RoleMatrixTest::resetMessageTemplate),
      row("POST",   "/api/admin/messages/{key}/preview",        200, only(ADMIN),                 RoleMatrixTest::previewMessageTemplate),
      row("GET",    "/api/privacy/agency-grants",               200, only(ADMIN),                 RoleMatrixTest::grants),
      row("POST",   "/api/privacy/agency-grants",               200, only(ADMIN),                 RoleMatrixTest::grant),
      row("DELETE", "/api/privacy/agency-grants/{agency}",      200, only(ADMIN),                 RoleMatrixTest::revokeGrant),
      row("POST",   "/api/auth/login",                          200, PUBLIC,                      RoleMatrixTest::login),
      row("GET",    "/api/auth/me",                             200, STAFF,                       RoleMatrixTest::me),
      row("POST",   "/api/auth/logout",                         200, STAFF,                       RoleMatrixTest::logout));
  // @formatter:on

  static final String AGENCY_NAME = "Sở Công Thương";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      .with("DANHOI_TRUST_PROXY", "true");

  static TestNode node;
  static Sql sql;
  static StaffClient staff;
  static final Map<Caller, Account> ACCOUNTS = new EnumMap<>(Caller.class);
  static final Map<Caller, Session> SESSIONS = new EnumMap<>(Caller.class);
  static final Map<Row, Map<Caller, String>> OBSERVED = new LinkedHashMap<>();
  static final AtomicInteger SEQ = new AtomicInteger();
  static String episode;
  static String answered;
  static String similarItem;
  static Account victim;
  static Account loginTarget;
  static String programId;
  static String agencyId;
  static String fieldId;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    staff = new StaffClient(node);

    ACCOUNTS.put(ADMIN, staff.createStaff("mt.quantri", "Văn phòng HĐND tỉnh", "Quản-trị-Long-An-2026", null,
        "admin"));
    ACCOUNTS.put(EDITOR, staff.createStaff("mt.bientap", "Ban Biên tập Đài PT-TH", "Biên-tập-Long-An-2026", null,
        "editor"));
    ACCOUNTS.put(OPERATOR, staff.createStaff("mt.tongdai", "Tổng đài viên Nguyễn Thị Mơ", "Tổng-đài-Long-An-2026",
        null, "operator"));
    ACCOUNTS.put(STUDIO, staff.createStaff("mt.truongquay", "Màn hình trường quay", "Trường-quay-Long-An-2026",
        null, "studio"));
    ACCOUNTS.put(AGENCY, staff.createStaff("mt.socongthuong", "Cán bộ Sở Công Thương", "Sở-Công-Thương-2026-LA",
        AGENCY_NAME, "agency"));
    ACCOUNTS.forEach((caller, account) -> SESSIONS.put(caller, staff.logIn(account)));
    victim = staff.createStaff("mt.nhanvien", "Trần Văn Nhân Viên", "Nhân-viên-Long-An-2026", null, "operator");
    loginTarget = staff.createStaff("mt.dangnhap", "Lý Thị Đăng Nhập", "Đăng-nhập-Long-An-2026", null, "editor");

    episode = node.liveEpisode("8090", "HOI");
    // an item the public has seen (so viewers may support it), two items answered by agencies, a pair of twins
    answered = ask("Võ Thị Sáu", "0912000001", "Bao giờ xây cầu qua sông Vàm Cỏ Đông?");
    adminAct(answered, new JsonObject().put("action", "on-air"));
    adminAct(answered, new JsonObject().put("action", "answered"));
    adminAct(ask("Nguyễn Văn Điện", "0912000002", "Điện ba pha cho trại tôm ấp 3 khi nào có?"),
        new JsonObject().put("action", "categorize").put("field", "Điện").put("agency", AGENCY_NAME));
    adminAct(ask("Lê Thị Y", "0912000003", "Trạm y tế xã thiếu thuốc"),
        new JsonObject().put("action", "categorize").put("field", "Y tế").put("agency", "Sở Y tế"));
    ask("Trần Thị Nước", "0912000004", "Khi nào xã Mỹ Yên có nước sạch sinh hoạt?");
    similarItem = ask("Phan Văn Nước", "0912000005", "Bao giờ xã Mỹ Yên có nước sạch sinh hoạt vậy?");
    programId = adminCreates("/api/programs", new JsonObject().put("name", "Dân hỏi – Chính quyền trả lời"));
    agencyId = adminCreates("/api/agencies", new JsonObject().put("name", "Sở Xây dựng").put("shortName", "SXD"));
    fieldId = adminCreates("/api/fields", new JsonObject().put("name", "Xây dựng").put("agencyId", agencyId)
        .put("keywords", new JsonArray().add("giấy phép xây dựng")));
    // an SMS to a number no episode uses: unrouted, for the editors to route by hand
    smsTo("8099", "Cho hỏi về lịch cắt điện tuần này", "mt-unrouted");
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      writeMarkdown();
    } finally {
      if (staff != null) {
        staff.close();
      }
    }
  }

  static List<Row> matrix() {
    return MATRIX;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void everyCallerGetsWhatTheMatrixSays(Row row) {
    Map<Caller, String> cells = new EnumMap<>(Caller.class);
    List<String> problems = new ArrayList<>();
    for (Caller caller : Caller.values()) {
      try {
        cells.put(caller, exercise(row, caller));
      } catch (AssertionError | RuntimeException e) {
        cells.put(caller, "✗ " + firstLine(e.getMessage()));
        problems.add(caller.label() + ": " + e);
      }
    }
    synchronized (OBSERVED) {
      OBSERVED.put(row, cells);
    }
    if (!problems.isEmpty()) {
      fail(row + " does not follow the matrix:\n" + String.join("\n", problems));
    }
  }

  /** One caller's try: allowed ones must work and do their work; the others are refused and change nothing. */
  static String exercise(Row row, Caller caller) {
    Attempt attempt = row.exercise().apply(caller);
    try {
      long lastEvent = sql.count("SELECT coalesce(max(id), 0) FROM events");
      long eventsBefore = events();
      String before = attempt.touched().get();
      Outcome out = attempt.call().get();
      long eventsAfter = events();
      String after = attempt.touched().get();
      if (row.allowed().contains(caller)) {
        assertNotEquals(401, out.status(), row + " refused " + caller.label() + ": " + out);
        assertNotEquals(403, out.status(), row + " refused " + caller.label() + ": " + out);
        assertEquals(row.success(), out.status(), row + " as " + caller.label() + ": " + out);
        List<Map<String, Object>> logged = sql.rows("SELECT actor, action FROM events WHERE id > ? ORDER BY id",
            lastEvent);
        attempt.happened().accept(new Change(caller, out, before, after, logged));
        return "✓";
      }
      int refused = caller == ANONYMOUS ? 401 : 403;
      assertEquals(refused, out.status(), row + " as " + caller.label() + ": " + out);
      assertEquals(refused == 401 ? "auth.required" : "auth.forbidden", out.code(), out.toString());
      assertEquals(eventsBefore, eventsAfter, row + " refused " + caller.label() + " but logged an event");
      assertEquals(before, after, row + " refused " + caller.label() + " but changed the rows it touches");
      return Integer.toString(refused);
    } finally {
      attempt.cleanup().run();
    }
  }

  // ---- what a call is, what it touches, how to tell it happened ----

  record Outcome(int status, String body, String code) {
    JsonObject json() {
      return new JsonObject(body);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** What a call changed, for an allowed caller. */
  record Change(Caller caller, Outcome out, String before, String after, List<Map<String, Object>> logged) {
    void loggedBy(String action) {
      String actor = SESSIONS.get(caller).actor();
      assertTrue(logged.stream().anyMatch(e -> action.equals(e.get("action")) && actor.equals(e.get("actor"))),
          "expected " + action + " by " + actor + ", logged " + logged);
    }

    void grewByOne() {
      assertEquals(Long.parseLong(before) + 1, Long.parseLong(after), "the call's row was not written");
    }
  }

  record Attempt(Supplier<Outcome> call, Supplier<String> touched, Consumer<Change> happened, Runnable cleanup) {
    Attempt(Supplier<Outcome> call, Supplier<String> touched, Consumer<Change> happened) {
      this(call, touched, happened, () -> { });
    }
  }

  static Supplier<String> nothing() {
    return () -> "";
  }

  static Supplier<String> count(String query, Object... params) {
    return () -> Long.toString(sql.count(query, params));
  }

  static Supplier<String> value(String query, Object... params) {
    return () -> String.valueOf(sql.rows(query, params).get(0).values().iterator().next());
  }

  /** The caller's request: an anonymous browser, or one holding its session (cookie, address, CSRF token). */
  static Outcome http(Caller caller, HttpMethod method, String path, JsonObject body, MultiMap headers) {
    StaffClient.Request req = staff.request(method, path);
    if (body != null) {
      req.json(body);
    }
    headers.forEach(h -> req.header(h.getKey(), h.getValue()));
    Session s = SESSIONS.get(caller);
    if (s != null) {
      req.as(s);
    } else {
      req.from(newAddress());
    }
    Reply r = req.send();
    return new Outcome(r.status(), r.body(), r.code());
  }

  static Outcome http(Caller caller, HttpMethod method, String path, JsonObject body) {
    return http(caller, method, path, body, MultiMap.caseInsensitiveMultiMap());
  }

  static Outcome socket(Caller caller, String path) {
    Upgrade u = staff.socket(path, staff.browser(SESSIONS.get(caller)));
    return new Outcome(u.status(), u.accepted() ? u.first() : u.body(), u.accepted() ? null : u.code());
  }

  static Attempt read(Caller caller, String path, Consumer<Change> happened) {
    return new Attempt(() -> http(caller, HttpMethod.GET, path, null), nothing(), happened);
  }

  // ---- the routes ----

  static Attempt health(Caller c) {
    return read(c, "/health", ch -> assertEquals("UP", ch.out().json().getString("status")));
  }

  static Attempt episodes(Caller c) {
    return read(c, "/api/episodes", ch -> assertTrue(new JsonArray(ch.out().body()).stream()
        .anyMatch(e -> episode.equals(((JsonObject) e).getString("id"))), ch.out().body()));
  }

  static Attempt episode(Caller c) {
    return read(c, "/api/episodes/" + episode, ch -> assertEquals(episode, ch.out().json().getString("id")));
  }

  static Attempt createEpisode(Caller c) {
    JsonObject body = new JsonObject().put("title", "Dân hỏi – Bộ trưởng trả lời (" + c.label() + ")")
        .put("topic", "Đất đai và giải phóng mặt bằng")
        .put("startsAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).toString()).put("durationMinutes", 90);
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/episodes", body), count("SELECT count(*) FROM episodes"),
        ch -> {
          ch.grewByOne();
          ch.loggedBy("episode.created");
        });
  }

  static Attempt updateEpisode(Caller c) {
    String venue = "Trường quay Đài PT-TH Long An (" + c.label() + ")";
    return new Attempt(() -> http(c, HttpMethod.PATCH, "/api/episodes/" + episode, new JsonObject().put("venue", venue)),
        value("SELECT venue FROM episodes WHERE id = ?", UUID.fromString(episode)),
        ch -> {
          assertEquals(venue, ch.after());
          ch.loggedBy("episode.updated");
        });
  }

  static Attempt episodeDetails(Caller c) {
    return read(c, "/api/episodes/" + episode + "/details", ch -> {
      assertEquals(episode, ch.out().json().getString("id"));
      assertNotNull(ch.out().json().getJsonArray("people"));
    });
  }

  static Attempt episodePeople(Caller c) {
    String name = "Nguyễn Văn Trả Lời (" + c.label() + ")";
    JsonObject body = new JsonObject().put("people", new JsonArray().add(new JsonObject().put("role", "responder")
        .put("name", name).put("title", "Giám đốc Sở").put("agencyId", agencyId)));
    return new Attempt(() -> http(c, HttpMethod.PUT, "/api/episodes/" + episode + "/people", body),
        value("SELECT coalesce(string_agg(person_name, ','), '∅') FROM episode_people WHERE episode_id = ?",
            UUID.fromString(episode)),
        ch -> {
          assertEquals(name, ch.after());
          ch.loggedBy("episode.updated");
        });
  }

  static Attempt episodeSummary(Caller c) {
    return read(c, "/api/episodes/" + episode + "/summary",
        ch -> assertTrue(ch.out().json().getJsonObject("channels").getInteger("web") > 0, ch.out().body()));
  }

  static Attempt programs(Caller c) {
    return read(c, "/api/programs", ch -> assertTrue(ch.out().json().getJsonArray("items").stream()
        .anyMatch(p -> programId.equals(((JsonObject) p).getString("id"))), ch.out().body()));
  }

  static Attempt program(Caller c) {
    return read(c, "/api/programs/" + programId, ch -> assertEquals(programId, ch.out().json().getString("id")));
  }

  static Attempt createProgram(Caller c) {
    JsonObject body = new JsonObject().put("name", "Lắng nghe và Trao đổi (" + c.label() + ")");
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/programs", body), count("SELECT count(*) FROM programs"),
        ch -> {
          ch.grewByOne();
          ch.loggedBy("program.created");
        });
  }

  static Attempt updateProgram(Caller c) {
    String place = "Tân An (" + c.label() + ")";
    return new Attempt(() -> http(c, HttpMethod.PATCH, "/api/programs/" + programId,
        new JsonObject().put("place", place)),
        value("SELECT place FROM programs WHERE id = ?", UUID.fromString(programId)),
        ch -> {
          assertEquals(place, ch.after());
          ch.loggedBy("program.updated");
        });
  }

  static Attempt agencies(Caller c) {
    return read(c, "/api/agencies", ch -> assertTrue(ch.out().json().getJsonArray("items").stream()
        .anyMatch(a -> agencyId.equals(((JsonObject) a).getString("id"))), ch.out().body()));
  }

  static Attempt agency(Caller c) {
    return read(c, "/api/agencies/" + agencyId, ch -> assertEquals("SXD", ch.out().json().getString("shortName")));
  }

  static Attempt createAgency(Caller c) {
    JsonObject body = new JsonObject().put("name", "UBND xã Bến Lức (" + c.label() + ")").put("kind", "commune");
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/agencies", body), count("SELECT count(*) FROM agencies"),
        ch -> {
          ch.grewByOne();
          ch.loggedBy("agency.created");
        });
  }

  static Attempt updateAgency(Caller c) {
    String email = "sxd." + c.label() + "@longan.gov.vn";
    return new Attempt(() -> http(c, HttpMethod.PATCH, "/api/agencies/" + agencyId,
        new JsonObject().put("emails", new JsonArray().add(email))),
        value("SELECT array_to_string(emails, ',') FROM agencies WHERE id = ?", UUID.fromString(agencyId)),
        ch -> {
          assertEquals(email, ch.after());
          ch.loggedBy("agency.updated");
        });
  }

  static Attempt fields(Caller c) {
    return read(c, "/api/fields", ch -> assertTrue(ch.out().json().getJsonArray("items").stream()
        .anyMatch(f -> fieldId.equals(((JsonObject) f).getString("id"))), ch.out().body()));
  }

  static Attempt field(Caller c) {
    return read(c, "/api/fields/" + fieldId, ch -> assertEquals("Sở Xây dựng", ch.out().json().getString("agencyName")));
  }

  static Attempt createField(Caller c) {
    JsonObject body = new JsonObject().put("name", "Đất đai (" + c.label() + ")")
        .put("keywords", new JsonArray().add("sổ đỏ"));
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/fields", body), count("SELECT count(*) FROM fields"),
        ch -> {
          ch.grewByOne();
          ch.loggedBy("field.created");
        });
  }

  static Attempt intakeRules(Caller c) {
    return read(c, "/api/admin/intake-rules", ch -> assertTrue(ch.out().json().getJsonObject("defaults") != null,
        ch.out().body()));
  }

  static Attempt replaceIntakeRules(Caller c) {
    String phrase = "phản đối quyết định " + c.label();
    JsonObject body = new JsonObject().put("complaint", new JsonArray().add("khiếu nại").add(phrase))
        .put("denunciation", new JsonArray().add("tố cáo")).put("question", new JsonArray().add("thủ tục"));
    return new Attempt(() -> http(c, HttpMethod.PUT, "/api/admin/intake-rules", body),
        value("SELECT array_to_string(complaint, ',') FROM intake_rules"),
        ch -> {
          assertEquals("khiếu nại," + phrase, ch.after());
          ch.loggedBy("intake_rules.updated");
        });
  }

  static Attempt updateField(Caller c) {
    String keyword = "nhà ở xã hội " + c.label();
    return new Attempt(() -> http(c, HttpMethod.PATCH, "/api/fields/" + fieldId,
        new JsonObject().put("keywords", new JsonArray().add("Nhà ở xã hội " + c.label()))),
        value("SELECT array_to_string(keywords, ',') FROM fields WHERE id = ?", UUID.fromString(fieldId)),
        ch -> {
          assertEquals(keyword, ch.after());
          ch.loggedBy("field.updated");
        });
  }

  static Attempt question(Caller c) {
    JsonObject body = TestNode.question("Đinh Thị Hỏi", "Khi nào sửa đường liên xã Tân Bửu (" + c.label() + ")?");
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/episodes/" + episode + "/questions", body),
        count("SELECT count(*) FROM submissions WHERE episode_id = ?", UUID.fromString(episode)),
        Change::grewByOne);
  }

  static Attempt sms(Caller c) {
    String messageId = "mt-sms-" + SEQ.incrementAndGet();
    JsonObject body = new JsonObject().put("from", "0987000111").put("to", "8090")
        .put("text", "HOI Giá điện bậc thang có giảm không?").put("messageId", messageId);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("X-Signature-256", SmsSignature.sign(TestNode.SMS_SECRET, body.toBuffer().getBytes()));
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/intake/sms", body, headers),
        count("SELECT count(*) FROM submissions WHERE external_id = ? AND episode_id = ?", messageId,
            UUID.fromString(episode)),
        Change::grewByOne);
  }

  static Attempt support(Caller c) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/items/" + answered + "/support", new JsonObject(),
        headers), value("SELECT supports FROM submissions WHERE id = ?", UUID.fromString(answered)),
        Change::grewByOne);
  }

  static Attempt unrouted(Caller c) {
    return read(c, "/api/intake/unrouted", ch -> {
      assertTrue(ch.out().json().getJsonArray("items").stream()
          .anyMatch(i -> "0987000222".equals(((JsonObject) i).getString("phone"))), ch.out().body());
      ch.loggedBy("contact.viewed");
    });
  }

  static Attempt logCall(Caller c) {
    JsonObject body = new JsonObject().put("callerName", "Lê Văn Tám").put("callerPhone", "0987654321")
        .put("locality", "Xã Long Hiệp, huyện Bến Lức").put("text", "Điện chập chờn ở ấp 4 (" + c.label() + ")")
        .put("readyForAir", true).put("notes", "Gọi lại sau 20 giờ");
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/episodes/" + episode + "/calls", body),
        count("SELECT count(*) FROM submissions WHERE episode_id = ? AND channel = 'hotline'",
            UUID.fromString(episode)),
        ch -> {
          ch.grewByOne();
          assertEquals(SESSIONS.get(ch.caller()).actor(), sql.rows("SELECT logged_by FROM submissions WHERE id = ?",
              UUID.fromString(ch.out().json().getString("id"))).get(0).get("logged_by"));
        });
  }

  static Attempt recentCalls(Caller c) {
    return read(c, "/api/episodes/" + episode + "/calls?limit=5", ch -> {
      assertNotNull(ch.out().json().getJsonArray("items"));
      ch.loggedBy("contact.viewed");
    });
  }

  static Attempt queue(Caller c) {
    return read(c, "/api/episodes/" + episode + "/queue", ch -> {
      assertFalse(ch.out().json().getJsonArray("items").isEmpty(), ch.out().body());
      ch.loggedBy("contact.viewed");
    });
  }

  static Attempt action(Caller c) {
    String item = ask("Mai Văn Phân Loại", "0912000006", "Đường vào trường học ngập nước (" + c.label() + ")");
    JsonObject body = new JsonObject().put("action", "categorize").put("field", "Giao thông");
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/items/" + item + "/actions", body),
        value("SELECT coalesce(field, '∅') FROM submissions WHERE id = ?", UUID.fromString(item)),
        ch -> {
          assertEquals("Giao thông", ch.after());
          ch.loggedBy("item.categorize");
        });
  }

  static Attempt similar(Caller c) {
    return read(c, "/api/items/" + similarItem + "/similar", ch -> {
      assertFalse(ch.out().json().getJsonArray("items").isEmpty(), ch.out().body());
      ch.loggedBy("contact.viewed");
    });
  }

  static Attempt report(Caller c) {
    return read(c, "/api/reports?episode=" + episode, ch -> assertTrue(ch.out().json().getJsonObject("totals")
        .getLong("questions") > 0, ch.out().body()));
  }

  static Attempt reportExport(Caller c) {
    return read(c, "/api/reports.xlsx?episode=" + episode, ch -> {
      assertTrue(ch.out().body().startsWith("PK"), "not an XLSX (a zip)");
      ch.loggedBy("report.exported");
    });
  }

  /** The "Báo cáo" takes the issuer's next number, so each allowed caller's download is logged with one. */
  static Attempt reportPdf(Caller c) {
    return read(c, "/api/reports.pdf?episode=" + episode, ch -> {
      assertTrue(ch.out().body().startsWith("%PDF"), "not a PDF");
      ch.loggedBy("report.exported");
    });
  }

  static Attempt reportDocx(Caller c) {
    return read(c, "/api/reports.docx?episode=" + episode, ch -> {
      assertTrue(ch.out().body().startsWith("PK"), "not a DOCX (a zip)");
      ch.loggedBy("report.exported");
    });
  }

  static Attempt studioMessage(Caller c) {
    String message = "Còn 5 phút, chuyển sang câu về điện (" + c.label() + ")";
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/episodes/" + episode + "/studio-message",
        new JsonObject().put("message", message)),
        value("SELECT coalesce(producer_message, '∅') FROM episodes WHERE id = ?", UUID.fromString(episode)),
        ch -> {
          assertEquals(message, ch.after());
          ch.loggedBy("studio.message");
        });
  }

  static Attempt moderationSocket(Caller c) {
    return new Attempt(() -> socket(c, "/ws/moderation/" + episode), nothing(), ch -> {
      assertEquals("snapshot", ch.out().json().getString("type"));
      assertFalse(ch.out().json().getJsonArray("items").isEmpty());
      ch.loggedBy("contact.viewed");
    });
  }

  static Attempt studioSocket(Caller c) {
    return new Attempt(() -> socket(c, "/ws/studio/" + episode), nothing(), ch -> {
      assertEquals("snapshot", ch.out().json().getString("type"));
      assertFalse(ch.out().body().contains("0912000001"), "no phone number on the studio display");
      assertFalse(ch.out().body().contains("\"phone\""), ch.out().body());
    });
  }

  static Attempt liveSocket(Caller c) {
    return new Attempt(() -> socket(c, "/ws/live/" + episode), nothing(), ch -> {
      assertEquals("snapshot", ch.out().json().getString("type"));
      assertFalse(ch.out().body().contains("0912000001"), "no phone number on the public page");
    });
  }

  static Attempt agencyItems(Caller c) {
    return read(c, "/api/agency/items", ch -> {
      JsonArray items = ch.out().json().getJsonArray("items");
      List<String> agencies = items.stream().map(i -> ((JsonObject) i).getString("agency")).distinct().toList();
      if (ch.caller() == AGENCY) {
        assertEquals(List.of(AGENCY_NAME), agencies, "an agency sees only its own agency's items");
        assertFalse(ch.out().json().getBoolean("contactsVisible"));
        assertFalse(ch.out().body().contains("0912000002"), "the asker's phone is masked for an agency");
      } else {
        assertTrue(agencies.containsAll(List.of(AGENCY_NAME, "Sở Y tế")), agencies.toString());
      }
    });
  }

  static Attempt tokens(Caller c) {
    return read(c, "/api/tokens", ch -> assertNotNull(new JsonArray(ch.out().body())));
  }

  static Attempt createToken(Caller c) {
    JsonObject body = new JsonObject().put("name", "Tổng đài PBX Bến Lức (" + c.label() + ")").put("role", "operator");
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/tokens", body), count("SELECT count(*) FROM api_tokens"),
        ch -> {
          ch.grewByOne();
          ch.loggedBy("token.created");
        });
  }

  static Attempt revokeToken(Caller c) {
    Reply created = staff.post("/api/tokens", new JsonObject().put("name", "Cổng SMS (" + c.label() + ")")
        .put("role", "operator")).bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(201, created.status(), created.toString());
    String id = created.json().getString("id");
    return new Attempt(() -> http(c, HttpMethod.DELETE, "/api/tokens/" + id, null),
        value("SELECT revoked_at IS NOT NULL FROM api_tokens WHERE id = ?", UUID.fromString(id)),
        ch -> {
          assertEquals("true", ch.after());
          assertEquals(401, staff.get("/api/auth/me").bearer(created.json().getString("token")).send().status());
        });
  }

  static Attempt staffList(Caller c) {
    return read(c, "/api/staff", ch -> assertTrue(ch.out().json().getJsonArray("items").stream()
        .anyMatch(a -> victim.username().equals(((JsonObject) a).getString("username")))));
  }

  static Attempt createStaff(Caller c) {
    JsonObject body = new JsonObject().put("username", "mt.moi" + SEQ.incrementAndGet())
        .put("displayName", "Nhân viên mới (" + c.label() + ")").put("password", "Mật-khẩu-nhân-viên-mới-2026")
        .put("roles", new JsonArray().add("operator"));
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/staff", body), count("SELECT count(*) FROM staff"),
        ch -> {
          ch.grewByOne();
          ch.loggedBy("staff.created");
        });
  }

  static Attempt updateStaff(Caller c) {
    String name = "Trần Văn Nhân Viên (" + c.label() + " đổi tên)";
    return new Attempt(() -> http(c, HttpMethod.PATCH, "/api/staff/" + victim.id(),
        new JsonObject().put("displayName", name)),
        value("SELECT display_name || ' ' || array_to_string(roles, ',') || ' ' || active FROM staff WHERE id = ?",
            UUID.fromString(victim.id())),
        ch -> {
          assertTrue(ch.after().startsWith(name), ch.after());
          ch.loggedBy("staff.updated");
        });
  }

  static Attempt resetPassword(Caller c) {
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/staff/" + victim.id() + "/password",
        new JsonObject().put("password", "Mật-khẩu-đặt-lại-" + SEQ.incrementAndGet())),
        value("SELECT password_hash FROM staff WHERE id = ?", UUID.fromString(victim.id())),
        ch -> {
          assertNotEquals(ch.before(), ch.after(), "the password was not changed");
          ch.loggedBy("staff.password_reset");
        });
  }

  static Attempt audit(Caller c) {
    return read(c, "/api/audit?limit=50", ch -> assertFalse(ch.out().json().getJsonArray("items").isEmpty()));
  }

  static Attempt auditCsv(Caller c) {
    return read(c, "/api/audit.csv?limit=50", ch -> {
      assertTrue(ch.out().body().startsWith("\uFEFFid,at,actor,action"), ch.out().body());
      assertTrue(ch.out().body().lines().count() > 1);
    });
  }

  static Attempt erase(Caller c) {
    String phone = "09" + String.format("%08d", 30_000_000 + SEQ.incrementAndGet());
    String item = ask("Tống Thị Xoá", phone, "Xin xoá dữ liệu của tôi sau chương trình (" + c.label() + ")");
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/privacy/erase", new JsonObject().put("phone", phone)),
        value("SELECT coalesce(phone, '∅') || '|' || coalesce(asker_name, '∅') FROM submissions WHERE id = ?",
            UUID.fromString(item)),
        ch -> {
          assertEquals("∅|∅", ch.after());
          assertEquals(1, ch.out().json().getInteger("erased"));
          ch.loggedBy("privacy.erased");
        });
  }

  static Attempt retention(Caller c) {
    return read(c, "/api/privacy/retention", ch -> assertEquals(180, ch.out().json().getInteger("days")));
  }

  static Attempt runRetention(Caller c) {
    // an episode of last year: created live, given a question, then aged in SQL
    String old = node.liveEpisode(null, null);
    Reply asked = staff.post("/api/episodes/" + old + "/questions",
        TestNode.question("Quách Văn Cũ", "Câu hỏi của chương trình năm ngoái")).from(newAddress()).send();
    assertEquals(202, asked.status(), asked.toString());
    String item = asked.json().getString("id");
    sql.rows("UPDATE episodes SET starts_at = now() - interval '400 days', intake_opens_at = now() - "
        + "interval '401 days', intake_closes_at = now() - interval '399 days' WHERE id = ?", UUID.fromString(old));
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/privacy/retention/run", new JsonObject()),
        value("SELECT coalesce(phone, '∅') || '|' || coalesce(asker_name, '∅') FROM submissions WHERE id = ?",
            UUID.fromString(item)),
        ch -> {
          assertEquals("∅|∅", ch.after());
          assertTrue(ch.out().json().getInteger("erased") >= 1);
        },
        // leave no aged data behind for the node's own hourly run to find in the middle of another check
        () -> assertEquals(200, staff.post("/api/privacy/retention/run", new JsonObject())
            .bearer(TestNode.ADMIN_TOKEN).send().status()));
  }

  static Attempt messageTemplates(Caller c) {
    return read(c, "/api/admin/messages", ch -> assertTrue(ch.out().json().getJsonArray("items").stream()
        .anyMatch(t -> "followup-reminder".equals(((JsonObject) t).getString("key"))), ch.out().body()));
  }

  static final String REMINDER_BODY = "Kính gửi: {{co_quan}}\n\nĐề nghị Quý cơ quan trả lời chậm nhất ngày "
      + "{{han_tra_loi}}:\n\n{{danh_sach}}\nBAN BIÊN TẬP CHƯƠNG TRÌNH";

  static Attempt editMessageTemplate(Caller c) {
    String subject = "Nhắc thời hạn trả lời (" + c.label() + ")";
    return new Attempt(() -> http(c, HttpMethod.PUT, "/api/admin/messages/followup-reminder",
        new JsonObject().put("subject", subject).put("body", REMINDER_BODY)),
        value("SELECT coalesce((SELECT subject FROM message_templates WHERE key = 'followup-reminder'), '-')"),
        ch -> {
          assertEquals(subject, ch.after());
          ch.loggedBy("message_template.updated");
        });
  }

  static Attempt resetMessageTemplate(Caller c) {
    Reply edited = staff.request(HttpMethod.PUT, "/api/admin/messages/followup-escalation").json(new JsonObject()
        .put("subject", "Báo cáo chậm trả lời: {{co_quan}}").put("body", "Kính gửi: Thường trực Hội đồng nhân dân"
            + "\n\n{{co_quan}}\n\n{{danh_sach}}")).bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(200, edited.status(), edited.toString());
    return new Attempt(() -> http(c, HttpMethod.DELETE, "/api/admin/messages/followup-escalation", null),
        count("SELECT count(*) FROM message_templates WHERE key = 'followup-escalation'"),
        ch -> {
          assertEquals("0", ch.after());
          ch.loggedBy("message_template.reset");
        });
  }

  static Attempt previewMessageTemplate(Caller c) {
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/admin/messages/followup-assignment/preview",
        new JsonObject()), nothing(),
        ch -> assertTrue(ch.out().json().getString("body").contains("chậm nhất ngày"), ch.out().body()));
  }

  static Attempt grants(Caller c) {
    return read(c, "/api/privacy/agency-grants", ch -> assertNotNull(ch.out().json().getJsonArray("items")));
  }

  static Attempt grant(Caller c) {
    String agency = "Sở Tài chính (" + c.label() + ")";
    return new Attempt(() -> http(c, HttpMethod.POST, "/api/privacy/agency-grants",
        new JsonObject().put("agency", agency)),
        count("SELECT count(*) FROM agency_contact_grants WHERE agency = ?", agency),
        ch -> {
          ch.grewByOne();
          ch.loggedBy("privacy.contact_granted");
        });
  }

  static Attempt revokeGrant(Caller c) {
    String agency = "Sở Giao thông Vận tải " + SEQ.incrementAndGet();
    Reply granted = staff.post("/api/privacy/agency-grants", new JsonObject().put("agency", agency))
        .bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(200, granted.status(), granted.toString());
    String path = "/api/privacy/agency-grants/" + URLEncoder.encode(agency, StandardCharsets.UTF_8).replace("+", "%20");
    return new Attempt(() -> http(c, HttpMethod.DELETE, path, null),
        count("SELECT count(*) FROM agency_contact_grants WHERE agency = ?", agency),
        ch -> {
          assertEquals("0", ch.after());
          ch.loggedBy("privacy.contact_revoked");
        });
  }

  /** Log-in is public; a logged-in browser logging in (as someone else) carries a session of its own. */
  static Attempt login(Caller c) {
    Session own = c == ANONYMOUS ? null : staff.logIn(ACCOUNTS.get(c));
    JsonObject body = new JsonObject().put("username", loginTarget.username()).put("password", loginTarget.password());
    return new Attempt(() -> {
      StaffClient.Request req = staff.post("/api/auth/login", body).from(newAddress());
      if (own != null) {
        req.cookie(own.cookie());
      }
      Reply r = req.send();
      String cookie = r.sessionCookie();
      return new Outcome(r.status(), r.body() + "\n" + cookie, r.code());
    }, count("SELECT count(*) FROM staff_sessions WHERE staff_id = ?", UUID.fromString(loginTarget.id())),
        ch -> {
          ch.grewByOne();
          String cookie = ch.out().body().substring(ch.out().body().lastIndexOf('\n') + 1);
          Reply me = staff.get("/api/auth/me").cookie(cookie).send();
          assertEquals(loginTarget.actor(), me.json().getJsonObject("user").getString("id"));
          if (own != null) {
            assertEquals(401, staff.get("/api/auth/me").cookie(own.cookie()).send().status(),
                "the session the browser had is over");
          }
        });
  }

  static Attempt me(Caller c) {
    return read(c, "/api/auth/me", ch -> {
      JsonObject user = ch.out().json().getJsonObject("user");
      assertEquals(SESSIONS.get(ch.caller()).actor(), user.getString("id"));
      assertTrue(user.getJsonArray("roles").contains(ch.caller().label()), user.encode());
    });
  }

  /** Log-out ends the caller's session, so each caller logs out of a second session of its own. */
  static Attempt logout(Caller c) {
    Session own = c == ANONYMOUS ? null : staff.logIn(ACCOUNTS.get(c));
    return new Attempt(() -> {
      StaffClient.Request req = staff.post("/api/auth/logout", new JsonObject()).from(newAddress());
      if (own != null) {
        req.cookie(own.cookie()).csrf(own.csrf());
      }
      Reply r = req.send();
      return new Outcome(r.status(), r.body(), r.code());
    }, own == null ? count("SELECT count(*) FROM staff_sessions")
        : count("SELECT count(*) FROM staff_sessions WHERE id_hash = ?", sha256(own.cookie())),
        ch -> {
          assertEquals("0", ch.after());
          assertEquals(401, staff.get("/api/auth/me").cookie(own.cookie()).send().status());
          ch.loggedBy("auth.logout");
        });
  }

  // ---- fixtures ----

  static long events() {
    return sql.count("SELECT count(*) FROM events");
  }

  static String ask(String name, String phone, String text) {
    Reply r = staff.post("/api/episodes/" + episode + "/questions", TestNode.question(name, text).put("phone", phone))
        .from(newAddress()).send();
    assertEquals(202, r.status(), r.toString());
    return r.json().getString("id");
  }

  static String adminCreates(String path, JsonObject body) {
    Reply r = staff.post(path, body).bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(201, r.status(), r.toString());
    return r.json().getString("id");
  }

  static void adminAct(String item, JsonObject action) {
    Reply r = staff.post("/api/items/" + item + "/actions", action).bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(200, r.status(), r.toString());
  }

  static void smsTo(String number, String text, String messageId) {
    JsonObject body = new JsonObject().put("from", "0987000222").put("to", number).put("text", text)
        .put("messageId", messageId);
    Reply r = staff.post("/api/intake/sms", body)
        .header("X-Signature-256", SmsSignature.sign(TestNode.SMS_SECRET, body.toBuffer().getBytes())).send();
    assertEquals(200, r.status(), r.toString());
  }

  // ---- the table ----

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 60) + "…" : line;
  }

  static String expected(Row row, Caller c) {
    return row.allowed().contains(c) ? "✓" : c == ANONYMOUS ? "401" : "403";
  }

  static void writeMarkdown() throws IOException {
    StringBuilder md = new StringBuilder("# Role × route matrix\n\n")
        .append("Observed by `RoleMatrixTest`: every staff route and socket, called by an anonymous browser and by ")
        .append("a logged-in browser of each role (session cookie, CSRF token, own Origin).\n\n")
        .append("✓ allowed, and the action happened · 401 refused, not logged in · 403 refused, wrong role ")
        .append("(a refused call changed nothing: same event count, same rows) · ✗ differs from the specification\n\n")
        .append("| Method | Route |");
    for (Caller c : Caller.values()) {
      md.append(' ').append(c.label()).append(" |");
    }
    md.append("\n|---|---|");
    md.append("---|".repeat(Caller.values().length)).append('\n');
    for (Row row : MATRIX) {
      Map<Caller, String> cells = OBSERVED.get(row);
      md.append("| ").append(row.method()).append(" | `").append(row.route()).append("` |");
      for (Caller c : Caller.values()) {
        String cell = cells == null ? "–" : cells.get(c);
        if (cell != null && cell.startsWith("✗")) {
          cell = cell + " (expected " + expected(row, c) + ")";
        }
        md.append(' ').append(cell == null ? "–" : cell.replace("|", "\\|")).append(" |");
      }
      md.append('\n');
    }
    Path out = Path.of("target", "role-matrix.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    System.out.println(md);
  }
}
