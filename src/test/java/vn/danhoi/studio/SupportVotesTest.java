package vn.danhoi.studio;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public "+1" resists one person voting many times: the voter is a cookie the server issues and signs
 * (bound to the network it was issued on), a client-chosen device id counts for nothing, and the voters behind
 * one address are capped per question a day. The node runs with the shipped cap (20) and trusts
 * X-Forwarded-For, so each test votes from addresses of its own.
 */
@ExtendWith(VertxExtension.class)
class SupportVotesTest {

  static final int CAP = 20;
  static final AtomicInteger ADDRESSES = new AtomicInteger(1);

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().with("DANHOI_TRUST_PROXY", "true");

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
  void oneAddressDroppingItsCookieAHundredTimesMovesTheCountByAtMostTheCap() {
    String item = publishedQuestion("Bao giờ sửa đường tỉnh 830?");
    String address = newAddress();
    int counted = 0;
    int refused = 0;
    for (int i = 0; i < 100; i++) {
      // a new made-up device id each time, and no cookie: what a script rotating identities sends
      HttpResponse<Buffer> r = support(item, address, null, "thiet-bi-" + UUID.randomUUID());
      if (r.statusCode() == 200) {
        counted++;
      } else {
        assertEquals(429, r.statusCode(), r.bodyAsString());
        assertEquals("support.source_limit", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
        refused++;
      }
    }
    assertEquals(CAP, counted, "several viewers behind one carrier address still count");
    assertEquals(100 - CAP, refused);
    assertEquals(CAP, supports(item), "the count moved by the cap, not by 100");
    // another question from the same address has its own cap; another address is not affected
    assertEquals(200, support(item, newAddress(), null, null).statusCode());
    assertEquals(CAP + 1, supports(item));
  }

  @Test
  void theSameVoterTwiceCountsOnceAndTwoVotersCountTwice() {
    String item = publishedQuestion("Khi nào có nước sạch ở xã Mỹ Yên?");
    String address = newAddress();
    HttpResponse<Buffer> first = support(item, address, null, null);
    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertEquals(1, first.bodyAsJsonObject().getInteger("supports"));
    String cookie = voterCookie(first);
    assertNotNull(cookie, "the server issues the voter cookie: " + first.cookies());
    String header = first.cookies().stream().filter(c -> c.startsWith(Voters.COOKIE + "=")).findFirst().orElseThrow()
        .toLowerCase(Locale.ROOT);
    assertTrue(header.contains("httponly"), header);
    assertTrue(header.contains("samesite=strict"), header);

    HttpResponse<Buffer> again = support(item, address, cookie, "thiet-bi-khac-" + UUID.randomUUID());
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(1, again.bodyAsJsonObject().getInteger("supports"), "the same voter, whatever device id it sends");
    // the same voter from another address of its network (a phone moving within its carrier's /24)
    String[] parts = address.split("\\.");
    String neighbour = parts[0] + "." + parts[1] + "." + parts[2] + "." + ((Integer.parseInt(parts[3]) + 1) % 256);
    assertEquals(1, support(item, neighbour, cookie, null).bodyAsJsonObject().getInteger("supports"));

    HttpResponse<Buffer> other = support(item, newAddress(), null, null);
    assertEquals(2, other.bodyAsJsonObject().getInteger("supports"), "a second voter counts");
    assertEquals(2, support(item, newAddress(), voterCookie(other), null).bodyAsJsonObject().getInteger("supports"),
        "the second voter again, from its own network: still once");
  }

  @Test
  void aForgedOrForeignCookieIsANewVoterNotTheOneItNames() {
    String item = publishedQuestion("Đền bù đất dự án khu công nghiệp bao giờ xong?");
    String address = newAddress();
    String cookie = voterCookie(support(item, address, null, null));
    assertEquals(1, supports(item));
    String[] parts = cookie.split("\\.");
    String forged = parts[0] + "." + parts[1] + "." + "A".repeat(parts[2].length());
    HttpResponse<Buffer> r = support(item, address, forged, null);
    assertEquals(2, r.bodyAsJsonObject().getInteger("supports"), "a bad signature is not the voter it names");
    assertFalse(cookie.equals(voterCookie(r)), "and the server issues a fresh cookie");
    // a cookie carried to another network names no one there either
    HttpResponse<Buffer> carried = support(item, "172.16." + (ADDRESSES.incrementAndGet() % 250) + ".9", cookie,
        null);
    assertEquals(3, carried.bodyAsJsonObject().getInteger("supports"));
    assertEquals(0, sql.count("SELECT count(*) FROM supports WHERE submission_id = ? AND (source_hash !~ '^[0-9a-f]{64}$' "
        + "OR device_hash !~ '^[0-9a-f]{64}$')", UUID.fromString(item)), "only keyed hashes are stored, no address");
  }

  // ---- helpers ----

  private static String publishedQuestion(String text) {
    String episode = node.liveEpisode(null, null);
    String item = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Trịnh Văn Bỏ Phiếu", text), null).bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> r = node.postJson("/api/items/" + item + "/actions", new JsonObject().put("action", "on-air"),
        editor);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return item;
  }

  private static HttpResponse<Buffer> support(String item, String address, String cookie, String deviceId) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", address);
    if (cookie != null) {
      headers.add("Cookie", Voters.COOKIE + "=" + cookie);
    }
    if (deviceId != null) {
      headers.add("X-Device-Id", deviceId);
    }
    return node.post("/api/items/" + item + "/support", Buffer.buffer("{}"), "application/json", null, headers);
  }

  private static String voterCookie(HttpResponse<Buffer> r) {
    return r.cookies().stream().filter(c -> c.startsWith(Voters.COOKIE + "=")).findFirst()
        .map(c -> c.substring(Voters.COOKIE.length() + 1).split(";")[0]).orElse(null);
  }

  private static int supports(String item) {
    return (int) sql.count("SELECT supports FROM submissions WHERE id = ?", UUID.fromString(item));
  }

  private static String newAddress() {
    int n = ADDRESSES.getAndIncrement();
    return "100.64." + ((n >> 8) & 255) + "." + (n & 255);
  }
}
