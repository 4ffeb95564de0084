package vn.danhoi.infra;

import io.vertx.core.json.JsonObject;
import vn.danhoi.auth.Tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The admin token and SMS secret when none is configured: generated once and kept in the data
 * directory (owner-only), so a restart does not lock the council office out of its own consoles.
 */
public final class Secrets {

  private Secrets() {
  }

  public static AppConfig ensure(AppConfig config) throws IOException {
    if (!config.adminToken().isEmpty() && !config.smsSecret().isEmpty()) {
      return config;
    }
    Path file = config.dataDir().resolve("secrets.json");
    JsonObject stored = Files.isRegularFile(file)
        ? new JsonObject(Files.readString(file, StandardCharsets.UTF_8))
        : new JsonObject();
    if (!stored.containsKey("adminToken")) {
      stored.put("adminToken", Tokens.generate());
    }
    if (!stored.containsKey("smsSecret")) {
      stored.put("smsSecret", Tokens.generate());
    }
    Files.createDirectories(config.dataDir());
    Files.writeString(file, stored.encodePrettily(), StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the data directory's own protection applies
    }
    return config.withSecrets(
        config.adminToken().isEmpty() ? stored.getString("adminToken") : config.adminToken(),
        config.smsSecret().isEmpty() ? stored.getString("smsSecret") : config.smsSecret());
  }
}
