package vn.danhoi.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies what is written to standard error (where slf4j-simple, and so Vert.x's logging, writes) while it
 * is open, to tell whether Vert.x's blocked-thread checker complained: an event loop blocked beyond its
 * limit logs "Thread … has been blocked for … ms".
 */
public final class BlockedThreadWatch implements AutoCloseable {

  private final PrintStream original = System.err;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  public BlockedThreadWatch() {
    OutputStream tee = new OutputStream() {
      @Override
      public void write(int b) {
        original.write(b);
        synchronized (copy) {
          copy.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        original.write(b, off, len);
        synchronized (copy) {
          copy.write(b, off, len);
        }
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** The blocked-thread warnings seen so far, one per line. */
  public java.util.List<String> warnings() {
    String text;
    synchronized (copy) {
      text = copy.toString(StandardCharsets.UTF_8);
    }
    return text.lines().filter(l -> l.contains("has been blocked for")).toList();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
