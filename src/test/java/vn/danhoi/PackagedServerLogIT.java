package vn.danhoi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import vn.danhoi.support.PackagedServer;
import vn.danhoi.support.TestNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged jar, run as an operator runs it, logs through its one backend and never prints a secret:
 * neither those it is given nor those it generates (which it says where to read). With
 * DANHOI_LOG_FORMAT=json every line it writes is one JSON object.
 */
class PackagedServerLogIT {

  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration STOP = Duration.ofSeconds(10);

  @Test
  void configuredSecretsNeverReachTheOutputAndEveryJsonLineParses() throws IOException {
    Map<String, String> env = PackagedServer.env("log-json");
    List<String> secrets = new ArrayList<>();
    env.put("DANHOI_ADMIN_TOKEN", secret(secrets, "admin"));
    env.put("DANHOI_SMS_SECRET", secret(secrets, "sms"));
    env.put("DANHOI_BOOTSTRAP_ADMIN", "quantri");
    env.put("DANHOI_BOOTSTRAP_PASSWORD", secret(secrets, "pw"));
    // no SMTP or IMAP server is named, so these are never used; they must not be printed either
    env.put("DANHOI_SMTP_PASSWORD", secret(secrets, "smtp"));
    env.put("DANHOI_MAIL_IMAP_PASSWORD", secret(secrets, "imap"));
    if (env.containsKey("DANHOI_PG_URL")) {
      // the test server trusts local connections, so PostgreSQL never asks for it: it is only in the URL
      String pgPassword = secret(secrets, "pg");
      env.put("DANHOI_PG_URL", env.get("DANHOI_PG_URL").replace("postgresql://postgres@",
          "postgresql://postgres:" + pgPassword + "@"));
    }
    env.put("DANHOI_DEMO", "off");
    env.put("DANHOI_LOG_FORMAT", "json");

    String out;
    try (PackagedServer server = PackagedServer.start(env, START)) {
      String admin = env.get("DANHOI_ADMIN_TOKEN");
      String episode = exercise(server, admin);
      assertEquals(200, server.post("/api/auth/login", new JsonObject().put("username", "quantri")
          .put("password", env.get("DANHOI_BOOTSTRAP_PASSWORD")).encode(), null).statusCode());
      assertEquals(401, server.post("/api/auth/login", new JsonObject().put("username", "quantri")
          .put("password", env.get("DANHOI_BOOTSTRAP_PASSWORD") + "x").encode(), null).statusCode());
      assertEquals(401, server.post("/api/intake/sms", "{}", admin).statusCode(), "an unsigned SMS webhook");
      assertEquals(202, server.post("/api/episodes/" + episode + "/questions",
          TestNode.question("Phạm Thị Lan", "Đường liên ấp khi nào được trải nhựa?").encode(), null).statusCode());
      server.terminate(STOP);
      out = server.output();
    } finally {
      PackagedServer.dropDatabase(env);
    }

    assertNoSecret(out, secrets);
    assertFalse(out.contains("StatusLogger"), out);
    ObjectMapper json = new ObjectMapper();
    boolean banner = false;
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode event;
      try {
        event = json.readTree(line);
      } catch (IOException e) {
        throw new AssertionError("Not a JSON line: " + line, e);
      }
      assertTrue(event.isObject() && event.has("level") && event.has("formattedMessage"), line);
      banner |= event.path("formattedMessage").asText().contains("danhoi is running");
    }
    assertTrue(banner, "the banner is logged as an event: " + out);
    assertTrue(out.contains("DANHOI_ADMIN_TOKEN"), "the banner names where the token comes from");
  }

  @Test
  void generatedSecretsAreReadFromTheDataDirectoryNeverFromTheOutput() throws IOException {
    Map<String, String> env = PackagedServer.env("log-text");
    // the embedded Redis too, so its start is in the output
    env.remove("DANHOI_REDIS_URL");
    env.remove("DANHOI_REDIS_PREFIX");
    env.put("DANHOI_DEMO", "on");

    // the JVM's own temporary directory, which nothing may use: every work file belongs under the data
    // directory (a shared /tmp folder made by one OS user breaks the next, as POI's poifiles did)
    Path jvmTmp = Files.createTempDirectory(Path.of(env.get("DANHOI_DATA_DIR")).getParent(), "jvm-tmp-");
    String out;
    JsonObject stored;
    try (PackagedServer server = PackagedServer.start("the packaged server", env, START,
        List.of("-Djava.io.tmpdir=" + jvmTmp))) {
      stored = new JsonObject(Files.readString(server.dataDir().resolve("secrets.json"), StandardCharsets.UTF_8));
      String admin = stored.getString("adminToken");
      exercise(server, admin);
      JsonObject demo = stored.getJsonObject("demoPasswords");
      assertEquals(200, server.post("/api/auth/login", new JsonObject().put("username", "bientap")
          .put("password", demo.getString("bientap")).encode(), null).statusCode());
      server.terminate(STOP);
      out = server.output();
    } finally {
      PackagedServer.dropDatabase(env);
    }

    List<String> secrets = new ArrayList<>(List.of(stored.getString("adminToken"), stored.getString("smsSecret")));
    stored.getJsonObject("demoPasswords").forEach(e -> secrets.add((String) e.getValue()));
    assertEquals(7, secrets.size());
    assertNoSecret(out, secrets);
    assertFalse(out.contains("StatusLogger"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .*")),
        "Logback writes the server's lines: " + out);
    String secretsFile = env.get("DANHOI_DATA_DIR") + "/secrets.json";
    assertTrue(out.contains("adminToken in " + secretsFile), out);
    assertTrue(out.contains("smsSecret in " + secretsFile), out);
    for (String role : List.of("admin", "editor", "operator", "studio", "agency")) {
      assertTrue(out.lines().anyMatch(l -> l.matches("\\s+\\S+\\s+" + role)), "the demo account of " + role);
    }
    assertTrue(out.contains("/studio.html?episode="), out);
    assertTrue(out.contains("/live.html?episode="), out);
    try (var left = Files.list(jvmTmp)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList(),
          "files left in the JVM's temporary directory instead of the data directory");
    }
    assertTrue(Files.isDirectory(Path.of(env.get("DANHOI_DATA_DIR"), "tmp")),
        "the work files' folder, in the data directory");
  }

  /**
   * Requests that make the server use its secrets and libraries: the admin token, an episode, the register's
   * XLSX (Apache POI, which logs through the Log4j API), a 404. The episode on air, for a question.
   */
  private static String exercise(PackagedServer server, String admin) throws IOException {
    assertEquals(200, server.get("/", null).statusCode());
    assertEquals(200, server.get("/api/episodes", admin).statusCode());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    HttpResponse<String> created = server.post("/api/episodes", new JsonObject()
        .put("title", "Dân hỏi – Chính quyền trả lời").put("topic", "Giao thông nông thôn")
        .put("startsAt", now.minusMinutes(5).toString()).put("durationMinutes", 60).encode(), admin);
    assertEquals(201, created.statusCode(), created.body());
    HttpResponse<String> xlsx = server.get("/api/register.xlsx", admin);
    assertEquals(200, xlsx.statusCode(), xlsx.body());
    assertEquals(404, server.get("/api/no-such-thing", null).statusCode());
    return new JsonObject(created.body()).getString("id");
  }

  private static String secret(List<String> all, String kind) {
    String s = kind + "-" + UUID.randomUUID().toString().replace("-", "");
    all.add(s);
    return s;
  }

  private static void assertNoSecret(String out, List<String> secrets) {
    for (String s : secrets) {
      if (out.contains(s)) {
        fail("A secret was printed (" + s.substring(0, Math.min(4, s.length())) + "…):\n" + out);
      }
    }
  }
}
