package vn.danhoi.agency;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.audit.AuditLog;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.Responses;
import vn.danhoi.intake.SubmissionStore;
import vn.danhoi.privacy.PrivacyStore;

import java.time.ZoneId;

/**
 * The agency portal's list: an agency officer sees only the questions assigned to their agency, with the
 * askers' contact data masked unless the council office granted that agency access.
 */
public final class AgencyRoutes implements HttpRoutes {

  private final StaffAuth auth;
  private final SubmissionStore store;
  private final AgencyView view;
  private final ZoneId zone;

  public AgencyRoutes(StaffAuth auth, SubmissionStore store, PrivacyStore privacy, AuditLog audit, ZoneId zone) {
    this.auth = auth;
    this.store = store;
    this.view = new AgencyView(privacy, audit);
    this.zone = zone;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/agency/items").handler(this::items);
  }

  private void items(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.AGENCY).compose(officer -> {
      String agency = AgencyView.agencyOf(officer);
      return view.contactsGranted(officer).compose(granted -> store.assignedTo(agency, 500).compose(items -> {
        JsonArray out = new JsonArray();
        items.forEach(s -> out.add(s.toAgencyJson(zone, granted)));
        return view.list(officer, granted, "agency.items", out, Responses.clientAddress(ctx));
      }));
    }));
  }

}
