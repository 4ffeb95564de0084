package vn.danhoi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * The folder where uploads arrive ({@code <data>/attachments/incoming}, one sub-folder per request). A
 * request's folder is removed when its exchange has ended, which is after the client has its answer: so a
 * test waits for the folder to empty, within a bound, rather than reading it once.
 */
public final class UploadsFolder {

  private static final long LIMIT_SECONDS = 10;

  private UploadsFolder() {
  }

  /** Files and folders under the uploads folder; -1 when one vanished while counted (count again). */
  public static long entries(Path dataDir) {
    Path incoming = dataDir.resolve("attachments").resolve("incoming");
    if (!Files.exists(incoming)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(incoming)) {
      return walk.filter(p -> !p.equals(incoming)).count();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  /** Fails unless nothing is left in the uploads folder within 10 s. */
  public static void awaitEmpty(Path dataDir) {
    await(dataDir, n -> n == 0, "no file or folder left in the uploads folder");
  }

  /** Waits until the number of entries satisfies {@code condition}; fails after 10 s naming {@code what}. */
  public static void await(Path dataDir, LongPredicate condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
    while (!condition.test(entries(dataDir))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + LIMIT_SECONDS + " s: " + what + " ("
            + entries(dataDir) + " entries)");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }
}
