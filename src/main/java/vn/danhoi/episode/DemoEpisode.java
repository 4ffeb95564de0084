package vn.danhoi.episode;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The demo a fresh embedded install starts with: seed 000's program (Long An's "Chương trình Đối thoại"
 * on clean water and electricity for rural areas), on air now, so every console has something to show.
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
              "Thường trực HĐND tỉnh đối thoại trực tiếp với cử tri trên sóng truyền hình (seed 000)")
          .compose(v -> tx.preparedQuery("INSERT INTO episodes (id, program_id, title, topic, starts_at, "
                  + "duration_minutes, status, intake_opens_at, intake_closes_at, sms_number, sms_keyword, hotline) "
                  + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
              .execute(Tuple.tuple(Arrays.asList(episode.id(), programId, episode.title(), episode.topic(),
                  episode.startsAt(), episode.durationMinutes(), episode.status(), episode.intakeOpensAt(),
                  episode.intakeClosesAt(), episode.smsNumber(), episode.smsKeyword(),
                  episode.hotline().toArray(String[]::new)))))
          .compose(v -> tx.preparedQuery("INSERT INTO events (actor, action, entity_type, entity_id, episode_id, after) "
                  + "VALUES ('system', 'episode.created', 'episode', $1, $2, $3)")
              .execute(Tuple.of(episode.id().toString(), episode.id(), new JsonObject().put("demo", true)))))
          .map(episode);
    });
  }
}
