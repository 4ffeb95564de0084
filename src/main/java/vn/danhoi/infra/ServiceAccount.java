package vn.danhoi.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The unprivileged account the embedded PostgreSQL runs under when danhoi itself runs as root: PostgreSQL
 * must never run as root, and many real installs (containers, fresh servers) start as root. As an
 * ordinary user, commands run as that user and nothing is arranged.
 */
public final class ServiceAccount {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceAccount.class);
  /** The system account danhoi creates (or reuses) as root, as the deployment guide's systemd unit names it. */
  static final String NAME = "danhoi";

  private final String name;
  private final int uid;
  private final int gid;

  private ServiceAccount(String name, int uid, int gid) {
    this.name = name;
    this.uid = uid;
    this.gid = gid;
  }

  /** The current user when it is not root; otherwise the service account, created if missing. */
  public static ServiceAccount forEmbeddedPostgres() {
    if (!isRoot()) {
      return new ServiceAccount(System.getProperty("user.name"), -1, -1);
    }
    String account = NAME;
    if (idOf(account, "-u") < 0) {
      create(account);
    }
    int uid = idOf(account, "-u");
    int gid = idOf(account, "-g");
    if (uid <= 0) {
      throw new AppConfig.ConfigException("DANHOI_PG_URL: the account '" + account + "' cannot run the embedded "
          + "PostgreSQL (it is missing or is root). Create it with: useradd --system --user-group --no-create-home "
          + "--shell /usr/sbin/nologin " + account + "   (or set DANHOI_PG_URL to an existing server)");
    }
    return new ServiceAccount(account, uid, gid);
  }

  static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** Whether commands are run under another account than the JVM's. */
  public boolean switches() {
    return uid > 0;
  }

  public String name() {
    return name;
  }

  /** The command, run as this account. */
  List<String> command(List<String> command) {
    if (!switches()) {
      return command;
    }
    // setpriv (util-linux, on every Debian and most other systems) changes the ids without a PAM session,
    // so it also works in containers with no login stack
    List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
    out.addAll(command);
    return out;
  }

  /** Gives the tree to this account (no-op unless switching). */
  void own(Path tree) throws IOException {
    if (!switches()) {
      return;
    }
    try (var paths = Files.walk(tree)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  /**
   * Whether this account can reach the directory: every parent must let others search it (the account is
   * neither owner nor group of directories root made). A clone in a private temporary folder cannot.
   */
  boolean canReach(Path dir) {
    if (!switches()) {
      return true;
    }
    for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        int owner = (Integer) Files.getAttribute(p, "unix:uid");
        boolean searchable = owner == uid ? perms.contains(PosixFilePermission.OWNER_EXECUTE)
            : perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        if (!searchable) {
          return false;
        }
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return true;
  }

  private static void create(String account) {
    List<String> command = List.of("useradd", "--system", "--user-group", "--no-create-home",
        "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", account);
    String hint = "DANHOI_PG_URL: running as root, the embedded PostgreSQL needs an unprivileged account and '"
        + account + "' could not be created. Create it with: " + String.join(" ", command)
        + "   (or run danhoi as an ordinary user, or set DANHOI_PG_URL to an existing server)";
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AppConfig.ConfigException(hint + (out.isEmpty() ? "" : " [useradd: " + out + "]"));
      }
      LOG.info("Created the system account '{}' for the embedded PostgreSQL", account);
    } catch (IOException e) {
      throw new AppConfig.ConfigException(hint);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AppConfig.ConfigException(hint);
    }
  }

  private static int idOf(String account, String flag) {
    try {
      Process p = new ProcessBuilder("id", flag, account).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return -1;
      }
      return Integer.parseInt(out);
    } catch (IOException | NumberFormatException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
