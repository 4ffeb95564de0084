package vn.danhoi.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Ports on the loopback for the stores danhoi runs itself: a free one, and waiting until one answers. */
public final class LocalPorts {

  private LocalPorts() {
  }

  public static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Waits up to 30 s for 127.0.0.1:port to accept, giving up at once when {@code alive} turns false. */
  static void await(int port, String what, BooleanSupplier alive) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      if (!alive.getAsBoolean()) {
        throw new IOException(what + " exited at start");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException(what + " does not answer on port " + port, e);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", ie);
        }
      }
    }
  }
}
