package vn.danhoi.zalo;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.infra.Tokens;

import java.nio.file.Path;

/**
 * The OA's access token and the refresh token that renews it. An access token lives 25 hours; Zalo gives a new
 * one, and a new refresh token (the old one is spent), at {@code POST {oauthBase}/v4/oa/access_token} (form
 * refresh_token, app_id, grant_type=refresh_token; header secret_key: the app's secret). The renewed pair is
 * kept in the data folder ({@code zalo-tokens.json}, owner-only), so a restart does not go back to a spent
 * refresh token; it is used only while the configured pair is the one it was renewed from, so an admin who
 * sets new tokens is obeyed. Neither token is ever logged.
 */
public final class ZaloTokens {

  private static final Logger LOG = LoggerFactory.getLogger(ZaloTokens.class);
  private static final String FILE = "zalo-tokens.json";

  /** Whether the OA API can be called, as admins see it. */
  public enum State {
    UNSET("unset", "Chưa cấu hình access token của Zalo OA (DANHOI_ZALO_ACCESS_TOKEN)."),
    OK("ok", null),
    REFRESHED("refreshed", null),
    INVALID("invalid", "Access token của Zalo OA không hợp lệ hoặc đã hết hạn và không làm mới được; "
        + "quản trị viên cần đặt token mới (DANHOI_ZALO_ACCESS_TOKEN, DANHOI_ZALO_REFRESH_TOKEN).");

    private final String wire;
    private final String problem;

    State(String wire, String problem) {
      this.wire = wire;
      this.problem = problem;
    }

    public String wire() {
      return wire;
    }

    String problem() {
      return problem;
    }
  }

  private final Vertx vertx;
  private final AppConfig.Zalo config;
  private final Path file;
  private final WebClient web;
  private final String configured;
  private volatile String accessToken;
  private volatile String refreshToken;
  private volatile State state;
  private Future<Boolean> refreshing;
  private Future<Void> loaded;

  public ZaloTokens(Vertx vertx, AppConfig.Zalo config, Path dataDir) {
    this.vertx = vertx;
    this.config = config;
    this.file = dataDir.resolve(FILE);
    this.web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(config.timeoutMillis()));
    this.configured = Tokens.sha256(config.accessToken() + "\n" + config.refreshToken());
    this.accessToken = config.accessToken();
    this.refreshToken = config.refreshToken();
    this.state = accessToken.isEmpty() ? State.UNSET : State.OK;
  }

  /** Reads a pair renewed before a restart, once (off the event loop: the file system's own threads). */
  public Future<Void> load() {
    if (loaded == null) {
      loaded = vertx.fileSystem().exists(file.toString()).compose(exists -> !exists ? Future.succeededFuture()
          : vertx.fileSystem().readFile(file.toString()).map(b -> {
            JsonObject saved = new JsonObject(b);
            if (configured.equals(saved.getString("configured"))) {
              accessToken = saved.getString("accessToken", accessToken);
              refreshToken = saved.getString("refreshToken", refreshToken);
              state = accessToken.isEmpty() ? State.UNSET : State.OK;
            }
            return (Void) null;
          })).recover(e -> {
            LOG.warn("Zalo tokens not read from {}; the configured ones are used: {}", file, e.getClass().getSimpleName());
            return Future.succeededFuture();
          });
    }
    return loaded;
  }

  String accessToken() {
    return accessToken;
  }

  public State state() {
    return state;
  }

  boolean usable() {
    return state == State.OK || state == State.REFRESHED;
  }

  /**
   * Renews the pair; true when a new access token is in hand. Concurrent callers share one request (a refresh
   * token is spent by its first use).
   */
  synchronized Future<Boolean> refresh() {
    if (refreshing != null) {
      return refreshing;
    }
    String spent = accessToken;
    if (refreshToken.isEmpty() || config.appSecret().isEmpty() || config.appId().isEmpty()) {
      state = State.INVALID;
      return Future.succeededFuture(false);
    }
    refreshing = web.postAbs(config.oauthBase().replaceAll("/+$", "") + "/v4/oa/access_token")
        .putHeader("secret_key", config.appSecret())
        .timeout(config.timeoutMillis())
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("refresh_token", refreshToken)
            .add("app_id", config.appId()).add("grant_type", "refresh_token"))
        .compose(r -> {
          JsonObject json = r.statusCode() == 200 ? r.bodyAsJsonObject() : null;
          String access = json == null ? null : json.getString("access_token");
          if (access == null || access.isEmpty() || access.equals(spent)) {
            LOG.warn("Zalo access token not refreshed: HTTP {}, error {}", r.statusCode(),
                json == null ? null : json.getValue("error"));
            state = State.INVALID;
            return Future.succeededFuture(false);
          }
          accessToken = access;
          refreshToken = json.getString("refresh_token", refreshToken);
          state = State.REFRESHED;
          LOG.info("Zalo access token refreshed");
          return save().map(true);
        }, e -> {
          LOG.warn("Zalo access token not refreshed: {}", e.getClass().getSimpleName());
          return Future.succeededFuture(false);
        })
        .onComplete(ar -> {
          synchronized (this) {
            refreshing = null;
          }
        });
    return refreshing;
  }

  private Future<Void> save() {
    Buffer json = new JsonObject().put("configured", configured).put("accessToken", accessToken)
        .put("refreshToken", refreshToken).toBuffer();
    String path = file.toString();
    return vertx.fileSystem().mkdirs(file.getParent().toString())
        .compose(v -> vertx.fileSystem().writeFile(path, json))
        .compose(v -> vertx.fileSystem().chmod(path, "rw-------"))
        .recover(e -> {
          // the new pair still works on this node until it restarts
          LOG.warn("Zalo tokens not saved to {}: {}", path, e.getClass().getSimpleName());
          return Future.succeededFuture();
        });
  }
}
