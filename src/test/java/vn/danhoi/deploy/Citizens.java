package vn.danhoi.deploy;

import io.vertx.core.json.JsonObject;
import vn.danhoi.support.PackagedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Citizens asking through the proxy as the public form does: each question with its own Idempotency-Key,
 * sent again with the same key when the answer is lost (a cut connection, a 502 from nginx while a node
 * stops). A question counts as accepted only on a 2xx; the check then looks for exactly those.
 */
final class Citizens {

  private static final int ATTEMPTS = 20;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final String base;
  private final String episodeId;
  private final Set<String> accepted = new LinkedHashSet<>();
  private final Map<String, Integer> acceptedBy = new TreeMap<>();
  private final Map<String, Integer> refusals = new TreeMap<>();
  private int questions;
  private int attempts;
  private int givenUp;

  Citizens(String base, String episodeId) {
    this.base = base;
    this.episodeId = episodeId;
  }

  /** Asks one question until it is accepted (or ATTEMPTS answers were lost); its id, or null. */
  String ask() {
    int n;
    synchronized (this) {
      n = ++questions;
    }
    String key = "deploy-check-" + UUID.randomUUID();
    String body = new JsonObject().put("name", "Người hỏi số " + n).put("locality", "Xã Mỹ Yên, huyện Bến Lức")
        .put("phone", "0912345678").put("text", "Câu hỏi số " + n + ": bao giờ ấp Bình Hoà có nước sạch?")
        .put("consent", true).encode();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/episodes/" + episodeId + "/questions"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String outcome;
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 == 2) {
          String id = new JsonObject(r.body()).getString("id");
          synchronized (this) {
            attempts++;
            accepted.add(id);
            // $upstream_addr lists every node nginx tried: "x, y" is a request it passed on from x to y
            String upstream = r.headers().firstValue(Nginx.UPSTREAM_HEADER).orElse("?").replace(", ", "->");
            acceptedBy.merge(upstream, 1, Integer::sum);
          }
          return id;
        }
        if (r.statusCode() / 100 == 4) {
          // refused, not lost: sending it again would be refused again
          synchronized (this) {
            attempts++;
            refusals.merge("HTTP " + r.statusCode() + " " + r.body(), 1, Integer::sum);
            givenUp++;
          }
          return null;
        }
        outcome = "HTTP " + r.statusCode();
      } catch (IOException e) {
        outcome = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      synchronized (this) {
        attempts++;
        refusals.merge(outcome, 1, Integer::sum);
      }
      PackagedServer.pause();
    }
    synchronized (this) {
      givenUp++;
    }
    return null;
  }

  synchronized Set<String> accepted() {
    return Set.copyOf(accepted);
  }

  synchronized int acceptedCount() {
    return accepted.size();
  }

  synchronized String figures() {
    return questions + " questions, " + accepted.size() + " accepted (2xx) in " + attempts + " requests; "
        + "accepted by node: " + acceptedBy + "; answers lost (retried) or refused: "
        + (refusals.isEmpty() ? "none" : refusals) + "; given up: " + givenUp;
  }

  synchronized int givenUp() {
    return givenUp;
  }
}
