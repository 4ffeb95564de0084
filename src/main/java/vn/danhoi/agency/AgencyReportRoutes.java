package vn.danhoi.agency;

import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.Staff;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.GuardedUpload;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.Responses;
import vn.danhoi.session.ReportFiles;
import vn.danhoi.session.SessionStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The agency portal's accountability sessions: the sessions an agency is called to account in, and the written
 * report it files for one (PDF or DOCX). The sessions themselves, and the council office's side of the
 * reports, are the session package's.
 */
public final class AgencyReportRoutes implements HttpRoutes {

  private static final String REPORT_UPLOAD = "/api/episodes/:episodeId/accountability/report";
  private static final String OFFICER = "agency.officer";

  private final Vertx vertx;
  private final StaffAuth auth;
  private final SessionStore store;
  private final ReportFiles files;
  private final long maxBytes;
  private final ZoneId zone;
  private final Clock clock;

  public AgencyReportRoutes(Vertx vertx, StaffAuth auth, SessionStore store, ReportFiles files, long maxBytes,
                            ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.auth = auth;
    this.store = store;
    this.files = files;
    this.maxBytes = maxBytes;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public void mountUploads(Router router) {
    // reports are larger than the API's body limit: read only once the caller is known to be an agency
    GuardedUpload.mount(router, REPORT_UPLOAD, request -> auth.require(request, Role.AGENCY), OFFICER,
        files.uploadsDir(), maxBytes, tooLarge(), this::upload);
  }

  @Override
  public void mount(Router router) {
    router.get("/api/agency/accountability").handler(this::sessions);
  }

  private void sessions(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.AGENCY).compose(officer -> {
      if (officer.agency() == null) {
        throw ApiError.forbidden();
      }
      return store.forAgency(officer.agency(), zone);
    }));
  }

  private void upload(RoutingContext ctx) {
    Staff officer = ctx.get(OFFICER);
    List<FileUpload> uploads = ctx.fileUploads();
    Responses.send(ctx, 201, Responses.attempt(() -> {
      UUID episodeId = Responses.uuidParam(ctx, "episodeId", "episode.not_found");
      if (!RequestBodies.mediaType(ctx).equals("multipart/form-data")) {
        throw new ApiError(415, "body.unsupported_media_type", null, "Hãy gửi biểu mẫu multipart/form-data.", null);
      }
      if (uploads.size() != 1 || !"report".equals(uploads.get(0).name())) {
        throw ApiError.invalid("report", "required", "Vui lòng gửi đúng một tệp báo cáo ở trường report.");
      }
      FileUpload u = uploads.get(0);
      if (u.size() > maxBytes) {
        throw tooLarge();
      }
      return store.calledId(episodeId, officer.agency()).compose(calledId -> {
        if (calledId == null) {
          // an officer files only for its own agency, and only where it is called to account
          throw ApiError.forbidden();
        }
        return vertx.executeBlocking(() -> files.keep(Path.of(u.uploadedFileName())), false).compose(kept -> {
          String name = u.fileName() == null || u.fileName().isBlank() ? "bao-cao" : u.fileName();
          SessionStore.Report report = new SessionStore.Report(UUID.randomUUID(), calledId, episodeId,
              officer.agency(), name.length() > 255 ? name.substring(0, 255) : name, kept.mediaType(), kept.size(),
              kept.storedName(), OffsetDateTime.now(clock), officer.actor());
          return store.addReport(report, kept.sha256(), Responses.clientAddress(ctx))
              .onFailure(e -> vertx.executeBlocking(() -> {
                files.delete(kept.storedName());
                return null;
              }, false));
        });
      });
    }).map(r -> r.toJson(zone)));
  }

  private ApiError tooLarge() {
    return GuardedUpload.tooLarge("report", "Tệp báo cáo", maxBytes);
  }
}
