package vn.danhoi.bench;

import io.vertx.core.json.JsonObject;
import vn.danhoi.support.Sql;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the machine allows without danhoi: PostgreSQL single-row INSERT commits/s and Redis XADD/s. */
final class Limits {

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

  private Limits() {
  }

  /**
   * pgbench with a custom script: one single-row INSERT (autocommit, so one commit each) into a table
   * shaped like submissions, at the server's pool size, for the given seconds.
   */
  static JsonObject pgInsert(String pgUrl, int clients, int seconds) throws IOException {
    Sql sql = new Sql(pgUrl);
    sql.rows("DROP TABLE IF EXISTS bench_insert");
    sql.rows("CREATE TABLE bench_insert (id uuid PRIMARY KEY, episode_id uuid, channel text NOT NULL, "
        + "asker_name text, locality text, phone text, text text NOT NULL, consent_basis text NOT NULL, "
        + "received_at timestamptz NOT NULL DEFAULT now())");
    Path script = Files.createTempFile("bench-insert", ".sql");
    Files.writeString(script, "INSERT INTO bench_insert (id, episode_id, channel, asker_name, locality, phone, text, "
        + "consent_basis) VALUES (gen_random_uuid(), '" + UUID.randomUUID() + "', 'web', 'Người xem', "
        + "'Xã Mỹ Yên, huyện Bến Lức', '0912345678', 'Xin hỏi khi nào xã em có nước sạch và điện ổn định?', "
        + "'consent-v1');\n", StandardCharsets.UTF_8);
    List<String> command = List.of("pgbench", "-n", "-f", script.toString(), "-c", Integer.toString(clients), "-j",
        "2", "-T", Integer.toString(seconds), pgUrl);
    try {
      String out = run(command);
      Matcher m = TPS.matcher(out);
      long rows = sql.count("SELECT count(*) FROM bench_insert");
      if (!m.find()) {
        throw new IOException("pgbench gave no tps:\n" + out);
      }
      return new JsonObject().put("insertCommitsPerSecond", Double.parseDouble(m.group(1))).put("clients", clients)
          .put("seconds", seconds).put("rows", rows).put("version", run(List.of("pgbench", "--version")).strip())
          .put("command", String.join(" ", command.subList(0, command.size() - 1)).replace(script.toString(),
              "insert.sql") + " <database url>")
          .put("script", Files.readString(script, StandardCharsets.UTF_8).strip());
    } finally {
      sql.rows("DROP TABLE IF EXISTS bench_insert");
      Files.deleteIfExists(script);
    }
  }

  /** redis-benchmark XADD at the given clients; its CSV line "test","rps",… gives the rate. */
  static JsonObject redisXadd(String redisUrl, int requests, int clients) throws IOException {
    URI u = URI.create(redisUrl);
    String key = "bench:stream:" + UUID.randomUUID().toString().substring(0, 8);
    List<String> command = new ArrayList<>(List.of("redis-benchmark", "-h", u.getHost(), "-p",
        Integer.toString(u.getPort() < 0 ? 6379 : u.getPort()), "-n", Integer.toString(requests), "-c",
        Integer.toString(clients), "--csv", "XADD", key, "*", "f", "v"));
    try {
      String out = run(command);
      Double rps = null;
      for (String line : out.split("\n")) {
        String[] cells = line.split(",");
        if (cells.length > 1 && cells[0].contains("XADD")) {
          rps = Double.parseDouble(cells[1].replace("\"", "").trim());
        }
      }
      if (rps == null) {
        throw new IOException("redis-benchmark gave no XADD rate:\n" + out);
      }
      return new JsonObject().put("xaddPerSecond", rps).put("requests", requests).put("clients", clients)
          .put("command", String.join(" ", command).replace(" * ", " '*' "));
    } finally {
      run(List.of("redis-cli", "-h", u.getHost(), "-p", Integer.toString(u.getPort() < 0 ? 6379 : u.getPort()),
          "DEL", key));
    }
  }

  static String run(List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGCLIENTENCODING", "UTF8");
    Process p = builder.start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command.subList(0, 1)) + " failed:\n" + out);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }
}
