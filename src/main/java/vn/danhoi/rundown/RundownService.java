package vn.danhoi.rundown;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.auth.Staff;
import vn.danhoi.document.DocumentDocx;
import vn.danhoi.document.DocumentPdf;
import vn.danhoi.document.OfficialDocument;
import vn.danhoi.document.Signature;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.Download;
import vn.danhoi.infra.Mailer;
import vn.danhoi.message.MessageTemplates;
import vn.danhoi.studio.StudioHub;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The run-down's rules: built from the shortlist, edited by the editors, exported as a document and sent to
 * each responder with only their questions (at least 5 working days before the recording).
 */
public final class RundownService {

  private static final Logger LOG = LoggerFactory.getLogger(RundownService.class);

  /** Planned minutes of a new entry until an editor sets them: a question and a short answer. */
  static final int DEFAULT_MINUTES = 3;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

  private final Vertx vertx;
  private final RundownStore store;
  private final Mailer mailer;
  private final MessageTemplates templates;
  private final ZoneId zone;
  private final Clock clock;
  private final StudioHub studio;

  /** studio hears of every change to the order or the minutes: its "next" and its clock follow the run-down. */
  public RundownService(Vertx vertx, RundownStore store, Mailer mailer, MessageTemplates templates, ZoneId zone,
                        Clock clock, StudioHub studio) {
    this.vertx = vertx;
    this.store = store;
    this.studio = studio;
    this.mailer = mailer;
    this.templates = templates;
    this.zone = zone;
    this.clock = clock;
  }

  public Future<Rundown> get(UUID episodeId) {
    return store.load(episodeId).map(RundownService::found);
  }

  public Future<Rundown> build(UUID episodeId, Staff editor, String address) {
    return get(episodeId).compose(r -> store.build(episodeId, DEFAULT_MINUTES, numbering(r), editor.actor(),
        address)).compose(r -> studioChanged(episodeId, r));
  }

  public Future<Rundown> order(UUID episodeId, List<UUID> ids, Staff editor, String address) {
    return get(episodeId).compose(r -> store.order(episodeId, ids, editor.actor(), address)).compose(ok -> {
      if (!ok) {
        throw ApiError.invalid("entries", "invalid",
            "Danh sách sắp xếp phải gồm đúng tất cả các mục của kịch bản, mỗi mục một lần.");
      }
      return get(episodeId);
    }).compose(r -> studioChanged(episodeId, r));
  }

  public Future<Rundown> edit(UUID episodeId, UUID entryId, RundownStore.Edit edit, Staff editor, String address) {
    Future<Boolean> responderOk = edit.responderId() == null ? Future.succeededFuture(true)
        : store.isResponder(episodeId, edit.responderId());
    return get(episodeId).compose(r -> responderOk).compose(ok -> {
      if (!ok) {
        throw ApiError.invalid("responderId", "not_found",
            "Người trả lời không có trong danh sách trả lời của chương trình này.");
      }
      return store.edit(episodeId, entryId, edit, editor.actor(), address);
    }).compose(found -> {
      if (!found) {
        throw entryNotFound();
      }
      return get(episodeId);
    }).compose(r -> studioChanged(episodeId, r));
  }

  public Future<Rundown> remove(UUID episodeId, UUID entryId, Staff editor, String address) {
    return get(episodeId).compose(r -> store.remove(episodeId, entryId, editor.actor(), address)).compose(found -> {
      if (!found) {
        throw entryNotFound();
      }
      return get(episodeId);
    }).compose(r -> studioChanged(episodeId, r));
  }

  /** The run-down as a DOCX or a PDF ({@code format}), written on a worker; the export is an event. */
  public Future<Download> document(UUID episodeId, String format, Staff editor, String address) {
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    return get(episodeId)
        .compose(r -> vertx.executeBlocking(() -> {
              OfficialDocument document = RundownDocument.of(r, today, zone);
              return "pdf".equals(format) ? new Download(fileName(r, format), Download.PDF, DocumentPdf.write(document))
                  : new Download(fileName(r, format), Download.DOCX, DocumentDocx.write(document));
            })
            .compose(file -> store.exported(episodeId, editor.actor(), address).map(file)));
  }

  /** Who signs the run-down; null fields stay as they are, an empty authority is the head signing in person. */
  public Future<Rundown> sign(UUID episodeId, Signature signature, RundownStore.Details details, Staff editor,
                              String address) {
    return get(episodeId).compose(r -> store.sign(episodeId, signature, details, numbering(r), editor.actor(),
            address))
        .compose(v -> get(episodeId));
  }

  private Future<Rundown> studioChanged(UUID episodeId, Rundown r) {
    return studio.changed(episodeId).map(r);
  }

  /** Where the run-down's number comes from when it is first stored: its issuer's run-downs of this year. */
  private RundownStore.Numbering numbering(Rundown r) {
    return new RundownStore.Numbering(r.issuer(), clock.instant().atZone(zone).getYear());
  }

  /**
   * One e-mail to each responder with their questions and their part of the document attached, each
   * recorded; then the run-down is "sent". Refused before anything goes out when there is no SMTP server,
   * nothing to send, a question without a responder or a responder without an e-mail address.
   */
  public Future<JsonObject> send(UUID episodeId, Staff editor, String address) {
    if (!mailer.configured()) {
      // the editor is told what to do; the setting's name is for whoever runs the server, in its log
      LOG.warn("Run-down of episode {} not e-mailed: no SMTP server is configured (DANHOI_SMTP_HOST)", episodeId);
      return Future.failedFuture(new ApiError(503, "mail.not_configured", null,
          "Chưa cấu hình máy chủ thư; kịch bản chưa được gửi. Vui lòng báo quản trị hệ thống.", null));
    }
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    return get(episodeId).compose(r -> {
      Map<Rundown.Responder, List<Rundown.Entry>> parts = parts(r);
      JsonArray sent = new JsonArray();
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<Rundown.Responder, List<Rundown.Entry>> part : parts.entrySet()) {
        Rundown.Responder to = part.getKey();
        Rundown mine = r.onlyFor(to.id());
        chain = chain.compose(v -> templates.render("rundown-letter", values(mine, to)))
            .compose(m -> vertx.executeBlocking(() -> mailer.send(new Mailer.Mail(to.email(), to.name(), m.subject(),
                    m.body(), fileName(r, "docx"), DocumentDocx.write(RundownDocument.of(mine, today, zone)),
                    clock.instant())))
                .recover(e -> Future.failedFuture(e instanceof ApiError ? e : new ApiError(502, "mail.failed", null,
                    "Máy chủ thư không nhận thư gửi " + to.name() + " (" + to.email() + "): " + e.getMessage(), null)))
                .compose(messageId -> store.sent(episodeId, to, m.subject(), mine.entries().size(), messageId,
                    editor.actor(), address))
                .map(v -> {
                  sent.add(new JsonObject().put("responder", to.name()).put("recipient", to.email())
                      .put("subject", m.subject()).put("entries", mine.entries().size()));
                  return null;
                }));
      }
      return chain.compose(v -> store.markSent(episodeId, parts.size(), editor.actor(), address))
          .compose(v -> get(episodeId))
          .map(now -> now.toJson(zone).put("sendings", sent));
    });
  }

  /** The questions of each responder, in the panel's order; refuses a run-down that cannot be sent whole. */
  private static Map<Rundown.Responder, List<Rundown.Entry>> parts(Rundown r) {
    if (r.entries().isEmpty()) {
      throw ApiError.conflict("rundown.empty", "Kịch bản chưa có câu hỏi nào để gửi.");
    }
    List<Integer> unassigned = new ArrayList<>();
    r.entries().stream().filter(e -> r.responder(e.responderId()) == null).forEach(e -> unassigned.add(e.position()));
    if (!unassigned.isEmpty()) {
      throw ApiError.conflict("rundown.unassigned", "Câu hỏi số " + join(unassigned)
          + " chưa có người trả lời; hãy phân công trước khi gửi.");
    }
    Map<Rundown.Responder, List<Rundown.Entry>> parts = new LinkedHashMap<>();
    for (Rundown.Responder p : r.responders()) {
      List<Rundown.Entry> mine = r.entries().stream().filter(e -> p.id().equals(e.responderId())).toList();
      if (mine.isEmpty()) {
        continue;
      }
      if (p.email() == null || p.email().isBlank()) {
        throw ApiError.conflict("rundown.responder_email", "Đồng chí " + p.name()
            + " chưa có địa chỉ e-mail; hãy bổ sung trong danh sách người trả lời.");
      }
      parts.put(p, mine);
    }
    return parts;
  }

  /** What the letter to one responder says: their questions, when and where to be, who sends it. */
  private Map<String, Object> values(Rundown mine, Rundown.Responder to) {
    Rundown.Header h = mine.header();
    // the time the responder must be there is the recording's; the broadcast's is named apart, never for it
    String recording = h.recording().atZoneSameInstant(zone).format(WHEN);
    String broadcast = h.broadcast().atZoneSameInstant(zone).format(WHEN);
    StringBuilder when = new StringBuilder(recording.equals(broadcast)
        ? "ghi hình và phát sóng trực tiếp lúc " + recording : "ghi hình lúc " + recording);
    if (h.venue() != null && !h.venue().isBlank()) {
      when.append(" tại ").append(h.venue());
    }
    if (!recording.equals(broadcast)) {
      when.append(" (phát sóng lúc ").append(broadcast).append(")");
    }
    StringBuilder list = new StringBuilder();
    for (Rundown.Entry e : mine.entries()) {
      list.append("Câu ").append(e.position()).append(". ").append(e.text()).append("\n   (").append(e.askedBy())
          .append("; ").append(e.askers()).append(" người hỏi; dự kiến ").append(e.minutes()).append(" phút)\n\n");
    }
    Map<String, Object> values = new HashMap<>();
    values.put("ho_ten", to.name());
    values.put("nguoi_nhan", to.label());
    values.put("co_quan_gui", mine.issuer().inSentence());
    values.put("chuong_trinh", "“" + h.title() + "”");
    values.put("lich_ghi_hinh", when.toString());
    values.put("so_cau_hoi", mine.entries().size());
    values.put("danh_sach", list.toString());
    values.put("tong_thoi_luong", mine.totalMinutes());
    return values;
  }

  /** ASCII, so every mail client and browser keeps it: kich-ban-2026-03-15.docx. */
  private String fileName(Rundown r, String format) {
    return "kich-ban-" + r.header().startsAt().atZoneSameInstant(zone).toLocalDate() + "." + format;
  }

  private static String join(List<Integer> numbers) {
    return String.join(", ", numbers.stream().map(String::valueOf).toList());
  }

  private static Rundown found(Rundown r) {
    if (r == null) {
      throw ApiError.notFound("episode.not_found", "Không tìm thấy chương trình phát sóng.");
    }
    return r;
  }

  private static ApiError entryNotFound() {
    return ApiError.notFound("rundown.entry_not_found", "Không tìm thấy mục này trong kịch bản.");
  }
}
