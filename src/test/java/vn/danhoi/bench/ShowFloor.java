package vn.danhoi.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.support.Sockets;
import vn.danhoi.support.Sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One episode played against the server: the citizens' load (web questions, SMS, hotline calls), the
 * editors with their moderation sockets, the studio displays and the viewers' live sockets, the latencies
 * seen by each, and afterwards the check that every accepted submission is stored once and reached every
 * moderation socket once.
 */
final class ShowFloor implements AutoCloseable {

  private static final String ITEM_ID = "\"item\":{\"id\":\"";
  private static final String ON_AIR_ID = "\"onAir\":{\"id\":\"";

  final String run;
  final String episode;
  final int nodes;
  final Ledger web = new Ledger('b', "web questions");
  final Ledger sms = new Ledger('s', "SMS");
  final Ledger calls = new Ledger('c', "hotline calls");

  final Latency toModerationSameNode = new Latency();
  final Latency toModerationCrossNode = new Latency();
  final Latency editorHttp = new Latency();
  final Latency onAirHttp = new Latency();
  final Latency onAirToStudio = new Latency();
  final Latency fanout95 = new Latency();
  final Latency fanout100 = new Latency();

  private final Vertx vertx;
  private final ServerUnderTest server;
  private final BenchOptions options;
  private final String smsNumber;
  private final String keyword;
  private final String marker;
  private final HttpClient load;
  private final WebClient staff;
  private final WebSocketClient sockets;
  private final List<String> editorTokens = new ArrayList<>();
  private final List<String> operatorTokens = new ArrayList<>();
  private String studioToken;

  private final List<Moderation> moderation = new ArrayList<>();
  private final List<WebSocket> studios = new ArrayList<>();
  private final List<WebSocket> viewers = Collections.synchronizedList(new ArrayList<>());
  private final List<BlockingDeque<String>> inboxes = new ArrayList<>();
  private final List<BlockingDeque<String>> ready = new ArrayList<>();
  private final List<Thread> actors = new ArrayList<>();
  private volatile boolean acting;
  private volatile boolean closing;
  private volatile Change current;

  private final AtomicLong unmatched = new AtomicLong();
  private final AtomicLong socketsClosedByServer = new AtomicLong();
  private final AtomicLong viewerFailures = new AtomicLong();
  private final Map<String, AtomicLong> editorOutcomes = Collections.synchronizedMap(new TreeMap<>());
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong studioMissed = new AtomicLong();
  private final AtomicLong viewerMissed = new AtomicLong();

  private record Moderation(int index, int node, WebSocket socket, AtomicLong distinct) {
  }

  ShowFloor(Vertx vertx, ServerUnderTest server, BenchOptions options, int nodes, String title) {
    this.vertx = vertx;
    this.server = server;
    this.options = options;
    this.nodes = Math.min(nodes, server.nodes.size());
    Random random = new Random();
    StringBuilder tag = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      tag.append((char) ('a' + random.nextInt(26)));
    }
    this.run = tag.toString();
    this.marker = run + "-";
    this.smsNumber = "8" + (100 + random.nextInt(900));
    this.keyword = "BK" + run.toUpperCase(Locale.ROOT);
    this.load = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(options.integer("connections")));
    this.staff = WebClient.wrap(vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(32)));
    this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000)
        .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(16 * 1024 * 1024).setConnectTimeout(30_000));
    this.episode = server.episode(title + " (" + run + ")", smsNumber, keyword);
  }

  // ---- actors' sockets ----

  /** One editor token and one moderation socket per editor, spread over the nodes. */
  void openModeration(int editors) throws Exception {
    for (int e = 0; e < editors; e++) {
      String token = server.token("editor", "Biên tập viên " + (e + 1) + " " + run);
      editorTokens.add(token);
      BlockingDeque<String> inbox = new LinkedBlockingDeque<>(2000);
      inboxes.add(inbox);
      ready.add(new LinkedBlockingDeque<>(200));
      int index = e;
      int node = e % nodes;
      AtomicLong distinct = new AtomicLong();
      WebSocket ws = Sockets.open(sockets, connect(node, "/ws/moderation/" + episode).addHeader("Authorization",
              "Bearer " + token), s -> {
            s.textMessageHandler(t -> onModeration(index, node, inbox, distinct, t));
            s.closeHandler(v -> closedByServer());
          }).await(30, TimeUnit.SECONDS);
      moderation.add(new Moderation(index, node, ws, distinct));
    }
  }

  void openStudios(int count) throws Exception {
    studioToken = server.token("studio", "Trường quay " + run);
    for (int s = 0; s < count; s++) {
      int index = s;
      studios.add(Sockets.open(sockets, connect(s % nodes, "/ws/studio/" + episode)
              .addHeader("Authorization", "Bearer " + studioToken), ws -> {
            ws.textMessageHandler(t -> onStudio(index, t));
            ws.closeHandler(v -> closedByServer());
          }).await(30, TimeUnit.SECONDS));
    }
  }

  /** Opens count live-page sockets at perSecond, spread over the nodes; answers the seconds it took. */
  double connectViewers(int count, double perSecond) throws InterruptedException {
    long began = System.nanoTime();
    CountDownLatch done = new CountDownLatch(count);
    int offset = viewers.size();
    double nanosEach = 1e9 / perSecond;
    long start = System.nanoTime() + 20_000_000L;
    int loops = Math.max(1, options.integer("loops"));
    // a socket stays on the event loop that opened it: open them from every loop of the generator
    for (int k = 0; k < loops; k++) {
      int first = k;
      Context context = vertx.getOrCreateContext();
      context.runOnContext(v -> openViewers(first, loops, count, offset, start, nanosEach, done));
    }
    if (!done.await((long) (count / perSecond) + 120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("viewers still connecting after the time allowed");
    }
    return (System.nanoTime() - began) / 1e9;
  }

  private void openViewers(int first, int step, int count, int offset, long start, double nanosEach,
                           CountDownLatch done) {
    int[] next = {first};
    vertx.setPeriodic(5, timer -> {
      long now = System.nanoTime();
      while (next[0] < count && start + (long) (next[0] * nanosEach) <= now) {
        int index = offset + next[0];
        next[0] += step;
        // no Origin header: what a non-browser client sends (the server checks Origin only when present)
        Sockets.open(sockets, connect(index % nodes, "/ws/live/" + episode), ws -> {
          ws.textMessageHandler(t -> onViewer(index, t));
          ws.closeHandler(x -> closedByServer());
        }).onComplete(ar -> {
          if (ar.succeeded()) {
            viewers.add(ar.result());
          } else {
            viewerFailures.incrementAndGet();
          }
          done.countDown();
        });
      }
      if (next[0] >= count) {
        vertx.cancelTimer(timer);
      }
    });
  }

  void closeViewers() {
    List<WebSocket> all;
    synchronized (viewers) {
      all = new ArrayList<>(viewers);
      viewers.clear();
    }
    Future.join(all.stream().map(WebSocket::close).toList()).await();
  }

  int viewerCount() {
    return viewers.size();
  }

  private WebSocketConnectOptions connect(int node, String uri) {
    ServerUnderTest.Node n = server.nodes.get(node);
    return new WebSocketConnectOptions().setHost(n.host()).setPort(n.port()).setURI(uri);
  }

  private void closedByServer() {
    if (!closing) {
      socketsClosedByServer.incrementAndGet();
    }
  }

  // ---- what the sockets receive ----

  private void onModeration(int socket, int node, BlockingDeque<String> inbox, AtomicLong distinct, String text) {
    long now = System.nanoTime();
    if (text.startsWith("{\"type\":\"items.new\"")) {
      // new items the hub coalesced into one message: each counts as arrived now
      for (Object item : new JsonObject(text).getJsonArray("items")) {
        onNewItem(socket, node, inbox, distinct, new JsonObject().put("type", "item.new").put("item", item).encode(),
            now);
      }
    } else if (text.startsWith("{\"type\":\"item.new\"")) {
      onNewItem(socket, node, inbox, distinct, text, now);
    }
  }

  private void onNewItem(int socket, int node, BlockingDeque<String> inbox, AtomicLong distinct, String text,
                         long now) {
    int p = text.indexOf(marker);
    if (p < 2 || text.charAt(p - 2) != '#') {
      unmatched.incrementAndGet();
      return;
    }
    Ledger ledger = switch (text.charAt(p - 1)) {
      case 'b' -> web;
      case 's' -> sms;
      case 'c' -> calls;
      default -> null;
    };
    int from = p + marker.length();
    int to = from;
    while (to < text.length() && Character.isDigit(text.charAt(to))) {
      to++;
    }
    Ledger.Batch batch = ledger == null || to == from ? null : ledger.find(Integer.parseInt(text, from, to, 10));
    if (batch == null) {
      unmatched.incrementAndGet();
      return;
    }
    int local = Integer.parseInt(text, from, to, 10) - batch.base;
    if (batch.delivered[socket].incrementAndGet(local) != 1) {
      return;
    }
    distinct.incrementAndGet();
    if (ledger == web) {
      (batch.node(local) == node ? toModerationSameNode : toModerationCrossNode)
          .recordNanos(now - batch.intended.get(local));
      if ((batch.base + local) % inboxes.size() == socket) {
        int at = text.indexOf(ITEM_ID);
        String id = at < 0 ? new JsonObject(text).getJsonObject("item").getString("id")
            : text.substring(at + ITEM_ID.length(), at + ITEM_ID.length() + 36);
        inbox.offerLast(id);
      }
    }
  }

  private void onStudio(int index, String text) {
    Change c = current;
    if (c != null && c.id.equals(onAirId(text))) {
      c.studioSeen(index, System.nanoTime());
    }
  }

  private void onViewer(int index, String text) {
    Change c = current;
    if (c != null && c.id.equals(onAirId(text))) {
      c.viewerSeen(index, System.nanoTime());
    }
  }

  /** The id of the item on air in a studio or live message (the state's first key), without parsing it all. */
  static String onAirId(String text) {
    int at = text.indexOf(ON_AIR_ID);
    if (at >= 0 && at < 64 && text.length() >= at + ON_AIR_ID.length() + 36) {
      return text.substring(at + ON_AIR_ID.length(), at + ON_AIR_ID.length() + 36);
    }
    int none = text.indexOf("\"onAir\":null");
    if (none >= 0 && none < 64) {
      return null;
    }
    JsonObject onAir = new JsonObject(text).getJsonObject("onAir");
    return onAir == null ? null : onAir.getString("id");
  }

  // ---- the citizens' load ----

  CompletableFuture<OpenLoop.Result> webLoad(String name, double rate, double seconds) {
    Ledger.Batch batch = web.batch((int) Math.round(rate * seconds), nodes, moderation.size());
    String uri = "/api/episodes/" + episode + "/questions";
    return OpenLoop.start(vertx, name, rate, seconds, options.integer("loops"), batch, (local, global) -> {
      ServerUnderTest.Node n = server.nodes.get(batch.node(local));
      Buffer body = new JsonObject().put("name", "Người xem " + global).put("locality", "Xã Mỹ Yên, huyện Bến Lức")
          .put("phone", "0912345678").put("text", "Xin hỏi khi nào xã em có nước sạch và điện ổn định? "
              + web.tag(run, global)).put("consent", true).toBuffer();
      return OpenLoop.post(load, n.host(), n.port(), uri, body);
    });
  }

  CompletableFuture<OpenLoop.Result> smsLoad(double rate, double seconds) {
    Ledger.Batch batch = sms.batch((int) Math.round(rate * seconds), nodes, moderation.size());
    return OpenLoop.start(vertx, "SMS webhook", rate, seconds, options.integer("loops"), batch, (local, global) -> {
      ServerUnderTest.Node n = server.nodes.get(batch.node(local));
      byte[] body = new JsonObject().put("from", String.format("+8491%07d", global % 10_000_000)).put("to", smsNumber)
          .put("text", keyword + " Giá điện tháng này tăng vì sao? " + sms.tag(run, global))
          .put("messageId", "bench-" + run + "-" + global).encode().getBytes(StandardCharsets.UTF_8);
      return OpenLoop.post(load, n.host(), n.port(), "/api/intake/sms", Buffer.buffer(body),
          "X-Signature-256", SmsSignature.sign(server.smsSecret, body));
    });
  }

  CompletableFuture<OpenLoop.Result> callLoad(double rate, double seconds, int operators) {
    for (int o = operatorTokens.size(); o < operators; o++) {
      operatorTokens.add(server.token("operator", "Tổng đài viên " + (o + 1) + " " + run));
    }
    Ledger.Batch batch = calls.batch((int) Math.round(rate * seconds), nodes, moderation.size());
    String uri = "/api/episodes/" + episode + "/calls";
    return OpenLoop.start(vertx, "hotline calls", rate, seconds, options.integer("loops"), batch, (local, global) -> {
      ServerUnderTest.Node n = server.nodes.get(batch.node(local));
      Buffer body = new JsonObject().put("callerName", "Trần Thị Bình " + global).put("callerPhone", "0987654321")
          .put("locality", "Cần Giuộc").put("text", "Đường liên xã bị ngập, bao giờ sửa? " + calls.tag(run, global))
          .put("readyForAir", true).toBuffer();
      return OpenLoop.post(load, n.host(), n.port(), uri, body,
          "Authorization", "Bearer " + operatorTokens.get(global % operatorTokens.size()));
    });
  }

  // ---- editors and the on-air cycle ----

  /** Each editor works through the web items routed to it; one driver puts prepared items on air in turn. */
  void startActors(double itemsPerSecond, long onAirIntervalMillis) {
    acting = true;
    for (int e = 0; e < editorTokens.size(); e++) {
      int editor = e;
      actors.add(daemon("editor-" + e, () -> editorLoop(editor, itemsPerSecond)));
    }
    if (!editorTokens.isEmpty() && !studios.isEmpty()) {
      actors.add(daemon("on-air", () -> onAirLoop(onAirIntervalMillis)));
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  void stopActors() throws InterruptedException {
    acting = false;
    for (Thread t : actors) {
      t.join(30_000);
    }
    actors.clear();
  }

  private void editorLoop(int editor, double itemsPerSecond) {
    long pace = (long) (1e9 / itemsPerSecond);
    String previous = null;
    int handled = 0;
    try {
      while (acting) {
        String item = inboxes.get(editor).pollFirst(200, TimeUnit.MILLISECONDS);
        if (item == null) {
          continue;
        }
        long began = System.nanoTime();
        if (act(editor, item, new JsonObject().put("action", "claim")) == 200
            && act(editor, item, new JsonObject().put("action", "categorize").put("field", "Nước sạch")
            .put("agency", "Sở Xây dựng")) == 200) {
          if (handled++ % 4 == 3 && previous != null) {
            act(editor, item, new JsonObject().put("action", "merge").put("into", previous));
          } else if (act(editor, item, new JsonObject().put("action", "shortlist")) == 200
              && act(editor, item, new JsonObject().put("action", "next")) == 200) {
            ready.get(editor).offerLast(item);
            previous = item;
          }
        }
        long left = pace - (System.nanoTime() - began);
        if (left > 0) {
          TimeUnit.NANOSECONDS.sleep(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onAirLoop(long intervalMillis) {
    int turn = 0;
    try {
      while (acting) {
        TimeUnit.MILLISECONDS.sleep(intervalMillis);
        for (int k = 0; k < ready.size() && acting; k++) {
          int editor = (turn + k) % ready.size();
          String item = ready.get(editor).pollFirst();
          if (item != null) {
            onAir(editor, item, true);
            break;
          }
        }
        turn++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Puts the item on air as the editor and times the studio sockets and the viewers until all have it
   * (at most 10 s); then marks it answered when asked to.
   */
  void onAir(int editor, String item, boolean thenAnswered) throws InterruptedException {
    Change c = new Change(item, studios.size(), viewers.size());
    current = c;
    long sent = System.nanoTime();
    int status = act(editor, item, new JsonObject().put("action", "on-air"));
    onAirHttp.recordNanos(System.nanoTime() - sent);
    if (status == 200) {
      try {
        c.done.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // whoever is missing is counted below
      }
      c.record();
    }
    current = null;
    if (status == 200 && thenAnswered) {
      act(editor, item, new JsonObject().put("action", "answered"));
    }
  }

  /** An item put straight into the queue through the public form (for the fan-out runs). */
  String question(String text) {
    ServerUnderTest.Node n = server.nodes.get(0);
    HttpResponse<Buffer> r = staff.post(n.port(), n.host(), "/api/episodes/" + episode + "/questions")
        .sendJsonObject(new JsonObject().put("name", "Lê Văn Cường").put("locality", "Phường 1, Tân An")
            .put("text", text).put("consent", true)).await();
    if (r.statusCode() != 202) {
      throw new IllegalStateException("question refused: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("id");
  }

  String editorToken(int editor) {
    return editorTokens.get(editor);
  }

  void addEditorToken(String token) {
    editorTokens.add(token);
    ready.add(new LinkedBlockingDeque<>());
  }

  private int act(int editor, String item, JsonObject body) {
    ServerUnderTest.Node n = server.nodes.get(editor % nodes);
    long began = System.nanoTime();
    try {
      HttpResponse<Buffer> r = staff.post(n.port(), n.host(), "/api/items/" + item + "/actions")
          .bearerTokenAuthentication(editorTokens.get(editor)).sendJsonObject(body).await(30, TimeUnit.SECONDS);
      editorHttp.recordNanos(System.nanoTime() - began);
      String outcome = body.getString("action") + " " + r.statusCode();
      if (r.statusCode() != 200) {
        JsonObject error = r.bodyAsJsonObject() == null ? null : r.bodyAsJsonObject().getJsonObject("error");
        outcome += error == null ? "" : " " + error.getString("code");
      }
      editorOutcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
      return r.statusCode();
    } catch (Exception e) {
      editorOutcomes.computeIfAbsent(body.getString("action") + " failed: " + e.getClass().getSimpleName(),
          k -> new AtomicLong()).incrementAndGet();
      return -1;
    }
  }

  /** One on-air change being timed: when each studio socket and each viewer first showed the item. */
  private final class Change {
    final String id;
    final long t0 = System.nanoTime();
    final AtomicLongArray studioAt;
    final AtomicLongArray viewerAt;
    final AtomicInteger studiosSeen = new AtomicInteger();
    final AtomicInteger viewersSeen = new AtomicInteger();
    final int viewersExpected;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Change(String id, int studioCount, int viewerCount) {
      this.id = id;
      this.studioAt = new AtomicLongArray(studioCount);
      // viewer indexes run over every socket ever opened; failed ones simply never answer
      this.viewerAt = new AtomicLongArray(viewers.size() + (int) viewerFailures.get() + 1);
      this.viewersExpected = viewerCount;
      checkDone();
    }

    void studioSeen(int index, long now) {
      if (studioAt.compareAndSet(index, 0, now)) {
        studiosSeen.incrementAndGet();
        checkDone();
      }
    }

    void viewerSeen(int index, long now) {
      if (index < viewerAt.length() && viewerAt.compareAndSet(index, 0, now)) {
        viewersSeen.incrementAndGet();
        checkDone();
      }
    }

    private void checkDone() {
      if (studiosSeen.get() >= studioAt.length() && viewersSeen.get() >= viewersExpected) {
        done.complete(null);
      }
    }

    void record() {
      changes.incrementAndGet();
      for (int s = 0; s < studioAt.length(); s++) {
        if (studioAt.get(s) == 0) {
          studioMissed.incrementAndGet();
        } else {
          onAirToStudio.recordNanos(studioAt.get(s) - t0);
        }
      }
      if (viewersExpected == 0) {
        return;
      }
      long[] times = new long[viewersSeen.get()];
      int k = 0;
      for (int v = 0; v < viewerAt.length() && k < times.length; v++) {
        if (viewerAt.get(v) != 0) {
          times[k++] = viewerAt.get(v) - t0;
        }
      }
      Arrays.sort(times, 0, k);
      int need95 = (int) Math.ceil(viewersExpected * 0.95);
      if (k >= need95) {
        fanout95.recordNanos(times[need95 - 1]);
      }
      if (k >= viewersExpected) {
        fanout100.recordNanos(times[viewersExpected - 1]);
      } else {
        viewerMissed.addAndGet(viewersExpected - k);
      }
    }
  }

  // ---- afterwards ----

  /** Starts the socket latencies afresh (after a warm-up, before each step of a rate search). */
  void resetLatencies() {
    toModerationSameNode.reset();
    toModerationCrossNode.reset();
  }

  /** Starts the editors' and the on-air path's figures afresh (before each step of the on-air load curve). */
  void resetOnAir() {
    editorHttp.reset();
    onAirHttp.reset();
    onAirToStudio.reset();
    fanout95.reset();
    fanout100.reset();
    changes.set(0);
    studioMissed.set(0);
    viewerMissed.set(0);
    editorOutcomes.clear();
  }

  /** Waits (bounded) until at least count on-air changes have been timed, when the actors can make them. */
  void awaitOnAir(int count, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (acting && !studios.isEmpty() && !editorTokens.isEmpty() && changes.get() < count
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** Waits (bounded) until every moderation socket has as many distinct items as were accepted. */
  void drain(long seconds) throws InterruptedException {
    long accepted = accepted();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && moderation.stream().anyMatch(m -> m.distinct().get() < accepted)) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private long accepted() {
    long n = 0;
    for (Ledger l : List.of(web, sms, calls)) {
      for (Ledger.Batch b : l.batches()) {
        for (int i = 0; i < b.size; i++) {
          if (b.outcome.get(i) == Ledger.ACCEPTED) {
            n++;
          }
        }
      }
    }
    return n;
  }

  /**
   * Nothing lost: each accepted submission is one row in PostgreSQL (found by its tag) and reached every
   * moderation socket exactly once; nothing refused was stored; no row without a request.
   */
  JsonObject lossCheck() {
    Sql sql = server.pgUrl == null ? null : new Sql(server.pgUrl);
    JsonObject out = new JsonObject().put("checkedInPostgres", sql != null).put("moderationSockets", moderation.size());
    boolean clean = true;
    for (Ledger l : List.of(web, sms, calls)) {
      if (l.batches().isEmpty()) {
        continue;
      }
      Map<Integer, Long> rows = null;
      if (sql != null) {
        rows = new HashMap<>();
        for (Map<String, Object> r : sql.rows("SELECT (regexp_match(text, ?))[1]::int AS n, count(*) AS c "
            + "FROM submissions WHERE text LIKE ? GROUP BY 1", "#" + l.kind + run + "-([0-9]+)",
            "%#" + l.kind + run + "-%")) {
          rows.put(((Number) r.get("n")).intValue(), ((Number) r.get("c")).longValue());
        }
      }
      JsonObject check = check(l, rows, moderation.size());
      clean &= check.getBoolean("ok");
      out.put(l.label, check);
    }
    out.put("unmatchedSocketItems", unmatched.get());
    return out.put("ok", clean);
  }

  /**
   * The zero-tolerance rules for one kind of submission, given the rows found per tag index (null when the
   * database cannot be read: then only the sockets are checked, against the 2xx answers).
   */
  static JsonObject check(Ledger l, Map<Integer, Long> rows, int sockets) {
    boolean sqlKnown = rows != null;
    Map<Integer, Long> found = sqlKnown ? rows : Map.of();
    long sent = 0;
    long accepted = 0;
    long refused = 0;
    long failed = 0;
    long lost = 0;
    long duplicated = 0;
    long storedThoughRefused = 0;
    long failedButStored = 0;
    long matched = 0;
    long[] notDelivered = new long[sockets];
    long[] deliveredTwice = new long[sockets];
    for (Ledger.Batch b : l.batches()) {
      for (int i = 0; i < b.size; i++) {
        int outcome = b.outcome.get(i);
        long stored = found.getOrDefault(b.base + i, 0L);
        if (found.containsKey(b.base + i)) {
          matched++;
        }
        sent++;
        switch (outcome) {
          case Ledger.ACCEPTED -> {
            accepted++;
            if (sqlKnown && stored == 0) {
              lost++;
            }
          }
          case Ledger.REFUSED -> {
            refused++;
            if (stored > 0) {
              storedThoughRefused++;
            }
          }
          case Ledger.FAILED -> {
            failed++;
            if (stored > 0) {
              failedButStored++;
            }
          }
          default -> {
          }
        }
        if (stored > 1) {
          duplicated++;
        }
        boolean shouldArrive = sqlKnown ? stored > 0 : outcome == Ledger.ACCEPTED;
        for (int s = 0; s < sockets; s++) {
          int got = b.delivered[s].get(i);
          if (shouldArrive && got == 0) {
            notDelivered[s]++;
          }
          if (got > 1) {
            deliveredTwice[s]++;
          }
        }
      }
    }
    long extraRows = found.size() - matched;
    boolean ok = lost == 0 && duplicated == 0 && storedThoughRefused == 0 && extraRows == 0
        && Arrays.stream(notDelivered).sum() == 0 && Arrays.stream(deliveredTwice).sum() == 0;
    return new JsonObject().put("sent", sent).put("accepted", accepted).put("refused", refused)
        .put("failed", failed).put("rowsFound", found.values().stream().mapToLong(Long::longValue).sum())
        .put("lost", lost).put("duplicatedRows", duplicated).put("storedThoughRefused", storedThoughRefused)
        .put("extraRows", extraRows).put("failedButStored", failedButStored)
        .put("notDeliveredPerSocket", Arrays.stream(notDelivered).boxed().toList())
        .put("deliveredMoreThanOncePerSocket", Arrays.stream(deliveredTwice).boxed().toList())
        .put("ok", ok);
  }

  /** Everything but the intake steps: sockets, editors, on-air timings. */
  JsonObject toJson() {
    JsonObject editors = new JsonObject();
    synchronized (editorOutcomes) {
      editorOutcomes.forEach((k, v) -> editors.put(k, v.get()));
    }
    return new JsonObject().put("episode", episode).put("run", run).put("nodes", nodes)
        .put("moderationSockets", moderation.size()).put("studioSockets", studios.size())
        .put("viewers", viewers.size()).put("viewerConnectFailures", viewerFailures.get())
        .put("socketsClosedByServer", socketsClosedByServer.get())
        .put("latency", new JsonObject()
            .put("submissionToModeration", toModerationSameNode.toJson())
            .put("submissionToModerationCrossNode", toModerationCrossNode.toJson())
            .put("editorActionHttp", editorHttp.toJson())
            .put("onAirHttp", onAirHttp.toJson())
            .put("onAirToStudio", onAirToStudio.toJson())
            .put("fanout95", fanout95.toJson())
            .put("fanout100", fanout100.toJson()))
        .put("onAirChanges", changes.get()).put("studioMissed", studioMissed.get())
        .put("viewersMissed", viewerMissed.get()).put("editorActions", editors);
  }

  @Override
  public void close() throws Exception {
    closing = true;
    stopActors();
    closeViewers();
    for (Moderation m : moderation) {
      m.socket().close();
    }
    studios.forEach(WebSocket::close);
    sockets.close().await(30, TimeUnit.SECONDS);
    load.close().await(30, TimeUnit.SECONDS);
    staff.close();
  }
}
