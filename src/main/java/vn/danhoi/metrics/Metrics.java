package vn.danhoi.metrics;

import vn.danhoi.infra.SocketSender;

import java.util.Locale;

/**
 * What the features tell the metrics, and nothing else: they never see the registry. Every label value comes
 * from a closed set (an enum, or the submission channels the schema allows), so no request can add a series.
 */
public interface Metrics {

  /** The WebSocket audiences; each is one value of the {@code kind} label. */
  enum SocketKind {
    MODERATION, STUDIO, LIVE, CHAIR, CHAIR_VIEW, OVERLAY;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Why a log-in was refused; never who tried. */
  enum LoginFailure {
    UNKNOWN_USER, WRONG_PASSWORD, DISABLED, LOCKED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The open sockets of one audience. */
  interface OpenSockets extends SocketSender.Lifecycle {
  }

  /** A submission was committed (and is about to be answered 2xx); channel as stored: web, sms, hotline… */
  void submissionAccepted(String channel);

  void loginFailed(LoginFailure reason);

  OpenSockets sockets(SocketKind kind);

  /** A submission reached its Redis stream this long after its commit. */
  void relayed(long delayNanos);

  /** A read of a live chat stored this many new comments; platform: youtube or facebook. */
  void platformComments(String platform, int added);

  /** A read of a live chat failed; kind: a PlatformFailure kind in lower case. */
  void platformReadFailed(String platform, String kind);

  /** The platforms' streams as the database last said: per platform, how many in each state, the quota left. */
  void platformStatus(io.vertx.core.json.JsonObject summary);
}
