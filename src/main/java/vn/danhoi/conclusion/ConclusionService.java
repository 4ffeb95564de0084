package vn.danhoi.conclusion;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.document.DocumentDocx;
import vn.danhoi.document.DocumentPdf;
import vn.danhoi.document.OfficialDocument;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.Download;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** The conclusion notice's rules: drafted once from its episode, edited, exported, followed up. */
public final class ConclusionService {

  private final Vertx vertx;
  private final ConclusionStore store;
  private final ZoneId zone;
  private final Clock clock;

  public ConclusionService(Vertx vertx, ConclusionStore store, ZoneId zone, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.zone = zone;
    this.clock = clock;
  }

  OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  Instant instant() {
    return clock.instant();
  }

  public Future<Conclusion> draft(UUID episodeId, String actor, String address) {
    return store.source(episodeId).compose(source -> {
      if (source == null) {
        throw ApiError.notFound("episode.not_found", "Không tìm thấy chương trình.");
      }
      OffsetDateTime now = now();
      return store.create(episodeId, ConclusionDraft.write(source, zone), source.issuer(),
          now.atZoneSameInstant(zone).getYear(), now, actor, address);
    });
  }

  public Future<Conclusion> get(UUID episodeId) {
    return store.load(episodeId);
  }

  public Future<Conclusion> edit(UUID episodeId, ConclusionStore.Edit edit, String actor, String address) {
    return store.edit(episodeId, edit, now(), actor, address);
  }

  public Future<Conclusion> issue(UUID episodeId, String actor, String address) {
    return store.issue(episodeId, now(), actor, address);
  }

  public Future<Conclusion> addItem(UUID episodeId, String text, String owner, OffsetDateTime due, String actor,
                                    String address) {
    return store.addItem(episodeId, text, owner, due, now(), actor, address);
  }

  /**
   * What an agency commits to in a session, added to the after-show notice, which is drafted from the episode the
   * first time; answers the item added.
   */
  public Future<Conclusion.Item> commitment(UUID episodeId, String text, String owner, OffsetDateTime due,
                                            String actor, String address) {
    return addItem(episodeId, text, owner, due, actor, address).recover(e -> {
      if (!(e instanceof ApiError a) || !"conclusion.not_found".equals(a.code())) {
        return Future.failedFuture(e);
      }
      return draft(episodeId, actor, address).compose(c -> addItem(episodeId, text, owner, due, actor, address));
    }).map(c -> c.items().stream().max(Comparator.comparingInt(Conclusion.Item::position)).orElseThrow());
  }

  public Future<Conclusion.Item> editItem(UUID episodeId, UUID itemId, ConclusionStore.ItemEdit edit, String actor,
                                          String address) {
    return store.editItem(episodeId, itemId, edit, now(), actor, address);
  }

  public Future<Conclusion> removeItem(UUID episodeId, UUID itemId, String actor, String address) {
    return store.removeItem(episodeId, itemId, actor, address);
  }

  public Future<Conclusion> order(UUID episodeId, List<UUID> ids, String actor, String address) {
    return store.order(episodeId, ids, now(), actor, address);
  }

  /** The notice as a DOCX or a PDF ({@code format}), written on a worker; the export is an event. */
  public Future<Download> document(UUID episodeId, String format, String actor, String address) {
    Instant at = instant();
    return store.load(episodeId)
        .compose(c -> vertx.executeBlocking(() -> {
          OfficialDocument notice = NoticeDocument.of(c, zone, at);
          String name = "thong-bao-ket-luan-" + c.header().number() + "." + format;
          return "pdf".equals(format) ? new Download(name, Download.PDF, DocumentPdf.write(notice))
              : new Download(name, Download.DOCX, DocumentDocx.write(notice));
        }))
        .compose(f -> store.exported(episodeId, format, actor, address).map(f));
  }

  public Future<JsonObject> followup(String status) {
    Instant at = instant();
    return store.followup(status, now()).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(f -> items.add(f.item().toJson(zone, at).put("episodeId", f.episodeId().toString())
          .put("episodeTitle", f.episodeTitle())
          .put("documentNumber", "Số: " + f.symbol())));
      FollowupReport.Counts c = FollowupReport.Counts.of(rows, at);
      return new JsonObject().put("items", items).put("counts", new JsonObject().put("open", c.open())
          .put("overdue", c.overdue()).put("done", c.done()).put("dropped", c.dropped()));
    });
  }

  public Future<Download> followupReport(String status) {
    Instant at = instant();
    return store.followup(status, now())
        .compose(rows -> vertx.executeBlocking(() -> new Download("theo-doi-ket-luan.xlsx", Download.XLSX,
            FollowupReport.xlsx(rows, zone, at))));
  }
}
