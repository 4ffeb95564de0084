package vn.danhoi.browser;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.AfterShow;
import vn.danhoi.support.BrowserNode;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #19, point 9: axe-core (WCAG 2 A/AA) over every page as each role sees it, with data on it: the staff
 * pages at the desks' 1366×768 for admin, editor, operator, studio and agency, the public pages at a 390×844
 * phone. Each page is checked once it has drawn what it loaded (a condition, never a pause). Every page is
 * visited before the test fails, so one run lists all violations; target/axe-summary.txt keeps the counts.
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class AccessibilityBrowserTest {

  static final String TRANSPORT = "Sở Giao thông Vận tải";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @RegisterExtension
  static final BrowserNode.PerClass DESK = BrowserNode.perClass(NODE, "a11y-desk", 1366, 768);

  @RegisterExtension
  static final BrowserNode.PerClass PHONE = BrowserNode.perClass(NODE, "a11y-phone", 390, 844);

  final BrowserNode desk = DESK.get();
  final BrowserNode phone = PHONE.get();
  static String live;
  static String ended;
  static String session;
  static String dialogue;
  static String chairView;

  /** A page, the JavaScript condition that says it has drawn its data, and the states an action opens on it. */
  record Visit(String path, String ready, List<Step> steps) {
    Visit then(String name, String action, String ready) {
      List<Step> more = new ArrayList<>(steps);
      more.add(new Step(name, action, ready));
      return new Visit(path, this.ready, more);
    }
  }

  /** A state of the page a click opens (a tab, the selected item, a form's errors), checked on its own. */
  record Step(String name, String action, String ready) {
  }

  @BeforeAll
  static void start() {
    seed();
  }

  /** An episode on air with questions (one on air), one ended with its follow-up, an accountability session, a dialogue. */
  static void seed() {
    BrowserNode desk = DESK.get();
    TestNode node = desk.node;
    String editor = node.token("editor");
    desk.sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, ?, '{vanthu@sogtvt.example.vn}'), "
        + "(?, 'Công ty Điện lực Long An', '{}')", UUID.randomUUID(), TRANSPORT, UUID.randomUUID());
    desk.sql.rows("INSERT INTO fields (id, name, agency_id) SELECT ?, 'Giao thông', id FROM agencies WHERE name = ?",
        UUID.randomUUID(), TRANSPORT);

    live = node.liveEpisode("8087", "TC");
    List<String> asked = new ArrayList<>();
    for (String text : List.of("Đường ấp 5 xã Phước Lợi khi nào được sửa?", "Điện xã Mỹ Yên chập chờn giờ cao điểm?",
        "Nước sạch về ấp Bình Hòa khi nào?")) {
      asked.add(node.postJson("/api/episodes/" + live + "/questions", TestNode.question("Trần Thị Hồng", text), null)
          .bodyAsJsonObject().getString("id"));
    }
    for (String id : asked.subList(0, 2)) {
      assertEquals(200, node.postJson("/api/items/" + id + "/actions", new JsonObject().put("action", "shortlist"),
          editor).statusCode());
    }
    assertEquals(200, node.postJson("/api/items/" + asked.get(0) + "/actions", new JsonObject().put("action", "on-air"),
        editor).statusCode());

    AfterShow after = new AfterShow(desk.sql);
    UUID program = after.program("Dân hỏi – Chính quyền trả lời", "Thường trực HĐND tỉnh Long An", "Long An");
    OffsetDateTime yesterday = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
    UUID past = after.episode(program, "Giao thông nông thôn", "Đường, cầu nông thôn", yesterday, "Nguyễn Văn Sáu");
    ended = past.toString();
    after.question(past, "Lê Văn Tám", "0912345678", "tam@example.vn", "Cầu Kênh Xáng sụt lún, khi nào sửa?",
        "Giao thông", "deferred", true);
    UUID owed = after.question(past, "Phạm Thị Chín", "0987654321", null, "Đường tỉnh 830 ngập khi triều cường.",
        "Giao thông", "deferred", true);
    after.assign(owed, past, TRANSPORT, OffsetDateTime.now(ZoneOffset.UTC).plusDays(10), "assigned");
    UUID reviewed = after.question(past, "Võ Thị Mười", "0911222333", null, "Xin lắp đèn đường ấp 2.",
        "Giao thông", "deferred", true);
    UUID pending = after.assign(reviewed, past, TRANSPORT, OffsetDateTime.now(ZoneOffset.UTC).plusDays(10), "answered");
    after.answer(pending, reviewed, "Sở sẽ lắp đèn đường ấp 2 trong quý I.", "pending");
    UUID done = after.question(past, "Đỗ Văn Hai", "0933444555", null, "Bến đò ấp 4 có được thay cầu?",
        "Giao thông", "deferred", true);
    UUID closed = after.assign(done, past, TRANSPORT, OffsetDateTime.now(ZoneOffset.UTC).plusDays(10), "approved");
    UUID answer = after.answer(closed, done, "Cầu thay bến đò ấp 4 khởi công tháng 3/2027.", "approved");
    assertEquals(200, node.postJson("/api/answers/" + answer + "/publish", new JsonObject(), editor).statusCode());

    session = node.postJson("/api/episodes", new JsonObject().put("title", "Phiên giải trình quý IV")
        .put("topic", "Giải trình tại phiên họp Thường trực HĐND tỉnh")
        .put("startsAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString()).put("durationMinutes", 180),
        TestNode.ADMIN_TOKEN).bodyAsJsonObject().getString("id");
    desk.sql.rows("UPDATE episodes SET kind = 'accountability' WHERE id = ?", UUID.fromString(session));
    assertEquals(201, node.postJson("/api/episodes/" + session + "/speakers", new JsonObject()
        .put("delegateName", "Đại biểu Lường Văn Dũng").put("room", "Phòng họp trực tuyến tỉnh")
        .put("subject", "Tiến độ sửa cầu Kênh Xáng").put("agency", TRANSPORT), editor).statusCode());

    assertEquals(201, node.postJson("/api/episodes/" + session + "/accountability/agencies", new JsonObject()
        .put("agency", TRANSPORT).put("subjects", "Tiến độ sửa cầu Kênh Xáng và đường tỉnh 830")
        .put("reportDueAt", OffsetDateTime.now(ZoneOffset.UTC).plusHours(20).toString()), editor).statusCode());
    chairView = node.postJson("/api/episodes/" + session + "/chair/views", new JsonObject()
        .put("label", "Điểm cầu huyện Bến Lức"), editor).bodyAsJsonObject().getString("url");

    dialogue = node.liveEpisode(null, null);
    desk.sql.rows("UPDATE episodes SET kind = 'dialogue' WHERE id = ?", UUID.fromString(dialogue));
    assertEquals(201, node.postJson("/api/episodes/" + dialogue + "/opinions", new JsonObject().put("stage", "meeting")
        .put("topic", "Hạ tầng").put("text", "Đèn đường ấp 2 hỏng đã lâu."), TestNode.ADMIN_TOKEN).statusCode());

    for (String role : List.of("admin", "editor", "operator", "studio")) {
      desk.account("a11y." + role, role);
    }
    desk.account("a11y.agency", "agency", TRANSPORT);
  }

  static final String SHOWN = "(() => { const c = document.querySelector('[data-auth-content]'); "
      + "return !c || !c.hidden; })() && ";

  static Visit count(String path, String selector) {
    return new Visit(path, SHOWN + has(selector), List.of());
  }

  static Visit text(String path, String selector) {
    return new Visit(path, SHOWN + "(document.querySelector(\"" + selector + "\")?.textContent || '').trim() !== ''",
        List.of());
  }

  static String has(String selector) {
    return "document.querySelectorAll(\"" + selector + "\").length > 0";
  }

  /** Clicks only what is on view: a state the previous role already opened (a draft, a claim) stays as it is. */
  static String ifShown(String selector) {
    return "(document.querySelector(\"" + selector + "\")?.offsetParent ? (" + click(selector) + ", true) : true)";
  }

  static String click(String selector) {
    return "document.querySelector(\"" + selector + "\").click()";
  }

  /** A tab of admin.html or programs.html, shown with what it loaded. */
  static Visit tab(Visit v, String tab, String content) {
    return v.then(tab, click("#tab-" + tab), "!document.getElementById('panel-" + tab + "').hidden && "
        + has(content));
  }

  /** The staff pages an editor works on (admin opens them too). */
  static List<Visit> editorPages() {
    return List.of(
        count("/moderation.html?episode=" + live, "#queue li")
            .then("selected", click("#queue .q-open"), "!document.getElementById('detail-form').hidden")
            .then("claimed", ifShown("#d-claim-btn"), "document.getElementById('d-claim-btn').hidden || "
                + "document.getElementById('d-claim-btn').disabled"),
        count("/register.html", "#reg-rows tr")
            .then("errors", click("#reg-letter button[type=submit]"), has("#reg-letter [aria-invalid=true]")),
        text("/studio.html?episode=" + live, "#current-text"),
        tab(tab(tab(count("/programs.html", "#panel-episodes tr, #panel-episodes li"),
            "programs", "#panel-programs tr, #panel-programs li"), "agencies", "#panel-agencies tr, #panel-agencies li"),
            "fields", "#panel-fields tr, #panel-fields li"),
        count("/reports.html", "#rp-episode option[value]:not([value=''])"),
        count("/notices.html", "#nt-rows tr"),
        count("/livechat.html?episode=" + live, "#lc-list li"),
        text("/episode.html?id=" + live, "#ev-total"),
        count("/rundown.html?episode=" + live, "#rd-build")
            .then("built", "document.getElementById('rd-empty').offsetParent && " + click("#rd-build"),
                has("#rd-rows tr")),
        count("/followup.html?episode=" + ended, "#fu-open-rows tr")
            .then("en", click("[data-lang=en]"), "document.documentElement.lang === 'en'")
            .then("vi", click("[data-lang=vi]"), "document.documentElement.lang === 'vi'"),
        count("/conclusion.html?episode=" + ended, "#cc-draft, #cc-notice")
            .then("drafted", ifShown("#cc-draft"), has("#cc-rows tr")),
        count("/session.html?episode=" + session, "#speakers li"),
        count("/chair.html?episode=" + session, "#next-list li, #speaker-name"),
        count("/dialogue.html?episode=" + dialogue, "#list > *"));
  }

  static List<Visit> pagesOf(String role) {
    return switch (role) {
      case "admin" -> {
        Visit admin = count("/admin.html", "#acc-rows tr");
        admin = tab(admin, "tokens", "#panel-tokens tbody tr");
        admin = tab(admin, "audit", "#panel-audit tbody tr");
        admin = tab(admin, "privacy", "#panel-privacy form");
        admin = tab(admin, "messages", "#panel-messages textarea, #panel-messages li");
        admin = tab(admin, "rules", "#panel-rules textarea");
        List<Visit> all = new ArrayList<>(List.of(admin, operator(),
            count("/agency.html", "#ag-list .fu-card")));
        all.addAll(editorPages());
        yield all;
      }
      case "editor" -> editorPages();
      case "operator" -> List.of(operator(),
          count("/dialogue.html?episode=" + dialogue, "#outbox"));
      case "studio" -> List.of(text("/studio.html?episode=" + live, "#current-text"),
          count("/chair.html?episode=" + session, "#next-list li, #speaker-name"),
          count(chairView, "#speaker-name, #next-list li"));
      // the officer's own page also lists the accountability session the agency is called to
      case "agency" -> List.of(new Visit("/agency.html", SHOWN + has("#ag-list .fu-card") + " && "
          + has("#ag-sessions li"), List.of())
          .then("no file", click("#ag-sessions button[type=submit]"),
              "!document.getElementById('ag-reports-alert').hidden"));
      default -> throw new IllegalArgumentException(role);
    };
  }

  /** The operator's form, and the same form refusing an empty call with its field errors. */
  static Visit operator() {
    return count("/operator.html?episode=" + live, "#episode option")
        .then("errors", click("#call-submit"), has("#call-form [aria-invalid=true]"));
  }

  static List<Visit> publicPages() {
    return List.of(count("/index.html", "#open-list li"),
        count("/index.html?episode=" + live, "#ask-form")
            .then("errors", click("#ask-submit"), has("#ask-form [aria-invalid=true]")),
        text("/live.html?episode=" + live, "#ep-title"),
        count("/live.html?episode=" + ended, "#arc-after li"),
        count("/answers.html", "#answers li"),
        count("/track.html", "#track-form")
            .then("errors", click("#go"), has("#track-form [aria-invalid=true]")),
        count("/login.html", "#login-form")
            .then("errors", click("#login-submit"), "!document.getElementById('login-alert').hidden || "
                + has("#login-form [aria-invalid=true]")));
  }

  /** Opens the page, waits until it has drawn its data, runs axe-core; then each of its states the same way. */
  static void check(BrowserNode b, String who, Visit v, List<String> summary, List<String> failures) {
    b.driver.get(b.base + v.path());
    await(b, v.ready(), who + " " + v.path());
    record(who, v.path(), axe(b, who + " " + v.path()), summary, failures);
    for (Step step : v.steps()) {
      b.driver.executeScript(step.action());
      await(b, step.ready(), who + " " + v.path() + " " + step.name());
      record(who, v.path() + "#" + step.name(), axe(b, who + " " + v.path() + " " + step.name()), summary, failures);
    }
  }

  static void await(BrowserNode b, String ready, String what) {
    try {
      b.waitUntil(d -> Boolean.TRUE.equals(b.driver.executeScript("return " + ready)));
    } catch (AssertionError e) {
      throw new AssertionError(what + " did not draw its data (" + ready + ")", e);
    }
  }

  static List<String> axe(BrowserNode b, String page) {
    try {
      b.assertAccessible(page);
      return List.of();
    } catch (AssertionError e) {
      List<String> lines = e.getMessage().lines().skip(1).toList();
      return lines.isEmpty() ? List.of(e.getMessage()) : lines;
    }
  }

  static void record(String who, String page, List<String> found, List<String> summary, List<String> failures) {
    String shown = page.replace(chairView, "/chair.html?view=…").replace(live, "live").replace(ended, "ended").replace(session, "session")
        .replace(dialogue, "dialogue");
    summary.add(who + " " + shown + " " + found.size());
    found.forEach(f -> failures.add(who + " " + shown + ": " + f));
  }

  @Test
  void everyPageAsEachRoleSeesItHasNoAxeViolation() throws IOException {
    List<String> summary = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (String role : List.of("admin", "editor", "operator", "studio", "agency")) {
      List<Visit> pages = pagesOf(role);
      desk.logIn("a11y." + role, pages.get(0).path());
      for (Visit v : pages) {
        check(desk, role + " 1366x768", v, summary, failures);
      }
    }
    phone.driver.manage().deleteAllCookies();
    for (Visit v : publicPages()) {
      check(phone, "public 390x844", v, summary, failures);
    }
    // the checker itself: a field without a label and pale text must be caught, or a silent axe passes every page
    phone.driver.executeScript("const m = document.querySelector('main'); m.append(Object.assign("
        + "document.createElement('input'), { id: 'a11y-probe' })); m.append(Object.assign("
        + "document.createElement('p'), { textContent: 'Chữ mờ khó đọc', style: 'color:#bbb;background:#fff' }))");
    List<String> probe = axe(phone, "probe");
    assertTrue(probe.stream().anyMatch(l -> l.startsWith("label ")), "axe-core did not run: " + probe);
    assertTrue(probe.stream().anyMatch(l -> l.startsWith("color-contrast ")), "no contrast check: " + probe);
    Path out = Path.of("target", "axe-summary.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, String.join("\n", summary) + "\n", StandardCharsets.UTF_8);
    assertTrue(failures.isEmpty(), "axe-core violations:\n" + String.join("\n", failures)
        + "\n\nper page:\n" + String.join("\n", summary));
  }
}
