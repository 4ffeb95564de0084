package vn.danhoi.infra;

import io.vertx.pgclient.PgException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.TimeoutException;

/** Tells a store that cannot be reached from a request that is wrong. */
public final class Failures {

  private Failures() {
  }

  /**
   * The server's own disk failed: a kept file missing, a folder it may not write, a full disk. Not an outage
   * of PostgreSQL or Redis, and not something the sender can fix by retrying: the office must look.
   */
  public static boolean isStorageFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof FileSystemException || t instanceof FileNotFoundException
          || t instanceof io.vertx.core.file.FileSystemException) {
        return true;
      }
      String message = t.getMessage();
      if (t instanceof IOException && message != null && (message.contains("No space left on device")
          || message.contains("Disk quota exceeded") || message.contains("Read-only file system"))) {
        return true;
      }
    }
    return false;
  }

  private static final String POOL_WAIT_TIMEOUT = "Timeout waiting for connection";

  /**
   * A database failure that is not an SQL error means the connection or the pool failed: the request did
   * not commit and the sender may retry.
   */
  public static boolean isStoreUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PgException) {
        String state = ((PgException) t).getSqlState();
        // 57P01..57P03: admin shutdown, crash shutdown, cannot connect now; 08xxx: connection exceptions;
        // 53300: too many connections (the server is full, not the request wrong)
        return state != null && (state.startsWith("57P") || state.startsWith("08") || state.equals("53300"));
      }
      if (t instanceof IOException || t instanceof TimeoutException) {
        return true;
      }
      // every pooled connection busy past the pool's wait (Vert.x says so only in the message): full, not wrong
      if (POOL_WAIT_TIMEOUT.equals(t.getMessage())) {
        return true;
      }
      String name = t.getClass().getName();
      if (name.startsWith("io.vertx.sqlclient") || name.startsWith("io.vertx.core.net")
          || name.contains("ClosedConnection") || name.contains("NoStackTraceThrowable")
          || name.startsWith("io.netty.channel")) {
        return true;
      }
    }
    return false;
  }
}
