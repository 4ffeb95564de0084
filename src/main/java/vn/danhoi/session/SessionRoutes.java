package vn.danhoi.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.calendar.WorkingCalendar;
import vn.danhoi.conclusion.ConclusionService;
import vn.danhoi.infra.Download;
import vn.danhoi.infra.FileStore;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.Origins;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.SocketSender;
import vn.danhoi.infra.SocketUpgrade;
import vn.danhoi.infra.Tokens;
import vn.danhoi.infra.Times;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An accountability session (phiên giải trình): the agencies called to account and their written reports (filed in
 * the agency portal, see agency/AgencyReportRoutes; chased by the council office), the speakers' list, the
 * chair's screen and its read-only views for the remote rooms (điểm cầu) at communes and wards, and what the agencies commit to.
 */
public final class SessionRoutes implements HttpRoutes {

  private static final String BASE = "/api/episodes/:episodeId";

  private final StaffAuth auth;
  private final SessionStore store;
  private final SessionService sessions;
  private final ChairHub hub;
  private final ReportFiles files;
  private final ConclusionService conclusions;
  private final WorkingCalendar calendar;
  private final Origins origins;
  private final ZoneId zone;
  private final Clock clock;

  public SessionRoutes(StaffAuth auth, SessionStore store, SessionService sessions, ChairHub hub,
                       ReportFiles files, ConclusionService conclusions, WorkingCalendar calendar, Origins origins,
                       ZoneId zone, Clock clock) {
    this.auth = auth;
    this.store = store;
    this.sessions = sessions;
    this.hub = hub;
    this.files = files;
    this.conclusions = conclusions;
    this.calendar = calendar;
    this.origins = origins;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.get(BASE + "/accountability").handler(this::overview);
    router.post(BASE + "/accountability/agencies").handler(this::callAgency);
    router.post(BASE + "/accountability/agencies/:calledId/remind").handler(this::remind);
    router.get("/api/accountability/reports/:reportId").handler(this::download);
    router.post(BASE + "/speakers").handler(this::register);
    router.post(BASE + "/speakers/order").handler(this::order);
    router.get(BASE + "/chair").handler(this::chair);
    router.post(BASE + "/chair").handler(this::drive);
    router.post(BASE + "/chair/views").handler(this::createView);
    router.post(BASE + "/commitments").handler(this::commit);
    router.get("/ws/chair/:episodeId").handler(this::staffSocket);
    router.get("/ws/chair-view/:token").handler(this::viewSocket);
  }

  // ---- written reports ----

  private void overview(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      return sessions.requireSession(episodeId)
          .compose(v -> Future.all(store.called(episodeId), store.speakers(episodeId)))
          .map(all -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
            JsonArray agencies = new JsonArray();
            for (SessionStore.CalledAgency a : all.<List<SessionStore.CalledAgency>>resultAt(0)) {
              boolean filed = !a.reports().isEmpty();
              boolean late = !filed && !now.isBefore(a.dueAt());
              LocalDate due = a.dueAt().atZoneSameInstant(zone).toLocalDate();
              JsonArray reports = new JsonArray();
              a.reports().forEach(r -> reports.add(r.toJson(zone)));
              agencies.add(new JsonObject().put("id", a.id().toString()).put("agency", a.agency())
                  .put("subjects", a.subjects()).put("reportDueAt", local(a.dueAt()))
                  .put("filed", filed).put("late", late)
                  // "before 10/5": the due day is itself the first day late
                  .put("workingDaysLate", late ? calendar.workingDaysBetween(due.minusDays(1), today) : 0)
                  .put("remindedAt", a.remindedAt() == null ? null : local(a.remindedAt()))
                  .put("reports", reports));
            }
            JsonArray speakers = new JsonArray();
            all.<List<SessionStore.Speaker>>resultAt(1).forEach(s -> speakers.add(s.toJson()));
            return new JsonObject().put("agencies", agencies).put("speakers", speakers);
          });
    }));
  }

  private void callAgency(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String agency = f.required("agency", "cơ quan giải trình", 200);
      String subjects = f.required("subjects", "nội dung giải trình", 5000);
      OffsetDateTime due = dateTime(f.required("reportDueAt", "hạn gửi báo cáo", 40), "reportDueAt");
      return sessions.requireSession(episodeId).compose(v -> store.callAgency(episodeId, agency, subjects, due,
          editor.actor(), Responses.clientAddress(ctx))).map(id -> new JsonObject().put("id", id.toString()));
    }));
  }

  private void remind(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      UUID calledId = Responses.uuidParam(ctx, "calledId", "session.agency_not_found");
      return sessions.remind(episodeId, calledId, editor.actor(), Responses.clientAddress(ctx));
    }));
  }

  private void download(RoutingContext ctx) {
    Download.sendStored(ctx, auth.require(ctx.request(), Role.EDITOR, Role.AGENCY).compose(who -> {
      UUID id = Responses.uuidParam(ctx, "reportId", "report.not_found");
      return store.report(id).map(r -> {
        if (r == null || !who.mayReadFilesOf(r.agency())) {
          throw ApiError.notFound("report.not_found", "Không tìm thấy báo cáo.");
        }
        return r;
      });
    }).map(r -> new Download.Stored(files.path(r.storedName()), FileStore.downloadName(r.fileName(),
        r.mediaType(), "bao-cao"), r.mediaType())));
  }

  // ---- speakers ----

  private void register(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String name = f.required("delegateName", "họ tên đại biểu", 120);
      String room = f.required("room", "điểm cầu (phòng họp)", 200);
      String subject = f.required("subject", "nội dung phát biểu", 2000);
      String agency = f.required("agency", "cơ quan được hỏi", 200);
      Integer minutes = f.integer("minutes", "thời gian phát biểu (phút)", 1, 60);
      return sessions.addSpeaker(episodeId, name, room, subject, agency, minutes == null ? 3 : minutes,
          editor.actor(), Responses.clientAddress(ctx)).map(SessionStore.Speaker::toJson);
    }));
  }

  private void order(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      Object raw = RequestBodies.jsonObject(ctx).getValue("speakers");
      if (!(raw instanceof JsonArray arr) || arr.isEmpty() || arr.size() > 500) {
        throw ApiError.invalid("speakers", "required", "Vui lòng gửi danh sách đại biểu theo thứ tự mới.");
      }
      List<UUID> ids = new ArrayList<>();
      List<Integer> minutes = new ArrayList<>();
      for (Object v : arr) {
        if (!(v instanceof JsonObject o)) {
          throw ApiError.invalid("speakers", "invalid", "Mỗi mục phải có id và (tuỳ chọn) minutes.");
        }
        try {
          ids.add(UUID.fromString(o.getString("id")));
        } catch (RuntimeException e) {
          throw ApiError.invalid("speakers", "invalid", "Mã đại biểu không hợp lệ.");
        }
        minutes.add(JsonFields.of(o).integer("minutes", "thời gian phát biểu (phút)", 1, 60));
      }
      return sessions.order(episodeId, ids, minutes, editor.actor(), Responses.clientAddress(ctx));
    }));
  }

  // ---- the chair's screen ----

  private void chair(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR, Role.STUDIO).compose(who -> {
      UUID episodeId = episode(ctx);
      return sessions.chair(episodeId);
    }));
  }

  private void drive(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String action = f.required("action", "thao tác", 20);
      String agency = f.optional("agency", "cơ quan trả lời", 200);
      return sessions.drive(episodeId, action, agency, editor.actor(), Responses.clientAddress(ctx));
    }));
  }

  /** A link for a commune's or ward's remote room: a random token, only its hash kept; it opens the read-only view, nothing else. */
  private void createView(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      String label = JsonFields.of(RequestBodies.jsonObject(ctx)).required("label", "tên điểm cầu", 200);
      String token = Tokens.generate();
      return sessions.requireSession(episodeId).compose(v -> store.addView(episodeId, Tokens.sha256(token), label,
              editor.actor(), Responses.clientAddress(ctx)))
          .map(v -> new JsonObject().put("token", token).put("label", label).put("url", "/chair.html?view=" + token));
    }));
  }

  private void staffSocket(RoutingContext ctx) {
    SocketUpgrade.upgrade(ctx, origins, () -> auth.require(ctx.request(), Role.EDITOR, Role.STUDIO)
            .compose(who -> {
              UUID episodeId = episode(ctx);
              return sessions.requireSession(episodeId)
                  .map(v -> new Joining(StaffAuth.owner(ctx.request(), who), episodeId));
            }),
        (ws, joining) -> hub.join(ws, joining.episodeId(), joining.owner()));
  }

  private void viewSocket(RoutingContext ctx) {
    SocketUpgrade.upgrade(ctx, origins, () -> {
      String token = ctx.pathParam("token");
      // one answer for a malformed, unknown or revoked link: it tells nothing about which links exist
      if (!Tokens.wellFormedLink(token)) {
        throw viewNotFound();
      }
      return store.viewEpisode(Tokens.sha256(token)).map(episodeId -> {
        if (episodeId == null) {
          throw viewNotFound();
        }
        return new Joining(SocketSender.Owner.PUBLIC, episodeId);
      });
    }, (ws, joining) -> hub.join(ws, joining.episodeId(), joining.owner()));
  }

  private static ApiError viewNotFound() {
    return ApiError.notFound("chair_view.not_found", "Liên kết xem màn hình chủ toạ không hợp lệ hoặc đã bị thu hồi.");
  }

  private record Joining(SocketSender.Owner owner, UUID episodeId) {
  }

  // ---- commitments ----

  private void commit(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episodeId = episode(ctx);
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String text = f.required("text", "nội dung cam kết", 5000);
      String owner = f.required("ownerAgency", "cơ quan chủ trì", 200);
      String dueRaw = f.optional("dueAt", "thời hạn", 40);
      OffsetDateTime due = dueRaw == null ? null : dateTime(dueRaw, "dueAt");
      return conclusions.commitment(episodeId, text, owner, due, editor.actor(), Responses.clientAddress(ctx))
          .map(added -> new JsonObject().put("id", added.id().toString()).put("position", added.position()));
    }));
  }

  // ---- shared ----

  /** A date means "before that day" (00:00 local); a full ISO time is taken as it is. */
  private OffsetDateTime dateTime(String raw, String field) {
    return RequestValues.dateTime(field, raw, zone, RequestValues.DateAs.START_OF_DAY);
  }

  private String local(OffsetDateTime t) {
    return Times.format(t, zone);
  }

  private static UUID episode(RoutingContext ctx) {
    return Responses.uuidParam(ctx, "episodeId", "episode.not_found");
  }
}
