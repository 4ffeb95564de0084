package vn.danhoi.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A platform's JSON API on a free local port, for {@link FakeYouTube} and {@link FakeFacebookGraph}: every request
 * recorded, answered by the platform's rules, or by answers scripted for the next requests (an error, a dropped
 * connection).
 */
public abstract class FakeJsonApi implements AutoCloseable {

  /** A request as the fake saw it: the path below the API's root, its query and its Authorization header. */
  public record Request(String method, String path, Map<String, List<String>> params, String authorization) {
    public String param(String name) {
      List<String> values = params.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /**
   * An answer: a status, a JSON body and headers; or a connection closed halfway through the body (drop); or none
   * at all (status 0: the request is left hanging, for a client's timeout).
   */
  public record Answer(int status, JsonObject body, Map<String, String> headers, boolean drop) {
    public static Answer json(int status, JsonObject body) {
      return new Answer(status, body, Map.of(), false);
    }

    public static Answer dropped() {
      return new Answer(200, null, Map.of(), true);
    }

    public static Answer silent() {
      return new Answer(0, null, Map.of(), false);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Answer(status, body, Map.copyOf(more), drop);
    }
  }

  private final HttpServer server;
  private final String root;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Answer> scripted = new ConcurrentLinkedDeque<>();

  protected FakeJsonApi(Vertx vertx, String root) {
    this.root = root;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  /** Starts listening; from a test thread (it waits). */
  protected void listen() {
    TestNode.await(server.listen(0, "127.0.0.1"));
  }

  /** The API's root as the client is configured with it (DANHOI_YOUTUBE_API_URL, DANHOI_FACEBOOK_GRAPH_URL). */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + root;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public Request lastRequest() {
    return requests.isEmpty() ? null : requests.get(requests.size() - 1);
  }

  /** How many requests reached this path (below the root). */
  public long count(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).count();
  }

  /** The next request gets this answer instead of the platform's own (queued: one answer per request). */
  public void answerNext(Answer answer) {
    scripted.add(answer);
  }

  /** The platform's own answer to a request. */
  protected abstract Answer answer(Request request);

  private void handle(HttpServerRequest http) {
    String path = http.path().startsWith(root) ? http.path().substring(root.length()) : http.path();
    Map<String, List<String>> params = new LinkedHashMap<>();
    http.params().forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    Request request = new Request(http.method().name(), path, Map.copyOf(params), http.getHeader("Authorization"));
    requests.add(request);
    Answer next = scripted.poll();
    Answer answer = next != null ? next : answer(request);
    if (answer.status() == 0 && !answer.drop()) {
      return;
    }
    answer.headers().forEach(http.response()::putHeader);
    http.response().putHeader("Content-Type", "application/json; charset=UTF-8");
    if (answer.drop()) {
      // the headers and a piece of the body go out, then the socket closes: a proxy or the platform going away
      http.response().setChunked(true).write("{\"items\":[{\"id\":\"").onComplete(written -> http.connection().close());
      return;
    }
    http.response().setStatusCode(answer.status()).end(answer.body() == null ? "" : answer.body().encode());
  }

  @Override
  public void close() {
    TestNode.await(server.close());
  }
}
