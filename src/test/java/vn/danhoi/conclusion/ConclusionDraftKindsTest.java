package vn.danhoi.conclusion;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.document.ReadBack;
import vn.danhoi.support.AfterShow;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conclusion notice drafted in the form of its episode's kind: a show's (the standing committee's), an
 * accountability session's (delegates' subjects, agencies' reports, commitments), an in-person dialogue's (the
 * chairman's conclusion at the conference, issued by the office). In every kind only the editors' or the office's
 * wording is quoted, a citizen's raw text is counted by field, and a complaint never appears.
 */
@ExtendWith(VertxExtension.class)
class ConclusionDraftKindsTest {

  /** Wednesday 12/5/2027, 9:00. */
  static final OffsetDateTime NOW = OffsetDateTime.parse("2027-05-12T09:00:00+07:00");
  static final OffsetDateTime HELD = OffsetDateTime.parse("2027-05-11T08:00:00+07:00");

  /** An SMS as it came, without diacritics: never a sentence of a notice. */
  static final String RAW_SMS = "duong vao ap 3 ngap nuoc qua troi ai giai quyet";
  static final String COMPLAINT = "Tố cáo Công ty TNHH Phú Lợi xả thải trái phép ra kênh";

  static final String LAND = "Sở Tài nguyên và Môi trường tỉnh Lai Châu";
  static final String IT = "Sở Khoa học và Công nghệ tỉnh Lai Châu";
  static final String RUBBER = "Công ty cổ phần Cao su Lai Châu";
  static final String DISTRICT_LAND = "Phòng Nông nghiệp và Môi trường huyện Sơn Động";

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().clock(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC));

  static TestNode node;
  static Sql sql;
  static AfterShow data;
  static String editor;

  @BeforeAll
  static void start() {
    node = NODE.node();
    sql = NODE.sql();
    data = new AfterShow(sql);
    editor = node.token("editor");
    for (String agency : List.of(LAND, IT, RUBBER, DISTRICT_LAND)) {
      sql.rows("INSERT INTO agencies (id, name) VALUES (?, ?)", UUID.randomUUID(), agency);
    }
  }

  /** Something created (a draft, a speaker, a commitment, an opinion): 201. */
  static JsonObject create(String path, JsonObject body) {
    return ConclusionApiTest.ok(node.postJson(path, body, editor), 201);
  }

  /** A step on what exists (an opinion answered or assigned): 200. */
  static JsonObject act(String path, JsonObject body) {
    return ConclusionApiTest.ok(node.postJson(path, body, editor), 200);
  }

  static List<String> itemTexts(JsonObject notice) {
    return notice.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("text")).toList();
  }

  /** A citizen's SMS as it came, in {@code field}; and a complaint rejected as such, assigned before it was. */
  static void rawAndComplaint(UUID episode, String field) {
    UUID sms = UUID.randomUUID();
    sql.rows("INSERT INTO submissions (id, episode_id, channel, phone, text, consent_basis, status, field, agency) "
        + "VALUES (?, ?, 'sms', '0912000111', ?, 'channel', 'received', ?, NULL)", sms, episode, RAW_SMS, field);
    UUID complaint = data.question(episode, "Phạm Thị Gấm", "0900333444", null, COMPLAINT, field, "rejected", true);
    sql.rows("UPDATE submissions SET reject_reason = 'complaint', edited_text = ? WHERE id = ?",
        COMPLAINT + " (đã biên tập)", complaint);
    data.assign(complaint, episode, DISTRICT_LAND, NOW.plusDays(10), "assigned");
  }

  /** Neither the raw SMS nor the complaint, anywhere in the draft, its items or its document. */
  static void nothingRawNorComplaint(String... texts) {
    for (String text : texts) {
      assertFalse(text.contains(RAW_SMS), text);
      assertFalse(text.contains("Phú Lợi"), text);
    }
  }

  /** Every line of a list in the body ends with punctuation. */
  static void linesEndWithPunctuation(String body) {
    for (String line : body.split("\n")) {
      if (line.startsWith("- ")) {
        assertTrue(line.matches(".*[.?!;:]$"), "«" + line + "» ends with punctuation");
      }
    }
  }

  @Test
  void aShowsDraftQuotesTheEditorsWordingCountsTheRestAndLeavesComplaintsOut() {
    UUID program = data.program("Dân hỏi – Chính quyền trả lời", "THƯỜNG TRỰC HĐND TỈNH LAI CHÂU", "Lai Châu");
    UUID e = data.episode(program, "Giao thông nông thôn", "Giao thông nông thôn", HELD, "Giàng A Lử");
    UUID worded = data.question(e, "Lò Văn Sơn", "0900111222", null, "cho hoi bao gio lam duong lien xa", "Giao thông",
        "answered", true);
    sql.rows("UPDATE submissions SET edited_text = 'Khi nào làm đường liên xã Nậm Tăm – Nậm Cha' WHERE id = ?", worded);
    rawAndComplaint(e, "Giao thông");
    UUID smsAssigned = (UUID) sql.rows("SELECT id FROM submissions WHERE episode_id = ? AND channel = 'sms'", e).get(0)
        .get("id");
    data.assign(smsAssigned, e, "Sở Xây dựng tỉnh Lai Châu", NOW.plusDays(20), "assigned");
    long seq = sql.count("SELECT seq FROM submissions WHERE id = ?", smsAssigned);

    JsonObject notice = create("/api/episodes/" + e + "/conclusion/draft", new JsonObject());
    String body = notice.getString("body");
    assertEquals("Kết luận của Thường trực HĐND tỉnh Lai Châu tại chương trình “Dân hỏi – Chính quyền trả lời” về "
        + "Giao thông nông thôn", notice.getString("title"));
    assertTrue(body.contains("Giao thông (2 ý kiến, 2 lượt người hỏi):\n- Khi nào làm đường liên xã Nậm Tăm – Nậm Cha."
        + "\n- Ngoài ra, 1 ý kiến thuộc lĩnh vực này đang được tổng hợp, biên tập."), body);
    assertTrue(body.contains("II. CÁC NỘI DUNG ĐÃ ĐƯỢC TRẢ LỜI TẠI CHƯƠNG TRÌNH\n- Khi nào làm đường liên xã"), body);
    // the issuer in capitals belongs to the heading, never to a sentence
    assertFalse(body.contains("THƯỜNG TRỰC"), body);
    assertEquals(List.of("Trả lời ý kiến của cử tri, Nhân dân thuộc lĩnh vực Giao thông (số tiếp nhận " + seq + ")."),
        itemTexts(notice));
    assertFalse(notice.getJsonArray("recipients").contains(DISTRICT_LAND), notice.encode());
    nothingRawNorComplaint(notice.encode());
    linesEndWithPunctuation(body);
  }

  @Test
  void anAccountabilityDraftNamesTheDelegatesSubjectsTheAgenciesReportsAndTheCommitments() {
    UUID program = data.program("Phiên giải trình của Thường trực HĐND tỉnh", "Thường trực HĐND tỉnh Lai Châu",
        "Lai Châu");
    UUID e = data.episode(program, "Phiên giải trình quý II", "Quản lý đất đai và chuyển đổi số", HELD,
        "Lò Văn Muôn, Chủ tịch HĐND tỉnh");
    sql.rows("UPDATE episodes SET kind = 'accountability' WHERE id = ?", e);
    String ep = "/api/episodes/" + e;
    for (String[] a : new String[][] {{LAND, "Cấp giấy chứng nhận quyền sử dụng đất cho cộng đồng thôn, bản"},
        {IT, "Chuyển đổi số, dịch vụ công trực tuyến"}, {RUBBER, "Thanh toán tiền góp đất trồng cao su"}}) {
      ConclusionApiTest.ok(node.postJson(ep + "/accountability/agencies", new JsonObject().put("agency", a[0]).put("subjects", a[1])
          .put("reportDueAt", "2027-05-07"), editor), 201);
    }
    // the land office filed on time, the science office two days late, the rubber company not at all
    report(e, LAND, "2027-05-06T10:00:00+07:00");
    report(e, IT, "2027-05-09T15:00:00+07:00");
    create(ep + "/speakers", new JsonObject().put("delegateName", "Đại biểu Lường Văn Dũng")
        .put("room", "Phòng họp tỉnh").put("subject", "Tiến độ cấp giấy chứng nhận đất rừng").put("agency", LAND));
    create(ep + "/speakers", new JsonObject().put("delegateName", "Đại biểu Giàng Thị Mai")
        .put("room", "Điểm cầu huyện Mường Tè").put("subject", "Chậm thanh toán tiền góp đất").put("agency", RUBBER));
    rawAndComplaint(e, "Đất đai");

    // the first commitment drafts the notice
    create(ep + "/commitments", new JsonObject().put("text", "Hoàn thành cấp giấy chứng nhận cho cộng đồng thôn, bản "
        + "trong quý III").put("ownerAgency", LAND).put("dueAt", "2027-09-30"));
    create(ep + "/commitments", new JsonObject().put("text", "Thanh toán dứt điểm tiền góp đất cho các hộ dân")
        .put("ownerAgency", RUBBER).put("dueAt", "2027-12-31"));
    JsonObject notice = ConclusionApiTest.ok(node.get(ep + "/conclusion", editor), 200);
    String body = notice.getString("body");

    assertEquals("Kết luận của Thường trực HĐND tỉnh Lai Châu tại phiên giải trình về Quản lý đất đai và chuyển đổi số",
        notice.getString("title"));
    assertFalse(body.contains("0 ý kiến"), body);
    assertFalse(body.contains("lượt cử tri"), body);
    assertTrue(body.contains("I. CÁC VẤN ĐỀ ĐẠI BIỂU NÊU\n- Đại biểu Lường Văn Dũng: Tiến độ cấp giấy chứng nhận đất "
        + "rừng (cơ quan giải trình: " + LAND + ").\n- Đại biểu Giàng Thị Mai: Chậm thanh toán tiền góp đất"), body);
    assertTrue(body.contains("- " + LAND + " giải trình về Cấp giấy chứng nhận quyền sử dụng đất cho cộng đồng thôn, "
        + "bản; đã gửi báo cáo giải trình bằng văn bản đúng hạn, ngày 06/05/2027."), body);
    assertTrue(body.contains("- " + IT + " giải trình về Chuyển đổi số, dịch vụ công trực tuyến; đã gửi báo cáo giải "
        + "trình bằng văn bản ngày 09/05/2027, chậm so với hạn 07/05/2027."), body);
    assertTrue(body.contains("- " + RUBBER + " giải trình về Thanh toán tiền góp đất trồng cao su; chưa gửi báo cáo "
        + "giải trình bằng văn bản (hạn 07/05/2027)."), body);
    assertTrue(body.contains("III. CAM KẾT VÀ NHIỆM VỤ CỦA CÁC CƠ QUAN"), body);
    assertTrue(notice.getJsonArray("recipients").contains(IT), notice.encode());
    nothingRawNorComplaint(notice.encode());
    linesEndWithPunctuation(body);

    byte[] docx = node.get(ep + "/conclusion.docx", editor).body().getBytes();
    ReadBack.Expected expected = new ReadBack.Expected(null, "THƯỜNG TRỰC HĐND TỈNH LAI CHÂU", "Số: 01/TB-HĐND",
        "Lai Châu, ngày 12 tháng 5 năm 2027", "THÔNG BÁO", notice.getString("title"),
        List.of("I. CÁC VẤN ĐỀ ĐẠI BIỂU NÊU", "Tiến độ cấp giấy chứng nhận đất rừng", "II. GIẢI TRÌNH CỦA CÁC CƠ QUAN",
            "III. CAM KẾT VÀ NHIỆM VỤ CỦA CÁC CƠ QUAN",
            "Hoàn thành cấp giấy chứng nhận cho cộng đồng thôn, bản trong quý III. Giao: " + LAND
                + "; thời hạn: 30/09/2027.",
            "Thanh toán dứt điểm tiền góp đất cho các hộ dân. Giao: " + RUBBER + "; thời hạn: 31/12/2027."),
        "- Lưu: VT.", List.of("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH HĐND TỈNH"), "Lò Văn Muôn");
    String text = ReadBack.docx(docx, expected);
    nothingRawNorComplaint(text);
    assertEquals(text.indexOf("THƯỜNG TRỰC HĐND TỈNH LAI CHÂU"), text.lastIndexOf("THƯỜNG TRỰC HĐND TỈNH LAI CHÂU"));
  }

  /** A written report as the agency portal stores it, filed at {@code at}. */
  static void report(UUID episode, String agency, String at) {
    sql.rows("INSERT INTO session_reports (id, session_agency_id, episode_id, file_name, media_type, size_bytes, "
            + "stored_name, sha256, uploaded_by, uploaded_at) SELECT ?, id, episode_id, 'bao-cao.pdf', 'application/pdf', "
            + "100, ?, 'x', 'kiem-thu', ?::timestamptz FROM session_agencies WHERE episode_id = ? AND agency = ?",
        UUID.randomUUID(), UUID.randomUUID().toString().replace("-", ""), at, episode, agency);
  }

  @Test
  void aDialoguesDraftIsTheChairmansConclusionIssuedByTheOffice() {
    UUID program = data.program("Đối thoại trực tiếp với Nhân dân", "Ủy ban nhân dân huyện Sơn Động", "Sơn Động");
    UUID e = data.episode(program, "Đối thoại quý II tại xã An Bá", "Đất đai và hạ tầng nông thôn", HELD,
        "Đỗ Văn Cẩm, Chủ tịch UBND huyện Sơn Động");
    sql.rows("UPDATE episodes SET kind = 'dialogue', venue = 'Hội trường UBND xã An Bá' WHERE id = ?", e);
    String ep = "/api/episodes/" + e;
    String land = opinion(ep, "before", "Đất đai", "Đề nghị cấp giấy chứng nhận đất rừng cho các hộ thôn Đồng Băm.");
    String road = opinion(ep, "meeting", "Giao thông", "Đường liên thôn xuống cấp, đề nghị sửa chữa trước mùa mưa.");
    act("/api/opinions/" + road + "/answered", new JsonObject().put("answeredBy", "Trưởng phòng Kinh tế và Hạ tầng")
        .put("answer", "Huyện đã bố trí vốn sửa chữa trong tháng 6."));
    act("/api/opinions/" + land + "/assign", new JsonObject().put("agency", DISTRICT_LAND)
        .put("instruction", "Rà soát và trả lời cử tri"));
    rawAndComplaint(e, "Đất đai");

    JsonObject notice = create(ep + "/conclusion/draft", new JsonObject());
    String title = "Kết luận của đồng chí Đỗ Văn Cẩm, Chủ tịch UBND huyện Sơn Động tại hội nghị tiếp xúc, đối thoại "
        + "trực tiếp với Nhân dân tại Hội trường UBND xã An Bá";
    assertEquals(title, notice.getString("title"));
    assertEquals("Số: 01/TB-VP", notice.getString("documentNumber"));
    assertEquals("Văn phòng", notice.getString("issuingBody"));
    assertEquals("Chánh Văn phòng", notice.getString("signerTitle"));
    String body = notice.getString("body");
    assertFalse(body.contains("chương trình"), body);
    assertTrue(body.startsWith("Ngày 11/05/2027, tại Hội trường UBND xã An Bá, đồng chí Đỗ Văn Cẩm, Chủ tịch UBND huyện "
        + "Sơn Động chủ trì hội nghị tiếp xúc, đối thoại trực tiếp với Nhân dân"), body);
    assertTrue(body.contains("Hội nghị đã nghe 3 ý kiến của Nhân dân (1 ý kiến thu thập trước hội nghị, 1 ý kiến nêu "
        + "tại hội nghị, 1 ý kiến gửi qua các kênh khác); 1 ý kiến đã được trả lời trực tiếp tại hội nghị."), body);
    assertTrue(body.contains("II. CÁC Ý KIẾN ĐÃ ĐƯỢC TRẢ LỜI TẠI HỘI NGHỊ\n- Đường liên thôn xuống cấp, đề nghị sửa chữa "
        + "trước mùa mưa (Trưởng phòng Kinh tế và Hạ tầng trả lời: Huyện đã bố trí vốn sửa chữa trong tháng 6)."), body);
    assertTrue(body.contains("III. CÁC Ý KIẾN GIAO CƠ QUAN, ĐƠN VỊ GIẢI QUYẾT"), body);
    // the raw SMS is counted in its field, not quoted
    assertTrue(body.contains("Đất đai (2 ý kiến, 2 lượt người nêu):\n- Đề nghị cấp giấy chứng nhận đất rừng cho các hộ "
        + "thôn Đồng Băm.\n- Ngoài ra, 1 ý kiến thuộc lĩnh vực này đang được tổng hợp, biên tập."), body);
    JsonArray items = notice.getJsonArray("items");
    JsonObject assigned = items.getJsonObject(0);
    assertEquals("Đề nghị cấp giấy chứng nhận đất rừng cho các hộ thôn Đồng Băm.", assigned.getString("text"));
    assertEquals(DISTRICT_LAND, assigned.getString("ownerAgency"));
    assertEquals("2027-06-02", assigned.getString("dueDate"));
    nothingRawNorComplaint(notice.encode());
    linesEndWithPunctuation(body);

    // the office head signs in person; the office fills in the name
    ConclusionApiTest.ok(node.request("PATCH", ep + "/conclusion", new JsonObject().put("signerName", "Nguyễn Văn Hòa"), editor), 200);
    byte[] pdf = node.get(ep + "/conclusion.pdf", editor).body().getBytes();
    ReadBack.Expected expected = new ReadBack.Expected("ỦY BAN NHÂN DÂN HUYỆN SƠN ĐỘNG", "VĂN PHÒNG",
        "Số: 01/TB-VP", "Sơn Động, ngày 12 tháng 5 năm 2027", "THÔNG BÁO", title,
        List.of("I. CÁC VẤN ĐỀ NHÂN DÂN NÊU", "II. CÁC Ý KIẾN ĐÃ ĐƯỢC TRẢ LỜI TẠI HỘI NGHỊ",
            "III. CÁC Ý KIẾN GIAO CƠ QUAN, ĐƠN VỊ GIẢI QUYẾT", "Đề nghị cấp giấy chứng nhận đất rừng cho các hộ thôn Đồng "
                + "Băm. Giao: " + DISTRICT_LAND + "; thời hạn: 02/06/2027."),
        "- Lưu: VT.", List.of("CHÁNH VĂN PHÒNG"), "Nguyễn Văn Hòa");
    nothingRawNorComplaint(ReadBack.pdf(pdf, expected));
  }

  static String opinion(String ep, String stage, String topic, String text) {
    return create(ep + "/opinions", new JsonObject().put("stage", stage).put("topic", topic).put("commune", "Xã An Bá")
        .put("askerName", "Hoàng Văn Tư").put("text", text)).getString("id");
  }
}
