package vn.danhoi.catalog;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.support.Api;
import vn.danhoi.support.Letters;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.support.Api.error;

/**
 * Agencies and fields (lĩnh vực) kept by the council office, and the field and agency they suggest for every
 * question at intake, whatever the channel, typed with or without accents.
 */
@ExtendWith(VertxExtension.class)
class CatalogTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  static TestNode node;
  static Sql sql;
  static Api api;
  static String episode;
  static String editor;
  static String operator;
  static String studio;
  static String power;
  static String water;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    api = new Api(node);
    editor = node.token("editor");
    operator = node.token("operator");
    studio = node.token("studio");
    episode = node.liveEpisode("8095", "LA");
    power = createAgency("Công ty Điện lực Long An", "Điện lực Long An", "utility", "pclongan@evnspc.vn");
    water = createAgency("Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", "", "other", "nuocsach@longan.gov.vn");
    createAgency("UBND xã Bến Lức", "UBND Bến Lức", "commune", "ubndbenluc@tayninh.gov.vn");
    createField("Điện", power, "mất điện", "điện ba pha", "trạm biến áp", "điện chập chờn");
    createField("Nước sạch", water, "nước sạch", "nước máy", "cấp nước", "nhiễm phèn");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  // ---- agencies ----

  @Test
  void adminCreatesAnAgencyThatEditorsCanReadAndTheLogRecords() {
    JsonObject created = api.expect(201, HttpMethod.POST, "/api/agencies", new JsonObject()
        .put("name", "Sở Xây dựng").put("shortName", "SXD").put("kind", "department")
        .put("emails", new JsonArray().add("sxd@longan.gov.vn").add("vanthu.sxd@longan.gov.vn")), TestNode.ADMIN_TOKEN);
    String id = created.getString("id");
    assertEquals("Sở Xây dựng", created.getString("name"));
    assertEquals(new JsonArray().add("sxd@longan.gov.vn").add("vanthu.sxd@longan.gov.vn"), created.getJsonArray("emails"));
    assertEquals(true, created.getBoolean("active"));

    JsonObject one = api.expect(200, HttpMethod.GET, "/api/agencies/" + id, null, editor);
    assertEquals(created, one);
    JsonArray all = api.expect(200, HttpMethod.GET, "/api/agencies", null, editor).getJsonArray("items");
    assertTrue(all.stream().anyMatch(a -> id.equals(((JsonObject) a).getString("id"))), all.encode());

    Map<String, Object> row = sql.rows("SELECT name, short_name, kind, array_to_string(emails, ',') AS emails, active "
        + "FROM agencies WHERE id = ?", UUID.fromString(id)).get(0);
    assertEquals("Sở Xây dựng", row.get("name"));
    assertEquals("SXD", row.get("short_name"));
    assertEquals("sxd@longan.gov.vn,vanthu.sxd@longan.gov.vn", row.get("emails"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'agency.created' AND entity_id = ? "
        + "AND actor = 'admin' AND after->>'name' = 'Sở Xây dựng'", id));
  }

  @Test
  void renamingAnAgencyCarriesTheNameToItsAccountsAndAssignments() {
    String id = createAgency("Sở Tài nguyên Môi trường", "", "department", "stnmt@longan.gov.vn");
    api.expect(201, HttpMethod.POST, "/api/staff", new JsonObject().put("username", "cb.stnmt")
        .put("displayName", "Cán bộ Sở TN&MT").put("password", "Mật-khẩu-Sở-TNMT-2026")
        .put("roles", new JsonArray().add("agency")).put("agency", "Sở Tài nguyên Môi trường"), TestNode.ADMIN_TOKEN);

    JsonObject renamed = api.expect(200, HttpMethod.PATCH, "/api/agencies/" + id,
        new JsonObject().put("name", "Sở Tài nguyên và Môi trường").put("active", false), TestNode.ADMIN_TOKEN);

    assertEquals("Sở Tài nguyên và Môi trường", renamed.getString("name"));
    assertEquals(false, renamed.getBoolean("active"));
    assertEquals(new JsonArray().add("stnmt@longan.gov.vn"), renamed.getJsonArray("emails"), "untouched fields stay");
    assertEquals("Sở Tài nguyên và Môi trường",
        sql.rows("SELECT agency FROM staff WHERE username = 'cb.stnmt'").get(0).get("agency"));
    Map<String, Object> event = sql.rows("SELECT before->>'name' AS b, after->>'name' AS a FROM events "
        + "WHERE action = 'agency.updated' AND entity_id = ?", id).get(0);
    assertEquals("Sở Tài nguyên Môi trường", event.get("b"));
    assertEquals("Sở Tài nguyên và Môi trường", event.get("a"));
  }

  @Test
  void aDistrictAgencyIsRefusedSinceDistrictsNoLongerExist() {
    long before = sql.count("SELECT count(*) FROM agencies");
    error(api.send(HttpMethod.POST, "/api/agencies", new JsonObject().put("name", "UBND huyện Đức Hòa")
        .put("kind", "district"), TestNode.ADMIN_TOKEN), 400, "kind.no_district", "kind");
    String id = createAgency("UBND xã Đức Hòa", "", "commune", "ubndduchoa@tayninh.gov.vn");
    error(api.send(HttpMethod.PATCH, "/api/agencies/" + id, new JsonObject().put("kind", "district"),
        TestNode.ADMIN_TOKEN), 400, "kind.no_district", "kind");
    assertEquals("commune", sql.rows("SELECT kind FROM agencies WHERE id = ?", UUID.fromString(id)).get(0).get("kind"));
    assertEquals(before + 1, sql.count("SELECT count(*) FROM agencies"));
    // and the table itself holds only the kinds of two-level local government (V24)
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sql.rows("INSERT INTO agencies "
        + "(id, name, kind) VALUES (gen_random_uuid(), 'UBND huyện Cần Giuộc', 'district')"));
    assertTrue(refused.getMessage().contains("agencies_kind"), refused.getMessage());
  }

  @Test
  void invalidAgenciesAreRefusedNamingTheFieldAndNothingStored() {
    long before = sql.count("SELECT count(*) FROM agencies");
    error(api.send(HttpMethod.POST, "/api/agencies", new JsonObject().put("shortName", "Không tên"),
        TestNode.ADMIN_TOKEN), 400, "name.required", "name");
    error(api.send(HttpMethod.POST, "/api/agencies", new JsonObject().put("name", "Sở Nội vụ").put("kind", "bộ"),
        TestNode.ADMIN_TOKEN), 400, "kind.invalid", "kind");
    error(api.send(HttpMethod.POST, "/api/agencies", new JsonObject().put("name", "Sở Nội vụ")
        .put("emails", new JsonArray().add("sonoivu@longan").add("a@b.vn")), TestNode.ADMIN_TOKEN), 400,
        "emails.invalid", "emails");
    error(api.send(HttpMethod.POST, "/api/agencies", new JsonObject().put("name", "công ty điện lực long an"),
        TestNode.ADMIN_TOKEN), 409, "name.taken", "name");
    error(api.send(HttpMethod.PATCH, "/api/agencies/" + UUID.randomUUID(), new JsonObject().put("name", "Sở Nội vụ"),
        TestNode.ADMIN_TOKEN), 404, "agency.not_found", null);
    assertEquals(before, sql.count("SELECT count(*) FROM agencies"));
  }

  // ---- fields ----

  @Test
  void fieldKeywordsAreStoredWithTheirMarksInLowerCaseWithTheirAgency() {
    JsonObject created = api.expect(201, HttpMethod.POST, "/api/fields", new JsonObject().put("name", "Giao thông")
        .put("keywords", new JsonArray().add("Sửa đường").add("CẦU KHỈ").add("sua duong").add("  ổ gà "))
        .put("agencyId", power), TestNode.ADMIN_TOKEN);
    // "sua duong" adds nothing beside "sửa đường", which matches text typed without marks too
    assertEquals(new JsonArray().add("sửa đường").add("cầu khỉ").add("ổ gà"), created.getJsonArray("keywords"));
    assertEquals("Công ty Điện lực Long An", created.getString("agencyName"));
    String id = created.getString("id");
    assertEquals("sửa đường,cầu khỉ,ổ gà", sql.rows("SELECT array_to_string(keywords, ',') AS k FROM fields "
        + "WHERE id = ?", UUID.fromString(id)).get(0).get("k"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'field.created' AND entity_id = ?", id));

    JsonObject changed = api.expect(200, HttpMethod.PATCH, "/api/fields/" + id,
        new JsonObject().putNull("agencyId"), TestNode.ADMIN_TOKEN);
    assertNull(changed.getString("agencyId"));
    assertEquals(created.getJsonArray("keywords"), changed.getJsonArray("keywords"));
    assertEquals(1, sql.count("SELECT count(*) FROM events WHERE action = 'field.updated' AND entity_id = ?", id));
    JsonArray all = api.expect(200, HttpMethod.GET, "/api/fields", null, editor).getJsonArray("items");
    assertTrue(all.stream().anyMatch(f -> "Giao thông".equals(((JsonObject) f).getString("name"))));
  }

  @Test
  void invalidFieldsAreRefusedNamingTheField() {
    long before = sql.count("SELECT count(*) FROM fields");
    error(api.send(HttpMethod.POST, "/api/fields", new JsonObject().put("name", "Y tế")
        .put("agencyId", UUID.randomUUID().toString()), TestNode.ADMIN_TOKEN), 400, "agencyId.not_found", "agencyId");
    error(api.send(HttpMethod.POST, "/api/fields", new JsonObject().put("name", "Y tế").put("agencyId", "sở-y-tế"),
        TestNode.ADMIN_TOKEN), 400, "agencyId.invalid", "agencyId");
    error(api.send(HttpMethod.POST, "/api/fields", new JsonObject().put("name", "Y tế")
        .put("keywords", new JsonArray().add("bệnh viện").add(3)), TestNode.ADMIN_TOKEN), 400, "keywords.invalid",
        "keywords");
    error(api.send(HttpMethod.POST, "/api/fields", new JsonObject().put("name", "ĐIỆN"), TestNode.ADMIN_TOKEN),
        409, "name.taken", "name");
    error(api.send(HttpMethod.POST, "/api/fields", new JsonObject().put("keywords", new JsonArray()),
        TestNode.ADMIN_TOKEN), 400, "name.required", "name");
    assertEquals(before, sql.count("SELECT count(*) FROM fields"));
  }

  // ---- who may ----

  @Test
  void onlyAdminsChangeTheCatalogueAndOnlyEditorsAndAdminsReadItButTheFieldsOperatorsToo() {
    long events = sql.count("SELECT count(*) FROM events");
    long agencies = sql.count("SELECT count(*) FROM agencies");
    JsonObject agency = new JsonObject().put("name", "Sở Y tế");
    JsonObject field = new JsonObject().put("name", "Y tế");
    for (String token : List.of(editor, operator, studio)) {
      error(api.send(HttpMethod.POST, "/api/agencies", agency, token), 403, "auth.forbidden", null);
      error(api.send(HttpMethod.POST, "/api/fields", field, token), 403, "auth.forbidden", null);
      error(api.send(HttpMethod.PATCH, "/api/agencies/" + power, agency, token), 403, "auth.forbidden", null);
    }
    error(api.send(HttpMethod.POST, "/api/agencies", agency, null), 401, "auth.required", null);
    error(api.send(HttpMethod.PATCH, "/api/fields/" + UUID.randomUUID(), field, null), 401, "auth.required", null);
    for (String path : List.of("/api/agencies", "/api/fields", "/api/agencies/" + power)) {
      if (!path.equals("/api/fields")) {
        error(api.get(path, operator), 403, "auth.forbidden", null);
      }
      error(api.get(path, studio), 403, "auth.forbidden", null);
      error(api.get(path, null), 401, "auth.required", null);
    }
    // the hotline console chooses among the office's fields
    assertTrue(api.expect(200, HttpMethod.GET, "/api/fields", null, operator).getJsonArray("items").stream()
        .anyMatch(f -> "Điện".equals(((JsonObject) f).getString("name"))));
    assertEquals(agencies, sql.count("SELECT count(*) FROM agencies"));
    assertEquals(events, sql.count("SELECT count(*) FROM events"));
  }

  // ---- suggestions at intake ----

  @Test
  void aWebQuestionWithAccentsGetsTheFieldAndItsAgency() {
    String id = ask("Ấp 3 xã Mỹ Yên mất điện liên tục, khi nào có điện ba pha cho trại tôm?");
    assertSuggested(id, "Điện", "Công ty Điện lực Long An");
  }

  @Test
  void aWebQuestionTypedWithoutAccentsGetsTheSameSuggestion() {
    String id = ask("Khi nao xa Phuoc Loi co NUOC SACH, nuoc may nhiem phen qua?");
    assertSuggested(id, "Nước sạch", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn");
  }

  @Test
  void theFieldWithMostKeywordHitsWinsAndANamedAgencyIsPreferred() {
    String id = ask("Nhà tôi mất điện hai ngày, nhưng điều tôi cần hỏi là nước sạch: nước máy nhiễm phèn, "
        + "UBND xã Bến Lức có kế hoạch cấp nước không?");
    assertSuggested(id, "Nước sạch", "UBND xã Bến Lức");
  }

  @Test
  void keywordsMatchWholeWordsOnlyAndNoMatchSuggestsNothing() {
    String id = ask("Xin hỏi về chế độ cho người có công với cách mạng ở xã Lương Hòa.");
    assertSuggested(id, null, null);
  }

  @Test
  void smsAndHotlineQuestionsGetSuggestionsToo() {
    JsonObject sms = new JsonObject().put("from", "0987000123").put("to", "8095")
        .put("text", "LA tram bien ap ap 5 hu, dien chap chon ca tuan").put("messageId", "cat-sms-1");
    HttpResponse<Buffer> r = node.post("/api/intake/sms", sms.toBuffer(), "application/json", null,
        MultiMap.caseInsensitiveMultiMap().add("X-Signature-256",
            SmsSignature.sign(TestNode.SMS_SECRET, sms.toBuffer().getBytes())));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertSuggested(r.bodyAsJsonObject().getString("id"), "Điện", "Công ty Điện lực Long An");

    HttpResponse<Buffer> call = node.postJson("/api/episodes/" + episode + "/calls", new JsonObject()
        .put("callerName", "Lê Văn Tám").put("callerPhone", "0987654321").put("locality", "Xã Long Hiệp")
        .put("text", "Đường ống cấp nước vỡ từ tuần trước chưa sửa"), operator);
    assertEquals(201, call.statusCode(), call.bodyAsString());
    assertSuggested(call.bodyAsJsonObject().getString("id"), "Nước sạch",
        "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn");
  }

  @Test
  void aPostedLetterEnteredByAnEditorGetsASuggestionToo() {
    try (Letters letters = new Letters(node)) {
      HttpResponse<Buffer> r = letters.post(null, editor, Map.of("channel", "post", "episodeId", episode,
          "askerName", "Huỳnh Văn Thư", "address", "Ấp Bình Hòa, xã Long Hiệp, huyện Bến Lức",
          "text", "Kính gửi Thường trực HĐND tỉnh: nhà máy nước xã chúng tôi ngưng, nước máy nhiễm phèn nặng."));
      assertEquals(201, r.statusCode(), r.bodyAsString());
      assertSuggested(r.bodyAsJsonObject().getString("id"), "Nước sạch",
          "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn");
    }
  }

  @Test
  void editorsSeeTheSuggestionInTheQueue() {
    String id = ask("Bao giờ thay trạm biến áp cho ấp Chợ?");
    JsonArray items = api.expect(200, HttpMethod.GET, "/api/episodes/" + episode + "/queue", null, editor)
        .getJsonArray("items");
    JsonObject item = items.stream().map(JsonObject.class::cast).filter(i -> id.equals(i.getString("id")))
        .findFirst().orElseThrow();
    assertEquals("Điện", item.getString("suggestedField"));
    assertEquals("Công ty Điện lực Long An", item.getString("suggestedAgency"));
    assertNull(item.getString("field"), "a suggestion is not a decision");
  }

  @Test
  void aKeywordAddedByTheAdminIsUsedForTheNextQuestion() {
    JsonObject field = api.expect(201, HttpMethod.POST, "/api/fields", new JsonObject().put("name", "Giáo dục")
        .put("keywords", new JsonArray().add("học phí")), TestNode.ADMIN_TOKEN);
    assertSuggested(ask("Điểm trường ấp 2 xuống cấp, mái dột"), null, null);

    api.expect(200, HttpMethod.PATCH, "/api/fields/" + field.getString("id"), new JsonObject()
        .put("keywords", new JsonArray().add("học phí").add("điểm trường")), TestNode.ADMIN_TOKEN);
    assertSuggested(ask("Điểm trường ấp 2 xuống cấp, mái dột"), "Giáo dục", null);
  }

  // ---- helpers ----

  @Test
  void fieldsAndAgenciesAreListedInTheVietnameseAlphabetsOrder() {
    createField("Y tế dự phòng", null);
    createField("Đường thủy nội địa", null);
    createField("Dân số", null);
    createField("Ăn uống và an toàn thực phẩm", null);
    List<String> fields = api.expect(200, HttpMethod.GET, "/api/fields", null, editor).getJsonArray("items").stream()
        .map(f -> ((JsonObject) f).getString("name")).toList();
    // a ă â … d đ e … y: "Đ…" after "D…" and before "E…", not after "Y…" as code points would put it
    assertTrue(fields.indexOf("Ăn uống và an toàn thực phẩm") < fields.indexOf("Dân số"), fields.toString());
    assertTrue(fields.indexOf("Dân số") < fields.indexOf("Điện"), fields.toString());
    assertTrue(fields.indexOf("Điện") < fields.indexOf("Đường thủy nội địa"), fields.toString());
    assertTrue(fields.indexOf("Đường thủy nội địa") < fields.indexOf("Nước sạch"), fields.toString());
    assertTrue(fields.indexOf("Nước sạch") < fields.indexOf("Y tế dự phòng"), fields.toString());
    List<String> agencies = api.expect(200, HttpMethod.GET, "/api/agencies", null, editor).getJsonArray("items")
        .stream().map(a -> ((JsonObject) a).getString("name")).toList();
    assertTrue(agencies.indexOf("Công ty Điện lực Long An") < agencies.indexOf("Trung tâm Nước sạch và Vệ sinh "
        + "môi trường nông thôn"), agencies.toString());
    assertTrue(agencies.indexOf("Trung tâm Nước sạch và Vệ sinh môi trường nông thôn")
        < agencies.indexOf("UBND xã Bến Lức"), agencies.toString());
  }

  static String createAgency(String name, String shortName, String kind, String email) {
    return api.expect(201, HttpMethod.POST, "/api/agencies", new JsonObject().put("name", name)
        .put("shortName", shortName).put("kind", kind).put("emails", new JsonArray().add(email)),
        TestNode.ADMIN_TOKEN).getString("id");
  }

  static void createField(String name, String agencyId, String... keywords) {
    api.expect(201, HttpMethod.POST, "/api/fields", new JsonObject().put("name", name).put("agencyId", agencyId)
        .put("keywords", new JsonArray(Arrays.asList((Object[]) keywords))), TestNode.ADMIN_TOKEN);
  }

  static String ask(String text) {
    HttpResponse<Buffer> r = node.postJson("/api/episodes/" + episode + "/questions",
        TestNode.question("Nguyễn Thị Hoa", text), null);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  static void assertSuggested(String id, String field, String agency) {
    Map<String, Object> row = sql.rows("SELECT suggested_field, suggested_agency FROM submissions WHERE id = ?",
        UUID.fromString(id)).get(0);
    assertEquals(field, row.get("suggested_field"), "suggested field");
    assertEquals(agency, row.get("suggested_agency"), "suggested agency");
  }
}
