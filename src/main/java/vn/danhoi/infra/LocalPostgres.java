package vn.danhoi.infra;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL run as a child process from the binaries Maven brings (zonky's builds), for a machine
 * with nothing installed. It is initialised with a UTF-8 locale that does not depend on the operating
 * system's locales (PostgreSQL 17's builtin provider), and never runs as root: as root it runs under the
 * {@link ServiceAccount}.
 */
public final class LocalPostgres implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);

  private final ServiceAccount account;
  private final Path bin;
  private final Path data;
  private final Path log;
  private final int port;
  private boolean stopped;

  private LocalPostgres(ServiceAccount account, Path bin, Path data, Path log, int port) {
    this.account = account;
    this.bin = bin;
    this.data = data;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the server whose files live in {@code home} (binaries, cluster, log), initialising it on first
   * use; {@code clean} starts from an empty, throwaway cluster (tests), run without fsync.
   */
  public static LocalPostgres start(Path home, int port, boolean clean) throws IOException {
    ServiceAccount account = ServiceAccount.forEmbeddedPostgres();
    Path base = placeFor(home.toAbsolutePath(), account);
    Path data = base.resolve("cluster");
    Path bin = extractBinaries(base.resolve("dist"));
    stopLeftover(account, bin, data);
    if (clean) {
      deleteTree(data);
    }
    Files.createDirectories(data);
    Path log = base.resolve("postgres.log");
    account.own(base);
    LocalPostgres pg = new LocalPostgres(account, bin, data, log, port);
    if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
      pg.initdb();
    }
    pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
            + " -c max_connections=300 -c timezone=UTC"
            // a throwaway cluster (tests) need not survive a power cut; the application's keeps every commit
            + (clean ? " -F -c synchronous_commit=off" : ""), "start"), Duration.ofSeconds(90));
    LocalPorts.await(port, "the embedded PostgreSQL", () -> true);
    LOG.info("Embedded PostgreSQL on 127.0.0.1:{} as '{}' (cluster in {})", port, account.name(), data);
    return pg;
  }

  public int port() {
    return port;
  }

  /** A server that a killed danhoi left running holds the cluster: stop it before starting again. */
  private static void stopLeftover(ServiceAccount account, Path bin, Path data) {
    if (Files.isRegularFile(data.resolve("postmaster.pid"))) {
      new LocalPostgres(account, bin, data, data.resolveSibling("postgres.log"), 0).close();
    }
  }

  private void initdb() throws IOException {
    // the builtin C.UTF-8 provider case-folds every Vietnamese letter the same on any machine; the OS locale
    // stays C so a server without generated locales still starts
    run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
        "-E", "UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"), Duration.ofSeconds(120));
  }

  /**
   * Where the server's files go. As root, the service account must reach them; a data directory inside a
   * private folder (mode 700, as {@code mktemp -d} makes) cannot be reached, so the cluster then lives in
   * a folder of its own under /var/lib, with a link from the data directory to find it.
   */
  private static Path placeFor(Path home, ServiceAccount account) throws IOException {
    Files.createDirectories(home.getParent());
    if (account.canReach(home)) {
      return Files.createDirectories(home);
    }
    String key = Integer.toHexString(home.toString().hashCode());
    Path elsewhere = Path.of("/var/lib/danhoi-postgres", key);
    try {
      Files.createDirectories(elsewhere);
      Files.setPosixFilePermissions(elsewhere.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new AppConfig.ConfigException("DANHOI_DATA_DIR: the account '" + account.name() + "' cannot reach "
          + home + " (a parent folder is private) and " + elsewhere + " cannot be created. Use a data directory it "
          + "can reach, e.g.: DANHOI_DATA_DIR=/var/lib/danhoi java -jar danhoi.jar");
    }
    if (!Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(home, elsewhere);
    }
    LOG.info("The embedded PostgreSQL's files are in {}: the account '{}' cannot reach {} (a parent folder is "
        + "private); set DANHOI_DATA_DIR to a folder it can reach to keep them there", elsewhere, account.name(), home);
    return elsewhere;
  }

  /** The binaries, unpacked once per data directory from the jar Maven brought (zonky's .txz). */
  private static Path extractBinaries(Path dir) throws IOException {
    Path ready = dir.resolve(".complete");
    if (Files.isRegularFile(ready)) {
      return dir.resolve("bin");
    }
    deleteTree(dir);
    Path partial = Files.createDirectories(dir.resolveSibling(dir.getFileName() + ".partial"));
    deleteTree(partial);
    Files.createDirectories(partial);
    try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os(), architecture());
         TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(txz)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = partial.resolve(entry.getName()).normalize();
        if (!target.startsWith(partial)) {
          throw new IOException("unsafe entry in the PostgreSQL archive: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          boolean executable = (entry.getMode() & 0111) != 0;
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
    }
    Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(ready, "ok", StandardCharsets.UTF_8);
    return dir.resolve("bin");
  }

  private static String os() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    return name.contains("mac") ? "Darwin" : name.contains("win") ? "Windows" : "Linux";
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "arm_64";
      default -> arch;
    };
  }

  private void run(List<String> command, Duration timeout) throws IOException {
    List<String> full = account.command(command);
    // the output goes to a file, not a pipe: reading a pipe waits for its end, however long the process hangs
    Path outFile = Files.createTempFile(data.getParent(), "pg_ctl", ".out");
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(outFile.toFile())
          .directory(data.getParent().toFile()).start();
      try {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw new IOException(Path.of(command.get(0)).getFileName() + " did not finish in " + timeout.toMillis()
              + " ms");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (p.exitValue() != 0) {
        throw new IOException(Path.of(command.get(0)).getFileName() + " failed (" + p.exitValue() + "): "
            + Files.readString(outFile, StandardCharsets.UTF_8).trim() + tail(log));
      }
    } finally {
      Files.deleteIfExists(outFile);
    }
  }

  private static String tail(Path log) {
    try {
      if (!Files.isRegularFile(log)) {
        return "";
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** What the fast shutdown leaves to the immediate one, and the least the immediate one is given. */
  private static final Duration IMMEDIATE = Duration.ofMillis(1_500);
  private static final Duration IMMEDIATE_LEAST = IMMEDIATE.dividedBy(2);

  @Override
  public void close() {
    closeWithin(Duration.ofSeconds(20));
  }

  /**
   * Fast shutdown (sessions ended, everything committed on disk) within {@code budget}; what is left of it
   * then goes to an immediate one, which is crash-safe: the next start replays the write-ahead log.
   */
  public synchronized void closeWithin(Duration budget) {
    if (stopped) {
      return;
    }
    stopped = true;
    long deadline = System.nanoTime() + budget.toNanos();
    int fast = (int) Math.max(1, budget.minus(IMMEDIATE).toSeconds());
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-t",
          String.valueOf(fast), "-w", "stop"), Duration.ofSeconds(fast).plusMillis(500));
      LOG.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.warn("Stopping the embedded PostgreSQL: {}; stopping it at once", e.getMessage());
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      stopAtOnce(left.compareTo(IMMEDIATE_LEAST) > 0 ? left : IMMEDIATE_LEAST);
    }
  }

  private void stopAtOnce(Duration budget) {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
          budget);
    } catch (IOException e) {
      LOG.warn("Stopping the embedded PostgreSQL at once: {}", e.getMessage());
    }
  }
}
