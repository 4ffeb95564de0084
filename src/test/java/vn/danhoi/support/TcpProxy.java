package vn.danhoi.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A TCP proxy a test can cut and restore, to take Redis away from a node without touching Redis itself. */
public final class TcpProxy implements AutoCloseable {

  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private final NetClient client;
  private volatile boolean cut;
  private volatile long latencyMillis;
  private NetServer server;

  public TcpProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient();
  }

  public int start() {
    server = vertx.createNetServer().connectHandler(this::accept);
    TestNode.await(server.listen(0, "127.0.0.1"));
    return server.actualPort();
  }

  /** A started proxy in front of the server a store URL names (postgresql://… or redis://…). */
  public static TcpProxy inFrontOf(Vertx vertx, String url) {
    URI uri = URI.create(url);
    int port = uri.getPort() >= 0 ? uri.getPort() : url.startsWith("redis") ? 6379 : 5432;
    TcpProxy proxy = new TcpProxy(vertx, uri.getHost(), port);
    proxy.start();
    return proxy;
  }

  /** The same store URL, leading through this proxy. */
  public String through(String url) {
    URI uri = URI.create(url);
    try {
      return new URI(uri.getScheme(), uri.getRawUserInfo(), "127.0.0.1", server.actualPort(), uri.getRawPath(),
          uri.getRawQuery(), null).toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private void accept(NetSocket in) {
    if (cut) {
      in.close();
      return;
    }
    in.pause();
    client.connect(targetPort, targetHost).onComplete(ar -> {
      if (ar.failed() || cut) {
        in.close();
        return;
      }
      NetSocket out = ar.result();
      open.add(in);
      open.add(out);
      in.handler(data -> forward(data, out));
      out.handler(data -> forward(data, in));
      in.closeHandler(v -> out.close());
      out.closeHandler(v -> in.close());
      in.resume();
    });
  }

  /** Bytes are held this long in each direction, like a server that answers slowly. */
  public void latency(long millis) {
    latencyMillis = millis;
  }

  private void forward(Buffer data, NetSocket to) {
    long delay = latencyMillis;
    if (delay <= 0) {
      to.write(data);
    } else {
      vertx.setTimer(delay, t -> to.write(data));
    }
  }

  /** Drops every connection and refuses new ones, like a dead Redis. */
  public void cut() {
    cut = true;
    open.forEach(NetSocket::close);
    open.clear();
  }

  public void restore() {
    cut = false;
  }

  @Override
  public void close() {
    cut();
    if (server != null) {
      TestNode.await(server.close());
    }
    client.close();
  }
}
