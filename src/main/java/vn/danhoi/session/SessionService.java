package vn.danhoi.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.Mailer;
import vn.danhoi.message.MessageTemplates;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a session's staff may do and who hears of it: only an episode of the right kind has speakers, a chair's
 * screen or opinions; every change to the speakers or the chair's screen reaches the chair's screens on every node.
 */
public final class SessionService {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final Vertx vertx;
  private final SessionStore store;
  private final ChairHub chair;
  private final Mailer mailer;
  private final MessageTemplates templates;
  private final String agencyPortal;
  private final ZoneId zone;
  private final Clock clock;

  public SessionService(Vertx vertx, SessionStore store, ChairHub chair, Mailer mailer, MessageTemplates templates,
                        String publicUrl, ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.chair = chair;
    this.mailer = mailer;
    this.templates = templates;
    this.agencyPortal = (publicUrl == null ? "" : publicUrl.replaceAll("/+$", "")) + "/agency.html";
    this.zone = zone;
    this.clock = clock;
  }

  /** The episode must exist and be an accountability session: a TV show has no speakers or chair's screen. */
  public Future<Void> requireSession(UUID episodeId) {
    return requireKind(episodeId, "Chức năng này chỉ dành cho phiên giải trình.", "accountability");
  }

  /** The episode must exist and be one of {@code kinds}; {@code refusal} says which ones in Vietnamese. */
  public Future<Void> requireKind(UUID episodeId, String refusal, String... kinds) {
    return store.kind(episodeId).map(kind -> {
      if (kind == null) {
        throw ApiError.notFound("episode.not_found", "Không tìm thấy chương trình.");
      }
      if (!List.of(kinds).contains(kind)) {
        throw ApiError.conflict("episode.wrong_kind", refusal);
      }
      return null;
    });
  }

  /**
   * Chases an agency's written report: e-mailed when SMTP is set up and the agency has addresses, otherwise
   * logged to be phoned. Every attempt is recorded; the answer says how many went out.
   */
  public Future<JsonObject> remind(UUID episodeId, UUID calledId, String actor, String address) {
    return requireSession(episodeId).compose(v -> store.called(episodeId)).compose(all -> {
      SessionStore.CalledAgency a = all.stream().filter(x -> x.id().equals(calledId)).findFirst()
          .orElseThrow(() -> ApiError.notFound("session.agency_not_found", "Không tìm thấy cơ quan giải trình."));
      if (!a.reports().isEmpty()) {
        throw ApiError.conflict("session.report_already_filed", "Cơ quan này đã gửi báo cáo.");
      }
      // a date typed as the due date is stored as its first instant ("before 10/5"): the last day to file is
      // the day of the moment before it, said as "chậm nhất ngày 09/05" (the end of that day), never "trước ngày"
      String lastDay = a.dueAt().minusSeconds(1).atZoneSameInstant(zone).toLocalDate().format(DAY);
      return templates.render("session-report-reminder", Map.of("co_quan", a.agency(), "noi_dung", a.subjects() == null ? "" : a.subjects(),
              "han_gui", lastDay, "cong_tra_loi", agencyPortal))
          .compose(m -> send(episodeId, calledId, a, m, actor, address));
    });
  }

  private Future<JsonObject> send(UUID episodeId, UUID calledId, SessionStore.CalledAgency a,
                                  MessageTemplates.Message m, String actor, String address) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    String subject = m.subject();
    String body = m.body();
    if (!mailer.configured() || a.emails().isEmpty()) {
      return store.reminded(episodeId, calledId, "log", a.agency(), subject, body, "sent", null, now, actor,
          address).map(x -> new JsonObject().put("channel", "log").put("sent", 0));
    }
    List<Future<Boolean>> sent = new ArrayList<>();
    for (String to : a.emails()) {
      // a failed delivery is recorded as such
      sent.add(vertx.executeBlocking(() -> mailer.send(new Mailer.Mail(to, a.agency(), subject, body,
              null, null, now.toInstant())), false)
          .map(id -> (String) null).recover(e -> Future.succeededFuture(e.toString()))
          .compose(error -> store.reminded(episodeId, calledId, "email", to, subject, body,
              error == null ? "sent" : "failed", error, now, actor, address).map(error == null)));
    }
    return Future.all(sent).map(x -> new JsonObject().put("channel", "email")
        .put("sent", sent.stream().filter(Future::result).count())
        .put("failed", sent.stream().filter(f -> !f.result()).count()));
  }

  public Future<SessionStore.Speaker> addSpeaker(UUID episodeId, String name, String room, String subject,
                                                 String agency, int minutes, String actor, String address) {
    return requireSession(episodeId)
        .compose(v -> store.addSpeaker(episodeId, name, room, subject, agency, minutes, actor, address))
        .compose(s -> chair.changed(episodeId).map(s));
  }

  /** The speakers in their new order, with their minutes (null keeps them); answers the chair's new state. */
  public Future<JsonObject> order(UUID episodeId, List<UUID> ids, List<Integer> minutes, String actor,
                                  String address) {
    return requireSession(episodeId).compose(v -> store.order(episodeId, ids, minutes, actor, address))
        .compose(v -> chair.changed(episodeId));
  }

  /** A step on the chair's screen ({@code next}, …); answers its new state. */
  public Future<JsonObject> drive(UUID episodeId, String action, String agency, String actor, String address) {
    return requireSession(episodeId)
        .compose(v -> store.drive(episodeId, action, agency, OffsetDateTime.now(clock), actor, address))
        .compose(v -> chair.changed(episodeId));
  }

  /** The chair's screen of an accountability session. */
  public Future<JsonObject> chair(UUID episodeId) {
    return requireSession(episodeId).compose(v -> screen(episodeId));
  }

  /** The chair's screen as it is now, whatever the kind (its title names the meeting). */
  public Future<JsonObject> screen(UUID episodeId) {
    return chair.state(episodeId);
  }
}
