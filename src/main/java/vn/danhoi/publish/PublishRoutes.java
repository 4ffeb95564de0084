package vn.danhoi.publish;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.Responses;
import vn.danhoi.infra.Times;
import vn.danhoi.infra.VietnameseText;
import vn.danhoi.privacy.ContactRedaction;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Publication: editors publish approved answers; the public reads them (asker as given name and locality,
 * never contact data) and the archive of a past episode: answered on air, answered after, pending.
 */
public final class PublishRoutes implements HttpRoutes {

  private static final int PAGE_SIZE = 20;

  private final StaffAuth auth;
  private final PublishService service;
  private final PublishStore store;
  private final ZoneId zone;
  private final Clock clock;

  public PublishRoutes(StaffAuth auth, PublishService service, PublishStore store, ZoneId zone, Clock clock) {
    this.auth = auth;
    this.service = service;
    this.store = store;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/answers/:answerId/publish").handler(this::publish);
    router.get("/api/public/answers").handler(this::answers);
    router.get("/api/public/episodes/:episodeId/archive").handler(this::archive);
  }

  private void publish(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> service.publish(
        Responses.uuidParam(ctx, "answerId", "answer.not_found"), editor.actor(), Responses.clientAddress(ctx))));
  }

  private void answers(RoutingContext ctx) {
    Responses.send(ctx, 200, Responses.attempt(() -> {
      UUID episode = RequestValues.uuid("episode", RequestValues.query(ctx, "episode"), "chương trình");
      String q = RequestValues.query(ctx, "q");
      String cleaned = q == null ? null : VietnameseText.clean(q);
      if (q != null && (cleaned == null || cleaned.length() > 200)) {
        throw ApiError.invalid("q", "invalid", "Từ khóa tìm kiếm không hợp lệ (tối đa 200 ký tự).");
      }
      String folded = cleaned == null || cleaned.isBlank() ? null : VietnameseText.fold(cleaned);
      int page = (int) RequestValues.whole("page", RequestValues.query(ctx, "page"), 1, 1, 10_000);
      return store.answers(episode, folded, page, PAGE_SIZE).map(p -> {
        JsonArray items = new JsonArray();
        p.items().forEach(a -> items.add(answer(a)));
        return new JsonObject().put("items", items).put("total", p.total()).put("page", page)
            .put("size", PAGE_SIZE);
      });
    }));
  }

  private void archive(RoutingContext ctx) {
    Responses.send(ctx, 200, Responses.attempt(() -> store.archive(
        Responses.uuidParam(ctx, "episodeId", "episode.not_found")).map(a -> {
          if (a == null) {
            throw ApiError.notFound("episode.not_found", "Không tìm thấy chương trình.");
          }
          OffsetDateTime ends = a.startsAt().plusMinutes(a.durationMinutes());
          if (ends.toInstant().isAfter(clock.instant())) {
            throw ApiError.conflict("episode.not_ended", "Chương trình chưa kết thúc; xem trang trực tiếp.");
          }
          JsonArray onAir = new JsonArray();
          a.onAir().forEach(q -> onAir.add(question(q)));
          JsonArray after = new JsonArray();
          a.after().forEach(x -> after.add(answer(x)));
          JsonArray pending = new JsonArray();
          a.pending().forEach(q -> pending.add(question(q)));
          return new JsonObject()
              .put("episode", new JsonObject().put("id", a.episodeId().toString()).put("title", a.title())
                  .put("topic", a.topic()).put("startsAt", Times.format(a.startsAt(), zone))
                  .put("endsAt", Times.format(ends, zone)))
              .put("answeredOnAir", new JsonObject().put("count", onAir.size()).put("items", onAir))
              .put("answeredAfter", new JsonObject().put("count", after.size()).put("items", after))
              .put("pending", new JsonObject().put("count", pending.size() + a.unreviewed()).put("items", pending)
                  .put("unreviewed", a.unreviewed()));
        })));
  }

  /** Only public columns: the given name, never the full name, phone, e-mail or address. */
  private JsonObject answer(PublishStore.PublicAnswer a) {
    return new JsonObject().put("id", a.answerId().toString()).put("questionId", a.submissionId().toString())
        .put("question", ContactRedaction.redact(a.question())).put("asker", ContactRedaction.publicName(a.askerName()))
        .put("locality", ContactRedaction.redact(a.locality())).put("field", a.field()).put("agency", a.agency())
        .put("answer", ContactRedaction.redact(a.answer()))
        .put("answeredAt", Times.format(a.answeredAt(), zone)).put("publishedAt", Times.format(a.publishedAt(), zone))
        .put("episodeId", a.episodeId() == null ? null : a.episodeId().toString())
        .put("episodeTitle", a.episodeTitle());
  }

  private JsonObject question(PublishStore.Question q) {
    return new JsonObject().put("id", q.submissionId().toString()).put("question", ContactRedaction.redact(q.question()))
        .put("asker", ContactRedaction.publicName(q.askerName())).put("locality", ContactRedaction.redact(q.locality())).put("field", q.field())
        .put("askers", q.askers()).put("agency", q.agency())
        .put("dueDate", Times.day(q.dueAt(), zone));
  }
}
