package vn.danhoi.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis run as a child process from the binary Maven brings (embedded-redis's builds). Started and
 * stopped here rather than through that library, whose own shutdown hook stops Redis while the node is
 * still draining on SIGTERM.
 */
public final class LocalRedis implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRedis.class);

  private final Process process;
  private final int port;

  private LocalRedis(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Redis on 127.0.0.1:port; with a data folder it keeps an append-only file there, without it nothing. */
  public static LocalRedis start(Path home, int port, boolean persistent) throws IOException {
    File binary = ExecutableProvider.newJarResourceProvider(Files.createDirectories(home.resolve("bin")).toFile()).get();
    Path dir = Files.createDirectories(home.resolve("data"));
    List<String> command = List.of(binary.getAbsolutePath(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--appendonly", persistent ? "yes" : "no", "--save", "",
        "--logfile", home.resolve("redis.log").toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    LocalRedis redis = new LocalRedis(process, port);
    LocalPorts.await(port, "the embedded Redis", process::isAlive);
    LOG.info("Embedded Redis on 127.0.0.1:{} (data in {})", port, dir);
    return redis;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    closeWithin(Duration.ofSeconds(5));
  }

  /** SIGTERM: Redis writes its append-only file and exits; killed if it has not within {@code budget}. */
  public void closeWithin(Duration budget) {
    process.destroy();
    try {
      if (!process.waitFor(Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
