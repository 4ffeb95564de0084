package vn.danhoi.episode;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.Times;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Public episode listing; episodes planned by the council office (admin): creation and changes with every
 * field of the plan and the panel; editors read the details and the intake counters.
 */
public final class EpisodeRoutes implements HttpRoutes {

  private static final Pattern KEYWORD = Pattern.compile("^[\\p{L}\\p{N}]{1,20}$");
  private static final Pattern HOTLINE = Pattern.compile("^[0-9+][0-9 .()-]{2,19}$");

  private final EpisodeStore store;
  private final StaffAuth auth;
  private final ZoneId zone;
  private final Clock clock;
  private final Consumer<UUID> changed;

  public EpisodeRoutes(EpisodeStore store, StaffAuth auth, ZoneId zone, Clock clock) {
    this(store, auth, zone, clock, id -> { });
  }

  /** changed hears of every episode changed here, so intake does not keep taking questions on an old window. */
  public EpisodeRoutes(EpisodeStore store, StaffAuth auth, ZoneId zone, Clock clock, Consumer<UUID> changed) {
    this.store = store;
    this.auth = auth;
    this.zone = zone;
    this.clock = clock;
    this.changed = changed;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/episodes").handler(this::list);
    router.get("/api/episodes/:episodeId").handler(this::one);
    router.post("/api/episodes").handler(this::create);
    router.patch("/api/episodes/:episodeId").handler(this::update);
    router.get("/api/episodes/:episodeId/details").handler(this::details);
    router.put("/api/episodes/:episodeId/people").handler(this::replacePeople);
    router.get("/api/episodes/:episodeId/summary").handler(this::summary);
  }

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, store.publicList().map(episodes -> {
      JsonArray out = new JsonArray();
      episodes.forEach(e -> out.add(e.toJson(zone, clock.instant())));
      return out;
    }));
  }

  private void one(RoutingContext ctx) {
    Responses.send(ctx, 200, Responses.attempt(() ->
        store.publicFind(Responses.uuidParam(ctx, "episodeId", "episode.not_found"))).map(e -> {
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
      EpisodePlan plan = parsePlan(body, draft);
      List<EpisodePerson> people = body.containsKey("people") ? parsePeople(body.getValue("people")) : List.of();
      return checked(draft, people).compose(panel ->
          store.create(draft, plan, panel, admin.actor(), Responses.clientAddress(ctx)));
    }).map(e -> e.toJson(zone, clock.instant())));
  }

  /** Changes what the body names; absent fields keep their value (intake's fields one by one). */
  private void update(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      JsonObject body = RequestBodies.jsonObject(ctx);
      return existing(ctx).compose(before -> {
        JsonObject beforeJson = before.toJson(zone, clock.instant());
        JsonObject merged = merged(beforeJson, body);
        Episode parsed = parse(merged);
        Episode draft = new Episode(before.episode().id(), parsed.programId(), parsed.title(), parsed.topic(),
            parsed.startsAt(), parsed.durationMinutes(), parsed.status(), parsed.intakeOpensAt(),
            parsed.intakeClosesAt(), parsed.smsNumber(), parsed.smsKeyword(), parsed.hotline());
        EpisodePlan plan = parsePlan(merged, draft);
        List<EpisodePerson> people = body.containsKey("people") ? parsePeople(body.getValue("people")) : null;
        return checked(draft, people == null ? before.people() : people).compose(panel -> {
          JsonObject afterJson = new EpisodeDetails(draft, plan, panel, before.updatedAt())
              .toJson(zone, clock.instant());
          return store.update(draft, plan, people == null ? null : panel, beforeJson, afterJson,
              admin.actor(), Responses.clientAddress(ctx));
        }).compose(v -> {
          changed.accept(draft.id());
          return store.details(draft.id());
        });
      });
    }).map(d -> d.toJson(zone, clock.instant())));
  }

  private void details(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(who -> existing(ctx))
        .map(d -> d.toJson(zone, clock.instant())));
  }

  /** The panel in the order given: {"people": [{role, name, title?, agencyId?, email?}, …]}. */
  private void replacePeople(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      JsonObject body = RequestBodies.jsonObject(ctx);
      if (!body.containsKey("people")) {
        throw ApiError.invalid("people", "required", "Vui lòng gửi danh sách thành phần tham dự (people).");
      }
      List<EpisodePerson> people = parsePeople(body.getValue("people"));
      return existing(ctx).compose(before -> checked(before.episode(), people).compose(panel -> {
        JsonObject beforeJson = before.toJson(zone, clock.instant());
        JsonObject afterJson = new EpisodeDetails(before.episode(), before.plan(), panel, before.updatedAt())
            .toJson(zone, clock.instant());
        return store.update(before.episode(), before.plan(), panel, beforeJson, afterJson, admin.actor(),
            Responses.clientAddress(ctx));
      }).compose(v -> store.details(before.episode().id())));
    }).map(d -> d.toJson(zone, clock.instant())));
  }

  /** The episode page's counters: questions by channel and by status, and the intake window now. */
  private void summary(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(who -> existing(ctx))
        .compose(d -> store.counts(d.episode().id()).map(c -> {
          Episode e = d.episode();
          Instant now = clock.instant();
          JsonObject people = new JsonObject();
          d.people().forEach(p -> people.put(p.role(), people.getInteger(p.role(), 0) + 1));
          return new JsonObject()
              .put("episodeId", e.id().toString())
              .put("title", e.title())
              .put("startsAt", Times.format(e.startsAt(), zone))
              .put("durationMinutes", e.durationMinutes())
              .put("liveStatus", e.liveStatus(now))
              .put("now", Times.format(OffsetDateTime.ofInstant(now, zone), zone))
              .put("intake", new JsonObject()
                  .put("opensAt", Times.format(e.intakeOpensAt(), zone))
                  .put("closesAt", Times.format(e.intakeClosesAt(), zone))
                  .put("open", e.intakeOpen(now))
                  .put("state", now.isBefore(e.intakeOpensAt().toInstant()) ? "not_open"
                      : e.intakeOpen(now) ? "open" : "closed"))
              .put("channels", new JsonObject(new LinkedHashMap<>(c.channels())))
              .put("statuses", new JsonObject(new LinkedHashMap<>(c.statuses())))
              .put("total", c.total())
              .put("suggested", c.suggested())
              .put("categorised", c.categorised())
              .put("people", people);
        })));
  }

  private Future<EpisodeDetails> existing(RoutingContext ctx) {
    return Responses.attempt(() -> store.details(Responses.uuidParam(ctx, "episodeId", "episode.not_found")))
        .map(d -> {
          if (d == null) {
            throw notFound();
          }
          return d;
        });
  }

  /** The program and the panel's agencies must exist; the panel comes back with the agencies' names. */
  private Future<List<EpisodePerson>> checked(Episode draft, List<EpisodePerson> people) {
    Future<Boolean> programOk = draft.programId() == null
        ? Future.succeededFuture(true)
        : store.programExists(draft.programId());
    Set<UUID> agencies = new HashSet<>();
    people.forEach(p -> {
      if (p.agencyId() != null) {
        agencies.add(p.agencyId());
      }
    });
    return programOk.compose(ok -> {
      if (!ok) {
        throw ApiError.invalid("programId", "not_found", "Không tìm thấy chương trình (program).");
      }
      return store.agencyNames(agencies);
    }).map(names -> {
      List<EpisodePerson> out = new ArrayList<>(people.size());
      for (int i = 0; i < people.size(); i++) {
        EpisodePerson p = people.get(i);
        if (p.agencyId() != null && !names.containsKey(p.agencyId())) {
          throw ApiError.invalid("people[" + i + "].agencyId", "not_found", "Không tìm thấy cơ quan của người thứ "
              + (i + 1) + " trong danh sách.");
        }
        out.add(new EpisodePerson(p.id(), p.role(), p.position(), p.name(), p.title(), p.agencyId(),
            p.agencyId() == null ? null : names.get(p.agencyId()), p.email()));
      }
      return out;
    });
  }

  /** The current state with the body laid over it; intake's fields are laid over one by one. */
  static JsonObject merged(JsonObject current, JsonObject body) {
    JsonObject out = current.copy();
    body.forEach(entry -> {
      if ("intake".equals(entry.getKey()) && entry.getValue() instanceof JsonObject intake) {
        out.getJsonObject("intake").mergeIn(intake);
      } else {
        out.put(entry.getKey(), entry.getValue());
      }
    });
    return out;
  }

  private EpisodePlan parsePlan(JsonObject body, Episode episode) {
    JsonFields f = JsonFields.of(body);
    String kind = f.optional("kind", "hình thức", 20);
    if (kind == null) {
      kind = "live";
    } else if (!EpisodePlan.KINDS.contains(kind)) {
      throw ApiError.invalid("kind", "invalid",
          "Hình thức phải là live (trực tiếp), recorded (ghi hình), accountability (giải trình) hoặc dialogue (đối thoại).");
    }
    List<String> platforms = f.texts("platforms", "nền tảng phát sóng", 5, 20);
    for (String p : platforms) {
      if (!EpisodePlan.PLATFORMS.contains(p)) {
        throw ApiError.invalid("platforms", "invalid", "Nền tảng phát sóng chỉ gồm tv, radio, youtube, fanpage, website.");
      }
    }
    platforms = EpisodePlan.PLATFORMS.stream().filter(platforms::contains).toList();
    String venue = f.optional("venue", "địa điểm", 300);
    String chair = f.optional("chair", "người chủ trì", 200);
    List<String> hosts = f.texts("hosts", "người dẫn chương trình", 10, 200);
    Object intakeRaw = body.getValue("intake");
    JsonFields in = JsonFields.of(intakeRaw instanceof JsonObject o ? o : new JsonObject());
    String email = within("intake.", () -> in.email("emailAddress", "địa chỉ e-mail nhận câu hỏi"));
    String postal = within("intake.", () -> in.optional("postalAddress", "địa chỉ nhận thư", 500));
    OffsetDateTime delegatesDueAt = dateTime(body, "delegatesDueAt", "hạn gửi câu hỏi của đại biểu", false);
    // a live show airs as it starts: a broadcast time of its own would only contradict the start
    OffsetDateTime broadcastAt = "live".equals(kind) ? null
        : dateTime(body, "broadcastAt", "thời gian phát sóng", false);
    if (broadcastAt != null && broadcastAt.isBefore(episode.startsAt())) {
      throw ApiError.invalid("broadcastAt", "before_start",
          "Thời gian phát sóng không được trước thời gian ghi hình (bắt đầu).");
    }
    return new EpisodePlan(kind, platforms, venue == null ? "" : venue, chair == null ? "" : chair, hosts, email,
        postal, delegatesDueAt, broadcastAt);
  }

  private static List<EpisodePerson> parsePeople(Object raw) {
    if (!(raw instanceof JsonArray arr)) {
      throw ApiError.invalid("people", "invalid", "Danh sách thành phần tham dự phải là một mảng.");
    }
    if (arr.size() > 100) {
      throw ApiError.invalid("people", "too_many", "Tối đa 100 người trong danh sách thành phần tham dự.");
    }
    List<EpisodePerson> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      String prefix = "people[" + i + "].";
      if (!(arr.getValue(i) instanceof JsonObject person)) {
        throw ApiError.invalid("people[" + i + "]", "invalid", "Mỗi người trong danh sách phải là một đối tượng.");
      }
      JsonFields f = JsonFields.of(person);
      String role = within(prefix, () -> f.required("role", "vai trò", 20));
      if (!EpisodePerson.ROLES.contains(role)) {
        throw ApiError.invalid(prefix + "role", "invalid",
            "Vai trò phải là responder (người trả lời), guest (khách mời), host (dẫn chương trình), chair (chủ trì) "
                + "hoặc delegate (đại biểu).");
      }
      String name = within(prefix, () -> f.required("name", "họ tên", 200));
      String title = within(prefix, () -> f.optional("title", "chức vụ", 300));
      String email = within(prefix, () -> f.email("email", "e-mail"));
      String agencyRaw = within(prefix, () -> f.optional("agencyId", "cơ quan", 64));
      UUID agencyId = null;
      if (agencyRaw != null) {
        try {
          agencyId = UUID.fromString(agencyRaw);
        } catch (IllegalArgumentException e) {
          throw ApiError.invalid(prefix + "agencyId", "invalid", "Mã cơ quan không hợp lệ.");
        }
      }
      out.add(new EpisodePerson(UUID.randomUUID(), role, i, name, title == null ? "" : title, agencyId, null, email));
    }
    return out;
  }

  /** Reads a nested field, naming it in full in the error ("intake.emailAddress", "people[2].name"). */
  private static <T> T within(String prefix, Supplier<T> read) {
    try {
      return read.get();
    } catch (ApiError e) {
      throw new ApiError(e.status(), prefix + e.code(), e.field() == null ? null : prefix + e.field(), e.getMessage(),
          e.retryAfterSeconds());
    }
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
    String smsNumber = within("intake.", () -> in.phoneOrShortCode("smsNumber", "số nhận tin nhắn"));
    String keyword = within("intake.", () -> in.optional("smsKeyword", "từ khoá tin nhắn", 20));
    if (keyword != null && !KEYWORD.matcher(keyword).matches()) {
      throw ApiError.invalid("intake.smsKeyword", "invalid", "Từ khoá tin nhắn chỉ gồm chữ và số, không dấu cách.");
    }
    String status = f.optional("status", "trạng thái", 20);
    if (status != null && !status.equals("planned") && !status.equals("cancelled")) {
      throw ApiError.invalid("status", "invalid", "Trạng thái phải là planned (theo kế hoạch) hoặc cancelled (đã huỷ).");
    }
    return new Episode(UUID.randomUUID(), programId, title, topic == null ? "" : topic, startsAt, duration,
        status == null ? "planned" : status, opensAt, closesAt, smsNumber, keyword, hotlines(intake));
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
    if (raw instanceof String s && !s.isBlank()) {
      return RequestValues.dateTime(field, s, zone, RequestValues.DateAs.REFUSED);
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
