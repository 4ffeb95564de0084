package vn.danhoi.episode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.infra.VietnameseText;
import vn.danhoi.locality.Locality;
import vn.danhoi.locality.Province;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo a fresh install shows is set after the 2025 reorganisation: no district committee, no department
 * merged away in March 2025, a province that still exists.
 */
@ExtendWith(VertxExtension.class)
class DemoAfterReorganisationTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().with("DANHOI_DEMO", "on");

  /**
   * Folded: "huyện", "quận", "thị xã", "district", the departments merged in March 2025, and the province Long An
   * (now part of Tây Ninh; its name lives on only in the ward "phường Long An", the province's seat).
   */
  private static final Pattern GONE = Pattern.compile("\\b(huyen|quan|thi xa|district|tai nguyen|giao thong van tai"
      + "|ke hoach va dau tu|lao dong|thong tin va truyen thong|(?<!phuong )long an)\\b");

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
  void theDemoAgenciesAndFieldsNameNoDistrictAndNoMergedDepartment() {
    JsonArray agencies = node.get("/api/agencies", editor).bodyAsJsonObject().getJsonArray("items");
    assertTrue(agencies.size() >= 8, agencies.encode());
    for (Object o : agencies) {
      JsonObject a = (JsonObject) o;
      String said = VietnameseText.fold(a.getString("name") + " " + a.getString("shortName") + " " + a.getString("kind")
          + " " + a.getJsonArray("emails").encode());
      assertFalse(GONE.matcher(said).find(), a.encode());
    }
    Set<String> kinds = agencies.stream().map(o -> ((JsonObject) o).getString("kind")).collect(Collectors.toSet());
    assertTrue(kinds.containsAll(List.of("commune", "province_committee", "department")), kinds.toString());
    Set<String> names = agencies.stream().map(o -> ((JsonObject) o).getString("name")).collect(Collectors.toSet());
    assertTrue(names.containsAll(List.of("Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "UBND xã Bến Lức")), names.toString());

    JsonArray fields = node.get("/api/fields", editor).bodyAsJsonObject().getJsonArray("items");
    for (Object o : fields) {
      assertFalse(GONE.matcher(VietnameseText.fold(((JsonObject) o).getString("agencyName"))).find(), o.toString());
    }
    assertEquals(0, sql.count("SELECT count(*) FROM agencies WHERE kind = 'district'"));
  }

  @Test
  void theDemoEpisodeIsInAProvinceThatExistsAfter2025() {
    String id = sql.rows("SELECT id::text FROM episodes WHERE kind = 'live'").get(0).get("id").toString();
    String address = sql.rows("SELECT postal_address FROM episodes WHERE id = ?::uuid", id).get(0)
        .get("postal_address").toString();
    Province province = Locality.parse(address.substring(address.lastIndexOf("phường"))).province();
    assertNotNull(province, address);
    assertEquals("Tây Ninh", province.name());
    assertTrue(Province.all().contains(province));
    String people = sql.rows("SELECT string_agg(a.name, ', ') AS n FROM episode_people p JOIN agencies a "
        + "ON a.id = p.agency_id WHERE p.episode_id = ?::uuid", id).get(0).get("n").toString();
    assertFalse(GONE.matcher(VietnameseText.fold(people)).find(), people);
  }

  @Test
  void theSeedsDistrictDialogueIsShownAsACommuneDialogue() {
    JsonArray episodes = node.get("/api/episodes", editor).bodyAsJsonArray();
    assertEquals(2, episodes.size(), episodes.encode());
    for (Object o : episodes) {
      assertFalse(GONE.matcher(VietnameseText.fold(o.toString())).find(), o.toString());
    }
    List<Map<String, Object>> dialogue = sql.rows("SELECT e.venue, e.chair, p.issuing_body FROM episodes e "
        + "JOIN programs p ON p.id = e.program_id WHERE e.kind = 'dialogue'");
    assertEquals(1, dialogue.size());
    assertEquals("Thường trực HĐND xã Bến Lức", dialogue.get(0).get("issuing_body"));
    assertEquals("Hội trường UBND xã Bến Lức", dialogue.get(0).get("venue"));
  }
}
