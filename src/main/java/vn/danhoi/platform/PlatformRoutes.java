package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.Responses;
import vn.danhoi.intake.IntakeService;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The live platforms for staff: admins add an episode's streams with their credentials (write-only: no route
 * ever answers with one); editors read the comments with the office's filters, take one into the main queue,
 * keep the blocked words, and see each platform's connection.
 */
public final class PlatformRoutes implements vn.danhoi.infra.HttpRoutes {

  private static final List<String> PLATFORMS = List.of("youtube", "facebook");
  private static final Pattern CREDENTIAL = Pattern.compile("[\\x21-\\x7e]{8,4096}");

  private final StaffAuth auth;
  private final IntakeService intake;
  private final StreamStore streams;
  private final LiveCommentStore comments;
  private final LiveChats chats;
  private final PlatformStatus status;
  private final LiveChatRules rules;
  private final Supplier<Future<JsonObject>> zaloStatus;

  public PlatformRoutes(StaffAuth auth, IntakeService intake, StreamStore streams, LiveCommentStore comments,
                        LiveChats chats, PlatformStatus status, LiveChatRules rules,
                        Supplier<Future<JsonObject>> zaloStatus) {
    this.auth = auth;
    this.intake = intake;
    this.streams = streams;
    this.comments = comments;
    this.chats = chats;
    this.status = status;
    this.rules = rules;
    this.zaloStatus = zaloStatus;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/episodes/:episodeId/streams").handler(this::addStream);
    router.get("/api/episodes/:episodeId/streams").handler(this::listStreams);
    router.put("/api/streams/:streamId/credential").handler(this::setCredential);
    router.post("/api/streams/:streamId/stop").handler(ctx -> change(ctx, StreamStore.Change.STOP));
    router.post("/api/streams/:streamId/start").handler(ctx -> change(ctx, StreamStore.Change.START));
    router.get("/api/episodes/:episodeId/live-comments").handler(this::listComments);
    router.post("/api/live-comments/:commentId/take").handler(this::take);
    router.get("/api/platforms/status").handler(this::platforms);
    router.get("/api/live-chat/blocked-words").handler(this::blockedWords);
    router.put("/api/live-chat/blocked-words").handler(this::saveBlockedWords);
  }

  private void addStream(RoutingContext ctx) {
    Responses.send(ctx, 201, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      UUID episodeId = Responses.uuidParam(ctx, "episodeId", "episode.not_found");
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String platform = RequestValues.oneOf("platform", f.required("platform", "nền tảng", 20), PLATFORMS,
          "Nền tảng là youtube hoặc facebook.");
      String sourceId = StreamSources.sourceId(platform, f.required("sourceId", "mã video", 300));
      String credential = credential(f);
      String label = f.optional("label", "tên hiển thị", 200);
      return intake.existingEpisode(episodeId)
          .compose(e -> streams.create(e.id(), platform, sourceId, label == null ? "" : label, credential,
              admin.actor(), Responses.clientAddress(ctx)))
          .map(id -> {
            if (id == null) {
              throw ApiError.conflict("stream.exists", "Chương trình đã có buổi phát này trên " + platform + ".");
            }
            return new JsonObject().put("id", id.toString()).put("platform", platform).put("sourceId", sourceId);
          });
    }));
  }

  private void listStreams(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(who -> {
      UUID episodeId = Responses.uuidParam(ctx, "episodeId", "episode.not_found");
      return status.streams(episodeId).map(list -> new JsonObject().put("streams", list));
    }));
  }

  private void setCredential(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      UUID id = Responses.uuidParam(ctx, "streamId", "stream.not_found");
      String credential = credential(JsonFields.of(RequestBodies.jsonObject(ctx)));
      return streams.change(id, StreamStore.Change.CREDENTIAL, credential, admin.actor(), Responses.clientAddress(ctx))
          .map(found -> changed(found, id));
    }));
  }

  private void change(RoutingContext ctx, StreamStore.Change change) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.ADMIN).compose(admin -> {
      UUID id = Responses.uuidParam(ctx, "streamId", "stream.not_found");
      return streams.change(id, change, null, admin.actor(), Responses.clientAddress(ctx))
          .map(found -> changed(found, id));
    }));
  }

  private static JsonObject changed(boolean found, UUID id) {
    if (!found) {
      throw ApiError.notFound("stream.not_found", "Không có buổi phát này.");
    }
    return new JsonObject().put("id", id.toString());
  }

  /** An API key or token: printable, no spaces; never echoed back, not even in an error. */
  private static String credential(JsonFields f) {
    String c = f.required("credential", "mã truy cập", 4096);
    if (!CREDENTIAL.matcher(c).matches()) {
      throw ApiError.invalid("credential", "invalid", "Mã truy cập gồm 8 ký tự trở lên, không có dấu cách.");
    }
    return c;
  }

  private void listComments(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(who -> {
      UUID episodeId = Responses.uuidParam(ctx, "episodeId", "episode.not_found");
      LiveCommentStore.Filter f = new LiveCommentStore.Filter(
          RequestValues.whole("after", RequestValues.query(ctx, "after"), 0, 0, Long.MAX_VALUE),
          flag(ctx, "questions"), flag(ctx, "hideRepeats"), flag(ctx, "hideBlocked"),
          RequestValues.capped("limit", RequestValues.query(ctx, "limit"), 200, 500));
      Future<JsonArray> list = comments.list(episodeId, f);
      // the counts cost a scan of the episode's comments: only when the tab asks, not on every poll
      Future<JsonObject> counts = flag(ctx, "counts") ? comments.counts(episodeId) : Future.succeededFuture(null);
      return Future.all(list, counts).map(v -> new JsonObject().put("comments", list.result())
          .put("counts", counts.result()));
    }));
  }

  private static boolean flag(RoutingContext ctx, String name) {
    String v = RequestValues.query(ctx, name);
    if (v == null || v.isEmpty() || v.equals("0") || v.equals("false")) {
      return false;
    }
    if (v.equals("1") || v.equals("true")) {
      return true;
    }
    throw ApiError.invalid(name, "invalid", "Giá trị của bộ lọc là 1 hoặc 0.");
  }

  private void take(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID id = Responses.uuidParam(ctx, "commentId", "live_comment.not_found");
      return chats.take(id, editor, Responses.clientAddress(ctx)).map(LiveChats.Taken::toJson);
    }));
  }

  private void platforms(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(who -> {
      String raw = RequestValues.query(ctx, "episode");
      Future<JsonArray> episodeStreams = raw == null || raw.isEmpty()
          ? Future.succeededFuture(new JsonArray())
          : status.streams(RequestValues.uuid("episode", raw, "chương trình"));
      Future<JsonObject> summary = status.summary();
      Future<JsonObject> zalo = zaloStatus.get();
      return Future.all(episodeStreams, summary, zalo).map(v -> new JsonObject()
          .put("streams", episodeStreams.result()).put("platforms", summary.result()).put("zalo", zalo.result()));
    }));
  }

  private void blockedWords(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR)
        .map(who -> new JsonObject().put("entries", rules.entries())));
  }

  private void saveBlockedWords(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      List<String> entries = JsonFields.of(RequestBodies.jsonObject(ctx)).texts("entries", "từ bị chặn", 2000, 200);
      return rules.save(entries, editor.actor(), Responses.clientAddress(ctx))
          .map(v -> new JsonObject().put("entries", rules.entries()));
    }));
  }
}
