package vn.danhoi.followup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.Staff;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.Download;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.FileStore;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.Responses;
import vn.danhoi.register.RegisterRoutes;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The editors' side of the follow-up: an ended episode's questions to assign (one, or all of a field), the
 * agencies' answers to approve or return, the overdue list for the council office, and the reminder pass on
 * demand.
 */
public final class FollowupRoutes implements HttpRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(FollowupRoutes.class);

  private final StaffAuth auth;
  private final FollowupService service;
  private final FollowupStore store;
  private final FileStore files;
  private final ZoneId zone;

  public FollowupRoutes(StaffAuth auth, FollowupService service, FollowupStore store, FileStore files, ZoneId zone) {
    this.auth = auth;
    this.service = service;
    this.store = store;
    this.files = files;
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/episodes/:episodeId/followup").handler(this::followup);
    router.post("/api/items/:itemId/assign").handler(this::assign);
    router.post("/api/episodes/:episodeId/assign-by-field").handler(this::assignByField);
    router.get("/api/answers").handler(this::answers);
    router.post("/api/answers/:answerId/approve").handler(ctx -> review(ctx, true));
    router.post("/api/answers/:answerId/return").handler(ctx -> review(ctx, false));
    router.get("/api/answers/attachments/:fileId").handler(this::file);
    router.get("/api/followup/overdue").handler(this::overdue);
    router.post("/api/followup/run").handler(this::run);
  }

  private void followup(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(editor -> service.followup(episode(ctx))));
  }

  private void assign(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID item = Responses.uuidParam(ctx, "itemId", "item.not_found");
      FollowupService.Request r = request(JsonFields.of(RequestBodies.jsonObject(ctx)));
      return service.assign(item, r, editor, Responses.clientAddress(ctx)).map(this::made);
    }));
  }

  private void assignByField(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID episode = episode(ctx);
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String field = f.required("field", "lĩnh vực", 100);
      FollowupService.Request r = request(f);
      return service.assignByField(episode, field, r, editor, Responses.clientAddress(ctx)).map(this::made);
    }));
  }

  private static FollowupService.Request request(JsonFields f) {
    return new FollowupService.Request(f.required("agency", "cơ quan trả lời", 200),
        f.optional("instruction", "ý kiến chỉ đạo", 2000),
        f.integer("workingDays", "số ngày làm việc", 1, 120));
  }

  private JsonObject made(List<Followup.Assignment> list) {
    return new JsonObject().put("assignments", service.toJson(list)).put("count", list.size());
  }

  private void answers(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      String review = RequestValues.oneOf("review", RequestValues.query(ctx, "review"),
          List.of("pending", "approved", "returned"), "Trạng thái duyệt phải là pending, approved hoặc returned.");
      UUID episode = RequestValues.uuid("episode", RequestValues.query(ctx, "episode"), "chương trình");
      return store.answers(review, episode, null).map(list -> {
        JsonArray out = new JsonArray();
        list.forEach(a -> out.add(a.toJson(zone)));
        return new JsonObject().put("items", out);
      });
    }));
  }

  private void review(RoutingContext ctx, boolean approve) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID id = Responses.uuidParam(ctx, "answerId", "answer.not_found");
      String comment = approve ? null
          : JsonFields.of(RequestBodies.jsonObject(ctx)).required("comment", "ý kiến khi trả lại", 2000);
      return store.review(id, approve, comment, service.now(), editor.actor(), Responses.clientAddress(ctx));
    }).map(a -> {
      if (a == null) {
        throw ApiError.notFound("answer.not_found", "Không tìm thấy câu trả lời.");
      }
      return a.toJson(zone);
    }));
  }

  /** An answer's file: for the editors, and for the agency whose answer it is. */
  private void file(RoutingContext ctx) {
    Download.sendStored(ctx, auth.require(ctx.request(), Role.EDITOR, Role.AGENCY).compose(who -> {
      UUID id = Responses.uuidParam(ctx, "fileId", "attachment.not_found");
      return store.file(id).map(f -> {
        if (f == null || f.storedName() == null || !who.mayReadFilesOf(f.agency())) {
          throw ApiError.notFound("attachment.not_found", "Không tìm thấy tệp đính kèm.");
        }
        return f;
      });
    }).map(f -> new Download.Stored(files.path(f.storedName()), FileStore.downloadName(f.fileName(), f.mediaType()),
        f.mediaType())));
  }

  private void overdue(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .compose(who -> service.overdue())
        .map(list -> new JsonObject().put("items", service.toJson(list)).put("count", list.size())));
  }

  private void run(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> service.run()));
  }

  private static UUID episode(RoutingContext ctx) {
    return Responses.uuidParam(ctx, "episodeId", "episode.not_found");
  }
}
