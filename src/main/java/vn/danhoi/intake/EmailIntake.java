package vn.danhoi.intake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Stores e-mailed questions like every other channel: one row per Message-ID (a re-poll or a duplicate
 * delivery stores nothing twice), routed to the open episode whose address it was sent to, otherwise kept
 * as unrouted for an editor to assign; committed before it is queued for the moderators. The whole body as
 * received is kept beside the stored text, and the files the reader kept get their rows in the same commit;
 * a mail not stored after all (already there, or the insert failed) has its files deleted.
 */
public final class EmailIntake {

  static final String ACTOR = "mail-intake";

  private final Pool pool;
  private final SubmissionStore store;
  private final AttachmentStore attachments;
  private final MailboxStore mailboxes;
  private final Consumer<Submission> onStored;
  private final Vertx vertx;
  private final MailFiles files;
  private final Clock clock;

  public EmailIntake(Vertx vertx, Pool pool, SubmissionStore store, AttachmentStore attachments,
                     MailboxStore mailboxes, MailFiles files, Consumer<Submission> onStored, Clock clock) {
    this.vertx = vertx;
    this.files = files;
    this.clock = clock;
    this.pool = pool;
    this.store = store;
    this.attachments = attachments;
    this.mailboxes = mailboxes;
    this.onStored = onStored;
  }

  public record Receipt(UUID id, UUID episodeId, boolean duplicate) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString())
          .put("episodeId", episodeId == null ? null : episodeId.toString()).put("duplicate", duplicate);
    }
  }

  public Future<Receipt> receive(MailQuestion m) {
    return store(m).compose(r -> r.duplicate() ? files.discard(vertx, m.attachments()).map(r)
            : Future.succeededFuture(r),
        e -> files.discard(vertx, m.attachments()).transform(ar -> Future.failedFuture(e)));
  }

  private Future<Receipt> store(MailQuestion m) {
    return store.findByExternalId("email", m.externalId()).compose(prior -> {
      if (prior != null) {
        return Future.succeededFuture(new Receipt(prior.id(), prior.episodeId(), true));
      }
      return mailboxes.openEpisodeFor(m.recipients(), m.receivedAt(),
          OffsetDateTime.now(clock)).compose(episodeId -> {
        UUID id = UUID.randomUUID();
        NewSubmission n = NewSubmission.email(episodeId, m.text()).id(id).originalText(m.originalText())
            .askerName(m.senderName())
            .email(m.senderEmail()).sentAt(m.sentAt()).externalId(m.externalId()).build();
        List<Attachment> listed = new ArrayList<>();
        m.attachments().forEach(a -> listed.add(new Attachment(UUID.randomUUID(), id, a.fileName(), a.mediaType(),
            a.size(), a.storedName(), a.sha256(), a.refusedReason())));
        return pool.withTransaction(tx -> store.insert(tx, n, ACTOR,
                new SubmissionStore.Extras(null, m.subject(), m.receivedAt(), null))
            .compose(s -> s == null ? Future.succeededFuture((Submission) null)
                : attachments.insert(tx, listed, ACTOR).map(s)));
      }).compose(stored -> {
        if (stored == null) {
          // a concurrent poll on another node stored the same mail first
          return store.findByExternalId("email", m.externalId()).map(p -> new Receipt(p.id(), p.episodeId(), true));
        }
        onStored.accept(stored);
        return Future.succeededFuture(new Receipt(stored.id(), stored.episodeId(), false));
      });
    });
  }
}
