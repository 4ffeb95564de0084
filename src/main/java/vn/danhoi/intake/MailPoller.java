package vn.danhoi.intake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.AppConfig;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Collects e-mailed questions from the IMAP mailbox every few seconds (mail.imap.*; off when no host). All
 * mail I/O runs on a worker thread, the storing on the event loop. A mail is marked seen (or moved) only
 * after its row is committed, and read with PEEK so a failed poll leaves it unseen for the next one; the
 * Message-ID keeps a re-read from storing anything twice.
 */
public final class MailPoller {

  private static final Logger LOG = LoggerFactory.getLogger(MailPoller.class);
  private static final int BATCH = 100;

  private final Vertx vertx;
  private final AppConfig.MailImap config;
  private final EmailIntake intake;
  private final MailFiles files;
  private final Clock clock;
  private long timer = -1;
  private Future<Result> last = Future.succeededFuture();
  private volatile boolean polling;

  public MailPoller(Vertx vertx, AppConfig.MailImap config, EmailIntake intake, MailFiles files, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.intake = intake;
    this.files = files;
    this.clock = clock;
  }

  /** How one poll went: mails read, newly stored, already stored, not readable (left unseen). */
  public record Result(int read, int stored, int duplicates, int failed) {
    public JsonObject toJson() {
      return new JsonObject().put("read", read).put("stored", stored).put("duplicates", duplicates)
          .put("failed", failed);
    }
  }

  public boolean enabled() {
    return config.enabled();
  }

  public void start() {
    if (!config.enabled()) {
      return;
    }
    long every = config.pollSeconds() * 1000L;
    timer = vertx.setPeriodic(every, every, id -> {
      if (!polling) {
        poll().onFailure(e -> LOG.warn("E-mail poll failed: {}", e.toString()));
      }
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Polls now, after any poll already running (an editor's "check mail now" waits for that one). */
  public synchronized Future<Result> poll() {
    Future<Result> next = last.transform(ar -> pollOnce());
    last = next;
    return next;
  }

  private record Fetched(long uid, MailQuestion question) {
  }

  private record Batch(Store store, Folder folder, List<Fetched> mails, int failed) {
  }

  private Future<Result> pollOnce() {
    polling = true;
    return vertx.executeBlocking(this::fetch, false).compose(batch -> storeAll(batch)
            .compose(receipts -> vertx.executeBlocking(() -> {
              finish(batch, receipts);
              int stored = (int) receipts.stream().filter(r -> !r.duplicate()).count();
              return new Result(batch.mails().size(), stored, receipts.size() - stored, batch.failed());
            }, false))
            .eventually(() -> vertx.executeBlocking(() -> {
              close(batch);
              return null;
            }, false)))
        .eventually(() -> {
          polling = false;
          return Future.succeededFuture();
        });
  }

  private Batch fetch() throws MessagingException {
    String protocol = config.tls() ? "imaps" : "imap";
    Properties p = new Properties();
    p.put("mail.store.protocol", protocol);
    p.put("mail." + protocol + ".connectiontimeout", "10000");
    p.put("mail." + protocol + ".timeout", "30000");
    // reading a body must not set \Seen: a mail is marked only once its question is committed
    p.put("mail." + protocol + ".peek", "true");
    if (config.tls()) {
      p.put("mail.imaps.ssl.checkserveridentity", "true");
    }
    Store store = Session.getInstance(p).getStore(protocol);
    store.connect(config.host(), config.port(), config.user(), config.password());
    Folder folder = store.getFolder(config.folder());
    try {
      folder.open(Folder.READ_WRITE);
      UIDFolder uids = (UIDFolder) folder;
      long validity = uids.getUIDValidity();
      Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
      Message[] batch = Arrays.copyOf(unseen, Math.min(unseen.length, BATCH));
      FetchProfile profile = new FetchProfile();
      profile.add(FetchProfile.Item.ENVELOPE);
      profile.add(UIDFolder.FetchProfileItem.UID);
      folder.fetch(batch, profile);
      List<Fetched> mails = new ArrayList<>();
      int failed = 0;
      OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
      for (Message message : batch) {
        long uid = uids.getUID(message);
        try {
          mails.add(new Fetched(uid, MailReader.read((MimeMessage) message,
              "imap:" + config.folder() + ":" + validity + ":" + uid, now, files)));
        } catch (MessagingException | IOException | RuntimeException e) {
          failed++;
          LOG.warn("E-mail UID {} could not be read; left unseen: {}", uid, e.toString());
        }
      }
      return new Batch(store, folder, mails, failed);
    } catch (MessagingException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Stores the mails one after another, in the order the mailbox gave them. When one fails the rest wait
   * unseen for the next poll, so the files read for them now are deleted (the next read keeps them again).
   */
  private Future<List<EmailIntake.Receipt>> storeAll(Batch batch) {
    List<EmailIntake.Receipt> receipts = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Fetched f : batch.mails()) {
      chain = chain.compose(v -> intake.receive(f.question()).map(r -> {
        receipts.add(r);
        return null;
      }));
    }
    return chain.map(receipts).recover(e -> {
      List<MailQuestion.Listed> unstored = new ArrayList<>();
      batch.mails().subList(receipts.size(), batch.mails().size())
          .forEach(f -> unstored.addAll(f.question().attachments()));
      return files.discard(vertx, unstored).transform(ar -> Future.failedFuture(e));
    });
  }

  /** Marks the committed mails seen and, when a folder is configured for them, moves them there. */
  private void finish(Batch batch, List<EmailIntake.Receipt> receipts) throws MessagingException {
    if (receipts.isEmpty()) {
      return;
    }
    UIDFolder uids = (UIDFolder) batch.folder();
    List<Message> done = new ArrayList<>();
    for (int i = 0; i < receipts.size(); i++) {
      Message m = uids.getMessageByUID(batch.mails().get(i).uid());
      if (m != null) {
        done.add(m);
      }
    }
    Message[] messages = done.toArray(new Message[0]);
    batch.folder().setFlags(messages, new Flags(Flags.Flag.SEEN), true);
    if (!config.processedFolder().isEmpty()) {
      Folder target = batch.store().getFolder(config.processedFolder());
      if (!target.exists()) {
        target.create(Folder.HOLDS_MESSAGES);
      }
      batch.folder().copyMessages(messages, target);
      batch.folder().setFlags(messages, new Flags(Flags.Flag.DELETED), true);
      batch.folder().expunge();
    }
  }

  private static void close(Batch batch) {
    try {
      if (batch.folder().isOpen()) {
        batch.folder().close(false);
      }
    } catch (MessagingException e) {
      LOG.debug("Closing the mail folder: {}", e.toString());
    }
    try {
      batch.store().close();
    } catch (MessagingException e) {
      LOG.debug("Closing the mail store: {}", e.toString());
    }
  }
}
