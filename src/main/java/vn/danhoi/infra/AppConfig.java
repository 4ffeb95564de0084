package vn.danhoi.infra;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;


/**
 * The application's settings: defaults from config/application.json, overridden by DANHOI_* environment
 * variables. The only place that reads the environment; a bad value fails with the variable's name. Grouped
 * by concern, so a copy that changes one group (the stores, the access secrets) names only the others.
 */
public record AppConfig(
    Http http,
    Stores stores,
    Access access,
    ZoneId zone,
    JsonObject workingDays,
    Intake intake,
    Security security,
    Moderation moderation,
    Mail mail,
    MailImap mailImap,
    Followup followup,
    Metrics metrics,
    Reception reception,
    Sms sms,
    LiveChat liveChat,
    Platforms platforms,
    Zalo zalo) {

  public enum DemoMode { AUTO, ON, OFF }

  /**
   * SMS out and the notices' queue. provider: log (nothing leaves; the default), twilio or http (a gateway
   * described by template). from: Twilio's sender number, or the brandname. fold: texts without diacritics
   * (GSM-7, 160 characters a part). perNumberPerDay and perDay: how many SMS one number, and all numbers, may
   * be sent in a day of the council's time zone. lookupKeyword and shortCode: what a citizen texts, and where,
   * to ask where their question stands; lookupsPerMinute: how often one address may use the follow page. intervalMillis: how often the queue is read; retryMillis: the first
   * pause before a message the provider did not take is tried again (doubling, up to an hour, maxAttempts).
   */
  public record Sms(String provider, String from, boolean fold, int timeoutMillis, int perNumberPerDay, int perDay,
                    int maxAttempts, int retryMillis, int intervalMillis, String lookupKeyword, String shortCode,
                    int lookupsPerMinute, Twilio twilio, HttpGateway http) {
    @Override
    public String toString() {
      return "Sms[provider=" + provider + ", from=" + from + "]";
    }
  }

  /**
   * Reading the live chats (YouTube, Facebook): how often a node looks for a due stream, how long a claim on
   * one holds, how long one read may take, the first and longest pause after failed reads, and the YouTube
   * project's daily quota in units (10,000 unless Google granted more).
   */
  public record LiveChat(int tickMillis, int leaseMillis, int timeoutMillis, int retryMillis, int maxRetryMillis,
                         int youtubeDailyQuota) {
  }

  /**
   * The council's Zalo Official Account. appId and oaSecretKey check the OA webhook's X-ZEvent-Signature (no
   * secret: every event is refused); accessToken calls the OA API (the receipt, when ack is on), refreshed with
   * refreshToken and appSecret at oauthBase when Zalo says it expired. Admin-only settings: never printed, never
   * sent to a browser.
   */
  public record Zalo(String appId, String oaSecretKey, String oaId, String accessToken, String refreshToken,
                     String appSecret, String apiBase, String oauthBase, boolean ack, int timeoutMillis) {
    /** Events are taken in (the webhook can check their signature). */
    public boolean configured() {
      return !appId.isEmpty() && !oaSecretKey.isEmpty();
    }

    @Override
    public String toString() {
      return "Zalo[app=" + appId + ", oa=" + oaId + ", ack=" + ack + ", secret " + (oaSecretKey.isEmpty() ? "unset" : "set")
          + ", token " + (accessToken.isEmpty() ? "unset" : "set") + "]";
    }
  }

  /** Twilio's Messages API: the account, its auth token (also the key of its delivery reports' signature). */
  public record Twilio(String baseUrl, String accountSid, String authToken, String messagingServiceSid) {
    @Override
    public String toString() {
      return "Twilio[" + accountSid + "]";
    }
  }

  /**
   * A generic HTTP JSON gateway: where and how a message is posted (headers, a body template with {{to}},
   * {{to84}}, {{toE164}}, {{text}}, {{id}}, {{brandname}}), how its answer says success, and how its delivery
   * reports (signed with reportSecret, HMAC-SHA256) name the message and its fate.
   */
  public record HttpGateway(String url, String method, JsonObject headers, String body, String brandname,
                            String successPath, List<String> successValues, String idPath, String errorPath,
                            List<String> retryValues, boolean idempotent, String reportSecret, String reportIdPath,
                            String reportStatusPath, List<String> deliveredValues, List<String> failedValues,
                            String reportCodePath) {
    @Override
    public String toString() {
      return "HttpGateway[" + url + "]";
    }
  }

  /**
   * The HTTP server and what a request may carry: instances 0 means one per core; publicUrl is the address
   * the public reaches (links, secure cookies); scanMaxBytes bounds one uploaded scan.
   */
  public record Http(String host, int port, int instances, String publicUrl, List<String> allowedOrigins,
                     boolean trustProxy, int bodyLimitBytes, BodyTime bodyTime, int scanMaxBytes) {
  }

  /**
   * PostgreSQL, Redis and the data folder; an empty URL means the embedded store. demo AUTO seeds the demo
   * episode into an embedded database only. pgOnAirPoolSize: the connections kept for the on-air path (an
   * editor's on-air, next and answered, and the studio and live states they cause), which never wait behind
   * intake for a connection.
   */
  public record Stores(String pgUrl, int pgPoolSize, int pgOnAirPoolSize, String redisUrl, String redisPrefix, int redisTimeoutMillis,
                       Path dataDir, DemoMode demo) {
    public boolean embeddedPostgres() {
      return pgUrl.isEmpty();
    }

    public boolean embeddedRedis() {
      return redisUrl.isEmpty();
    }

    public boolean demoData() {
      return demo == DemoMode.ON || (demo == DemoMode.AUTO && embeddedPostgres());
    }

    /** Points at the stores actually used; "auto" demo data is decided here, while we still know. */
    Stores pointedAt(String pg, String redis) {
      DemoMode resolved = demo != DemoMode.AUTO ? demo : (embeddedPostgres() ? DemoMode.ON : DemoMode.OFF);
      return new Stores(pg, pgPoolSize, pgOnAirPoolSize, redis, redisPrefix, redisTimeoutMillis, dataDir, resolved);
    }
  }

  /** The admin API's bearer token and the SMS gateway's signing secret (generated when empty, see Secrets). */
  public record Access(String adminToken, String smsSecret) {
  }

  /**
   * How long a request body may take to arrive: it must keep moving (no pause longer than idleSeconds) and be
   * complete within maxSeconds, else it is answered 408 and whatever it wrote to disk is removed.
   */
  public record BodyTime(int idleSeconds, int maxSeconds) {
  }

  /**
   * Staff sessions, log-in throttling, personal-data retention, framing of the studio page, and how many
   * viewers behind one address may "+1" one question a day.
   */
  public record Security(
      int sessionIdleMinutes,
      int sessionMaxHours,
      int loginLockAfter,
      int loginLockMinutes,
      int retentionDays,
      String studioFrameAncestors,
      String bootstrapAdmin,
      String bootstrapPassword,
      int supportsPerAddress) {
  }

  /**
   * Group commit of submissions: up to batchMax concurrent requests share one round trip and one commit,
   * with at most batchInFlight such commits running at once (batchMax 1 stores each request alone). The
   * public's requests per address (a minute's allowance and a burst), and how often the relay moves committed
   * submissions onto the Redis queue.
   */
  public record Intake(int batchMax, int batchInFlight, int rateLimitPerMinute, int rateLimitBurst,
                       int relayIntervalMillis) {
  }

  /** How long an editor's claim on an item holds without being renewed. */
  public record Moderation(int claimTtlSeconds) {
  }

  /**
   * Outgoing mail (the run-down sent to responders). An empty host means no SMTP server is configured, and
   * sending is refused rather than pretended. security: none, starttls or ssl.
   */
  public record Mail(String host, int port, String username, String password, String from, String security,
                     int timeoutMillis) {
    public boolean configured() {
      return !host.isEmpty();
    }

    /** Never the password, should the settings be printed. */
    @Override
    public String toString() {
      return "Mail[" + security + "://" + (username.isEmpty() ? "" : username + "@") + host + ":" + port + ", from "
          + from + "]";
    }
  }

  /** After the show: where overdue answers are escalated (the council office), how often the pass runs. */
  public record Followup(String escalationEmail, int intervalSeconds) {
  }

  /**
   * The council's citizen reception office (Ban Tiếp công dân), where a complaint or denunciation is lodged
   * (Luật Tiếp công dân 2013): the formal reply to its author names it, with where and when it receives people.
   */
  public record Reception(String name, String address, String hours, String phone) {
  }

  /**
   * The Prometheus endpoint: GET /metrics on the main port when a token is set (bearer, required), and on a
   * port of its own when port is above 0 (reached by whoever can reach host; the token, if set, applies too).
   */
  public record Metrics(String token, String host, int port) {
    public boolean enabled() {
      return !token.isEmpty() || port > 0;
    }

    /** Never the token, should the settings be printed. */
    @Override
    public String toString() {
      return "Metrics[" + (token.isEmpty() ? "no token" : "token set") + ", "
          + (port > 0 ? host + ":" + port : "no port") + "]";
    }
  }

  /**
   * The IMAP mailbox e-mailed questions are collected from; polling is off when host is empty. A mail's files
   * are kept up to attachmentMaxBytes each and attachmentsMaxBytes together; beyond, they are only listed.
   */
  public record MailImap(String host, int port, boolean tls, String user, String password, String folder,
                         String processedFolder, int pollSeconds, int attachmentMaxBytes, int attachmentsMaxBytes) {
    public boolean enabled() {
      return !host.isEmpty();
    }
  }

  /**
   * The live platforms' APIs (YouTube Data API v3, the Graph API with its version): where they are (tests point
   * them at local fakes), how long one request may take, and how often a Facebook live video's comments are read
   * (YouTube says its own pace).
   */
  public record Platforms(String youtubeApiUrl, String facebookGraphUrl, int timeoutMillis, int facebookPollMillis) {
  }

  /** Raised for a configuration value that cannot be used; the message names the variable. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }

  public static AppConfig load(Map<String, String> env) {
    checkLogging(env);
    JsonObject file = readFile(env.get("DANHOI_CONFIG"));
    Source s = new Source(file, env);
    return new AppConfig(
        new Http(
            s.string("DANHOI_HTTP_HOST", "http.host"),
            s.integer("DANHOI_HTTP_PORT", "http.port", 0, 65535),
            s.integer("DANHOI_HTTP_INSTANCES", "http.instances", 0, 64),
            s.string("DANHOI_PUBLIC_URL", "http.publicUrl"),
            s.list("DANHOI_ALLOWED_ORIGINS", "http.allowedOrigins"),
            s.bool("DANHOI_TRUST_PROXY", "http.trustProxy"),
            s.integer("DANHOI_BODY_LIMIT_BYTES", "http.bodyLimitBytes", 1024, 64 * 1024 * 1024),
            new BodyTime(
                s.integer("DANHOI_BODY_IDLE_SECONDS", "http.bodyIdleSeconds", 1, 3600),
                s.integer("DANHOI_BODY_MAX_SECONDS", "http.bodyMaxSeconds", 1, 24 * 3600)),
            s.integer("DANHOI_SCAN_MAX_BYTES", "register.scanMaxBytes", 1024, 256 * 1024 * 1024)),
        new Stores(
            s.uri("DANHOI_PG_URL", "postgres.url", "postgresql", "postgres"),
            s.integer("DANHOI_PG_POOL_SIZE", "postgres.poolSize", 1, 512),
            s.integer("DANHOI_PG_ONAIR_POOL_SIZE", "postgres.onAirPoolSize", 1, 64),
            s.uri("DANHOI_REDIS_URL", "redis.url", "redis", "rediss"),
            s.string("DANHOI_REDIS_PREFIX", "redis.prefix"),
            s.integer("DANHOI_REDIS_TIMEOUT_MS", "redis.timeoutMillis", 50, 60_000),
            Path.of(s.string("DANHOI_DATA_DIR", "dataDir")),
            s.parsed("DANHOI_DEMO", "demo", v -> DemoMode.valueOf(v.toUpperCase(Locale.ROOT)))),
        new Access(
            s.string("DANHOI_ADMIN_TOKEN", "adminToken"),
            s.string("DANHOI_SMS_SECRET", "sms.secret")),
        s.parsed("DANHOI_TIMEZONE", "timezone", ZoneId::of),
        workingDays(env.get("DANHOI_WORKING_DAYS")),
        new Intake(
            s.integer("DANHOI_INTAKE_BATCH_MAX", "intake.batchMax", 1, 1_024),
            s.integer("DANHOI_INTAKE_BATCH_IN_FLIGHT", "intake.batchInFlight", 1, 256),
            s.integer("DANHOI_RATE_LIMIT_PER_MINUTE", "rateLimit.perMinute", 1, 10_000_000),
            s.integer("DANHOI_RATE_LIMIT_BURST", "rateLimit.burst", 1, 10_000_000),
            s.integer("DANHOI_RELAY_INTERVAL_MS", "queue.relayIntervalMillis", 50, 60_000)),
        new Security(
            s.integer("DANHOI_SESSION_IDLE_MINUTES", "security.sessionIdleMinutes", 1, 7 * 24 * 60),
            s.integer("DANHOI_SESSION_MAX_HOURS", "security.sessionMaxHours", 1, 24 * 30),
            s.integer("DANHOI_LOGIN_LOCK_AFTER", "security.loginLockAfter", 1, 100),
            s.integer("DANHOI_LOGIN_LOCK_MINUTES", "security.loginLockMinutes", 1, 24 * 60),
            s.integer("DANHOI_RETENTION_DAYS", "security.retentionDays", 0, 3650),
            s.string("DANHOI_STUDIO_FRAME_ANCESTORS", "security.studioFrameAncestors"),
            s.string("DANHOI_BOOTSTRAP_ADMIN", "security.bootstrapAdmin"),
            s.string("DANHOI_BOOTSTRAP_PASSWORD", "security.bootstrapPassword"),
            s.integer("DANHOI_SUPPORTS_PER_ADDRESS", "security.supportsPerAddress", 1, 1_000_000)),
        new Moderation(s.integer("DANHOI_CLAIM_TTL_SECONDS", "moderation.claimTtlSeconds", 1, 3600)),
        new Mail(
            s.string("DANHOI_SMTP_HOST", "mail.smtp.host"),
            s.integer("DANHOI_SMTP_PORT", "mail.smtp.port", 1, 65535),
            s.string("DANHOI_SMTP_USERNAME", "mail.smtp.username"),
            s.string("DANHOI_SMTP_PASSWORD", "mail.smtp.password"),
            s.string("DANHOI_SMTP_FROM", "mail.smtp.from"),
            s.parsed("DANHOI_SMTP_SECURITY", "mail.smtp.security", v -> {
              if (!List.of("none", "starttls", "ssl").contains(v)) {
                throw new IllegalArgumentException("expected none, starttls or ssl");
              }
              return v;
            }),
            s.integer("DANHOI_SMTP_TIMEOUT_MS", "mail.smtp.timeoutMillis", 100, 300_000)),
        new MailImap(
            s.string("DANHOI_MAIL_IMAP_HOST", "mail.imap.host"),
            s.integer("DANHOI_MAIL_IMAP_PORT", "mail.imap.port", 1, 65535),
            s.bool("DANHOI_MAIL_IMAP_TLS", "mail.imap.tls"),
            s.string("DANHOI_MAIL_IMAP_USER", "mail.imap.user"),
            s.string("DANHOI_MAIL_IMAP_PASSWORD", "mail.imap.password"),
            s.string("DANHOI_MAIL_IMAP_FOLDER", "mail.imap.folder"),
            s.string("DANHOI_MAIL_IMAP_PROCESSED_FOLDER", "mail.imap.processedFolder"),
            s.integer("DANHOI_MAIL_IMAP_POLL_SECONDS", "mail.imap.pollSeconds", 5, 86_400),
            s.integer("DANHOI_MAIL_ATTACHMENT_MAX_BYTES", "mail.attachmentMaxBytes", 1024, 256 * 1024 * 1024),
            s.integer("DANHOI_MAIL_ATTACHMENTS_MAX_BYTES", "mail.attachmentsMaxBytes", 1024, 1024 * 1024 * 1024)),
        new Followup(
            s.string("DANHOI_FOLLOWUP_ESCALATION_EMAIL", "followup.escalationEmail"),
            s.integer("DANHOI_FOLLOWUP_INTERVAL_SECONDS", "followup.intervalSeconds", 10, 86_400)),
        new Metrics(
            s.secret("DANHOI_METRICS_TOKEN", "metrics.token", 16),
            s.string("DANHOI_METRICS_HOST", "metrics.host"),
            s.integer("DANHOI_METRICS_PORT", "metrics.port", 0, 65535)),
        new Reception(
            s.string("DANHOI_RECEPTION_NAME", "reception.name"),
            s.string("DANHOI_RECEPTION_ADDRESS", "reception.address"),
            s.string("DANHOI_RECEPTION_HOURS", "reception.hours"),
            s.string("DANHOI_RECEPTION_PHONE", "reception.phone")),
        sms(s),
        new LiveChat(
            s.integer("DANHOI_LIVECHAT_TICK_MS", "liveChat.tickMillis", 50, 60_000),
            s.integer("DANHOI_LIVECHAT_LEASE_MS", "liveChat.leaseMillis", 1_000, 600_000),
            s.integer("DANHOI_LIVECHAT_TIMEOUT_MS", "liveChat.timeoutMillis", 100, 120_000),
            s.integer("DANHOI_LIVECHAT_RETRY_MS", "liveChat.retryMillis", 10, 600_000),
            s.integer("DANHOI_LIVECHAT_MAX_RETRY_MS", "liveChat.maxRetryMillis", 10, 3_600_000),
            s.integer("DANHOI_YOUTUBE_DAILY_QUOTA", "liveChat.youtubeDailyQuota", 1, 100_000_000)),
        platforms(s),
        new Zalo(
            s.string("DANHOI_ZALO_APP_ID", "zalo.appId"),
            s.secret("DANHOI_ZALO_OA_SECRET_KEY", "zalo.oaSecretKey", 8),
            s.string("DANHOI_ZALO_OA_ID", "zalo.oaId"),
            s.string("DANHOI_ZALO_ACCESS_TOKEN", "zalo.accessToken"),
            s.string("DANHOI_ZALO_REFRESH_TOKEN", "zalo.refreshToken"),
            s.string("DANHOI_ZALO_APP_SECRET", "zalo.appSecret"),
            s.uri("DANHOI_ZALO_API_BASE", "zalo.apiBase", "https", "http"),
            s.uri("DANHOI_ZALO_OAUTH_BASE", "zalo.oauthBase", "https", "http"),
            s.parsed("DANHOI_ZALO_ACK", "zalo.ack", v -> switch (v.toLowerCase(Locale.ROOT)) {
              case "on", "true", "1", "yes" -> true;
              case "off", "false", "0", "no", "" -> false;
              default -> throw new IllegalArgumentException("expected on or off");
            }),
            s.integer("DANHOI_ZALO_TIMEOUT_MS", "zalo.timeoutMillis", 100, 120_000)));
  }

  private static Platforms platforms(Source s) {
    return new Platforms(
        s.uri("DANHOI_YOUTUBE_API_URL", "platforms.youtubeApiUrl", "https", "http"),
        s.uri("DANHOI_FACEBOOK_GRAPH_URL", "platforms.facebookGraphUrl", "https", "http"),
        s.integer("DANHOI_PLATFORM_TIMEOUT_MS", "platforms.timeoutMillis", 100, 120_000),
        s.integer("DANHOI_FACEBOOK_POLL_MS", "platforms.facebookPollMillis", 1000, 600_000));
  }

  private static Sms sms(Source s) {
    return new Sms(
        s.parsed("DANHOI_SMS_PROVIDER", "sms.provider", v -> {
          if (!List.of("log", "twilio", "http").contains(v)) {
            throw new IllegalArgumentException("expected log, twilio or http");
          }
          return v;
        }),
        s.string("DANHOI_SMS_FROM", "sms.from"),
        s.bool("DANHOI_SMS_FOLD", "sms.fold"),
        s.integer("DANHOI_SMS_TIMEOUT_MS", "sms.timeoutMillis", 100, 120_000),
        s.integer("DANHOI_SMS_PER_NUMBER_PER_DAY", "sms.perNumberPerDay", 1, 10_000),
        s.integer("DANHOI_SMS_PER_DAY", "sms.perDay", 1, 10_000_000),
        s.integer("DANHOI_SMS_MAX_ATTEMPTS", "sms.maxAttempts", 1, 50),
        s.integer("DANHOI_SMS_RETRY_MS", "sms.retryMillis", 10, 3_600_000),
        s.integer("DANHOI_NOTICE_INTERVAL_MS", "sms.intervalMillis", 50, 600_000),
        s.string("DANHOI_SMS_LOOKUP_KEYWORD", "sms.lookupKeyword"),
        s.string("DANHOI_SMS_SHORT_CODE", "sms.shortCode"),
        s.integer("DANHOI_TRACK_PER_MINUTE", "sms.lookupsPerMinute", 1, 10_000),
        new Twilio(
            s.string("DANHOI_SMS_TWILIO_BASE_URL", "sms.twilio.baseUrl"),
            s.string("DANHOI_SMS_TWILIO_ACCOUNT_SID", "sms.twilio.accountSid"),
            s.secret("DANHOI_SMS_TWILIO_AUTH_TOKEN", "sms.twilio.authToken", 16),
            s.string("DANHOI_SMS_TWILIO_MESSAGING_SERVICE_SID", "sms.twilio.messagingServiceSid")),
        new HttpGateway(
            s.string("DANHOI_SMS_HTTP_URL", "sms.http.url"),
            s.string("DANHOI_SMS_HTTP_METHOD", "sms.http.method"),
            s.parsed("DANHOI_SMS_HTTP_HEADERS", "sms.http.headers", v -> v.isEmpty() ? new JsonObject()
                : new JsonObject(v)),
            s.string("DANHOI_SMS_HTTP_BODY", "sms.http.body"),
            s.string("DANHOI_SMS_HTTP_BRANDNAME", "sms.http.brandname"),
            s.string("DANHOI_SMS_HTTP_SUCCESS_PATH", "sms.http.successPath"),
            s.list("DANHOI_SMS_HTTP_SUCCESS_VALUES", "sms.http.successValues"),
            s.string("DANHOI_SMS_HTTP_ID_PATH", "sms.http.idPath"),
            s.string("DANHOI_SMS_HTTP_ERROR_PATH", "sms.http.errorPath"),
            s.list("DANHOI_SMS_HTTP_RETRY_VALUES", "sms.http.retryValues"),
            s.bool("DANHOI_SMS_HTTP_IDEMPOTENT", "sms.http.idempotent"),
            s.secret("DANHOI_SMS_HTTP_REPORT_SECRET", "sms.http.reportSecret", 16),
            s.string("DANHOI_SMS_HTTP_REPORT_ID_PATH", "sms.http.reportIdPath"),
            s.string("DANHOI_SMS_HTTP_REPORT_STATUS_PATH", "sms.http.reportStatusPath"),
            s.list("DANHOI_SMS_HTTP_DELIVERED_VALUES", "sms.http.deliveredValues"),
            s.list("DANHOI_SMS_HTTP_FAILED_VALUES", "sms.http.failedValues"),
            s.string("DANHOI_SMS_HTTP_REPORT_CODE_PATH", "sms.http.reportCodePath")));
  }

  /**
   * DANHOI_LOG_FORMAT and DANHOI_LOG_LEVEL are read by logback.xml, which starts before this; a typo there
   * would silently give the default, so it stops the start here with a clear message instead.
   */
  private static void checkLogging(Map<String, String> env) {
    String format = env.getOrDefault("DANHOI_LOG_FORMAT", "text");
    if (!List.of("text", "json").contains(format)) {
      throw new ConfigException("DANHOI_LOG_FORMAT: '" + format + "' is not text or json");
    }
    String level = env.getOrDefault("DANHOI_LOG_LEVEL", "INFO");
    if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(level.toUpperCase(Locale.ROOT))) {
      throw new ConfigException("DANHOI_LOG_LEVEL: '" + level + "' is not TRACE, DEBUG, INFO, WARN, ERROR or OFF");
    }
  }

  /**
   * The working-day calendar's file as read (config/working-days.json, or the file DANHOI_WORKING_DAYS names);
   * its entries are the calendar's to check (CalendarRules.configured), at start-up.
   */
  private static JsonObject workingDays(String explicitPath) {
    return readJson(explicitPath, "DANHOI_WORKING_DAYS", "working-days.json");
  }


  /** Points at the stores actually used (see {@link Stores#pointedAt}). */
  public AppConfig withStores(String pg, String redis) {
    return new AppConfig(http, stores.pointedAt(pg, redis), access, zone, workingDays, intake, security, moderation,
        mail, mailImap, followup, metrics, reception, sms, liveChat, platforms, zalo);
  }

  public AppConfig withAccess(Access changed) {
    return new AppConfig(http, stores, changed, zone, workingDays, intake, security, moderation, mail, mailImap,
        followup, metrics, reception, sms, liveChat, platforms, zalo);
  }

  private static JsonObject readFile(String explicitPath) {
    return readJson(explicitPath, "DANHOI_CONFIG", "application.json");
  }

  /** The file the variable names, else config/NAME on disk, else the copy inside the jar. */
  private static JsonObject readJson(String explicitPath, String var, String name) {
    try {
      if (explicitPath != null && !explicitPath.isBlank()) {
        return new JsonObject(Files.readString(Path.of(explicitPath), StandardCharsets.UTF_8));
      }
      Path local = Path.of("config", name);
      if (Files.isRegularFile(local)) {
        return new JsonObject(Files.readString(local, StandardCharsets.UTF_8));
      }
      try (InputStream in = AppConfig.class.getResourceAsStream("/config/" + name)) {
        if (in == null) {
          throw new ConfigException("config/" + name + " not found (neither on disk nor in the jar)");
        }
        return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException | DecodeException e) {
      throw new ConfigException(var + ": cannot read " + name + ": " + e.getMessage());
    }
  }

  /** Looks a setting up in the environment first, then in the file. */
  private record Source(JsonObject file, Map<String, String> env) {

    private Object fileValue(String path) {
      Object node = file;
      for (String part : path.split("\\.")) {
        if (!(node instanceof JsonObject obj)) {
          return null;
        }
        node = obj.getValue(part);
      }
      return node;
    }

    private String raw(String var, String path) {
      String fromEnv = env.get(var);
      if (fromEnv != null) {
        return fromEnv.trim();
      }
      Object v = fileValue(path);
      return v == null ? "" : String.valueOf(v).trim();
    }

    String string(String var, String path) {
      return raw(var, path);
    }

    /** A secret: empty (unset) or at least minLength characters; the message never repeats its value. */
    String secret(String var, String path, int minLength) {
      String v = raw(var, path);
      if (!v.isEmpty() && v.length() < minLength) {
        throw new ConfigException(var + ": shorter than " + minLength + " characters");
      }
      return v;
    }

    <T> T parsed(String var, String path, Function<String, T> parser) {
      String v = raw(var, path);
      try {
        return parser.apply(v);
      } catch (IllegalArgumentException | DateTimeException e) {
        throw new ConfigException(var + ": invalid value '" + v + "' (" + e.getMessage() + ")");
      }
    }

    int integer(String var, String path, int min, int max) {
      String v = raw(var, path);
      int n;
      try {
        n = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new ConfigException(var + ": '" + v + "' is not a whole number");
      }
      if (n < min || n > max) {
        throw new ConfigException(var + ": " + n + " is outside " + min + ".." + max);
      }
      return n;
    }

    boolean bool(String var, String path) {
      String v = raw(var, path).toLowerCase(Locale.ROOT);
      return switch (v) {
        case "true", "1", "yes" -> true;
        case "false", "0", "no", "" -> false;
        default -> throw new ConfigException(var + ": '" + v + "' is not true or false");
      };
    }

    List<String> list(String var, String path) {
      String fromEnv = env.get(var);
      List<String> out = new ArrayList<>();
      if (fromEnv != null) {
        for (String part : fromEnv.split(",")) {
          if (!part.isBlank()) {
            out.add(part.trim());
          }
        }
        return List.copyOf(out);
      }
      if (fileValue(path) instanceof JsonArray arr) {
        arr.forEach(v -> out.add(String.valueOf(v)));
      }
      return List.copyOf(out);
    }

    String uri(String var, String path, String... schemes) {
      String v = raw(var, path);
      if (v.isEmpty()) {
        return v;
      }
      try {
        URI uri = new URI(v);
        if (uri.getScheme() == null || !List.of(schemes).contains(uri.getScheme())) {
          throw new ConfigException(var + ": '" + Secrets.redactUrl(v) + "' must start with " + schemes[0] + "://");
        }
        if (uri.getHost() == null) {
          throw new ConfigException(var + ": '" + Secrets.redactUrl(v) + "' has no host");
        }
        return v;
      } catch (URISyntaxException e) {
        // the URL may hold a password, so it is not repeated here
        throw new ConfigException(var + ": not a valid URL (" + e.getReason() + ")");
      }
    }
  }
}
