package vn.danhoi.episode;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.SqlParams;
import vn.danhoi.infra.VietnameseText;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The demo a fresh embedded install starts with: a program like Long An's "Chương trình Đối thoại" (seed 000)
 * on clean water and electricity for rural areas, on air now, so every console has something to show. Set in
 * Tây Ninh as it stands after the 2025 reorganisation (Long An merged into it; two levels of local government;
 * the March 2025 merger of departments), so nothing in the demo names a district or a department that is gone.
 */
public final class DemoEpisode {

  public static final String SMS_NUMBER = "8085";
  public static final String SMS_KEYWORD = "DT";

  private DemoEpisode() {
  }

  /**
   * Makes sure a demo episode is on air: on a fresh install, and again on a later start once the last
   * one has ended. Returns the episode on air, or null when a real one is already taking questions.
   */
  public static Future<Episode> ensure(EpisodeStore store, Clock clock) {
    return ensureCatalog(store, clock).compose(v -> ensureEpisode(store, clock));
  }

  /**
   * Tây Ninh's agencies: name, short name (how questions name them), kind, contact e-mail. Since March 2025 the
   * Department of Construction also holds transport, and Agriculture and Environment are one department; the
   * seeds' district committees (Bến Lức, Cần Giuộc) are the commune committees of the same names since July 2025.
   */
  private static final List<List<String>> AGENCIES = List.of(
      List.of("UBND tỉnh Tây Ninh", "UBND tỉnh", "province_committee", "ubnd@tayninh.gov.vn"),
      List.of("Sở Xây dựng", "SXD", "department", "sxd@tayninh.gov.vn"),
      List.of("Sở Nông nghiệp và Môi trường", "Sở NN&MT", "department", "snnmt@tayninh.gov.vn"),
      List.of("Sở Y tế", "", "department", "syt@tayninh.gov.vn"),
      List.of("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "department", "sgddt@tayninh.gov.vn"),
      List.of("Sở Công Thương", "", "department", "sct@tayninh.gov.vn"),
      List.of("Công ty Điện lực Tây Ninh", "Điện lực Tây Ninh", "utility", "pctayninh@evnspc.vn"),
      List.of("Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", "Trung tâm Nước sạch", "other",
          "nuocsach@tayninh.gov.vn"),
      List.of("UBND xã Bến Lức", "UBND Bến Lức", "commune", "ubndbenluc@tayninh.gov.vn"),
      List.of("UBND xã Cần Giuộc", "UBND Cần Giuộc", "commune", "ubndcangiuoc@tayninh.gov.vn"));

  /** Fields with their keywords (folded on insert) and the agency that usually answers. */
  private static final List<List<String>> FIELDS = List.of(
      List.of("Điện", "Công ty Điện lực Tây Ninh", "mất điện, cúp điện, cắt điện, điện lưới, lưới điện, tiền điện, "
          + "giá điện, điện ba pha, trạm biến áp, cột điện, đường dây điện, điện sinh hoạt, điện chập chờn, công tơ"),
      List.of("Nước sạch", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", "nước sạch, nước máy, cấp nước, "
          + "nhà máy nước, đường ống nước, nước sinh hoạt, giếng khoan, nhiễm phèn, nhiễm mặn, mất nước, tiền nước"),
      List.of("Đất đai", "Sở Nông nghiệp và Môi trường", "đất đai, sử dụng đất, thu hồi đất, sổ đỏ, cấp sổ, "
          + "giải phóng mặt bằng, bồi thường, tái định cư, tranh chấp đất, đất nông nghiệp, đất ở"),
      List.of("Xây dựng", "Sở Xây dựng", "xây dựng, giấy phép xây dựng, cấp phép xây dựng, nhà ở xã hội, "
          + "chung cư, xây nhà, quy hoạch xây dựng, công trình"),
      List.of("Giao thông", "Sở Xây dựng", "giao thông, đường giao thông, sửa đường, làm đường, ổ gà, "
          + "đường liên xã, đường nông thôn, quốc lộ, tỉnh lộ, cây cầu, xây cầu, cầu khỉ, cầu qua sông, bến phà"),
      List.of("Y tế", "Sở Y tế", "y tế, trạm y tế, bệnh viện, bảo hiểm y tế, khám bệnh, thuốc, bác sĩ, tiêm chủng"),
      List.of("Giáo dục", "Sở Giáo dục và Đào tạo", "giáo dục, trường học, học sinh, giáo viên, học phí, "
          + "sách giáo khoa, điểm trường, mầm non"),
      List.of("Môi trường", "Sở Nông nghiệp và Môi trường", "môi trường, ô nhiễm, rác, rác thải, nước thải, "
          + "khói bụi, mùi hôi, xả thải, kênh rạch"));

  /**
   * Adds the demo agencies and fields once, on a catalogue the council office has not filled yet, with the
   * commune-level dialogue of seed 004 (a district council chair's dialogue with the people, before 2025) as
   * it is held now: by the chair of a commune's council, planned a month ahead.
   */
  private static Future<Void> ensureCatalog(EpisodeStore store, Clock clock) {
    Pool pool = store.pool();
    return pool.query("SELECT count(*) FROM agencies").execute().compose(rows -> {
      if (rows.iterator().next().getLong(0) > 0) {
        return Future.succeededFuture();
      }
      return pool.withTransaction(tx -> {
        Future<?> chain = Future.succeededFuture();
        for (List<String> a : AGENCIES) {
          chain = chain.compose(v -> tx.preparedQuery("INSERT INTO agencies (id, name, short_name, kind, emails) "
                  + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
              .execute(Tuple.of(UUID.randomUUID(), a.get(0), a.get(1), a.get(2), new String[] {a.get(3)})));
        }
        for (List<String> f : FIELDS) {
          String[] keywords = Arrays.stream(f.get(2).split(","))
              .map(k -> VietnameseText.fold(k.strip())).toArray(String[]::new);
          chain = chain.compose(v -> tx.preparedQuery("INSERT INTO fields (id, name, keywords, agency_id) "
                  + "SELECT $1, $2, $3, (SELECT id FROM agencies WHERE name = $4) ON CONFLICT DO NOTHING")
              .execute(Tuple.of(UUID.randomUUID(), f.get(0), keywords, f.get(1))));
        }
        return chain.compose(v -> communeDialogue(store, tx, clock))
            .compose(v -> EventLog.append(tx, EventLog.Event.of("system", "catalog.demo_loaded", "catalog",
            "demo").after(new JsonObject().put("demo", true))));
      }).mapEmpty();
    });
  }

  private static Future<Void> communeDialogue(EpisodeStore store, SqlConnection tx, Clock clock) {
    UUID programId = UUID.randomUUID();
    OffsetDateTime startsAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.ofHours(7))
        .truncatedTo(ChronoUnit.DAYS).plusDays(30).withHour(8);
    return store.createProgram(tx, programId, "Đối thoại của Chủ tịch HĐND xã với Nhân dân",
            "Chủ tịch HĐND xã tiếp xúc, đối thoại trực tiếp, lắng nghe và giải quyết phản ánh, kiến nghị của Nhân dân")
        .compose(v -> tx.preparedQuery("UPDATE programs SET parent_body = 'Hội đồng nhân dân xã Bến Lức', "
                + "issuing_body = 'Thường trực HĐND xã Bến Lức', place = 'Bến Lức' WHERE id = $1")
            .execute(Tuple.of(programId)))
        .compose(v -> tx.preparedQuery("INSERT INTO episodes (id, program_id, title, topic, starts_at, duration_minutes, "
                + "status, intake_opens_at, intake_closes_at, kind, venue, chair) VALUES ($1, $2, $3, $4, $5, 150, "
                + "'planned', $6, $5, 'dialogue', 'Hội trường UBND xã Bến Lức', 'Chủ tịch HĐND xã Bến Lức')")
            .execute(Tuple.of(UUID.randomUUID(), programId, "Đối thoại với Nhân dân xã Bến Lức",
                "Đất đai, nước sạch và đường giao thông nông thôn", startsAt, startsAt.minusDays(15))))
        .mapEmpty();
  }

  private static Future<Episode> ensureEpisode(EpisodeStore store, Clock clock) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MINUTES);
    return store.openForIntake(now).compose(open -> {
      if (!open.isEmpty()) {
        return Future.succeededFuture(open.get(0));
      }
      UUID programId = UUID.randomUUID();
      Episode episode = new Episode(UUID.randomUUID(), programId,
          "Chương trình Đối thoại lần thứ nhất",
          "Cung cấp nước hợp vệ sinh, nước sạch và điện phục vụ sinh hoạt, sản xuất khu vực nông thôn",
          now.minusMinutes(10), 90, "planned", now.minusDays(15), now.plusMinutes(80),
          SMS_NUMBER, SMS_KEYWORD, List.of("0272 3826 111", "0272 3826 222"));
      return store.pool().withTransaction(tx -> store.createProgram(tx, programId,
              "Chương trình Đối thoại",
              "Thường trực HĐND tỉnh đối thoại trực tiếp với cử tri trên sóng truyền hình")
          .compose(v -> tx.preparedQuery("UPDATE programs SET parent_body = 'Hội đồng nhân dân tỉnh Tây Ninh', "
                  + "issuing_body = 'Thường trực HĐND tỉnh Tây Ninh', place = 'Tây Ninh' WHERE id = $1")
              .execute(Tuple.of(programId)))
          .compose(v -> SqlTemplate.forUpdate(tx, "INSERT INTO episodes (id, program_id, title, topic, "
                  + "starts_at, duration_minutes, status, intake_opens_at, intake_closes_at, sms_number, "
                  + "sms_keyword, hotline) VALUES (#{id}, #{programId}, #{title}, #{topic}, #{startsAt}, "
                  + "#{durationMinutes}, #{status}, #{intakeOpensAt}, #{intakeClosesAt}, #{smsNumber}, "
                  + "#{smsKeyword}, #{hotline})")
              .execute(SqlParams.of("id", episode.id()).and("programId", programId).and("title", episode.title())
                  .and("topic", episode.topic()).and("startsAt", episode.startsAt())
                  .and("durationMinutes", episode.durationMinutes()).and("status", episode.status())
                  .and("intakeOpensAt", episode.intakeOpensAt()).and("intakeClosesAt", episode.intakeClosesAt())
                  .and("smsNumber", episode.smsNumber()).and("smsKeyword", episode.smsKeyword())
                  .and("hotline", episode.hotline().toArray(String[]::new))))
          .compose(v -> tx.preparedQuery("UPDATE episodes SET kind = 'live', platforms = '{tv,youtube,fanpage,website}', "
                  + "venue = 'Trường quay Báo và Phát thanh, Truyền hình Tây Ninh', chair = 'Phó Chủ tịch HĐND tỉnh', "
                  + "hosts = '{\"Nguyễn Thu Hà\"}', email_address = 'doithoai@tayninh.gov.vn', "
                  + "postal_address = 'Văn phòng Đoàn ĐBQH và HĐND tỉnh Tây Ninh, số 61 Nguyễn Huệ, phường Long An, tỉnh Tây Ninh', "
                  + "delegates_due_at = $2 WHERE id = $1")
              .execute(Tuple.of(episode.id(), now.minusDays(5))))
          .compose(v -> tx.preparedQuery("INSERT INTO episode_people (id, episode_id, role, position, person_name, "
                  + "title, agency_id, email) SELECT gen_random_uuid(), $1, 'responder', p.pos, p.person, p.title, "
                  + "a.id, a.emails[1] FROM (VALUES (1, 'Trần Văn Điện', 'Giám đốc', 'Công ty Điện lực Tây Ninh'), "
                  + "(2, 'Lê Thị Nguyên', 'Giám đốc', 'Trung tâm Nước sạch và Vệ sinh môi trường nông thôn'), "
                  + "(3, 'Phạm Minh Đức', 'Phó Giám đốc', 'Sở Nông nghiệp và Môi trường')) AS p(pos, person, title, agency) "
                  + "JOIN agencies a ON a.name = p.agency")
              .execute(Tuple.of(episode.id())))
          .compose(v -> EventLog.append(tx, EventLog.Event.of("system", "episode.created", "episode",
              episode.id().toString()).inEpisode(episode.id()).after(new JsonObject().put("demo", true)))))
          .map(episode);
    });
  }
}
