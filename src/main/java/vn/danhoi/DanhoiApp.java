package vn.danhoi;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.agency.AgencyAssignmentRoutes;
import vn.danhoi.agency.AgencyReportRoutes;
import vn.danhoi.agency.AgencyRoutes;
import vn.danhoi.audit.AuditLog;
import vn.danhoi.audit.AuditRoutes;
import vn.danhoi.auth.AccessEnded;
import vn.danhoi.auth.AuthRoutes;
import vn.danhoi.auth.LoginThrottle;
import vn.danhoi.auth.PasswordHasher;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.StaffAuth;
import vn.danhoi.auth.StaffBootstrap;
import vn.danhoi.auth.StaffRoutes;
import vn.danhoi.auth.StaffStore;
import vn.danhoi.auth.TokenRoutes;
import vn.danhoi.auth.TokenStore;
import vn.danhoi.calendar.CalendarRoutes;
import vn.danhoi.calendar.CalendarRules;
import vn.danhoi.calendar.WorkingCalendar;
import vn.danhoi.catalog.CatalogRoutes;
import vn.danhoi.catalog.CatalogStore;
import vn.danhoi.catalog.KeywordSuggester;
import vn.danhoi.complaint.ComplaintReplies;
import vn.danhoi.complaint.ComplaintReplyStore;
import vn.danhoi.conclusion.ConclusionRoutes;
import vn.danhoi.conclusion.ConclusionService;
import vn.danhoi.conclusion.ConclusionStore;
import vn.danhoi.deadline.DeadlineRoutes;
import vn.danhoi.deadline.DeadlineStore;
import vn.danhoi.deadline.Deadlines;
import vn.danhoi.episode.DemoEpisode;
import vn.danhoi.episode.Episode;
import vn.danhoi.episode.EpisodeRoutes;
import vn.danhoi.episode.EpisodeStore;
import vn.danhoi.episode.ProgramRoutes;
import vn.danhoi.episode.ProgramStore;
import vn.danhoi.followup.FollowupJob;
import vn.danhoi.followup.FollowupRoutes;
import vn.danhoi.followup.FollowupService;
import vn.danhoi.followup.FollowupStore;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.infra.Database;
import vn.danhoi.infra.FileStore;
import vn.danhoi.infra.HealthRoutes;
import vn.danhoi.infra.HttpRoutes;
import vn.danhoi.infra.HttpVerticle;
import vn.danhoi.infra.Mailer;
import vn.danhoi.infra.OoxmlFiles;
import vn.danhoi.infra.Origins;
import vn.danhoi.infra.RateLimiter;
import vn.danhoi.infra.Redis;
import vn.danhoi.infra.UploadFolders;
import vn.danhoi.infra.WorkFiles;
import vn.danhoi.intake.AttachmentStore;
import vn.danhoi.intake.ComplaintRules;
import vn.danhoi.intake.ComplaintRulesRoutes;
import vn.danhoi.intake.ComplaintRulesStore;
import vn.danhoi.intake.EmailIntake;
import vn.danhoi.intake.IntakeRoutes;
import vn.danhoi.intake.IntakeService;
import vn.danhoi.intake.MailFiles;
import vn.danhoi.intake.MailPoller;
import vn.danhoi.intake.MailboxStore;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.intake.Submission;
import vn.danhoi.intake.SubmissionStore;
import vn.danhoi.message.MessageRoutes;
import vn.danhoi.message.MessageTemplateStore;
import vn.danhoi.message.MessageTemplates;
import vn.danhoi.metrics.MetricsEndpoint;
import vn.danhoi.metrics.PrometheusMetrics;
import vn.danhoi.moderation.ItemAnnouncer;
import vn.danhoi.moderation.ModerationHub;
import vn.danhoi.moderation.ModerationRoutes;
import vn.danhoi.moderation.ModerationRules;
import vn.danhoi.moderation.ModerationService;
import vn.danhoi.moderation.ModerationStore;
import vn.danhoi.overlay.OverlayLinks;
import vn.danhoi.overlay.OverlayRoutes;
import vn.danhoi.overlay.OverlayState;
import vn.danhoi.overlay.OverlayStore;
import vn.danhoi.privacy.PrivacyRoutes;
import vn.danhoi.privacy.PrivacyStore;
import vn.danhoi.privacy.RetentionJob;
import vn.danhoi.publish.CitizenSender;
import vn.danhoi.publish.EmailSender;
import vn.danhoi.publish.LogSender;
import vn.danhoi.notice.NoticeDispatcher;
import vn.danhoi.platform.LiveChatReader;
import vn.danhoi.platform.LiveChatRules;
import vn.danhoi.platform.PlatformClients;
import vn.danhoi.platform.LiveChats;
import vn.danhoi.platform.LiveCommentStore;
import vn.danhoi.platform.PlatformRoutes;
import vn.danhoi.platform.PlatformStatus;
import vn.danhoi.platform.PlatformWatch;
import vn.danhoi.platform.StreamStore;
import vn.danhoi.notice.NoticeQueue;
import vn.danhoi.notice.NoticeRoutes;
import vn.danhoi.notice.ReceiptWording;
import vn.danhoi.notice.SmsProviders;
import vn.danhoi.zalo.ZaloOaClient;
import vn.danhoi.zalo.ZaloRoutes;
import vn.danhoi.zalo.ZaloSignature;
import vn.danhoi.zalo.ZaloStatus;
import vn.danhoi.zalo.ZaloTokens;
import vn.danhoi.sms.SmsProvider;
import vn.danhoi.track.TrackRoutes;
import vn.danhoi.track.TrackService;
import vn.danhoi.track.TrackStore;
import vn.danhoi.publish.PublishRoutes;
import vn.danhoi.publish.PublishService;
import vn.danhoi.publish.PublishStore;
import vn.danhoi.queue.LiveChannel;
import vn.danhoi.queue.LiveMessage;
import vn.danhoi.queue.QueueRelay;
import vn.danhoi.register.RegisterRoutes;
import vn.danhoi.register.RegisterService;
import vn.danhoi.register.RegisterStore;
import vn.danhoi.report.ReportRoutes;
import vn.danhoi.report.ReportService;
import vn.danhoi.report.ReportStore;
import vn.danhoi.rundown.RundownRoutes;
import vn.danhoi.rundown.RundownService;
import vn.danhoi.rundown.RundownStore;
import vn.danhoi.session.ChairHub;
import vn.danhoi.session.DialogueRoutes;
import vn.danhoi.session.OpinionStore;
import vn.danhoi.session.ReportFiles;
import vn.danhoi.session.SessionRoutes;
import vn.danhoi.session.SessionService;
import vn.danhoi.session.SessionStore;
import vn.danhoi.studio.StudioHub;
import vn.danhoi.studio.StudioRoutes;
import vn.danhoi.studio.StudioService;
import vn.danhoi.studio.StudioStore;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One danhoi node: wires the stores, the live layer and the HTTP features, and starts them in order
 * (schema first, then the relay, then the servers). Several nodes may share one PostgreSQL and one Redis.
 */
public final class DanhoiApp {

  private static final Logger LOG = LoggerFactory.getLogger(DanhoiApp.class);
  private static final long RELAY_FLUSH_SECONDS = 2;

  private final Vertx vertx;
  private final AppConfig config;
  private final Pool pool;
  private final Pool onAirPool;
  private final Redis redis;
  private final QueueRelay relay;
  private final RetentionJob retention;
  private final MailPoller mail;
  private final Runnable stopLiveJobs;
  private final FollowupJob followupJob;
  private final MetricsEndpoint metricsEndpoint;
  private final String deployment;
  private final int port;
  private final Episode demo;
  private final Map<String, Role> demoAccounts;

  private DanhoiApp(Vertx vertx, AppConfig config, Pool pool, Pool onAirPool, Redis redis, QueueRelay relay,
                    RetentionJob retention,
                    MailPoller mail, Runnable stopLiveJobs, FollowupJob followupJob, MetricsEndpoint metricsEndpoint,
                    String deployment, int port, Episode demo, Map<String, Role> demoAccounts) {
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.onAirPool = onAirPool;
    this.redis = redis;
    this.relay = relay;
    this.retention = retention;
    this.mail = mail;
    this.stopLiveJobs = stopLiveJobs;
    this.followupJob = followupJob;
    this.metricsEndpoint = metricsEndpoint;
    this.deployment = deployment;
    this.port = port;
    this.demo = demo;
    this.demoAccounts = demoAccounts;
  }

  /** Demo usernames and roles (demo only), for the start-up banner; their passwords stay in the data directory. */
  public Map<String, Role> demoAccounts() {
    return demoAccounts;
  }

  private record Preloaded(WorkingCalendar calendar, FileStore scans) {
  }

  /**
   * Classes whose first loading (reading, verifying, static set-up: Argon2's tables, Micrometer's Prometheus
   * registry, Lettuce's client resources, the JCA providers) took seconds of the start-up event loop on a busy machine. Loaded
   * here, on the worker that preloads, the wiring that follows on the event loop finds them ready.
   */
  private static void loadSlowClasses() {
    ClassLoader loader = DanhoiApp.class.getClassLoader();
    for (String name : List.of("vn.danhoi.auth.PasswordHasher", "vn.danhoi.auth.StaffBootstrap",
        "io.micrometer.prometheusmetrics.PrometheusMeterRegistry", "io.lettuce.core.RedisClient",
        "io.lettuce.core.resource.DefaultClientResources", "vn.danhoi.metrics.PrometheusMetrics")) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        LOG.debug("not preloaded: {}", name, e);
      }
    }
    try {
      // the first Mac looks up and verifies the JCA providers (the studio's voter cookies sign with one)
      javax.crypto.Mac.getInstance("HmacSHA256");
    } catch (java.security.NoSuchAlgorithmException e) {
      LOG.debug("HmacSHA256 not preloaded", e);
    }
  }

  public static Future<DanhoiApp> start(Vertx vertx, AppConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  /** With the clock every feature reads the time from (tests move it to a deadline). */
  public static Future<DanhoiApp> start(Vertx vertx, AppConfig config, Clock clock) {
    // Slow to build (ICU's lunar astronomy, Tika's type database: seconds on a busy machine), so built on a
    // worker; everything else is wired on the event loop that runs the start-up.
    int thisYear = LocalDate.now(clock.withZone(config.zone())).getYear();
    CalendarRules workingDays;
    try {
      workingDays = CalendarRules.configured(config);
      WorkFiles.useDataDir(config.stores().dataDir());
      OoxmlFiles.applyLimits();
    } catch (AppConfig.ConfigException e) {
      return Future.failedFuture(e);
    } catch (IOException e) {
      return Future.failedFuture(new AppConfig.ConfigException("DANHOI_DATA_DIR: cannot write "
          + config.stores().dataDir().toAbsolutePath() + ": " + e.getMessage()));
    }
    return Database.migrate(vertx, config.stores().pgUrl()).compose(v -> vertx.executeBlocking(() -> {
      loadSlowClasses();
      return new Preloaded(new WorkingCalendar(workingDays).warm(thisYear - 1, thisYear + 5),
          sweptOf(new FileStore(config.stores().dataDir()), config.http().bodyTime()));
    }))
        .compose(preloaded -> {
      AppConfig.Stores stores = config.stores();
      Pool pool = Database.pool(vertx, stores.pgUrl(), stores.pgPoolSize(), "postgres");
      // the on-air path's own connections: the hosts' screen never queues behind a crowd of submissions
      Pool onAirPool = Database.pool(vertx, stores.pgUrl(), stores.pgOnAirPoolSize(), "postgres-onair");
      Redis redis = Redis.start(vertx, stores.redisUrl(), stores.redisPrefix(), stores.redisTimeoutMillis());
      PrometheusMetrics metrics = PrometheusMetrics.of(vertx);
      EpisodeStore episodes = new EpisodeStore(pool);
      CatalogStore catalog = new CatalogStore(pool);
      KeywordSuggester suggester = new KeywordSuggester(catalog);
      // complaints and denunciations told apart from questions at intake, by the office's phrases (in memory)
      ComplaintRulesStore complaintRulesStore = new ComplaintRulesStore(pool);
      ComplaintRules complaintRules = ComplaintRules.stored(complaintRulesStore);
      SubmissionStore submissions = new SubmissionStore(pool, config.intake().batchMax(),
          config.intake().batchInFlight(), suggester, complaintRules);
      TokenStore tokens = new TokenStore(pool, config.zone());
      StaffStore staff = new StaffStore(pool);
      PasswordHasher hasher = new PasswordHasher(vertx);
      AppConfig.Security security = config.security();
      StaffAuth auth = new StaffAuth(config.access().adminToken(), tokens, staff, security.sessionIdleMinutes());
      AuditLog audit = new AuditLog(pool, config.zone());
      // an on-air request is let in and recorded on the on-air path's connections too, not only acted on there
      ModerationRoutes.OnAirLane onAirLane = new ModerationRoutes.OnAirLane(new StaffAuth(config.access().adminToken(),
          new TokenStore(onAirPool, config.zone()), new StaffStore(onAirPool), security.sessionIdleMinutes()),
          new AuditLog(onAirPool, config.zone()));
      FileStore scans = preloaded.scans();
      Mailer mailer = new Mailer(config.mail());
      // every message sent reads its wording here; the office's edits reach every node within a minute
      MessageTemplates templates = new MessageTemplates(new MessageTemplateStore(pool));
      PrivacyStore privacy = new PrivacyStore(pool, names -> vertx.executeBlocking(() -> {
        names.forEach(scans::delete);
        return null;
      }));
      RetentionJob retention = new RetentionJob(vertx, privacy, security.retentionDays());
      QueueRelay relay = new QueueRelay(vertx, redis, submissions, config.zone(), clock, metrics);
      ModerationStore moderationStore = new ModerationStore(pool);
      ModerationStore onAirStore = new ModerationStore(onAirPool);
      ModerationHub hub = new ModerationHub(vertx, submissions, moderationStore, config.zone(), audit, metrics);
      hub.start();
      LiveChannel live = new LiveChannel(redis);
      live.subscribe(hub::onEvent);
      StudioStore studioStore = new StudioStore(pool, onAirPool, config.zone());
      OverlayStore overlays = new OverlayStore(pool, config.zone());
      OverlayStore overlayScreens = new OverlayStore(onAirPool, config.zone());
      StudioHub studio = new StudioHub(vertx, studioStore, episodeId -> overlayScreens.state(episodeId)
          .map(OverlayState::toJson), live, metrics);
      SessionStore sessions = new SessionStore(pool);
      ConclusionService conclusions = new ConclusionService(vertx, new ConclusionStore(pool), config.zone(), clock);
      ChairHub chair = new ChairHub(vertx, sessions, live, clock, config.zone(), metrics);
      SessionService sessionRules = new SessionService(vertx, sessions, chair, mailer, templates,
          config.http().publicUrl(), config.zone(), clock);
      RateLimiter limiter = new RateLimiter(redis, config.intake().rateLimitPerMinute(), config.intake().rateLimitBurst());
      AccessEnded accessEnded = (actor, session) -> live.publish(LiveMessage.AUTH_REVOKED.message()
          .put("actor", actor).put("session", session));
      live.subscribe(event -> {
        if (LiveMessage.AUTH_REVOKED.is(event)) {
          hub.revoke(event.getString("actor"), event.getString("session"));
          studio.revoke(event.getString("actor"), event.getString("session"));
          chair.revoke(event.getString("actor"), event.getString("session"));
        }
      });
      relay.onRecovered(hub::catchUp);
      relay.onRecovered(since -> live.recovered());
      // every channel's committed submission: counted, then relayed to the moderators' queue
      Consumer<Submission> accepted = s -> {
        metrics.submissionAccepted(s.channel());
        relay.submitted(s);
      };
      IntakeService intake = new IntakeService(episodes, submissions, accepted, clock);
      Origins origins = new Origins(config.http().allowedOrigins(), config.http().publicUrl());
      WorkingCalendar calendar = preloaded.calendar();
      AttachmentStore attachments = new AttachmentStore(pool);
      MailFiles mailFiles = new MailFiles(scans, config.mailImap().attachmentMaxBytes(),
          config.mailImap().attachmentsMaxBytes());
      MailPoller mail = new MailPoller(vertx, config.mailImap(), new EmailIntake(vertx, pool, submissions,
          attachments, new MailboxStore(pool), mailFiles, accepted, clock), mailFiles, clock);
      PublishStore publishStore = new PublishStore(pool);
      FollowupStore followupStore = new FollowupStore(pool);
      FollowupService followup = new FollowupService(vertx, followupStore, mailer, calendar,
          config.followup().escalationEmail(), templates, config.http().publicUrl(), config.zone(), clock);
      FollowupJob followupJob = new FollowupJob(vertx, followup, config.followup().intervalSeconds() * 1000L);
      ReportFiles reports = new ReportFiles(scans);
      // citizens are told by e-mail once SMTP is configured, else only logged; every SMS waits in the notices'
      // queue, which sends it through the configured provider (the log one when none is)
      CitizenSender citizenEmail = config.mail().configured() ? new EmailSender(vertx, mailer, clock) : new LogSender();
      CitizenSender citizenSms = CitizenSender.QUEUED_SMS;
      AppConfig.Sms sms = config.sms();
      SmsProvider smsProvider = SmsProviders.create(vertx, sms, config.http().publicUrl());
      NoticeQueue notices = new NoticeQueue(pool);
      // the council's Zalo OA: its webhook feeds the intake, its API carries the receipts when the office says so
      AppConfig.Zalo zaloConfig = config.zalo();
      intake.acknowledgeZalo(zaloConfig.ack());
      ZaloOaClient zaloClient = new ZaloOaClient(vertx, zaloConfig,
          new ZaloTokens(vertx, zaloConfig, config.stores().dataDir()));
      ZaloStatus zaloStatus = new ZaloStatus(pool, zaloConfig.configured(), zaloConfig.ack(), zaloClient);
      NoticeDispatcher dispatcher = new NoticeDispatcher(vertx, notices, smsProvider, citizenEmail, zaloClient,
          new ReceiptWording(templates, config.http().publicUrl(), sms.lookupKeyword(), sms.shortCode()),
          new NoticeDispatcher.Settings(sms.perNumberPerDay(), sms.perDay(), sms.maxAttempts(), sms.intervalMillis(),
              Duration.ofMillis(sms.timeoutMillis()), Duration.ofMillis(sms.retryMillis())), config.zone());
      TrackService track = new TrackService(new TrackStore(pool), calendar, templates, config.http().publicUrl(),
          sms.lookupKeyword(), config.zone());
      intake.answerLookupsWith(track.smsLookup());
      ComplaintReplies complaintReplies = new ComplaintReplies(new ComplaintReplyStore(pool), templates,
          citizenEmail, citizenSms, config.reception(), config.zone());
      MetricsEndpoint metricsEndpoint = new MetricsEndpoint(vertx, metrics, config.metrics(),
          submissions::unqueuedCount);
      // the live chats (YouTube, Facebook) read by whichever node claims a stream; comments wait for the editors
      LiveCommentStore liveComments = new LiveCommentStore(pool, config.zone());
      StreamStore streams = new StreamStore(pool);
      LiveChatRules liveChatRules = new LiveChatRules(pool);
      AppConfig.LiveChat liveChat = config.liveChat();
      PlatformStatus platformStatus = new PlatformStatus(pool, config.zone(), liveChat.youtubeDailyQuota());
      LiveChatReader liveChatReader = new LiveChatReader(vertx, streams, liveComments,
          PlatformClients.create(vertx, config.platforms()).sources(), liveChatRules::score, metrics,
          new LiveChatReader.Settings(liveChat.tickMillis(), liveChat.leaseMillis(), liveChat.timeoutMillis(),
              liveChat.retryMillis(), liveChat.maxRetryMillis(), liveChat.youtubeDailyQuota()),
          UUID.randomUUID().toString());
      PlatformWatch platformWatch = new PlatformWatch(vertx, platformStatus, zaloStatus::read, metrics);
      List<HttpRoutes> features = List.of(
          new HealthRoutes(pool, redis, platformWatch::summary),
          new vn.danhoi.console.ConsoleSettingsRoutes(auth, config.zone(), config.moderation().claimTtlSeconds(),
              vn.danhoi.intake.IntakeRoutes.LIMITS),
          metricsEndpoint,
          new EpisodeRoutes(episodes, auth, config.zone(), clock, intake::episodeChanged),
          new IntakeRoutes(intake, submissions, auth, limiter, new SmsSignature(config.access().smsSecret()), mail, audit,
              config.zone()),
          new ZaloRoutes(intake, new ZaloSignature(zaloConfig.appId(), zaloConfig.oaSecretKey()), zaloStatus, auth,
              clock),
          new ModerationRoutes(auth, intake, new ModerationService(moderationStore, onAirStore, submissions,
              new ModerationRules(Duration.ofSeconds(config.moderation().claimTtlSeconds())),
              new ItemAnnouncer(live, studio, config.zone()), clock, complaintReplies), hub, origins, audit, onAirLane,
              config.zone()),
          new StudioRoutes(auth, intake, new StudioService(studioStore, studio), studio, limiter, origins,
              config.access().adminToken(), config.http().publicUrl().startsWith("https:"), security.supportsPerAddress()),
          new TokenRoutes(auth, tokens, accessEnded),
          // log-in attempts get their own, stricter bucket: ten a minute per address
          new AuthRoutes(auth, staff, hasher, new RateLimiter(redis, 10, 10),
              new LoginThrottle(redis, security.loginLockAfter(), security.loginLockMinutes()),
              security.sessionMaxHours(), config.http().publicUrl().startsWith("https:"), accessEnded, clock, metrics),
          new StaffRoutes(vertx, auth, staff, hasher, accessEnded, config.zone(), clock),
          new PrivacyRoutes(auth, privacy, security.retentionDays(), config.zone()),
          new AuditRoutes(auth, audit, config.zone()),
          new AgencyRoutes(auth, submissions, privacy, audit, config.zone()),
          new CalendarRoutes(auth, calendar),
          new DeadlineRoutes(auth, new DeadlineStore(pool), new Deadlines(calendar, config.zone()), config.zone(),
              clock),
          new RundownRoutes(auth, new RundownService(vertx, new RundownStore(pool), mailer,
              templates, config.zone(), clock, studio), config.zone()),
          new RegisterRoutes(vertx, auth, new RegisterStore(pool), new RegisterService(pool, submissions, attachments,
              accepted), attachments, episodes, scans, live, audit,
              config.http().scanMaxBytes(), config.zone(), clock),
          new ProgramRoutes(auth, new ProgramStore(pool)),
          new CatalogRoutes(auth, catalog, suggester),
          new MessageRoutes(auth, templates, config.zone()),
          new ComplaintRulesRoutes(auth, complaintRules, complaintRulesStore),
          new FollowupRoutes(auth, followup, followupStore, scans, config.zone()),
          new AgencyAssignmentRoutes(vertx, auth, followup, followupStore, privacy, audit, scans,
              config.http().scanMaxBytes(), config.zone()),
          new PublishRoutes(auth, new PublishService(publishStore, citizenEmail, citizenSms,
              templates, config.http().publicUrl(), config.zone(), clock), publishStore, config.zone(), clock),
          new ConclusionRoutes(auth, conclusions, config.zone()),
          new NoticeRoutes(auth, notices, smsProvider, config.http().publicUrl(), config.zone()),
          // a few lookups a minute per address, and a few tries in a row per code, then one a minute
          new TrackRoutes(track, new RateLimiter(redis, sms.lookupsPerMinute(), sms.lookupsPerMinute()),
              new RateLimiter(redis, 1, 10)),
          new ReportRoutes(auth, new ReportService(vertx, new ReportStore(pool, calendar), config.zone(), clock)),
          new SessionRoutes(auth, sessions, sessionRules, chair, reports, conclusions, calendar, origins,
              config.zone(), clock),
          new OverlayRoutes(auth, new OverlayLinks(overlays, accessEnded), studio, origins, config.zone()),
          new AgencyReportRoutes(vertx, auth, sessions, reports, config.http().scanMaxBytes(), config.zone(), clock),
          new DialogueRoutes(vertx, auth, sessionRules, new OpinionStore(pool), calendar, config.zone(), clock),
          new PlatformRoutes(auth, intake, streams, liveComments, new LiveChats(pool, liveComments, submissions,
              accepted), platformStatus, liveChatRules, zaloStatus::read));
      Future<Episode> demo = stores.demoData() ? DemoEpisode.ensure(episodes, clock) : Future.succeededFuture();
      // the demo's agencies and fields are in before the suggestions load, so its first questions get one
      Future<Void> suggestions = demo.compose(d -> suggester.start(vertx, 60_000))
          .compose(v -> templates.start(vertx, 60_000))
          .compose(v -> complaintRules.start(vertx, 60_000))
          .compose(v -> liveChatRules.start(vertx, 60_000));
      int instances = config.http().instances() > 0 ? config.http().instances()
          : Math.max(1, Runtime.getRuntime().availableProcessors());
      List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
      Future<Map<String, Role>> accounts = StaffBootstrap.ensure(vertx, config, staff, hasher);
      // a node that starts while Redis is down still starts (and says so in /health)
      return Future.all(suggestions, accounts, redis.firstAttempt()).compose(x -> {
        Episode d = demo.result();
        relay.start(config.intake().relayIntervalMillis());
        retention.start();
        mail.start();
        followupJob.start();
        dispatcher.start();
        liveChatReader.start();
        platformWatch.start();
        return metricsEndpoint.start().compose(v -> vertx.deployVerticle(() -> {
              HttpVerticle verticle = new HttpVerticle(config, features);
              verticles.add(verticle);
              return verticle;
            }, new DeploymentOptions().setInstances(instances)))
            .map(id -> new DanhoiApp(vertx, config, pool, onAirPool, redis, relay, retention, mail,
                () -> {
                  suggester.stop(vertx);
                  templates.stop(vertx);
                  complaintRules.stop(vertx);
                  hub.stop();
                  dispatcher.stop();
                  liveChatReader.stop();
                  platformWatch.stop();
                  liveChatRules.stop(vertx);
                }, followupJob, metricsEndpoint, id,
                verticles.get(0).actualPort(), d, accounts.result()));
      });
    });
  }

  /** Uploads a killed process left half-written: older than any upload may take, nobody is writing them. */
  private static FileStore sweptOf(FileStore scans, AppConfig.BodyTime bodyTime) {
    UploadFolders.sweep(scans.uploadsDir(), Duration.ofSeconds(bodyTime.maxSeconds() + 60L));
    return scans;
  }

  public int port() {
    return port;
  }

  /** The demo episode created at this start, or null. */
  public Episode demoEpisode() {
    return demo;
  }

  /**
   * Stops this node in the order that loses nothing: the background jobs; the HTTP servers (no new
   * connection, requests in flight answered, sockets closed as going away); the relay's last sweep of what
   * those requests committed; then PostgreSQL and Redis. Each step is bounded, so the whole fits in the
   * seconds a process manager waits after SIGTERM.
   */
  public Future<Void> stop() {
    retention.stop();
    mail.stop();
    stopLiveJobs.run();
    followupJob.stop();
    return vertx.undeploy(deployment)
        .eventually(metricsEndpoint::stop)
        .eventually(() -> relay.stop().timeout(RELAY_FLUSH_SECONDS, TimeUnit.SECONDS).recover(e -> {
          LOG.warn("Relay not flushed on stop ({}); the outbox waits in PostgreSQL", e.toString());
          return Future.succeededFuture();
        }))
        .eventually(() -> pool.close())
        .eventually(() -> onAirPool.close())
        .eventually(() -> redis.close());
  }
}
