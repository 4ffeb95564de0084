package vn.danhoi.intake;

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
import vn.danhoi.infra.Syllables;
import vn.danhoi.intake.ComplaintRules.Phrases;

import java.util.ArrayList;
import java.util.List;

/**
 * The phrases that make a message a complaint or denunciation, as the office tunes them: admins read and
 * replace them; every change is logged and used by this node's intake at once (other nodes within a minute).
 */
public final class ComplaintRulesRoutes implements HttpRoutes {

  static final int MAX_PHRASES = 200;
  static final int MAX_LENGTH = 80;

  private final StaffAuth auth;
  private final ComplaintRules rules;
  private final ComplaintRulesStore store;

  public ComplaintRulesRoutes(StaffAuth auth, ComplaintRules rules, ComplaintRulesStore store) {
    this.auth = auth;
    this.rules = rules;
    this.store = store;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/admin/intake-rules").handler(this::get);
    router.put("/api/admin/intake-rules").handler(this::put);
  }

  private void get(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN)
        .compose(admin -> store.load()).map(ComplaintRulesRoutes::json));
  }

  private void put(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      Phrases after = parse(RequestBodies.jsonObject(ctx));
      return store.load().compose(before -> store.save(before, after, admin.actor(), Responses.clientAddress(ctx)))
          .map(v -> {
            rules.use(after);
            return json(after);
          });
    }));
  }

  private static JsonObject json(Phrases p) {
    return p.toJson().put("defaults", ComplaintRules.DEFAULTS.toJson());
  }

  /**
   * All three lists are required, so a forgotten one is not taken for "no phrases". A cleared complaint or
   * denunciation list would silently stop recognising that kind at intake, so each needs a phrase; exceptions
   * may be none.
   */
  static Phrases parse(JsonObject body) {
    return new Phrases(phrases(body, "complaint", "cụm từ khiếu nại", true),
        phrases(body, "denunciation", "cụm từ tố cáo", true), phrases(body, "question", "cụm từ ngoại lệ", false));
  }

  private static List<String> phrases(JsonObject body, String field, String label, boolean atLeastOne) {
    if (!(body.getValue(field) instanceof JsonArray)) {
      throw ApiError.invalid(field, "required", "Cần danh sách " + label + ".");
    }
    List<String> out = new ArrayList<>();
    for (String typed : JsonFields.of(body).texts(field, label, MAX_PHRASES, MAX_LENGTH)) {
      String phrase = Syllables.of(typed).typedText();
      if (phrase.isEmpty()) {
        throw ApiError.invalid(field, "invalid", "Mỗi " + label + " phải có chữ hoặc số: \"" + typed + "\".");
      }
      if (!out.contains(phrase)) {
        out.add(phrase);
      }
    }
    if (atLeastOne && out.isEmpty()) {
      throw ApiError.invalid(field, "required", "Cần ít nhất một " + label + ".");
    }
    return out;
  }
}
