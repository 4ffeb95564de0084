package vn.danhoi.register;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.audit.AuditLog;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.Staff;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.episode.EpisodeStore;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.Download;
import vn.danhoi.infra.FileStore;
import vn.danhoi.infra.GuardedUpload;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.infra.RequestBodies;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.Responses;
import vn.danhoi.intake.Attachment;
import vn.danhoi.intake.AttachmentStore;
import vn.danhoi.intake.Submission;
import vn.danhoi.locality.Province;
import vn.danhoi.queue.LiveChannel;
import vn.danhoi.queue.LiveMessage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The question register (sổ tiếp nhận) for the editorial board: every question of an episode or a
 * period with its asker's details, searchable and filtered, exported to CSV and XLSX; letters and question
 * forms entered by hand with their scans; identity checks; unrouted questions given to an episode. Editors
 * and admins only; every view of contact data and every export is in the audit log.
 */
public final class RegisterRoutes implements HttpRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(RegisterRoutes.class);
  private static final String STAFF = "register.staff";
  private static final int PAGE_MAX = 200;
  private static final int EXPORT_MAX = 50_000;
  private static final int MAX_SCANS = 5;
  private static final Set<String> CHANNELS = Set.of("web", "sms", "hotline", "email", "post", "form");
  private static final Set<String> STATUSES = RegisterExport.STATUSES.keySet();

  private final Vertx vertx;
  private final StaffAuth auth;
  private final RegisterStore store;
  private final RegisterService service;
  private final AttachmentStore attachments;
  private final EpisodeStore episodes;
  private final FileStore scans;
  private final LiveChannel live;
  private final AuditLog audit;
  private final int scanMaxBytes;
  private final ZoneId zone;
  private final Clock clock;

  public RegisterRoutes(Vertx vertx, StaffAuth auth, RegisterStore store, RegisterService service,
                        AttachmentStore attachments, EpisodeStore episodes, FileStore scans, LiveChannel live,
                        AuditLog audit, int scanMaxBytes, ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.auth = auth;
    this.store = store;
    this.service = service;
    this.attachments = attachments;
    this.episodes = episodes;
    this.scans = scans;
    this.live = live;
    this.audit = audit;
    this.scanMaxBytes = scanMaxBytes;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public void mountUploads(Router router) {
    // the scans are far larger than the API's body limit: this route reads its own body, and only once the
    // caller is known to be an editor
    GuardedUpload.mount(router, "/api/register/letters", request -> auth.require(request, Role.EDITOR), STAFF,
        scans.uploadsDir(), scanMaxBytes, tooLarge(), this::letter);
  }

  @Override
  public void mount(Router router) {
    router.get("/api/register").handler(this::list);
    router.get("/api/register.csv").handler(ctx -> export(ctx, "csv"));
    router.get("/api/register.xlsx").handler(ctx -> export(ctx, "xlsx"));
    router.get("/api/register/attachments/:attachmentId").handler(this::attachment);
    router.post("/api/register/:itemId/verification").handler(this::verify);
    router.delete("/api/register/:itemId/verification").handler(this::unverify);
    router.post("/api/register/:itemId/assign").handler(this::assign);
  }

  private ApiError tooLarge() {
    return GuardedUpload.tooLarge("scan", "Tệp quét", scanMaxBytes);
  }

  // ---- letters and question forms ----

  private void letter(RoutingContext ctx) {
    Staff editor = ctx.get(STAFF);
    List<FileUpload> uploads = ctx.fileUploads();
    String address = Responses.clientAddress(ctx);
    Responses.send(ctx, 201, Responses.attempt(() -> {
      if (!RequestBodies.mediaType(ctx).equals("multipart/form-data")) {
        throw new ApiError(415, "body.unsupported_media_type", null,
            "Hãy gửi biểu mẫu multipart/form-data (các trường và tệp quét).", null);
      }
      JsonObject form = new JsonObject();
      ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
      RegisterService.Letter letter = letter(JsonFields.of(form));
      long total = 0;
      for (FileUpload u : uploads) {
        if (!"scan".equals(u.name())) {
          throw ApiError.invalid(u.name(), "unexpected", "Chỉ nhận tệp ở trường scan.");
        }
        total += u.size();
      }
      if (uploads.size() > MAX_SCANS) {
        throw ApiError.invalid("scan", "too_many", "Tối đa " + MAX_SCANS + " tệp quét cho một thư.");
      }
      if (total > scanMaxBytes) {
        throw tooLarge();
      }
      Future<Void> episode = letter.episodeId() == null ? Future.succeededFuture()
          : episodes.find(letter.episodeId()).map(e -> {
            if (e == null) {
              throw ApiError.invalid("episodeId", "not_found", "Không tìm thấy chương trình phát sóng này.");
            }
            return null;
          });
      return episode.compose(v -> vertx.executeBlocking(() -> keepAll(uploads), false))
          .compose(kept -> service.enter(letter, kept, originalNames(uploads), editor.actor(), address)
              .onFailure(e -> vertx.executeBlocking(() -> {
                kept.forEach(k -> scans.delete(k.storedName()));
                return null;
              }, false)));
    }).map(entered -> {
      JsonArray files = new JsonArray();
      entered.attachments().forEach(a -> files.add(a.toJson()));
      return entered.item().toModeratorJson(zone).put("attachments", files);
    }));
  }

  private static List<String> originalNames(List<FileUpload> uploads) {
    List<String> out = new ArrayList<>();
    for (FileUpload u : uploads) {
      String name = u.fileName() == null || u.fileName().isBlank() ? "ban-quet" : u.fileName();
      out.add(name.length() > 255 ? name.substring(0, 255) : name);
    }
    return out;
  }

  /** Checks and keeps every scan, or none: one refused file undoes the ones already kept. */
  private List<FileStore.Kept> keepAll(List<FileUpload> uploads) throws IOException {
    List<FileStore.Kept> kept = new ArrayList<>();
    try {
      for (FileUpload u : uploads) {
        kept.add(scans.keep(Path.of(u.uploadedFileName()), "scan"));
      }
      return kept;
    } catch (RuntimeException | IOException e) {
      kept.forEach(k -> scans.delete(k.storedName()));
      throw e;
    }
  }

  private RegisterService.Letter letter(JsonFields f) {
    String channel = f.required("channel", "loại (thư bưu điện hoặc phiếu câu hỏi)", 10);
    if (!channel.equals("post") && !channel.equals("form")) {
      throw ApiError.invalid("channel", "invalid", "Loại phải là post (thư bưu điện) hoặc form (phiếu câu hỏi).");
    }
    UUID episodeId = RequestValues.uuid("episodeId", f.optional("episodeId", "chương trình", 64),
        "chương trình");
    return new RegisterService.Letter(episodeId, channel,
        f.required("askerName", "họ và tên người hỏi", 120),
        f.required("address", "địa chỉ", 300),
        f.optional("locality", "địa phương", 200),
        f.phone("phone", "số điện thoại"),
        f.email("email", "địa chỉ email"),
        f.required("text", "nội dung câu hỏi", 10_000),
        receivedAt(f),
        f.optional("field", "lĩnh vực", 100),
        f.optional("agency", "cơ quan trả lời", 200),
        f.optional("notes", "ghi chú", 1000));
  }

  /** The day the letter arrived (a date, or a full ISO time); never in the future; today when left empty. */
  private OffsetDateTime receivedAt(JsonFields f) {
    String raw = f.optional("receivedAt", "ngày nhận", 40);
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (raw == null) {
      return now;
    }
    OffsetDateTime at = RequestValues.dateTime("receivedAt", raw, zone, RequestValues.DateAs.START_OF_DAY);
    if (at.isAfter(now)) {
      throw ApiError.invalid("receivedAt", "future", "Ngày nhận không thể ở tương lai.");
    }
    return at;
  }

  // ---- the register ----

  private void list(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      RegisterFilter filter = filter(ctx);
      int size = RequestValues.capped("size", RequestValues.query(ctx, "size"), 50, PAGE_MAX);
      int page = (int) RequestValues.whole("page", RequestValues.query(ctx, "page"), 1, 1, 1_000_000);
      return store.page(filter, (page - 1) * size, size).compose(p -> withAttachments(p.items())
          .compose(items -> audit.contactsViewed(editor, "register.list", filter.episodeId(), items.size(),
              Responses.clientAddress(ctx)).map(v -> {
                JsonArray out = new JsonArray();
                items.forEach(e -> out.add(e.toJson(zone)));
                return new JsonObject().put("items", out).put("total", p.total()).put("page", page)
                    .put("size", size);
              })));
    }));
  }

  private void export(RoutingContext ctx, String format) {
    Download.send(ctx, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      RegisterFilter filter = filter(ctx);
      return store.count(filter).compose(n -> {
        if (n > EXPORT_MAX) {
          throw new ApiError(422, "register.export_too_large", null, "Quá " + EXPORT_MAX
              + " câu hỏi; hãy thu hẹp khoảng thời gian hoặc bộ lọc.", null);
        }
        return store.page(filter, 0, EXPORT_MAX);
      }).compose(p -> withAttachments(p.items()))
          // the export is recorded before a byte of it leaves
          .compose(items -> store.exported(editor.actor(), format, filter, items.size(), Responses.clientAddress(ctx))
              .compose(v -> vertx.executeBlocking(() -> new Download("so-tiep-nhan-cau-hoi." + format,
                  format.equals("csv") ? Download.CSV : Download.XLSX,
                  format.equals("csv") ? RegisterExport.csv(items, zone) : RegisterExport.xlsx(items, zone)), false)));
    }));
  }

  private Future<List<RegisterEntry>> withAttachments(List<RegisterEntry> items) {
    List<UUID> ids = new ArrayList<>();
    items.forEach(e -> ids.add(e.id()));
    return attachments.bySubmissions(ids).map(files -> {
      List<RegisterEntry> out = new ArrayList<>(items.size());
      items.forEach(e -> out.add(e.withAttachments(files.getOrDefault(e.id(), List.of()))));
      return out;
    });
  }

  private RegisterFilter filter(RoutingContext ctx) {
    UUID episodeId = RequestValues.uuid("episode", RequestValues.query(ctx, "episode"), "chương trình");
    LocalDate from = RequestValues.date("from", RequestValues.query(ctx, "from"));
    LocalDate to = RequestValues.date("to", RequestValues.query(ctx, "to"));
    if (from != null && to != null && to.isBefore(from)) {
      throw ApiError.invalid("to", "before_from", "Ngày kết thúc phải sau ngày bắt đầu.");
    }
    String channel = oneOf(ctx, "channel", CHANNELS);
    String status = oneOf(ctx, "status", STATUSES);
    String kind = oneOf(ctx, "kind", RegisterExport.KINDS.keySet());
    String verifiedRaw = RequestValues.query(ctx, "verified");
    Boolean verified = null;
    if (verifiedRaw != null) {
      if (!verifiedRaw.equals("true") && !verifiedRaw.equals("false")) {
        throw ApiError.invalid("verified", "invalid", "Giá trị xác minh phải là true hoặc false.");
      }
      verified = Boolean.valueOf(verifiedRaw);
    }
    String q = RequestValues.query(ctx, "q");
    if (q != null && q.length() > 200) {
      throw ApiError.invalid("q", "too_long", "Từ khoá tìm kiếm dài quá 200 ký tự.");
    }
    String provinceRaw = RequestValues.query(ctx, "province");
    Province province = Province.named(provinceRaw);
    if (provinceRaw != null && province == null) {
      throw ApiError.invalid("province", "invalid", "Không có tỉnh, thành phố nào tên như vậy (34 tỉnh, thành phố "
          + "từ ngày 12/6/2025, hoặc tên tỉnh cũ).");
    }
    return new RegisterFilter(episodeId, from == null ? null : from.atStartOfDay(zone).toOffsetDateTime(),
        // "to" is the last day included
        to == null ? null : to.plusDays(1).atStartOfDay(zone).toOffsetDateTime(), q, channel, status,
        RequestValues.query(ctx, "field"), RequestValues.query(ctx, "agency"), province, verified, kind);
  }

  private static String oneOf(RoutingContext ctx, String name, Set<String> allowed) {
    String v = RequestValues.query(ctx, name);
    return RequestValues.oneOf(name, v, allowed, "Giá trị lọc không hợp lệ: " + v + ".");
  }

  // ---- scans ----

  private void attachment(RoutingContext ctx) {
    Download.sendStored(ctx, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID id = Responses.uuidParam(ctx, "attachmentId", "attachment.not_found");
      return attachments.find(id).compose(a -> {
        if (a == null) {
          throw ApiError.notFound("attachment.not_found", "Không tìm thấy tệp đính kèm.");
        }
        if (!a.stored() || !FileStore.MAIL_TYPES.containsKey(a.mediaType())) {
          // an e-mail's file refused for its size or type, or listed before files were kept: no content
          throw ApiError.notFound("attachment.not_stored", "Tệp này chỉ được liệt kê, không được lưu lại.");
        }
        return audit.contactsViewed(editor, "register.attachment", null, 1, Responses.clientAddress(ctx))
            .map(v -> new Download.Stored(scans.path(a.storedName()), FileStore.downloadName(a.fileName(),
                a.mediaType()), a.mediaType()));
      });
    }));
  }

  // ---- identity checks and routing ----

  private static final Map<String, String> HOW = RegisterExport.VERIFICATIONS;

  private void verify(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID id = Responses.uuidParam(ctx, "itemId", "item.not_found");
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      String how = f.required("how", "cách xác minh", 40);
      if (!HOW.containsKey(how)) {
        throw ApiError.invalid("how", "invalid", "Cách xác minh phải là một trong: " + String.join(", ",
            new TreeSet<>(HOW.keySet())) + ".");
      }
      String note = f.optional("note", "ghi chú xác minh", 500);
      return changed(ctx, editor, store.verify(id, how, note, editor.actor(), Responses.clientAddress(ctx)));
    }));
  }

  private void unverify(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID id = Responses.uuidParam(ctx, "itemId", "item.not_found");
      return changed(ctx, editor, store.verify(id, null, null, editor.actor(), Responses.clientAddress(ctx)));
    }));
  }

  /** Tells the moderation consoles of the episode, and answers with the item (a view of contact data). */
  private Future<JsonObject> changed(RoutingContext ctx, Staff editor, Future<RegisterStore.Changed> result) {
    return result.compose(c -> {
      if (c == null) {
        throw ApiError.notFound("item.not_found", "Không tìm thấy câu hỏi.");
      }
      Submission item = c.item();
      Future<Void> told = item.episodeId() == null ? Future.succeededFuture()
          : live.publish(LiveMessage.ITEM_UPDATED.message().put("episodeId", item.episodeId().toString())
              .put("eventId", c.eventId()).put("item", item.toModeratorJson(zone)))
              // the change is committed; a Redis hiccup only delays what the consoles see
              .recover(e -> Future.succeededFuture());
      return told.compose(v -> audit.contactsViewed(editor, "register.item", item.episodeId(), 1,
          Responses.clientAddress(ctx))).map(v -> item.toModeratorJson(zone));
    });
  }

  private void assign(RoutingContext ctx) {
    Responses.send(ctx, 200, auth.require(ctx.request(), Role.EDITOR).compose(editor -> {
      UUID id = Responses.uuidParam(ctx, "itemId", "item.not_found");
      JsonFields f = JsonFields.of(RequestBodies.jsonObject(ctx));
      UUID episodeId = RequestValues.uuid("episodeId", f.required("episodeId", "chương trình", 64),
          "chương trình");
      return episodes.find(episodeId).compose(e -> {
        if (e == null) {
          throw ApiError.invalid("episodeId", "not_found", "Không tìm thấy chương trình phát sóng này.");
        }
        return store.assign(id, episodeId, editor.actor(), Responses.clientAddress(ctx));
      }).compose(item -> {
        if (item == null) {
          return store.exists(id).<JsonObject>map(found -> {
            throw found ? ApiError.conflict("item.not_unrouted", "Câu hỏi này đã thuộc một chương trình.")
                : ApiError.notFound("item.not_found", "Không tìm thấy câu hỏi.");
          });
        }
        return audit.contactsViewed(editor, "register.item", episodeId, 1, Responses.clientAddress(ctx))
            .map(v -> item.toModeratorJson(zone));
      });
    }));
  }
}
