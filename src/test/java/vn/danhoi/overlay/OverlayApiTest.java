package vn.danhoi.overlay;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.SocketProbe;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The question on air as a broadcast graphic: editors make overlay links; the graphic's JSON, XML and socket
 * follow a question put on air and taken off it, with the asker's given name and locality only; a revoked link
 * opens nothing and its socket closes; both acts are in the audit log.
 */
@ExtendWith(VertxExtension.class)
class OverlayApiTest {

  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;
  static Sql sql;
  static String editor;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    editor = node.token("editor");
  }

  @Test
  void onlyEditorsMakeListAndRevokeLinks() {
    String episode = node.liveEpisode(null, null);
    String path = "/api/episodes/" + episode + "/overlays";
    JsonObject label = new JsonObject().put("label", "vMix phòng máy chính");
    assertEquals(401, node.postJson(path, label, null).statusCode());
    assertEquals(403, node.postJson(path, label, node.token("operator")).statusCode());
    assertEquals(403, node.postJson(path, label, node.token("studio")).statusCode());
    assertEquals(401, node.get(path, null).statusCode());
    assertEquals(403, node.get(path, node.token("operator")).statusCode());

    HttpResponse<Buffer> noLabel = node.postJson(path, new JsonObject(), editor);
    assertEquals(400, noLabel.statusCode(), noLabel.bodyAsString());
    assertTrue(noLabel.bodyAsString().contains("\"label\""), "the error names the field: " + noLabel.bodyAsString());
    assertEquals(404, node.postJson("/api/episodes/" + UUID.randomUUID() + "/overlays", label, editor).statusCode());

    JsonObject created = created(episode, "vMix phòng máy chính");
    assertTrue(created.getJsonObject("urls").getString("browserSource").startsWith("/overlay.html?token=dh_"));
    assertTrue(created.getJsonObject("urls").getString("casparcg").endsWith("&caspar=1"));
    HttpResponse<Buffer> listed = node.get(path, editor);
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    JsonObject only = listed.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals("vMix phòng máy chính", only.getString("label"));
    assertTrue(only.getBoolean("active"));
    assertNull(only.getValue("token"), "a link's token is shown once, never listed");
    assertFalse(listed.bodyAsString().contains(created.getString("token")));
    assertEquals(1, sql.count("SELECT count(*) FROM overlay_links WHERE token_hash = ?",
        vn.danhoi.infra.Tokens.sha256(created.getString("token"))), "only the token's hash is kept");

    String revoke = path + "/" + created.getString("id");
    assertEquals(403, node.request("DELETE", revoke, null, node.token("operator")).statusCode());
    assertEquals(404, node.request("DELETE", "/api/episodes/" + node.liveEpisode(null, null) + "/overlays/"
        + created.getString("id"), null, editor).statusCode(), "a link is revoked only within its episode");
    assertEquals(200, node.request("DELETE", revoke, null, editor).statusCode());
    assertEquals(200, node.request("DELETE", revoke, null, editor).statusCode(), "revoking twice is harmless");
    assertFalse(node.get(path, editor).bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getBoolean("active"));

    List<Map<String, Object>> audit = sql.rows("SELECT action, entity_id, episode_id, actor FROM events "
        + "WHERE entity_type = 'overlay_link' AND entity_id = ? ORDER BY id", created.getString("id"));
    assertEquals(List.of("overlay.link_created", "overlay.link_revoked"),
        audit.stream().map(r -> r.get("action")).toList(), "created and revoked once each: " + audit);
    assertTrue(audit.stream().allMatch(r -> r.get("actor").toString().startsWith("token:")), audit.toString());
    assertEquals(UUID.fromString(episode), audit.get(0).get("episode_id"));
  }

  @Test
  void theGraphicFollowsTheQuestionOnAirWithTheGivenNameAndLocalityOnly() throws Exception {
    String episode = node.liveEpisode(null, null);
    String token = created(episode, "OBS trường quay").getString("token");
    HttpResponse<Buffer> asked = node.postJson("/api/episodes/" + episode + "/questions", new JsonObject()
        .put("name", "Trần Văn Bình 0903 123 456").put("phone", "0903123456").put("email", "binh.tran@gmail.com")
        .put("locality", "binh.tran@gmail.com, Xã Mỹ Yên, huyện Bến Lức")
        .put("text", "Khi nào đường <ĐT 830> & cầu Bến Lức được sửa? Gọi tôi 0903.123.456 nhé.")
        .put("consent", true), null);
    assertEquals(202, asked.statusCode(), asked.bodyAsString());
    String item = asked.bodyAsJsonObject().getString("id");

    JsonObject before = stateJson(token);
    assertNull(before.getValue("onAir"));
    assertEquals("Dân hỏi – Chính quyền trả lời", before.getString("title"));
    try (SocketProbe graphic = SocketProbe.connect(node.vertx(), node.port(), "/ws/overlay/" + token, Map.of())) {
      graphic.await(m -> "snapshot".equals(m.getString("type")) && m.getValue("onAir") == null, Duration.ofSeconds(10));
      act(item, "next");
      act(item, "on-air");
      JsonObject onAir = graphic.await(m -> "overlay.update".equals(m.getString("type"))
          && m.getJsonObject("onAir") != null, Duration.ofSeconds(10)).getJsonObject("onAir");
      assertEquals(item, onAir.getString("id"));
      assertEquals("Bình", onAir.getString("givenName"));
      assertTrue(onAir.getString("locality").contains("Xã Mỹ Yên, huyện Bến Lức"), onAir.encode());
      assertTrue(onAir.getString("text").startsWith("Khi nào đường <ĐT 830> & cầu Bến Lức được sửa?"), onAir.encode());
      assertNotNull(onAir.getString("since"));

      JsonObject json = stateJson(token);
      assertEquals(onAir, json.getJsonObject("onAir"));
      long revision = json.getLong("revision");
      assertTrue(revision > before.getLong("revision"), "the revision rises with the change");

      HttpResponse<Buffer> xml = node.get("/api/overlay/" + token + "/state.xml", null);
      assertEquals(200, xml.statusCode(), xml.bodyAsString());
      assertEquals("application/xml; charset=utf-8", xml.getHeader("Content-Type"));
      assertEquals("no-store", xml.getHeader("Cache-Control"));
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.body().getBytes()));
      assertEquals("overlay", doc.getDocumentElement().getTagName());
      assertEquals("true", text(doc, "onAir"));
      assertEquals("Bình", text(doc, "givenName"));
      assertEquals(onAir.getString("text"), text(doc, "text"), "escaped, and read back whole");
      assertEquals(onAir.getString("locality"), text(doc, "locality"));
      assertEquals(String.valueOf(revision), text(doc, "revision"));

      act(item, "answered");
      graphic.await(m -> "overlay.update".equals(m.getString("type")) && m.getValue("onAir") == null,
          Duration.ofSeconds(10));
      assertNull(stateJson(token).getValue("onAir"));
      Document off = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
          node.get("/api/overlay/" + token + "/state.xml", null).body().getBytes()));
      assertEquals("false", text(off, "onAir"));
      assertEquals("", text(off, "text"), "the element stays, empty, for the titler's binding");

      for (String raw : graphic.raw()) {
        assertFalse(raw.replaceAll("[ .\\-]", "").contains("903123456"), "a phone number on the graphic: " + raw);
        assertFalse(EMAIL.matcher(raw).find(), "an e-mail address on the graphic: " + raw);
        assertFalse(raw.contains("Trần Văn"), "the full name on the graphic: " + raw);
      }
    }
  }

  @Test
  void aRevokedLinkOpensNothingAndItsGraphicCloses() {
    String episode = node.liveEpisode(null, null);
    JsonObject link = created(episode, "CasparCG kênh 1");
    String token = link.getString("token");
    try (SocketProbe graphic = SocketProbe.connect(node.vertx(), node.port(), "/ws/overlay/" + token, Map.of())) {
      graphic.await(m -> "snapshot".equals(m.getString("type")), Duration.ofSeconds(10));
      assertEquals(200, node.request("DELETE", "/api/episodes/" + episode + "/overlays/" + link.getString("id"),
          null, editor).statusCode());
      assertEquals(Short.valueOf((short) 4401), graphic.awaitClosed(Duration.ofSeconds(10)));
    }
    for (String path : List.of("/api/overlay/" + token + "/state.json", "/api/overlay/" + token + "/state.xml",
        "/api/overlay/dh_unknownunknownunknownunknown/state.json", "/api/overlay/abc$def/state.xml")) {
      HttpResponse<Buffer> r = node.get(path, null);
      assertEquals(404, r.statusCode(), path);
      assertEquals("overlay.not_found", r.bodyAsJsonObject().getJsonObject("error").getString("code"), r.bodyAsString());
    }
    assertThrowsOnConnect("/ws/overlay/" + token);
  }

  private static void assertThrowsOnConnect(String path) {
    try {
      SocketProbe.connect(node.vertx(), node.port(), path, Map.of()).close();
    } catch (Throwable refused) {
      return;
    }
    throw new AssertionError("a revoked link still opens a socket: " + path);
  }

  private static JsonObject created(String episode, String label) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/overlays", new JsonObject().put("label", label),
        editor);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static JsonObject stateJson(String token) {
    HttpResponse<Buffer> r = node.get("/api/overlay/" + token + "/state.json", null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("no-store", r.getHeader("Cache-Control"));
    return r.bodyAsJsonObject();
  }

  private static String text(Document doc, String element) {
    return doc.getElementsByTagName(element).item(0).getTextContent();
  }

  private static void act(String item, String action) {
    HttpResponse<Buffer> r = node.postJson("/api/items/" + item + "/actions", new JsonObject().put("action", action),
        TestNode.ADMIN_TOKEN);
    assertEquals(200, r.statusCode(), action + ": " + r.bodyAsString());
  }
}
