package vn.danhoi.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.calendar.WorkingCalendar;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.Download;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.Tokens;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * In-person dialogues (tiếp xúc, đối thoại), and delegates' written questions at a session: opinions entered by staff
 * (collected before or raised at the meeting, grouped by topic), each answered in the room or assigned to an
 * agency with a deadline in working days, and the report for the standing committee.
 */
public final class DialogueRoutes implements HttpRoutes {

  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[A-Za-z0-9_.:-]{8,100}$");

  private final Vertx vertx;
  private final StaffAuth auth;
  private final SessionService sessions;
  private final OpinionStore store;
  private final WorkingCalendar calendar;
  private final ZoneId zone;
  private final Clock clock;

  public DialogueRoutes(Vertx vertx, StaffAuth auth, SessionService sessions, OpinionStore store,
                        WorkingCalendar calendar, ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.auth = auth;
    this.sessions = sessions;
    this.store = store;
    this.calendar = calendar;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/episodes/:episodeId/opinions").handler(this::add);
    router.get("/api/episodes/:episodeId/opinions").handler(this::list);
    router.post("/api/opinions/:opinionId/answered").handler(this::answered);
    router.post("/api/opinions/:opinionId/assign").handler(this::assign);
    router.get("/api/episodes/:episodeId/dialogue-report.xlsx").handler(this::report);
  }

  private void add(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.EDITOR, Role.OPERATOR).compose(staff -> {
      UUID episodeId = episode(ctx);
      String key = ctx.request().getHeader("Idempotency-Key");
      if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
        throw ApiError.badRequest("idempotency.invalid", "Idempotency-Key", "Mã Idempotency-Key không hợp lệ.");
      }
      JsonObject body = RequestBodies.jsonObject(ctx);
      JsonFields f = JsonFields.of(body);
      String stage = f.optional("stage", "thời điểm (trước hoặc tại hội nghị)", 10);
      if (stage == null) {
        stage = "meeting";
      } else if (!stage.equals("before") && !stage.equals("meeting")) {
        throw ApiError.invalid("stage", "invalid", "Thời điểm phải là before (thu thập trước) hoặc meeting (tại hội nghị).");
      }
      String topic = f.required("topic", "nhóm vấn đề", 200);
      String commune = f.optional("commune", "xã, thị trấn", 200);
      String name = f.optional("askerName", "họ tên người nêu ý kiến", 120);
      String locality = f.optional("locality", "thôn, tổ dân phố", 200);
      String text = f.required("text", "nội dung ý kiến", 10_000);
      OpinionStore.NewOpinion o = new OpinionStore.NewOpinion(episodeId, stage, topic, commune == null ? "" : commune,
          name, locality, text, key, Tokens.sha256(new JsonObject().put("stage", stage).put("topic", topic)
              .put("commune", commune).put("askerName", name).put("locality", locality).put("text", text).encode()));
      return meeting(episodeId)
          .compose(v -> store.add(o, staff.actor(), Responses.clientAddress(ctx), OffsetDateTime.now(clock)))
          .map(stored -> new JsonObject().put("id", stored.id().toString()).put("duplicate", stored.duplicate()));
    }));
  }

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR, Role.OPERATOR).compose(staff -> {
      UUID episodeId = episode(ctx);
      return meeting(episodeId).compose(v -> store.list(episodeId)).map(all -> {
        Map<String, JsonArray> byTopic = new LinkedHashMap<>();
        all.forEach(o -> byTopic.computeIfAbsent(o.topic(), t -> new JsonArray()).add(o.toJson(zone)));
        JsonArray topics = new JsonArray();
        byTopic.forEach((t, list) -> topics.add(new JsonObject().put("topic", t).put("opinions", list)));
        return new JsonObject().put("topics", topics).put("count", all.size());
      });
    }));
  }

  private void answered(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String by = f.required("answeredBy", "người trả lời", 200);
      String answer = f.optional("answer", "nội dung trả lời", 10_000);
      return open(ctx).compose(o -> store.answered(o, by, answer, OffsetDateTime.now(clock), editor.actor(),
          Responses.clientAddress(ctx)).compose(v -> store.find(o.id()))).map(o -> o.toJson(zone));
    }));
  }

  private void assign(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String agency = f.required("agency", "cơ quan giải quyết", 200);
      String instruction = f.optional("instruction", "chỉ đạo", 2000);
      return open(ctx).compose(o -> store.workingDays(o.episodeId()).compose(days -> {
        // the deadline counts working days from today (weekends, holidays and Tết excluded)
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate due = calendar.addWorkingDays(today, days[0]);
        LocalDate escalate = calendar.addWorkingDays(due, days[1]);
        return store.assign(o, agency, instruction, endOf(due), endOf(escalate), editor.actor(),
            Responses.clientAddress(ctx));
      }).compose(id -> store.find(o.id()))).map(o -> o.toJson(zone));
    }));
  }

  /** The end of a due day: an answer sent on that day is on time. */
  private OffsetDateTime endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(zone).toOffsetDateTime().minusSeconds(1);
  }

  private void report(RoutingContext ctx) {
    Download.send(ctx, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      return meeting(episodeId).compose(v -> Future.all(store.list(episodeId), sessions.screen(episodeId)))
          .compose(all -> {
            List<OpinionStore.Opinion> opinions = all.resultAt(0);
            String title = all.<JsonObject>resultAt(1).getString("title");
            return vertx.executeBlocking(() -> new Download("bao-cao-doi-thoai.xlsx", Download.XLSX,
                DialogueReport.xlsx(title, opinions, zone)), false);
          });
    }));
  }

  /** The opinion, still open: one answered in the room or already assigned is not answered or assigned again. */
  private Future<OpinionStore.Opinion> open(RoutingContext ctx) {
    UUID id = Responses.uuidParam(ctx, "opinionId", "opinion.not_found");
    return store.find(id).map(o -> {
      if (o == null) {
        throw ApiError.notFound("opinion.not_found", "Không tìm thấy ý kiến.");
      }
      if (o.answeredBy() != null) {
        throw ApiError.conflict("opinion.answered", "Ý kiến này đã được trả lời tại hội nghị.");
      }
      if (o.dueAt() != null) {
        throw ApiError.conflict("opinion.assigned", "Ý kiến này đã được giao cho " + o.agency() + ".");
      }
      return o;
    });
  }

  private Future<Void> meeting(UUID episodeId) {
    return sessions.requireKind(episodeId, "Chức năng này chỉ dành cho buổi đối thoại hoặc phiên giải trình.",
        "dialogue", "accountability");
  }

  private static UUID episode(RoutingContext ctx) {
    return Responses.uuidParam(ctx, "episodeId", "episode.not_found");
  }
}
