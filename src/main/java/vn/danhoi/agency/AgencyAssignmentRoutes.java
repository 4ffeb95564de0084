package vn.danhoi.agency;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.audit.AuditLog;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.Staff;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.followup.Followup;
import vn.danhoi.followup.FollowupService;
import vn.danhoi.followup.FollowupStore;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.FileStore;
import vn.danhoi.infra.GuardedUpload;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.intake.Submission;
import vn.danhoi.privacy.ContactRedaction;
import vn.danhoi.privacy.PrivacyStore;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The agency portal's assignments: an agency officer sees, answers (text and an optional file) or sends back
 * only their own agency's questions; another agency's are not found. Contact data is masked unless the
 * council office granted the agency access. Admin sees every agency's. The follow-up's rules (deadlines,
 * reminders, what an answer or a sending-back changes) are the followup package's.
 */
public final class AgencyAssignmentRoutes implements HttpRoutes {

  private static final String OFFICER = "followup.officer";
  private static final String BASE = "/api/agency/assignments";

  private final Vertx vertx;
  private final StaffAuth auth;
  private final FollowupService service;
  private final FollowupStore store;
  private final PrivacyStore privacy;
  private final AuditLog audit;
  private final FileStore files;
  private final int maxBytes;
  private final ZoneId zone;

  public AgencyAssignmentRoutes(Vertx vertx, StaffAuth auth, FollowupService service, FollowupStore store,
                                PrivacyStore privacy, AuditLog audit, FileStore files, int maxBytes, ZoneId zone) {
    this.vertx = vertx;
    this.auth = auth;
    this.service = service;
    this.store = store;
    this.privacy = privacy;
    this.audit = audit;
    this.files = files;
    this.maxBytes = maxBytes;
    this.zone = zone;
  }

  @Override
  public void mountUploads(Router router) {
    // an answer may carry a file larger than the API's body limit: read only once the officer is known
    GuardedUpload.mount(router, BASE + "/:assignmentId/answer", request -> auth.require(request, Role.AGENCY),
        OFFICER, files.uploadsDir(), maxBytes, tooLarge(), this::answer);
  }

  @Override
  public void mount(Router router) {
    router.get(BASE).handler(this::list);
    router.get(BASE + "/:assignmentId").handler(this::one);
    router.post(BASE + "/:assignmentId/send-back").handler(this::sendBack);
  }

  /** The officer's agency, or null for admin (every agency); an agency role without an agency may not. */
  private static String agencyOf(Staff officer) {
    if (officer.roles().contains(Role.ADMIN)) {
      return null;
    }
    if (officer.agency() == null) {
      throw ApiError.forbidden();
    }
    return officer.agency();
  }

  private ApiError tooLarge() {
    return GuardedUpload.tooLarge("attachment", "Tệp đính kèm", maxBytes);
  }

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.AGENCY).compose(officer -> {
      String agency = agencyOf(officer);
      return store.forAgency(agency).compose(list -> view(officer, list, ctx))
          .map(items -> new JsonObject().put("items", items.getJsonArray("items"))
              .put("contactsVisible", items.getBoolean("contactsVisible")).put("agency", agency));
    }));
  }

  private void one(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.AGENCY).compose(officer -> {
      String agency = agencyOf(officer);
      UUID id = Responses.uuidParam(ctx, "assignmentId", "assignment.not_found");
      return store.one(id, agency).compose(a -> {
        if (a == null) {
          throw FollowupStore.notFound();
        }
        return view(officer, List.of(a), ctx).map(v -> v.getJsonArray("items").getJsonObject(0));
      });
    }));
  }

  /** The assignments with their questions (contacts masked unless granted) and their answers so far. */
  private Future<JsonObject> view(Staff officer, List<Followup.Assignment> list, RoutingContext ctx) {
    Future<Boolean> granted = privacy.agencySeesContacts(officer);
    List<UUID> ids = list.stream().map(Followup.Assignment::submissionId).toList();
    Future<Map<UUID, Submission>> questions = store.submissions(ids);
    Future<List<Followup.Answer>> answers = store.answers(null, null,
        list.stream().map(Followup.Assignment::id).toList());
    return Future.all(granted, questions, answers).compose(x -> {
      JsonArray out = new JsonArray();
      for (Followup.Assignment a : list) {
        JsonArray mine = new JsonArray();
        answers.result().stream().filter(n -> n.assignmentId().equals(a.id())).forEach(n -> mine.add(n.toJson(zone)));
        Submission s = questions.result().get(a.submissionId());
        out.add(assignment(a, granted.result()).put("question", s.toAgencyJson(zone, granted.result()))
            .put("answers", mine));
      }
      Future<Void> logged = granted.result() && !list.isEmpty()
          ? audit.contactsViewed(officer, "agency.assignments", null, list.size(), Responses.clientAddress(ctx))
          : Future.succeededFuture();
      return logged.map(v -> new JsonObject().put("items", out).put("contactsVisible", granted.result()));
    });
  }

  private void answer(RoutingContext ctx) {
    Staff officer = ctx.get(OFFICER);
    List<FileUpload> uploads = ctx.fileUploads();
    String address = Responses.clientAddress(ctx);
    Responses.send(ctx, 201, Responses.attempt(() -> {
      String agency = agencyOf(officer);
      UUID id = Responses.uuidParam(ctx, "assignmentId", "assignment.not_found");
      String type = RequestBodies.mediaType(ctx);
      JsonObject form;
      if (type.equals("multipart/form-data")) {
        form = new JsonObject();
        ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
      } else {
        form = RequestBodies.jsonObject(ctx);
      }
      String text = JsonFields.of(form).required("text", "nội dung trả lời", 20_000);
      for (FileUpload u : uploads) {
        if (!"attachment".equals(u.name())) {
          throw ApiError.invalid(u.name(), "unexpected", "Chỉ nhận tệp ở trường attachment.");
        }
      }
      if (uploads.size() > 1) {
        throw ApiError.invalid("attachment", "too_many", "Chỉ đính kèm một tệp cho mỗi câu trả lời.");
      }
      if (!uploads.isEmpty() && uploads.get(0).size() > maxBytes) {
        throw tooLarge();
      }
      // whose it is is checked before the file is kept, so another agency's id learns nothing
      return store.one(id, agency).compose(a -> {
        if (a == null) {
          throw FollowupStore.notFound();
        }
        if (uploads.isEmpty()) {
          return store.answer(id, agency, text, null, service.now(), officer.actor(), address);
        }
        FileUpload u = uploads.get(0);
        return vertx.executeBlocking(() -> files.keep(Path.of(u.uploadedFileName()), "attachment",
                FileStore.ANSWER_TYPES, "Tệp đính kèm phải là PDF, DOCX, JPEG hoặc PNG"), false)
            .compose(kept -> store.answer(id, agency, text, new Followup.Upload(name(u), kept.storedName(),
                    kept.mediaType(), kept.size(), kept.sha256()), service.now(), officer.actor(), address)
                .onFailure(e -> vertx.executeBlocking(() -> {
                  files.delete(kept.storedName());
                  return null;
                }, false)));
      });
    }).map(n -> n.toJson(zone)));
  }

  private static String name(FileUpload u) {
    String name = u.fileName() == null || u.fileName().isBlank() ? "tra-loi" : u.fileName();
    return name.length() > 255 ? name.substring(0, 255) : name;
  }

  private void sendBack(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.AGENCY).compose(officer -> {
      String agency = agencyOf(officer);
      UUID id = Responses.uuidParam(ctx, "assignmentId", "assignment.not_found");
      String reason = JsonFields.of(RequestBodies.jsonObject(ctx)).required("reason", "lý do chuyển lại", 2000);
      return store.sendBack(id, agency, reason, service.now(), officer.actor(), Responses.clientAddress(ctx))
          .compose(a -> privacy.agencySeesContacts(officer).map(granted -> assignment(a, granted)));
    }));
  }

  /** An assignment as the agency reads it: the question's text and the instruction go through the contact rule. */
  private JsonObject assignment(Followup.Assignment a, boolean contacts) {
    JsonObject json = service.toJson(a, service.now());
    return contacts ? json : json.put("text", ContactRedaction.redact(json.getString("text")))
        .put("instruction", ContactRedaction.redact(json.getString("instruction")));
  }
}
