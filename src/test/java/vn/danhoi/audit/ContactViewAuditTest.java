package vn.danhoi.audit;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every time an editor or operator is shown citizens' contact data, the log says who, when, what, for which
 * episode and from which address. The studio display and the public live page never get contact data.
 */
@ExtendWith(VertxExtension.class)
class ContactViewAuditTest {

  /** Keys that carry contact data in any JSON the server sends. */
  static final Set<String> CONTACT_KEYS = Set.of("phone", "email", "address", "callbackPhone", "callback_phone",
      "callerPhone", "notes", "clientAddress", "client_address");

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create()
      // the node sits behind the station's proxy: each console's own address is what gets logged
      .with("DANHOI_TRUST_PROXY", "true");

  static TestNode node;
  static Sql sql;
  static StaffSession editor;
  static StaffSession operator;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    editor = StaffSession.create(node, "btv.nguyenvannam", "Nguyễn Văn Nam (Ban biên tập)", List.of("editor"),
        null, "10.8.1.1");
    operator = StaffSession.create(node, "dtv.phamthithu", "Phạm Thị Thu (Tổng đài)", List.of("operator"), null,
        "10.8.2.1");
  }

  @AfterAll
  static void stop() {
    editor.close();
    operator.close();
  }

  @Test
  void everyEditorViewOfContactDataIsLoggedWithWhoWhatEpisodeAndAddress() {
    String episode = node.liveEpisode("8085", "HOI");
    String first = web(episode, "Cao Thị Hường", "0914 222 333", "Khi nào xã Mỹ Yên có nước sạch sinh hoạt?");
    String second = web(episode, "Kim Văn Lực", "0914 444 555", "Bao giờ xã Mỹ Yên có nước sạch sinh hoạt vậy?");
    sms("+84914666777", "8000", "Cho hỏi lịch tiêm chủng mở rộng tháng này");

    Instant before = Instant.now().minusSeconds(1);
    HttpResponse<Buffer> queue = editor.get("/api/episodes/" + episode + "/queue", from("10.8.1.21"));
    assertEquals(200, queue.statusCode(), queue.bodyAsString());
    assertTrue(queue.bodyAsString().contains("0914222333"), "the queue shows contact data");
    Map<String, Object> e = lastView(editor, "moderation.queue");
    assertEquals(episode, e.get("entity_id"));
    assertEquals(UUID.fromString(episode), e.get("episode_id"));
    assertEquals("10.8.1.21", e.get("address"));
    assertEquals(2, new JsonObject((String) e.get("after")).getInteger("items"));
    Instant at = ((Timestamp) e.get("at")).toInstant();
    assertTrue(!at.isBefore(before) && !at.isAfter(Instant.now().plusSeconds(1)), at.toString());

    long views = viewsBy(editor);
    HttpResponse<Buffer> search = editor.get("/api/episodes/" + episode + "/queue?q=nuoc%20sach", from("10.8.1.22"));
    assertEquals(200, search.statusCode(), search.bodyAsString());
    assertEquals(views + 1, viewsBy(editor), "a search is a view too");
    assertEquals("10.8.1.22", lastView(editor, "moderation.queue").get("address"));

    HttpResponse<Buffer> similar = editor.get("/api/items/" + second + "/similar", from("10.8.1.23"));
    assertEquals(200, similar.statusCode(), similar.bodyAsString());
    assertTrue(similar.bodyAsString().contains(first) && similar.bodyAsString().contains("0914222333"));
    Map<String, Object> s = lastView(editor, "moderation.similar");
    assertEquals(UUID.fromString(episode), s.get("episode_id"));
    assertEquals("10.8.1.23", s.get("address"));
    assertEquals(views + 2, viewsBy(editor));

    HttpResponse<Buffer> unrouted = editor.get("/api/intake/unrouted", from("10.8.1.24"));
    assertEquals(200, unrouted.statusCode(), unrouted.bodyAsString());
    assertTrue(unrouted.bodyAsString().contains("+84914666777"));
    Map<String, Object> u = lastView(editor, "intake.unrouted");
    assertEquals("10.8.1.24", u.get("address"));
    assertNull(u.get("episode_id"), "unrouted messages belong to no episode");
    assertEquals(views + 3, viewsBy(editor));

    try (SocketProbe console = SocketProbe.connect(node.vertx(), node.port(), "/ws/moderation/" + episode,
        editor.socketHeaders(Map.of("X-Forwarded-For", "10.8.1.25")))) {
      JsonObject snapshot = console.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      assertTrue(snapshot.encode().contains("0914444555"), "the console shows contact data");
      Map<String, Object> w = lastView(editor, "moderation.socket");
      assertEquals(UUID.fromString(episode), w.get("episode_id"));
      assertEquals(episode, w.get("entity_id"));
      assertEquals("10.8.1.25", w.get("address"));
      assertEquals(views + 4, viewsBy(editor));
    }
  }

  @Test
  void anOperatorsListOfRecentCallsIsLogged() {
    String episode = node.liveEpisode(null, null);
    HttpResponse<Buffer> logged = operator.postJson("/api/episodes/" + episode + "/calls", new JsonObject()
        .put("callerName", "Thạch Thị Sa Rây").put("callerPhone", "0916 121 314").put("locality", "Xã Vĩnh Hải")
        .put("text", "Lúa bị ngập mặn có được hỗ trợ giống không?").put("readyForAir", true)
        .put("callbackPhone", "0299 3861 234").put("notes", "Nói tiếng Khmer, cần phiên dịch"), from("10.8.2.10"));
    assertEquals(201, logged.statusCode(), logged.bodyAsString());
    long views = viewsBy(operator);

    HttpResponse<Buffer> calls = operator.get("/api/episodes/" + episode + "/calls", from("10.8.2.11"));

    assertEquals(200, calls.statusCode(), calls.bodyAsString());
    JsonObject call = calls.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals("02993861234", call.getString("callbackPhone"));
    assertEquals("Nói tiếng Khmer, cần phiên dịch", call.getString("notes"));
    assertEquals(views + 1, viewsBy(operator));
    Map<String, Object> e = lastView(operator, "hotline.calls");
    assertEquals(UUID.fromString(episode), e.get("episode_id"));
    assertEquals("10.8.2.11", e.get("address"));
    assertEquals(1, new JsonObject((String) e.get("after")).getInteger("items"));
  }

  @Test
  void refusedCallersAreShownNothingAndNothingIsLoggedAsViewed() {
    String episode = node.liveEpisode(null, null);
    web(episode, "Lý Văn Tư", "0917 000 111", "Giá vé xe buýt cho học sinh là bao nhiêu?");
    long views = sql.count("SELECT count(*) FROM events WHERE action = 'contact.viewed'");
    String studio = node.token("studio");
    for (String path : List.of("/api/episodes/" + episode + "/queue", "/api/intake/unrouted",
        "/api/episodes/" + episode + "/calls")) {
      HttpResponse<Buffer> r = node.get(path, studio);
      assertEquals(403, r.statusCode(), path + " " + r.bodyAsString());
      assertFalse(r.bodyAsString().contains("0917000111"));
    }
    assertEquals(401, node.get("/api/episodes/" + episode + "/queue", null).statusCode());
    HttpResponse<Buffer> operatorQueue = operator.get("/api/episodes/" + episode + "/queue");
    assertEquals(403, operatorQueue.statusCode(), "an operator does not moderate");
    assertEquals(views, sql.count("SELECT count(*) FROM events WHERE action = 'contact.viewed'"));
  }

  @Test
  void studioAndPublicSocketsNeverCarryContactDataDuringAShow() {
    String episode = node.liveEpisode("8086", "SONG");
    String studioToken = node.token("studio");
    try (SocketProbe studio = SocketProbe.bearer(node.vertx(), node.port(), "/ws/studio/" + episode, studioToken);
         SocketProbe live = SocketProbe.connect(node.vertx(), node.port(), "/ws/live/" + episode, Map.of());
         SocketProbe console = SocketProbe.connect(node.vertx(), node.port(), "/ws/moderation/" + episode,
             editor.socketHeaders(Map.of()))) {
      studio.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      live.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      console.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));

      // a hotline call ready for air, with a call-back number and the operator's notes
      HttpResponse<Buffer> logged = operator.postJson("/api/episodes/" + episode + "/calls", new JsonObject()
          .put("callerName", "Đoàn Văn Sáu").put("callerPhone", "0913 579 246").put("locality", "Xã Phước Lợi")
          .put("field", "Điện").put("text", "Bao giờ điện ba pha về tới ấp Phước Thuận?").put("readyForAir", true)
          .put("callbackPhone", "0272 3511 888").put("notes", "Ông Sáu ở xa, gọi lại bằng số nhà con trai"));
      assertEquals(201, logged.statusCode(), logged.bodyAsString());
      String call = logged.bodyAsJsonObject().getString("id");
      HttpResponse<Buffer> asked = node.postJson("/api/episodes/" + episode + "/questions", new JsonObject()
          .put("name", "Châu Thị Bé").put("locality", "Phường 4, TP Tân An").put("phone", "0978 642 135")
          .put("email", "chaube.ca@gmail.com").put("text", "Tiền điện tháng này tăng gấp đôi, xin giải thích?")
          .put("consent", true), null);
      assertEquals(202, asked.statusCode(), asked.bodyAsString());
      String web = asked.bodyAsJsonObject().getString("id");
      String text = sms("+84966112233", "8086", "Đèn đường khu phố 3 hỏng cả tháng");

      // the editors see the contact data live: the data was there to leak
      JsonObject seen = console.awaitItem(call).getJsonObject("item");
      assertEquals("02723511888", seen.getString("callbackPhone"));
      assertEquals("Ông Sáu ở xa, gọi lại bằng số nhà con trai", seen.getString("notes"));
      console.awaitItem(web);
      console.awaitItem(text);

      String token = TestNode.ADMIN_TOKEN;
      act(call, "categorize", new JsonObject().put("agency", "Sở Công Thương"), token);
      act(call, "shortlist", new JsonObject().put("responder", "Giám đốc Sở Công Thương"), token);
      act(web, "shortlist", new JsonObject(), token);
      act(text, "next", new JsonObject(), token);
      act(call, "next", new JsonObject(), token);
      act(web, "next", new JsonObject(), token);
      act(web, "edit", new JsonObject().put("text", "Vì sao tiền điện tháng này tăng gấp đôi?"), token);
      studio.await(m -> m.encode().contains("Vì sao tiền điện tháng này tăng gấp đôi?"), Duration.ofSeconds(10));
      act(call, "on-air", new JsonObject(), token);
      JsonObject onAir = studio.await(m -> m.getJsonObject("onAir") != null
          && call.equals(m.getJsonObject("onAir").getString("id")), Duration.ofSeconds(10)).getJsonObject("onAir");
      assertEquals("Sáu", onAir.getString("askerName"), "the host calls him by his given name");
      assertEquals("Xã Phước Lợi", onAir.getString("locality"));
      live.await(m -> m.getJsonObject("onAir") != null && call.equals(m.getJsonObject("onAir").getString("id")),
          Duration.ofSeconds(10));
      HttpResponse<Buffer> support = node.post("/api/items/" + call + "/support", Buffer.buffer(), null, null,
          MultiMap.caseInsensitiveMultiMap());
      assertEquals(200, support.statusCode(), support.bodyAsString());
      HttpResponse<Buffer> message = node.postJson("/api/episodes/" + episode + "/studio-message",
          new JsonObject().put("message", "Còn 5 phút, chuẩn bị chuyển câu của chị Bé"), token);
      assertEquals(200, message.statusCode(), message.bodyAsString());
      studio.await(m -> "Còn 5 phút, chuẩn bị chuyển câu của chị Bé".equals(m.getString("message")),
          Duration.ofSeconds(10));
      act(call, "answered", new JsonObject(), token);
      act(web, "on-air", new JsonObject(), token);
      act(web, "answered", new JsonObject(), token);
      act(text, "on-air", new JsonObject(), token);
      live.await(m -> "live.state".equals(m.getString("type")) && m.getJsonArray("answered").size() == 2
          && m.getJsonObject("onAir") != null && text.equals(m.getJsonObject("onAir").getString("id")),
          Duration.ofSeconds(10));
      JsonObject last = studio.await(m -> m.getJsonObject("onAir") != null
          && text.equals(m.getJsonObject("onAir").getString("id")), Duration.ofSeconds(10));
      assertNotNull(last);
      live.await(m -> m.encode().contains("\"supports\":1"), Duration.ofSeconds(10));

      List<String> everything = new ArrayList<>(studio.raw());
      everything.addAll(live.raw());
      assertTrue(studio.raw().size() >= 5 && live.raw().size() >= 5, "the show reached both screens");
      for (String raw : everything) {
        assertNoContactKeys(new JsonObject(raw), raw);
        for (String secret : List.of("0913579246", "913579246", "02723511888", "2723511888", "0978642135",
            "978642135", "chaube.ca", "966112233", "gọi lại bằng số", "Đoàn Văn Sáu", "Châu Thị Bé",
            "10.8.2.1", "127.0.0.1")) {
          assertFalse(raw.contains(secret), "'" + secret + "' sent to the studio or the public: " + raw);
        }
      }
    }
  }

  @Test
  void theModerationSocketCountsEveryItemWithContactDataItSendsSnapshotAndPushes() {
    String episode = node.liveEpisode(null, null);
    List<String> before = new ArrayList<>();
    for (String phone : List.of("0918 100 201", "0918 100 202", "0918 100 203")) {
      before.add(web(episode, "Lương Thị Nga", phone, "Xin hỏi về lịch thu gom rác ở khu phố " + phone));
    }
    try (StaffSession watcher = StaffSession.create(node, "btv.lethanhvan", "Lê Thanh Vân (Ban biên tập)",
        List.of("editor"), null, "10.8.1.40")) {
      SocketProbe console = SocketProbe.connect(node.vertx(), node.port(), "/ws/moderation/" + episode,
          watcher.socketHeaders(Map.of("X-Forwarded-For", "10.8.1.41")));
      JsonObject snapshot = console.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      assertEquals(3, snapshot.getJsonArray("items").size());
      // the snapshot's view is in the log, with what it held, before the editor could see it
      List<JsonObject> views = audited(watcher, episode);
      assertEquals(1, views.size(), views.toString());
      assertEquals("moderation.socket", views.get(0).getString("entityType"));
      assertEquals(3, views.get(0).getJsonObject("after").getInteger("items"));
      assertEquals("10.8.1.41", views.get(0).getString("address"));

      // two new questions and an edit reach the open console: three more items with contact data
      String late1 = web(episode, "Hà Văn Tùng", "0918 100 204", "Đèn tín hiệu ngã tư chợ hỏng");
      String late2 = web(episode, "Trịnh Thị Lý", "0918 100 205", "Cống thoát nước ấp 5 bị tắc");
      console.awaitItem(late1);
      console.awaitItem(late2);
      act(before.get(0), "edit", new JsonObject().put("text", "Lịch thu gom rác khu phố 1 thế nào?"),
          TestNode.ADMIN_TOKEN);
      console.await(m -> "item.updated".equals(m.getString("type"))
          && before.get(0).equals(m.getJsonObject("item").getString("id")), Duration.ofSeconds(10));
      assertEquals(3, pushedViews(watcher, episode, Duration.ofSeconds(20), 3), "every push counted, batched");
      console.close();
      // closing writes nothing more than was sent; a later push to no one is not a view
      act(before.get(1), "edit", new JsonObject().put("text", "Lịch thu gom rác khu phố 2 thế nào?"),
          TestNode.ADMIN_TOKEN);
      assertEquals(3, pushedViews(watcher, episode, Duration.ofSeconds(7), -1));
      assertEquals(1, audited(watcher, episode).stream()
          .filter(e -> "moderation.socket".equals(e.getString("entityType"))).count());

      // a socket that closes before the periodic record still has its pushes recorded, once
      SocketProbe brief = SocketProbe.connect(node.vertx(), node.port(), "/ws/moderation/" + episode,
          watcher.socketHeaders(Map.of("X-Forwarded-For", "10.8.1.42")));
      brief.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      String last = web(episode, "Đinh Văn Quý", "0918 100 206", "Trường mầm non ấp 2 thiếu phòng học");
      brief.awaitItem(last);
      brief.close();
      assertEquals(4, pushedViews(watcher, episode, Duration.ofSeconds(20), 4));
      List<JsonObject> snapshots = audited(watcher, episode).stream()
          .filter(e -> "moderation.socket".equals(e.getString("entityType"))).toList();
      assertEquals(2, snapshots.size());
      assertEquals(5, snapshots.get(0).getJsonObject("after").getInteger("items"), "newest first: 5 in the board");
    }
  }

  /** The contact views of an editor for an episode, through the audit log API, newest first. */
  private static List<JsonObject> audited(StaffSession who, String episode) {
    HttpResponse<Buffer> r = node.get("/api/audit?action=contact.viewed&entity=" + episode + "&actor="
        + URLEncoder.encode(who.actor(), StandardCharsets.UTF_8), TestNode.ADMIN_TOKEN);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
  }

  /**
   * The sum of pushed items recorded, polled until it reaches {@code expected} (or, with -1, for the whole
   * wait, to show it does not grow).
   */
  private static long pushedViews(StaffSession who, String episode, Duration wait, long expected) {
    long deadline = System.nanoTime() + wait.toNanos();
    long sum;
    do {
      sum = audited(who, episode).stream().filter(e -> "moderation.push".equals(e.getString("entityType")))
          .mapToLong(e -> e.getJsonObject("after").getLong("items")).sum();
      if (sum == expected) {
        return sum;
      }
      TestNode.await(node.vertx().timer(200));
    } while (System.nanoTime() < deadline);
    return sum;
  }

  // ---- helpers ----

  private static void assertNoContactKeys(Object json, String raw) {
    if (json instanceof JsonObject o) {
      for (String key : o.fieldNames()) {
        assertFalse(CONTACT_KEYS.contains(key), "contact field '" + key + "' in " + raw);
        assertNoContactKeys(o.getValue(key), raw);
      }
    } else if (json instanceof JsonArray a) {
      a.forEach(v -> assertNoContactKeys(v, raw));
    }
  }

  private static long viewsBy(StaffSession who) {
    return sql.count("SELECT count(*) FROM events WHERE action = 'contact.viewed' AND actor = ?", who.actor());
  }

  private static Map<String, Object> lastView(StaffSession who, String what) {
    List<Map<String, Object>> rows = sql.rows("SELECT at, actor, entity_type, entity_id, episode_id, address, "
        + "after::text AS after FROM events WHERE action = 'contact.viewed' AND actor = ? AND entity_type = ? "
        + "ORDER BY id DESC LIMIT 1", who.actor(), what);
    assertEquals(1, rows.size(), "no contact.viewed event for " + what + " by " + who.actor());
    return rows.get(0);
  }

  private static MultiMap from(String address) {
    return MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", address);
  }

  private static void act(String item, String action, JsonObject extra, String token) {
    HttpResponse<Buffer> r = node.postJson("/api/items/" + item + "/actions", extra.copy().put("action", action),
        token);
    assertEquals(200, r.statusCode(), action + ": " + r.bodyAsString());
  }

  private static String web(String episode, String name, String phone, String text) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions",
        new JsonObject().put("name", name).put("locality", "Xã Mỹ Yên, huyện Bến Lức").put("phone", phone)
            .put("text", text).put("consent", true), null);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private static String sms(String from, String to, String text) {
    HttpResponse<Buffer> r = node.sms(from, to, text);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }
}
