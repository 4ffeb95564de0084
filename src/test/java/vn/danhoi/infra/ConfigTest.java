package vn.danhoi.infra;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings come from config/application.json, overridden by DANHOI_* variables; a bad value stops start-up
 * with a message that names the variable. The last test starts a real node from overridden settings.
 */
@ExtendWith(VertxExtension.class)
class ConfigTest {

  static String db;
  static String prefix;

  @BeforeAll
  static void start() {
    db = TestStores.newDatabase();
    prefix = TestStores.newPrefix();
  }

  @AfterAll
  static void stop() {
    TestStores.dropDatabase(db);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "DANHOI_HTTP_PORT, abc",
      "DANHOI_HTTP_PORT, 70000",
      "DANHOI_HTTP_PORT, -1",
      "DANHOI_PG_URL, mysql://x",
      "DANHOI_PG_URL, postgresql://",
      "DANHOI_REDIS_URL, http://x",
      "DANHOI_TIMEZONE, Mars/Olympus",
      "DANHOI_DEMO, maybe",
      "DANHOI_TRUST_PROXY, có lẽ",
      "DANHOI_RATE_LIMIT_PER_MINUTE, 0",
      "DANHOI_BODY_LIMIT_BYTES, nhiều",
      "DANHOI_METRICS_PORT, 70000",
      "DANHOI_METRICS_TOKEN, ngắn-quá"
  })
  void badValueIsRefusedWithAMessageNamingTheVariable(String variable, String value) {
    AppConfig.ConfigException e = assertThrows(AppConfig.ConfigException.class,
        () -> AppConfig.load(Map.of(variable, value)));
    assertTrue(e.getMessage().contains(variable), e.getMessage());
  }

  @Test
  void defaultsComeFromTheConfigurationFile() {
    AppConfig c = AppConfig.load(Map.of());
    assertEquals(8080, c.http().port());
    assertEquals("0.0.0.0", c.http().host());
    assertEquals(65536, c.http().bodyLimitBytes());
    assertEquals("", c.stores().pgUrl());
    assertEquals("", c.stores().redisUrl());
    assertTrue(c.stores().embeddedPostgres());
    assertTrue(c.stores().embeddedRedis());
    assertEquals("danhoi:", c.stores().redisPrefix());
    assertEquals(Path.of("data"), c.stores().dataDir());
    assertEquals(ZoneId.of("Asia/Ho_Chi_Minh"), c.zone());
    assertEquals(60, c.intake().rateLimitPerMinute());
    assertTrue(c.intake().rateLimitBurst() > 1, "a burst allowance for viewers behind one carrier address");
    assertFalse(c.http().trustProxy());
    assertEquals(AppConfig.DemoMode.AUTO, c.stores().demo());
    assertTrue(c.stores().demoData(), "embedded mode seeds the demo episode");
    assertFalse(c.metrics().enabled(), "no metrics endpoint until a token or a port is configured");
    assertEquals("127.0.0.1", c.metrics().host());
  }

  @Test
  void theCitizenReceptionOfficeHasADemoValueAndIsOverriddenByEnvironment() {
    AppConfig.Reception demo = AppConfig.load(Map.of()).reception();
    assertTrue(demo.name().startsWith("Ban Tiếp công dân"), demo.toString());
    assertFalse(demo.address().isBlank() || demo.hours().isBlank() || demo.phone().isBlank(), demo.toString());
    AppConfig.Reception set = AppConfig.load(Map.of("DANHOI_RECEPTION_NAME", "Ban Tiếp công dân thành phố Cần Thơ",
        "DANHOI_RECEPTION_ADDRESS", "Số 2 Hòa Bình, phường Ninh Kiều, thành phố Cần Thơ",
        "DANHOI_RECEPTION_HOURS", "Thứ Hai đến thứ Sáu, giờ hành chính", "DANHOI_RECEPTION_PHONE", "0292 3820 000"))
        .reception();
    assertEquals(new AppConfig.Reception("Ban Tiếp công dân thành phố Cần Thơ",
        "Số 2 Hòa Bình, phường Ninh Kiều, thành phố Cần Thơ", "Thứ Hai đến thứ Sáu, giờ hành chính", "0292 3820 000"),
        set);
  }

  @Test
  void aShortMetricsTokenIsRefusedWithoutBeingRepeated() {
    AppConfig.ConfigException e = assertThrows(AppConfig.ConfigException.class,
        () -> AppConfig.load(Map.of("DANHOI_METRICS_TOKEN", "bí-mật-ngắn")));
    assertFalse(e.getMessage().contains("bí-mật-ngắn"), e.getMessage());
  }

  @Test
  void validOverridesAreApplied() {
    Map<String, String> env = new HashMap<>();
    env.put("DANHOI_HTTP_PORT", " 9099 ");
    env.put("DANHOI_PG_URL", "postgresql://danhoi@db.example.vn:5433/danhoi");
    env.put("DANHOI_REDIS_URL", "redis://cache.example.vn:6380");
    env.put("DANHOI_DATA_DIR", "/var/lib/danhoi");
    env.put("DANHOI_ADMIN_TOKEN", "mã-quản-trị");
    env.put("DANHOI_SMS_SECRET", "bí-mật-sms");
    env.put("DANHOI_TIMEZONE", "Asia/Bangkok");
    env.put("DANHOI_DEMO", "off");
    env.put("DANHOI_TRUST_PROXY", "true");
    env.put("DANHOI_RATE_LIMIT_PER_MINUTE", "120");
    env.put("DANHOI_RATE_LIMIT_BURST", "30");
    env.put("DANHOI_ALLOWED_ORIGINS", "https://danhoi.vtv.vn, https://dh.example.vn");

    AppConfig c = AppConfig.load(env);

    assertEquals(9099, c.http().port());
    assertEquals("postgresql://danhoi@db.example.vn:5433/danhoi", c.stores().pgUrl());
    assertFalse(c.stores().embeddedPostgres());
    assertEquals("redis://cache.example.vn:6380", c.stores().redisUrl());
    assertFalse(c.stores().embeddedRedis());
    assertEquals(Path.of("/var/lib/danhoi"), c.stores().dataDir());
    assertEquals("mã-quản-trị", c.access().adminToken());
    assertEquals("bí-mật-sms", c.access().smsSecret());
    assertEquals(ZoneId.of("Asia/Bangkok"), c.zone());
    assertEquals(AppConfig.DemoMode.OFF, c.stores().demo());
    assertFalse(c.stores().demoData());
    assertTrue(c.http().trustProxy());
    assertEquals(120, c.intake().rateLimitPerMinute());
    assertEquals(30, c.intake().rateLimitBurst());
    assertEquals(List.of("https://danhoi.vtv.vn", "https://dh.example.vn"), c.http().allowedOrigins());
  }

  @Test
  void pointingAtTheStoresChangesOnlyTheStoresAndSettlesTheDemoChoice() {
    AppConfig embedded = AppConfig.load(Map.of());
    AppConfig started = embedded.withStores("postgresql://danhoi@127.0.0.1:5433/danhoi", "redis://127.0.0.1:6380");

    assertEquals("postgresql://danhoi@127.0.0.1:5433/danhoi", started.stores().pgUrl());
    assertEquals("redis://127.0.0.1:6380", started.stores().redisUrl());
    assertEquals(AppConfig.DemoMode.ON, started.stores().demo(), "auto was decided while the stores were embedded");
    assertTrue(started.stores().demoData());
    assertEquals(embedded.stores().dataDir(), started.stores().dataDir());
    assertEquals(embedded.http(), started.http());
    assertEquals(embedded.access(), started.access());
    assertEquals(embedded.intake(), started.intake());
  }

  @Test
  void nodeStartsWithOverriddenSettings(Vertx vertx) {
    int port = TestStores.freePort();
    Map<String, String> env = new HashMap<>(TestNode.env(db, TestStores.redisUrl(), prefix));
    env.put("DANHOI_HTTP_PORT", Integer.toString(port));
    env.put("DANHOI_TIMEZONE", "Asia/Tokyo");
    try (TestNode node = TestNode.start(vertx, env)) {
      assertEquals(port, node.port());
      HttpResponse<Buffer> health = node.get("/health", null);
      assertEquals(200, health.statusCode(), health.bodyAsString());
      assertEquals("UP", health.bodyAsJsonObject().getString("status"));
      assertEquals(new JsonObject().put("postgres", "UP").put("redis", "UP"),
          health.bodyAsJsonObject().getJsonObject("checks"));

      // times are shown, and read when given without an offset, in the configured zone (+09:00, not +07:00)
      HttpResponse<Buffer> created = node.postJson("/api/episodes", new JsonObject()
          .put("title", "Dân hỏi – giờ Tokyo").put("startsAt", "2030-01-01T20:00:00")
          .put("durationMinutes", 60), TestNode.ADMIN_TOKEN);
      assertEquals(201, created.statusCode(), created.bodyAsString());
      assertEquals("2030-01-01T20:00:00+09:00", created.bodyAsJsonObject().getString("startsAt"));
      HttpResponse<Buffer> one = node.get("/api/episodes/" + created.bodyAsJsonObject().getString("id"), null);
      assertEquals("2030-01-01T21:00:00+09:00", one.bodyAsJsonObject().getJsonObject("intake").getString("closesAt"));
    }
  }
}
