package vn.danhoi.infra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/** The per-request folders uploads are written into while they arrive; removed whole, never left behind. */
public final class UploadFolders {

  private static final Logger LOG = LoggerFactory.getLogger(UploadFolders.class);
  private static final int ATTEMPTS = 5;

  private UploadFolders() {
  }

  /**
   * Removes a request's folder. A file still being opened when the exchange ended may appear after the first
   * pass (the folder is then not empty), so a failed pass is tried again a moment later.
   */
  public static void remove(Vertx vertx, Path folder) {
    remove(vertx, folder.toString(), ATTEMPTS);
  }

  private static void remove(Vertx vertx, String folder, int attemptsLeft) {
    vertx.fileSystem().exists(folder).compose(exists -> exists ? vertx.fileSystem().deleteRecursive(folder)
        : Future.succeededFuture()).onFailure(e -> {
          if (attemptsLeft > 1) {
            vertx.setTimer(500, t -> remove(vertx, folder, attemptsLeft - 1));
          } else {
            LOG.warn("Upload folder {} not removed: {}", folder, e.toString());
          }
        });
  }

  /**
   * At start-up: removes what a crashed or killed process left in {@code dir}, older than {@code age} (a
   * second node sharing the data directory may have uploads in progress, younger than any upload may last).
   * Blocking: call on a worker.
   */
  public static int sweep(Path dir, Duration age) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    FileTime before = FileTime.from(Instant.now().minus(age));
    int removed = 0;
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        if (Files.getLastModifiedTime(entry).compareTo(before) < 0) {
          deleteTree(entry);
          removed++;
        }
      }
    } catch (IOException e) {
      LOG.warn("Stale uploads in {} not swept: {}", dir, e.toString());
    }
    if (removed > 0) {
      LOG.info("Removed {} stale upload(s) from {}", removed, dir);
    }
    return removed;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
