package vn.danhoi.agency;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.audit.AuditLog;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.Staff;
import vn.danhoi.infra.ApiError;
import vn.danhoi.privacy.PrivacyStore;

/**
 * What the agency portal shows, decided once for all its pages: whose questions (the officer's own agency;
 * an admin sees every agency's), and what of the askers (masked unless the council office granted the
 * agency access, PrivacyStore decides; an unmasked list is counted in the audit log as a view).
 */
final class AgencyView {

  private final PrivacyStore privacy;
  private final AuditLog audit;

  AgencyView(PrivacyStore privacy, AuditLog audit) {
    this.privacy = privacy;
    this.audit = audit;
  }

  /** The agency whose questions the officer sees; null for an admin (every agency); 403 without an agency. */
  static String agencyOf(Staff officer) {
    if (officer.roles().contains(Role.ADMIN)) {
      return null;
    }
    if (officer.agency() == null) {
      throw ApiError.forbidden();
    }
    return officer.agency();
  }

  Future<Boolean> contactsGranted(Staff officer) {
    return privacy.agencySeesContacts(officer);
  }

  /** A list's answer, with whether contacts are shown; recorded as a view of contact data when they are. */
  Future<JsonObject> list(Staff officer, boolean granted, String action, JsonArray items, String address) {
    Future<Void> logged = granted && !items.isEmpty()
        ? audit.contactsViewed(officer, action, null, items.size(), address)
        : Future.succeededFuture();
    return logged.map(v -> new JsonObject().put("items", items).put("contactsVisible", granted));
  }
}
