package vn.danhoi.infra;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The admin token and SMS secret when none is configured: generated once and kept in the data
 * directory (owner-only), so a restart does not lock the council office out of its own consoles.
 */
public final class Secrets {

  private Secrets() {
  }

  /** Where the generated secrets and the demo passwords are kept. */
  public static Path file(Path dataDir) {
    return dataDir.resolve("secrets.json");
  }

  /** A store URL fit to print or log: its password, in the user part or the query, replaced by ***. */
  public static String redactUrl(String url) {
    return url.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@")
        .replaceAll("([?&](?i:password)=)[^&]*", "$1***");
  }

  /**
   * Passwords of the demo accounts, generated once per data directory; newPassword draws one for a username
   * (what makes a password strong enough is auth's rule, not this file's).
   */
  public static Map<String, String> demoPasswords(Path dataDir, List<String> usernames,
                                                            UnaryOperator<String> newPassword)
      throws IOException {
    Path file = file(dataDir);
    JsonObject stored = Files.isRegularFile(file)
        ? new JsonObject(Files.readString(file, StandardCharsets.UTF_8))
        : new JsonObject();
    JsonObject demo = stored.getJsonObject("demoPasswords", new JsonObject());
    usernames.forEach(u -> {
      if (!demo.containsKey(u)) {
        demo.put(u, newPassword.apply(u));
      }
    });
    stored.put("demoPasswords", demo);
    write(file, stored);
    Map<String, String> out = new LinkedHashMap<>();
    usernames.forEach(u -> out.put(u, demo.getString(u)));
    return out;
  }

  public static AppConfig ensure(AppConfig config) throws IOException {
    AppConfig.Access given = config.access();
    if (!given.adminToken().isEmpty() && !given.smsSecret().isEmpty()) {
      return config;
    }
    Path file = file(config.stores().dataDir());
    JsonObject stored = Files.isRegularFile(file)
        ? new JsonObject(Files.readString(file, StandardCharsets.UTF_8))
        : new JsonObject();
    if (!stored.containsKey("adminToken")) {
      stored.put("adminToken", Tokens.generate());
    }
    if (!stored.containsKey("smsSecret")) {
      stored.put("smsSecret", Tokens.generate());
    }
    write(file, stored);
    return config.withAccess(new AppConfig.Access(
        given.adminToken().isEmpty() ? stored.getString("adminToken") : given.adminToken(),
        given.smsSecret().isEmpty() ? stored.getString("smsSecret") : given.smsSecret()));
  }

  private static void write(Path file, JsonObject content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content.encodePrettily(), StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the data directory's own protection applies
    }
  }
}
