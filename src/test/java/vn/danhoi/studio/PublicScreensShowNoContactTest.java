package vn.danhoi.studio;

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
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing shaped like a phone number or an e-mail address reaches the studio display, the public live page
 * or the published answers, whatever field the citizen typed it into: a number in the name (the given-name
 * rule took the last word), an e-mail in the locality, numbers in the question, a number in the agency's
 * answer or the producer's note.
 */
@ExtendWith(VertxExtension.class)
class PublicScreensShowNoContactTest {

  static final String AGENCY = "Sở Giao thông Vận tải";
  /** An e-mail address, anywhere. */
  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");

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
    editor = StaffSession.create(node, "btv.maianh", "Mai Anh (Ban biên tập)", List.of("editor"), null, null);
    officer = StaffSession.create(node, "sgtvt.khoa", "Phan Đăng Khoa", List.of("agency"), AGENCY, null);
  }

  @AfterAll
  static void stop() {
    officer.close();
    editor.close();
  }

  @Test
  void aNumberInTheNameAnEmailInTheLocalityAndNumbersInTheTextNeverReachAPublicScreen() {
    String episode = node.liveEpisode(null, null);
    HttpResponse<Buffer> asked = node.postJson("/api/episodes/" + episode + "/questions", new JsonObject()
        .put("name", "Nguyễn Thị Hoa 0912 345 678").put("phone", "0912345678")
        .put("locality", "hoa.nguyen84@gmail.com, Phường 3").put("email", "hoa.nguyen84@gmail.com")
        .put("text", "Đường Trần Phú ngập mỗi khi mưa, khi nào sửa? Gọi tôi 0912.345.678 hoặc +84 912-345-678, "
            + "CCCD 079184001234.")
        .put("consent", true), null);
    assertEquals(202, asked.statusCode(), asked.bodyAsString());
    String item = asked.bodyAsJsonObject().getString("id");
    String token = TestNode.ADMIN_TOKEN;
    List<String> everything = new ArrayList<>();
    try (SocketProbe studio = SocketProbe.bearer(node.vertx(), node.port(), "/ws/studio/" + episode,
        node.token("studio"));
         SocketProbe live = SocketProbe.connect(node.vertx(), node.port(), "/ws/live/" + episode, Map.of())) {
      studio.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      live.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      act(item, "next", token);
      act(item, "on-air", token);
      JsonObject onAir = studio.await(m -> m.getJsonObject("onAir") != null
          && item.equals(m.getJsonObject("onAir").getString("id")), Duration.ofSeconds(10)).getJsonObject("onAir");
      assertEquals("Hoa", onAir.getString("askerName"), "the given name, not the number typed after it");
      assertTrue(onAir.getString("text").startsWith("Đường Trần Phú ngập mỗi khi mưa, khi nào sửa?"), onAir.encode());
      assertTrue(onAir.getString("locality").contains("Phường 3"), onAir.encode());
      live.await(m -> "live.state".equals(m.getString("type")) && m.getJsonObject("onAir") != null
              && item.equals(m.getJsonObject("onAir").getString("id")),
          Duration.ofSeconds(10));
      HttpResponse<Buffer> note = node.postJson("/api/episodes/" + episode + "/studio-message",
          new JsonObject().put("message", "Chị Hoa chờ máy ở số 0912 345 678, mail hoa.nguyen84@gmail.com"), token);
      assertEquals(200, note.statusCode(), note.bodyAsString());
      studio.await(m -> m.getString("message") != null && m.getString("message").startsWith("Chị Hoa chờ máy"),
          Duration.ofSeconds(10));
      act(item, "answered", token);
      live.await(m -> "live.state".equals(m.getString("type")) && m.getJsonArray("answered").size() == 1,
          Duration.ofSeconds(10));
      everything.addAll(studio.raw());
      everything.addAll(live.raw());
    }

    // a question not reached on air goes to the agency, which answers quoting the number; it is published
    HttpResponse<Buffer> later = node.postJson("/api/episodes/" + episode + "/questions", new JsonObject()
        .put("name", "Nguyễn Thị Hoa 0912 345 678").put("phone", "0912345678")
        .put("locality", "hoa.nguyen84@gmail.com, Phường 3")
        .put("text", "Đường Trần Phú còn ổ gà, khi nào vá? Số tôi 0912 345 678.").put("consent", true), null);
    assertEquals(202, later.statusCode(), later.bodyAsString());
    String deferred = later.bodyAsJsonObject().getString("id");
    JsonObject assigned = ok(editor.postJson("/api/items/" + deferred + "/assign", new JsonObject()
        .put("agency", AGENCY)));
    String assignment = assigned.getJsonArray("assignments").getJsonObject(0).getString("id");
    JsonObject answer = ok(officer.postJson("/api/agency/assignments/" + assignment + "/answer", new JsonObject()
        .put("text", "Sở đã liên hệ chị Hoa qua số 0912345678; tuyến cống được nạo vét trong tháng 12.")));
    ok(editor.postJson("/api/answers/" + answer.getString("id") + "/approve", new JsonObject()));
    ok(editor.postJson("/api/answers/" + answer.getString("id") + "/publish", new JsonObject()));
    HttpResponse<Buffer> published = node.get("/api/public/answers?episode=" + episode, null);
    assertEquals(200, published.statusCode(), published.bodyAsString());
    JsonObject shown = published.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals("Hoa", shown.getString("asker"));
    assertTrue(shown.getString("answer").contains("tuyến cống được nạo vét"), shown.encode());
    everything.add(published.bodyAsString());
    HttpResponse<Buffer> searched = node.get("/api/public/answers?q=tran%20phu", null);
    everything.add(searched.bodyAsString());

    assertTrue(everything.size() >= 6, "the show reached the screens: " + everything.size());
    for (String raw : everything) {
      // her number however it was written: the digits run once spaces, dots and dashes are gone
      assertFalse(raw.replaceAll("[ .\\-]", "").contains("912345678"), "a phone number on a public screen: " + raw);
      assertFalse(EMAIL.matcher(raw).find(), "an e-mail address on a public screen: " + raw);
      assertFalse(raw.contains("079184001234"), "an ID-card number on a public screen: " + raw);
      assertFalse(raw.contains("Nguyễn Thị"), "the full name on a public screen: " + raw);
    }
  }

  private static JsonObject ok(HttpResponse<Buffer> r) {
    assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.statusCode() + " " + r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static void act(String item, String action, String token) {
    HttpResponse<Buffer> r = node.postJson("/api/items/" + item + "/actions", new JsonObject().put("action", action),
        token);
    assertEquals(200, r.statusCode(), action + ": " + r.bodyAsString());
  }
}
