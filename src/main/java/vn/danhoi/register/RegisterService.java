package vn.danhoi.register;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import vn.danhoi.infra.FileStore;
import vn.danhoi.intake.Attachment;
import vn.danhoi.intake.AttachmentStore;
import vn.danhoi.intake.ItemStatus;
import vn.danhoi.intake.NewSubmission;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Letters and delegates' question forms entered by an editor: the question and its scans commit together,
 * then go the way every channel's questions go (the queue relay brings them to the moderators).
 */
public final class RegisterService {

  private final Pool pool;
  private final SubmissionStore submissions;
  private final AttachmentStore attachments;
  private final Consumer<Submission> onStored;

  public RegisterService(Pool pool, SubmissionStore submissions, AttachmentStore attachments,
                         Consumer<Submission> onStored) {
    this.pool = pool;
    this.submissions = submissions;
    this.attachments = attachments;
    this.onStored = onStored;
  }

  /** A letter (channel post) or question form (channel form) as the editor typed it from the paper. */
  public record Letter(UUID episodeId, String channel, String askerName, String address, String locality,
                       String phone, String email, String text, OffsetDateTime receivedAt, String field,
                       String agency, String notes) {
  }

  public record Entered(Submission item, List<Attachment> attachments) {
  }

  public Future<Entered> enter(Letter l, List<FileStore.Kept> scans, List<String> scanNames, String actor,
                               String address) {
    UUID id = UUID.randomUUID();
    NewSubmission n = NewSubmission.letter(l.episodeId(), l.channel(), l.text()).id(id)
        .askerName(l.askerName()).locality(l.locality()).phone(l.phone()).email(l.email()).field(l.field())
        .clientAddress(address).notes(l.notes()).loggedBy(actor).build();
    List<Attachment> files = new ArrayList<>();
    for (int i = 0; i < scans.size(); i++) {
      FileStore.Kept k = scans.get(i);
      files.add(new Attachment(UUID.randomUUID(), id, scanNames.get(i), k.mediaType(), k.size(), k.storedName(),
          k.sha256(), null));
    }
    return pool.withTransaction(tx -> submissions.insert(tx, n, actor,
            new SubmissionStore.Extras(l.address(), null, l.receivedAt(), l.agency()))
        .compose(s -> attachments.insert(tx, files, actor).map(a -> new Entered(s, a))))
        .onSuccess(e -> onStored.accept(e.item()));
  }
}
