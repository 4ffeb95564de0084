package vn.danhoi.studio;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The studio display and the public live page, on two nodes, during a short show. */
@ExtendWith(VertxExtension.class)
class StudioAndLiveTest {

  static final String PHONE = "0912345678";
  static final String CALLER_PHONE = "0987654321";
  static final String CALLBACK = "0909111222";
  static final String EMAIL = "hoa.nguyen@example.vn";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode a;
  static TestNode b;
  static Vertx vertxB;
  static String editor;
  static String studioToken;

  @BeforeAll
  static void start() {
    a = NODE.node();
    b = NODE.onAnotherMachine();
    vertxB = b.vertx();
    editor = a.token("editor");
    studioToken = a.token("studio");
  }

  @Test
  void aShortShowReachesTheStudioOnAnotherNodeWithoutContactData() {
    String episode = a.liveEpisode(null, null);
    List<SocketProbe> publicFacing = new ArrayList<>();
    try (SocketProbe studio = SocketProbe.bearer(vertxB, b.port(), "/ws/studio/" + episode, studioToken);
         SocketProbe live = SocketProbe.connect(vertxB, b.port(), "/ws/live/" + episode, Map.of())) {
      publicFacing.add(studio);
      publicFacing.add(live);
      JsonObject snapshot = studio.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      assertNull(snapshot.getValue("onAir"));
      live.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));

      JsonObject web = new JsonObject().put("name", "Nguyễn Thị Hoa").put("locality", "Xã Mỹ Yên, huyện Bến Lức")
          .put("phone", PHONE).put("email", EMAIL).put("text", "Khi nào xã tôi có nước sạch?").put("consent", true);
      String question = a.postJson("/api/episodes/" + episode + "/questions", web, null).bodyAsJsonObject()
          .getString("id");
      HttpResponse<Buffer> call = a.postJson("/api/episodes/" + episode + "/calls", new JsonObject()
          .put("callerName", "Trần Văn Bình").put("callerPhone", CALLER_PHONE).put("locality", "Cần Giuộc")
          .put("text", "Điện ở ấp 3 hay mất vào buổi tối").put("readyForAir", true).put("callbackPhone", CALLBACK)
          .put("notes", "Nhà ở số 12 đường Nguyễn Huệ"), TestNode.ADMIN_TOKEN);
      String hotline = call.bodyAsJsonObject().getString("id");

      act(question, "next");
      act(question, "on-air");
      JsonObject onAir = studio.await(m -> "studio.update".equals(m.getString("type")) && m.getValue("onAir") != null,
          Duration.ofSeconds(10)).getJsonObject("onAir");
      assertEquals(question, onAir.getString("id"));
      assertEquals("Hoa", onAir.getString("askerName"), "the studio shows the given name only");
      assertEquals("Xã Mỹ Yên, huyện Bến Lức", onAir.getString("locality"));
      assertEquals(1, onAir.getInteger("askerCount"));
      live.await(m -> "live.state".equals(m.getString("type")) && m.getValue("onAir") != null,
          Duration.ofSeconds(10));

      act(hotline, "next");
      studio.await(m -> "studio.update".equals(m.getString("type")) && m.getJsonArray("next").size() == 1
          && hotline.equals(m.getJsonArray("next").getJsonObject(0).getString("id")), Duration.ofSeconds(10));
      HttpResponse<Buffer> message = a.postJson("/api/episodes/" + episode + "/studio-message",
          new JsonObject().put("message", "Còn 5 phút, chuyển sang câu điện"), editor);
      assertEquals(200, message.statusCode(), message.bodyAsString());
      studio.await(m -> "Còn 5 phút, chuyển sang câu điện".equals(m.getString("message")), Duration.ofSeconds(10));

      act(question, "answered");
      act(hotline, "on-air");
      JsonObject answered = live.await(m -> "live.state".equals(m.getString("type"))
          && m.getJsonArray("answered").size() == 1 && m.getValue("onAir") != null, Duration.ofSeconds(10));
      assertEquals(question, answered.getJsonArray("answered").getJsonObject(0).getString("id"));
      assertEquals(hotline, answered.getJsonObject("onAir").getString("id"));
      assertEquals("Bình", answered.getJsonObject("onAir").getString("askerName"));

      for (SocketProbe probe : publicFacing) {
        for (String raw : probe.raw()) {
          for (String secret : List.of(PHONE, CALLER_PHONE, CALLBACK, EMAIL, "Nguyễn Huệ", "\"phone\"", "\"email\"",
              "callbackPhone", "\"notes\"", "Nguyễn Thị Hoa", "Trần Văn Bình")) {
            assertFalse(raw.contains(secret), "a studio or public message carries " + secret + ": " + raw);
          }
        }
      }
    }
  }

  /**
   * Issue #19, point 3: four questions shortlisted and none marked "next" still give the hosts what comes next,
   * the first in the run-down's order; an editor's "next" overrides it; the run-down's minutes reach the clock.
   */
  @Test
  void theShortlistIsTheStudiosNextUntilAnEditorSetsOne() {
    String episode = a.liveEpisode(null, null);
    List<String> items = new ArrayList<>();
    for (String text : List.of("Đường liên xã bao giờ được sửa?", "Khi nào có nước sạch ở ấp 3?",
        "Trạm y tế xã có thêm bác sĩ không?", "Học sinh vùng sâu có xe đưa đón không?")) {
      items.add(a.postJson("/api/episodes/" + episode + "/questions", TestNode.question("Lê Thị Thu", text), null)
          .bodyAsJsonObject().getString("id"));
    }
    try (SocketProbe studio = SocketProbe.bearer(vertxB, b.port(), "/ws/studio/" + episode, studioToken)) {
      JsonObject snapshot = studio.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      assertTrue(snapshot.getJsonArray("next").isEmpty());
      assertNull(snapshot.getValue("nextBy"));

      // shortlisted in the editors' order 2, 1, 4, 3: the first of them is next, and the next two after it
      for (int i : List.of(1, 0, 3, 2)) {
        act(items.get(i), "shortlist");
      }
      JsonObject byShortlist = studio.await(m -> nextIds(m).size() == 3, Duration.ofSeconds(10));
      assertEquals(List.of(items.get(1), items.get(0), items.get(3)), nextIds(byShortlist));
      assertEquals("shortlist", byShortlist.getString("nextBy"));

      // the run-down's order overrides the shortlist's, and its minutes come with each question
      HttpResponse<Buffer> built = a.postJson("/api/episodes/" + episode + "/rundown/build", new JsonObject(), editor);
      assertEquals(200, built.statusCode(), built.bodyAsString());
      Map<String, String> entryOf = new HashMap<>();
      built.bodyAsJsonObject().getJsonArray("entries").forEach(o -> entryOf.put(((JsonObject) o)
          .getString("submissionId"), ((JsonObject) o).getString("id")));
      HttpResponse<Buffer> ordered = a.postJson("/api/episodes/" + episode + "/rundown/order", new JsonObject()
          .put("entries", new JsonArray(List.of(entryOf.get(items.get(2)), entryOf.get(items.get(1)),
              entryOf.get(items.get(0)), entryOf.get(items.get(3))))), editor);
      assertEquals(200, ordered.statusCode(), ordered.bodyAsString());
      HttpResponse<Buffer> minutes = a.request("PATCH", "/api/episodes/" + episode + "/rundown/entries/"
          + entryOf.get(items.get(2)), new JsonObject().put("minutes", 7), editor);
      assertEquals(200, minutes.statusCode(), minutes.bodyAsString());
      JsonObject byRundown = studio.await(m -> nextIds(m).equals(List.of(items.get(2), items.get(1), items.get(0)))
          && Integer.valueOf(7).equals(m.getJsonArray("next").getJsonObject(0).getInteger("allottedMinutes")),
          Duration.ofSeconds(10));
      assertEquals("shortlist", byRundown.getString("nextBy"));

      // an editor's "next" comes before the shortlist
      act(items.get(3), "next");
      JsonObject byEditor = studio.await(m -> !nextIds(m).isEmpty() && items.get(3).equals(nextIds(m).get(0)),
          Duration.ofSeconds(10));
      assertEquals("editor", byEditor.getString("nextBy"));
      assertEquals(List.of(items.get(3), items.get(2), items.get(1)), nextIds(byEditor));

      // on air, the question carries its allotted minutes for the studio's countdown
      act(items.get(2), "on-air");
      JsonObject onAir = studio.await(m -> m.getJsonObject("onAir") != null
          && items.get(2).equals(m.getJsonObject("onAir").getString("id")), Duration.ofSeconds(10));
      assertEquals(7, onAir.getJsonObject("onAir").getInteger("allottedMinutes"));
      assertEquals(List.of(items.get(3), items.get(1), items.get(0)), nextIds(onAir));

      for (String raw : studio.raw()) {
        assertFalse(raw.contains("0912345678") || raw.contains("\"phone\"") || raw.contains("Lê Thị Thu"),
            "the studio's state carries contact data: " + raw);
      }
    }
  }

  private static List<String> nextIds(JsonObject message) {
    if (message.getJsonArray("next") == null) {
      return List.of();
    }
    return message.getJsonArray("next").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  void viewersSupportAPublishedQuestionOncePerVoter() {
    String episode = a.liveEpisode(null, null);
    String item = a.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Võ Văn Kiệt", "Bao giờ làm cầu qua sông?"), null).bodyAsJsonObject().getString("id");
    assertEquals(404, support(item, null).statusCode(), "not public yet");
    act(item, "on-air");
    try (SocketProbe live = SocketProbe.connect(vertxB, b.port(), "/ws/live/" + episode, Map.of())) {
      live.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      HttpResponse<Buffer> first = support(item, null);
      assertEquals(200, first.statusCode(), first.bodyAsString());
      assertEquals(1, first.bodyAsJsonObject().getInteger("supports"));
      // the voter cookie node b issued is honoured by node a: one key for the installation
      String voter = first.cookies().stream().filter(c -> c.startsWith("danhoi_voter=")).findFirst().orElseThrow()
          .split(";")[0];
      HttpResponse<Buffer> again = a.post("/api/items/" + item + "/support", Buffer.buffer("{}"), "application/json",
          null, MultiMap.caseInsensitiveMultiMap().add("Cookie", voter));
      assertEquals(1, again.bodyAsJsonObject().getInteger("supports"), "once per voter, on any node");
      assertEquals(1, support(item, voter).bodyAsJsonObject().getInteger("supports"));
      assertEquals(2, support(item, null).bodyAsJsonObject().getInteger("supports"));
      live.await(m -> "live.state".equals(m.getString("type")) && m.getJsonObject("onAir") != null
          && m.getJsonObject("onAir").getInteger("supports") == 2, Duration.ofSeconds(10));
    }
  }

  @Test
  void viewersSupportsOrderTheAnsweredQuestions() {
    String episode = a.liveEpisode(null, null);
    String older = a.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Cao Văn Lầu", "Câu trả lời trước, nhiều người quan tâm"), null).bodyAsJsonObject()
        .getString("id");
    String newer = a.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Mạc Thị Bưởi", "Câu trả lời sau, ít người quan tâm"), null).bodyAsJsonObject()
        .getString("id");
    act(older, "on-air");
    act(older, "answered");
    assertEquals(200, support(older, null).statusCode());
    assertEquals(200, support(older, null).statusCode());
    act(newer, "on-air");
    act(newer, "answered");
    try (SocketProbe live = SocketProbe.connect(vertxB, b.port(), "/ws/live/" + episode, Map.of())) {
      JsonObject snapshot = live.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      assertEquals(older, snapshot.getJsonArray("answered").getJsonObject(0).getString("id"),
          "the more supported answer comes first although it is older");
      assertEquals(newer, snapshot.getJsonArray("answered").getJsonObject(1).getString("id"));
    }
  }

  /**
   * Issue #22, point 2: a viewer is sent a numbered snapshot, then only what changed: the question put on air
   * without the answered list, an answered question as one upsert, a reorder by supports as the new order. The
   * changes, made on both nodes, follow each other without a gap and add up to the state a fresh socket on the
   * other node reads from PostgreSQL.
   */
  @Test
  void viewersAreSentWhatChangedAndItAddsUpToTheState() {
    String episode = a.liveEpisode(null, null);
    List<String> items = new ArrayList<>();
    for (String text : List.of("Chợ xã bao giờ xây lại?", "Khi nào có đèn đường ấp 2?", "Cầu treo có sửa không?")) {
      items.add(a.postJson("/api/episodes/" + episode + "/questions", TestNode.question("Hồ Thị Lan", text), null)
          .bodyAsJsonObject().getString("id"));
    }
    act(items.get(0), "on-air");
    act(items.get(0), "answered");
    try (SocketProbe live = SocketProbe.connect(vertxB, b.port(), "/ws/live/" + episode, Map.of())) {
      JsonObject snapshot = live.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      assertEquals(1, snapshot.getJsonArray("answered").size());
      assertTrue(snapshot.getValue("version") instanceof Number, snapshot.encode());

      act(items.get(1), "on-air");
      live.await(m -> "live.state".equals(m.getString("type")) && m.getJsonObject("onAir") != null
          && items.get(1).equals(m.getJsonObject("onAir").getString("id")), Duration.ofSeconds(10));
      act(items.get(1), "answered");
      act(items.get(2), "on-air");
      // the newer answer first, until the older one is supported twice (on node b)
      live.await(m -> "live.state".equals(m.getString("type")) && m.getJsonObject("onAir") != null
          && items.get(2).equals(m.getJsonObject("onAir").getString("id"))
          && answeredIds(m).equals(List.of(items.get(1), items.get(0))), Duration.ofSeconds(10));
      assertEquals(200, support(items.get(0), null).statusCode());
      assertEquals(200, support(items.get(0), null).statusCode());
      JsonObject state = live.await(m -> "live.state".equals(m.getString("type"))
          && answeredIds(m).equals(List.of(items.get(0), items.get(1)))
          && m.getJsonArray("answered").getJsonObject(0).getInteger("supports") == 2, Duration.ofSeconds(10));

      List<JsonObject> changes = live.raw().stream().map(JsonObject::new)
          .filter(m -> "live.change".equals(m.getString("type"))).toList();
      long version = snapshot.getLong("version");
      for (JsonObject change : changes) {
        assertEquals(version, change.getLong("base"), "a change follows the one before it: " + change);
        version = change.getLong("version");
        assertFalse(change.getValue("answered") instanceof JsonArray, "never the whole list again: " + change);
      }
      JsonObject onAirOnly = changes.stream().filter(c -> c.getJsonObject("onAir") != null
          && items.get(1).equals(c.getJsonObject("onAir").getString("id"))).findFirst().orElseThrow();
      assertFalse(onAirOnly.containsKey("answered"), "putting a question on air leaves the list alone: " + onAirOnly);
      // the first support puts the older answer first: its new count and the new order, not the list
      JsonObject reorder = changes.stream().map(c -> c.getJsonObject("answered"))
          .filter(c -> c != null && c.getJsonArray("order") != null
              && c.getJsonArray("order").getList().equals(List.of(items.get(0), items.get(1))))
          .findFirst().orElseThrow(() -> new AssertionError("no reorder among " + changes));
      assertEquals(1, reorder.getJsonArray("upsert").size(), "only the supported answer is sent again: " + reorder);
      assertEquals(items.get(0), reorder.getJsonArray("upsert").getJsonObject(0).getString("id"));

      try (SocketProbe fresh = SocketProbe.connect(a.vertx(), a.port(), "/ws/live/" + episode, Map.of())) {
        JsonObject read = fresh.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
        assertEquals(withoutNumbering(read), withoutNumbering(state));
      }
    }
  }

  private static List<String> answeredIds(JsonObject state) {
    return state.getJsonArray("answered").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static JsonObject withoutNumbering(JsonObject message) {
    JsonObject s = message.copy();
    s.remove("type");
    s.remove("version");
    return s;
  }

  @Test
  void theStudioSocketNeedsAStudioOrEditorToken() {
    String episode = a.liveEpisode(null, null);
    assertEquals(401, rejectedUpgrade(Map.of()));
    assertEquals(403, rejectedUpgrade(Map.of("Authorization", "Bearer " + a.token("operator"))));
    assertEquals(401, rejectedUpgrade(Map.of("Authorization", "Bearer nonsense")));
    assertEquals(403, rejectedUpgrade(Map.of("Authorization", "Bearer " + studioToken,
        "Origin", "https://evil.example")));
    try (SocketProbe ok = SocketProbe.bearer(a.vertx(), a.port(), "/ws/studio/" + episode, studioToken)) {
      ok.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
    }
    try (SocketProbe editorSocket = SocketProbe.bearer(a.vertx(), a.port(), "/ws/studio/" + episode, editor)) {
      editorSocket.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
    }
    assertEquals(403, rejectedUpgradeOn("/ws/moderation/" + episode, Map.of("Authorization", "Bearer " + studioToken)),
        "a studio account cannot read the moderation queue and its contact fields");
  }

  private int rejectedUpgrade(Map<String, String> headers) {
    return rejectedUpgradeOn("/ws/studio/" + a.liveEpisode(null, null), headers);
  }

  private int rejectedUpgradeOn(String path, Map<String, String> headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(a.port())
        .setURI(path);
    headers.forEach(options::addHeader);
    var client = a.vertx().createWebSocketClient();
    try {
      Exception e = assertThrows(Exception.class, () -> client.connect(options).await(10, TimeUnit.SECONDS));
      Throwable cause = e;
      while (cause != null && !(cause instanceof UpgradeRejectedException)) {
        cause = cause.getCause();
      }
      assertTrue(cause instanceof UpgradeRejectedException, "expected a refused upgrade, got " + e);
      return ((UpgradeRejectedException) cause).getStatus();
    } finally {
      client.close();
    }
  }

  /** A "+1" on node b, as the voter whose cookie ("danhoi_voter=…") is given, or as a new one. */
  private HttpResponse<Buffer> support(String item, String voterCookie) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (voterCookie != null) {
      headers.add("Cookie", voterCookie);
    }
    return b.post("/api/items/" + item + "/support", Buffer.buffer("{}"), "application/json", null, headers);
  }

  private void act(String item, String action) {
    HttpResponse<Buffer> r = a.postJson("/api/items/" + item + "/actions", new JsonObject().put("action", action),
        editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }
}
