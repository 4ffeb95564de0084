package vn.danhoi.episode;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Public episode listing, and episode creation for the council office. */
public final class EpisodeRoutes implements HttpRoutes {

  private static final Pattern KEYWORD = Pattern.compile("^[\\p{L}\\p{N}]{1,20}$");
  private static final Pattern HOTLINE = Pattern.compile("^[0-9+][0-9 .()-]{2,19}$");

  private final EpisodeStore store;
  private final StaffAuth auth;
  private final ZoneId zone;
  private final Clock clock;

  public EpisodeRoutes(EpisodeStore store, StaffAuth auth, ZoneId zone, Clock clock) {
    this.store = store;
    this.auth = auth;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/episodes").handler(this::list);
    router.get("/api/episodes/:episodeId").handler(this::one);
    router.post("/api/episodes").handler(this::create);
  }

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, store.list().map(episodes -> {
      JsonArray out = new JsonArray();
      episodes.forEach(e -> out.add(e.toJson(zone, clock.instant())));
      return out;
    }));
  }

  private void one(RoutingContext ctx) {
    Responses.send(ctx, 200, Responses.attempt(() ->
        store.find(Responses.uuidParam(ctx, "episodeId", "episode.not_found"))).map(e -> {
          if (e == null) {
            throw notFound();
          }
          return e.toJson(zone, clock.instant());
        }));
  }

  private void create(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      JsonObject body = RequestBodies.jsonObject(ctx);
      Episode draft = parse(body);
      Future<Boolean> programOk = draft.programId() == null
          ? Future.succeededFuture(true)
          : store.programExists(draft.programId());
      return programOk.compose(ok -> {
        if (!ok) {
          throw ApiError.invalid("programId", "not_found", "Không tìm thấy chương trình (program).");
        }
        return store.create(draft, admin.actor(), Responses.clientAddress(ctx));
      });
    }).map(e -> e.toJson(zone, clock.instant())));
  }

  private Episode parse(JsonObject body) {
    JsonFields f = JsonFields.of(body);
    String title = f.required("title", "tiêu đề", 200);
    String topic = f.optional("topic", "chủ đề", 1000);
    OffsetDateTime startsAt = dateTime(body, "startsAt", "thời gian bắt đầu", true);
    Integer duration = f.integer("durationMinutes", "thời lượng (phút)", 1, 24 * 60);
    if (duration == null) {
      throw ApiError.invalid("durationMinutes", "required", "Vui lòng nhập thời lượng (phút).");
    }
    String programRaw = f.optional("programId", "chương trình", 64);
    UUID programId = null;
    if (programRaw != null) {
      try {
        programId = UUID.fromString(programRaw);
      } catch (IllegalArgumentException e) {
        throw ApiError.invalid("programId", "invalid", "Mã chương trình không hợp lệ.");
      }
    }
    Object intakeRaw = body.getValue("intake");
    if (intakeRaw != null && !(intakeRaw instanceof JsonObject)) {
      throw ApiError.invalid("intake", "invalid", "Trường intake phải là một đối tượng.");
    }
    JsonObject intake = intakeRaw == null ? new JsonObject() : (JsonObject) intakeRaw;
    JsonFields in = JsonFields.of(intake);
    OffsetDateTime opensAt = dateTime(intake, "opensAt", "thời điểm mở nhận câu hỏi", false);
    OffsetDateTime closesAt = dateTime(intake, "closesAt", "thời điểm đóng nhận câu hỏi", false);
    if (opensAt == null) {
      opensAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
    if (closesAt == null) {
      closesAt = startsAt.plusMinutes(duration);
    }
    if (!closesAt.isAfter(opensAt)) {
      throw ApiError.invalid("intake.closesAt", "invalid", "Thời điểm đóng phải sau thời điểm mở nhận câu hỏi.");
    }
    String smsNumber = in.phoneOrShortCode("smsNumber", "số nhận tin nhắn");
    String keyword = in.optional("smsKeyword", "từ khoá tin nhắn", 20);
    if (keyword != null && !KEYWORD.matcher(keyword).matches()) {
      throw ApiError.invalid("intake.smsKeyword", "invalid", "Từ khoá tin nhắn chỉ gồm chữ và số, không dấu cách.");
    }
    return new Episode(UUID.randomUUID(), programId, title, topic == null ? "" : topic, startsAt, duration,
        "planned", opensAt, closesAt, smsNumber, keyword, hotlines(intake));
  }

  private static List<String> hotlines(JsonObject intake) {
    Object raw = intake.getValue("hotline");
    List<String> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    List<?> values = raw instanceof JsonArray arr ? arr.getList() : List.of(raw);
    for (Object v : values) {
      if (!(v instanceof String s) || !HOTLINE.matcher(s.trim()).matches()) {
        throw ApiError.invalid("intake.hotline", "invalid", "Số đường dây nóng không hợp lệ.");
      }
      out.add(s.trim());
    }
    if (out.size() > 10) {
      throw ApiError.invalid("intake.hotline", "invalid", "Tối đa 10 số đường dây nóng.");
    }
    return out;
  }

  /** ISO-8601; a time without offset is read in the programme's time zone. */
  private OffsetDateTime dateTime(JsonObject json, String field, String label, boolean required) {
    Object raw = json.getValue(field);
    if (raw == null) {
      if (required) {
        throw ApiError.invalid(field, "required", "Vui lòng nhập " + label + ".");
      }
      return null;
    }
    if (raw instanceof String s) {
      try {
        return OffsetDateTime.parse(s.trim());
      } catch (DateTimeException e) {
        try {
          return LocalDateTime.parse(s.trim()).atZone(zone).toOffsetDateTime();
        } catch (DateTimeException ignored) {
          // falls through to the field error
        }
      }
    }
    throw ApiError.invalid(field, "invalid", capitalised(label) + " không đúng định dạng ISO-8601.");
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static ApiError notFound() {
    return ApiError.notFound("episode.not_found", "Không tìm thấy chương trình phát sóng.");
  }
}
