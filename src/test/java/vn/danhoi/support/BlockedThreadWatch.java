package vn.danhoi.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Collects, while it is open, what Vert.x's blocked-thread checker logs (through SLF4J and Logback): an event
 * loop blocked beyond its limit logs "Thread … has been blocked for … ms".
 */
public final class BlockedThreadWatch implements AutoCloseable {

  private final Logger checker = (Logger) LoggerFactory.getLogger("io.vertx.core.impl.BlockedThreadChecker");
  private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

  public BlockedThreadWatch() {
    seen.start();
    checker.addAppender(seen);
  }

  /** The blocked-thread warnings seen so far. */
  public List<String> warnings() {
    // the appender adds under its own lock
    synchronized (seen) {
      return seen.list.stream().map(ILoggingEvent::getFormattedMessage)
          .filter(m -> m.contains("has been blocked for")).toList();
    }
  }

  @Override
  public void close() {
    checker.detachAppender(seen);
    seen.stop();
  }
}
