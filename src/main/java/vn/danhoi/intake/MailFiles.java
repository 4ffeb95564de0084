package vn.danhoi.intake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.FileStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps the files an e-mail brings, like a scanned letter: on disk under a random name (see {@link FileStore}),
 * the type told by the content and not by the sender's name or declared type, only the types of
 * {@link FileStore#MAIL_TYPES}, at most {@code maxBytes} each and {@code mailMaxBytes} together. A file refused
 * for any of these is still listed, with the reason, so the editors know the person sent it. Blocking: the
 * mail reader calls it on a worker.
 */
public final class MailFiles {

  private static final String FIELD = "attachment";

  private final FileStore store;
  private final long maxBytes;
  private final long mailMaxBytes;

  public MailFiles(FileStore store, long maxBytes, long mailMaxBytes) {
    this.store = store;
    this.maxBytes = maxBytes;
    this.mailMaxBytes = mailMaxBytes;
  }

  /**
   * Reads one attachment: kept and listed with its stored name, or listed with the reason it was not kept.
   * {@code keptBefore} is what this mail's earlier files already took of the per-mail limit.
   */
  MailQuestion.Listed take(InputStream in, String fileName, String declaredType, long keptBefore)
      throws IOException {
    Path dir = store.uploadsDir();
    Files.createDirectories(dir);
    Path part = Files.createTempFile(dir, "mail-", ".part");
    try {
      long size;
      try (OutputStream out = Files.newOutputStream(part)) {
        size = copyAtMost(in, out, maxBytes + 1);
      }
      if (size > maxBytes) {
        return MailQuestion.Listed.refused(fileName, declaredType, size, "Tệp quá lớn (" + kb(size)
            + "; tối đa " + kb(maxBytes) + " mỗi tệp), không được lưu.");
      }
      if (keptBefore + size > mailMaxBytes) {
        return MailQuestion.Listed.refused(fileName, declaredType, size, "Các tệp của thư này vượt "
            + kb(mailMaxBytes) + " tổng cộng; tệp này không được lưu.");
      }
      String type;
      try {
        type = FileStore.detect(part, FIELD, FileStore.MAIL_TYPES);
      } catch (ApiError unsafe) {
        return MailQuestion.Listed.refused(fileName, declaredType, size, unsafe.getMessage());
      }
      if (!FileStore.MAIL_TYPES.containsKey(type)) {
        return MailQuestion.Listed.refused(fileName, type, size, "Loại tệp không được nhận (nội dung là " + type
            + "; chỉ nhận PDF, ảnh, Word, Excel, OpenDocument, văn bản thuần), không được lưu.");
      }
      FileStore.Kept kept = store.keepAs(part, type);
      return new MailQuestion.Listed(fileName, type, kept.size(), kept.storedName(), kept.sha256(), null);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** Deletes the files kept for a mail that was not stored after all (a duplicate, a failed insert). */
  public Future<Void> discard(Vertx vertx, List<MailQuestion.Listed> files) {
    if (files.stream().noneMatch(MailQuestion.Listed::kept)) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      discardNow(files);
      return null;
    }, false);
  }

  /** The same, on the worker already running (a mail that could not be read to the end). */
  void discardNow(List<MailQuestion.Listed> files) {
    files.stream().filter(MailQuestion.Listed::kept).forEach(f -> store.delete(f.storedName()));
  }

  /** Writes at most {@code limit} bytes and counts the rest without keeping it: the listed size is the true one. */
  private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      if (total < limit) {
        out.write(buffer, 0, (int) Math.min(n, limit - total));
      }
      total += n;
    }
    return total;
  }

  private static String kb(long bytes) {
    return String.format("%,d", (bytes + 1023) / 1024).replace(',', '.') + " KB";
  }
}
