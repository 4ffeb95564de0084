package vn.danhoi.faults;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import vn.danhoi.intake.SmsSignature;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile input on the public endpoints, the SMS webhook and episode creation: random bytes, random and
 * malformed JSON (huge numbers, deep nesting, lone surrogates), control, RTL and zero-width characters, form
 * bodies, random Content-Types. Never a 5xx, always a JSON error on 4xx, and a row only for a 2xx. Plus a
 * 10 MB body and a slow-loris upload.
 */
@Tag("faults")
class HostileInputTest {

  static Vertx vertx;
  static String db;
  static TestNode node;
  static Sql sql;
  static String episode;

  /** Ids answered with a 2xx in the current property: each must be exactly one new row, nothing else. */
  static final Set<String> stored = ConcurrentHashMap.newKeySet();
  static long submissionsBefore;
  static long episodesBefore;

  @BeforeContainer
  static void start() {
    vertx = Vertx.vertx();
    db = TestStores.newDatabase();
    node = TestNode.start(vertx, TestNode.env(db, TestStores.redisUrl(), TestStores.newPrefix()));
    sql = new Sql(db);
    episode = node.liveEpisode("8077", "HOI");
  }

  @AfterContainer
  static void stop() {
    TestNode.shutDown(node, vertx, db);
  }

  @BeforeProperty
  void countBefore() {
    stored.clear();
    submissionsBefore = sql.submissions();
    episodesBefore = sql.count("SELECT count(*) FROM episodes");
  }

  @AfterProperty
  void everyRowBelongsToA2xx() {
    long submissions = sql.submissions() - submissionsBefore;
    long episodes = sql.count("SELECT count(*) FROM episodes") - episodesBefore;
    assertEquals(stored.size(), submissions + episodes,
        "rows written (submissions " + submissions + ", episodes " + episodes + ") = 2xx answers that stored one");
    assertHealthy();
  }

  // ---------------------------------------------------------------- properties

  @Property(tries = 200)
  void webQuestionWithHostileFields(@ForAll("questionBodies") String body, @ForAll("jsonMostly") String type,
                                    @ForAll("idempotencyKeys") String key) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (key != null) {
      headers.add("Idempotency-Key", key);
    }
    HttpResponse<Buffer> r = node.post("/api/episodes/" + episode + "/questions",
        Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)), type, null, headers);
    check(r, body);
    countStored(r);
  }

  @Property(tries = 200)
  void anyBytesWithAnyContentTypeToEveryEndpoint(@ForAll("rawBodies") byte[] body,
                                                 @ForAll("contentTypes") String type,
                                                 @ForAll("endpoints") String endpoint) {
    HttpResponse<Buffer> r = switch (endpoint) {
      case "question" -> node.post("/api/episodes/" + episode + "/questions", Buffer.buffer(body), type, null,
          MultiMap.caseInsensitiveMultiMap());
      case "sms-signed" -> node.post("/api/intake/sms", Buffer.buffer(body), type, null,
          MultiMap.caseInsensitiveMultiMap().add("X-Signature-256", SmsSignature.sign(TestNode.SMS_SECRET, body)));
      case "sms-unsigned" -> node.post("/api/intake/sms", Buffer.buffer(body), type, null,
          MultiMap.caseInsensitiveMultiMap());
      default -> node.post("/api/episodes", Buffer.buffer(body), type, TestNode.ADMIN_TOKEN,
          MultiMap.caseInsensitiveMultiMap());
    };
    check(r, new String(body, StandardCharsets.ISO_8859_1));
    boolean form = type != null && (type.toLowerCase().contains("x-www-form-urlencoded")
        || type.toLowerCase().contains("multipart/"));
    if (endpoint.equals("sms-unsigned") && !(form && r.statusCode() == 400) && r.statusCode() != 413) {
      // only a form body the body handler cannot decode (urlencoded, or multipart with a bad boundary or
      // parts) is refused (400, naming it) before the signature is checked
      assertEquals(401, r.statusCode(), "an unsigned SMS is refused: " + r.bodyAsString());
    }
    countStored(r);
  }

  @Property(tries = 200)
  void signedSmsWithHostileContent(@ForAll("smsBodies") String body, @ForAll("smsContentTypes") String type) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpResponse<Buffer> r = node.post("/api/intake/sms", Buffer.buffer(bytes), type, null,
        MultiMap.caseInsensitiveMultiMap().add("X-Signature-256", SmsSignature.sign(TestNode.SMS_SECRET, bytes)));
    check(r, body);
    countStored(r);
  }

  @Property(tries = 200)
  void unsignedOrBadlySignedSmsIsAlwaysRefused(@ForAll("smsBodies") String body,
                                               @ForAll("signatures") String signature) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (signature != null) {
      headers.add("X-Signature-256", signature);
    }
    boolean json = body.startsWith("{");
    HttpResponse<Buffer> r = node.post("/api/intake/sms", Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)),
        json ? "application/json" : "application/x-www-form-urlencoded", null, headers);
    check(r, body);
    if (r.statusCode() == 413) {
      assertTrue(body.getBytes(StandardCharsets.UTF_8).length > 64 * 1024, "413 only over the body limit");
    } else if (json || r.statusCode() != 400) {
      // only a form body the body handler cannot even decode is refused (400) before the signature is checked
      assertEquals(401, r.statusCode(), "a bad signature is refused: " + r.bodyAsString());
    }
    assertTrue(r.statusCode() / 100 == 4);
  }

  @Property(tries = 200)
  void episodeCreationWithHostileFields(@ForAll("episodeBodies") String body, @ForAll("jsonMostly") String type) {
    HttpResponse<Buffer> r = node.post("/api/episodes", Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)), type,
        TestNode.ADMIN_TOKEN, MultiMap.caseInsensitiveMultiMap());
    check(r, body);
    countStored(r);
  }

  @Property(tries = 100)
  void hostileEpisodeIdInThePath(@ForAll("hostileText") String id) {
    String path = "/api/episodes/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "/questions";
    HttpResponse<Buffer> r = node.post(path, Buffer.buffer(TestNode.question("Lê Văn Tám", "Hỏi về cầu").encode()),
        "application/json", null, MultiMap.caseInsensitiveMultiMap());
    check(r, id);
    assertTrue(r.statusCode() / 100 == 4, "no episode has such an id: " + r.statusCode());
  }

  // ---------------------------------------------------------------- plain tests

  @Example
  void aTenMegabyteBodyIsRefusedQuicklyWithContentLength() throws IOException {
    String head = "POST /api/episodes/" + episode + "/questions HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + (10 * 1024 * 1024) + "\r\n\r\n";
    assertRefusedAs413(head, false);
    assertHealthy();
  }

  @Example
  void aTenMegabyteChunkedBodyIsRefusedQuickly() throws IOException {
    String head = "POST /api/intake/sms HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    assertRefusedAs413(head, true);
    assertHealthy();
  }

  @Example
  void aSlowLorisUploadDoesNotBlockOtherRequestsAndStoresNothing() throws Exception {
    String marker = "Chậm rãi " + UUID.randomUUID();
    byte[] payload = TestNode.question("Nguyễn Văn Chậm", marker).encode().getBytes(StandardCharsets.UTF_8);
    String head = "POST /api/episodes/" + episode + "/questions HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
    AtomicReference<Throwable> writerFailure = new AtomicReference<>();
    try (Socket slow = new Socket("127.0.0.1", node.port())) {
      OutputStream out = slow.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      Thread writer = new Thread(() -> {
        try {
          // the scenario itself: a few bytes of the body every 250 ms for about 5 s, never all 1000
          for (int i = 0; i < payload.length && System.nanoTime() < deadline; i += 4) {
            out.write(payload, i, Math.min(4, payload.length - i));
            out.flush();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
          }
        } catch (IOException e) {
          writerFailure.set(e);
        }
      }, "slow-loris");
      writer.start();
      // meanwhile other clients are served at once
      int served = 0;
      while (writer.isAlive()) {
        long t0 = System.nanoTime();
        HttpResponse<Buffer> ok = node.postJson("/api/episodes/" + episode + "/questions",
            TestNode.question("Trần Thị Nhanh", "Câu hỏi trong lúc tải chậm số " + served), null);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(202, ok.statusCode(), ok.bodyAsString());
        countStored(ok);
        assertTrue(ms < 2000, "a normal request took " + ms + " ms during the slow upload");
        assertHealthy();
        served++;
      }
      writer.join(TimeUnit.SECONDS.toMillis(10));
      assertTrue(served >= 3, "several requests were served during the slow upload, got " + served);
      if (writerFailure.get() != null) {
        fail("the server cut the slow upload before 5 s: " + writerFailure.get());
      }
      assertEquals(0, slow.getInputStream().available(), "no answer before the declared body arrived");
    }
    // the connection is gone with 1000 bytes never sent: nothing of it is stored
    assertEquals(0, sql.count("SELECT count(*) FROM submissions WHERE text LIKE ?", "%" + marker + "%"));
    assertEquals(0, sql.count("SELECT count(*) FROM submissions WHERE text LIKE ?", "Chậm rãi%"));
    assertHealthy();
  }

  // ---------------------------------------------------------------- helpers

  private static void assertRefusedAs413(String head, boolean chunked) throws IOException {
    long t0 = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", node.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread writer = new Thread(() -> {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        try {
          for (int sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) {
            if (chunked) {
              out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(chunk);
            if (chunked) {
              out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
          }
          if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.flush();
        } catch (IOException expected) {
          // the server may stop reading and close once it has answered 413
        }
      }, "big-body");
      writer.setDaemon(true);
      writer.start();
      String response = readHead(s.getInputStream());
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(response.startsWith("HTTP/1.1 413"), "10 MB body answered: " + response);
      assertTrue(response.toLowerCase().contains("application/json"), response);
      assertTrue(ms < 5000, "413 took " + ms + " ms");
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      int c;
      while ((c = in.read()) != -1) {
        buf.write(c);
        if (buf.size() >= 4 && buf.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          break;
        }
      }
    } catch (SocketException e) {
      // a reset after the answer was read is fine; what was read is checked
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  static void assertHealthy() {
    HttpResponse<Buffer> health = node.get("/health", null);
    assertEquals(200, health.statusCode(), "health: " + health.bodyAsString());
  }

  private static void countStored(HttpResponse<Buffer> r) {
    if (r.statusCode() / 100 == 2) {
      // a duplicate SMS or a replayed Idempotency-Key answers with the id already stored
      String id = r.bodyAsJsonObject().getString("id");
      assertNotNull(id, "a 2xx names what it stored: " + r.bodyAsString());
      stored.add(id);
    }
  }

  private static void check(HttpResponse<Buffer> r, String sent) {
    int status = r.statusCode();
    String shown = sent.length() > 300 ? sent.substring(0, 300) + "…" : sent;
    assertTrue(status < 500, "never a 5xx; got " + status + " " + r.bodyAsString() + " for " + shown);
    assertTrue(status >= 200 && status < 500 && status / 100 != 3, "status " + status);
    JsonObject json;
    try {
      json = r.bodyAsJsonObject();
    } catch (RuntimeException e) {
      throw new AssertionError("not a JSON object: " + status + " " + r.bodyAsString() + " for " + shown, e);
    }
    assertNotNull(json, "a JSON body for " + status);
    if (status >= 400) {
      assertNotNull(json.getJsonObject("error"), "error object: " + json.encode());
      String code = json.getJsonObject("error").getString("code");
      assertTrue(code != null && !code.isBlank(), "error.code: " + json.encode());
    }
  }

  // ---------------------------------------------------------------- generators

  /** Characters that break naive code: controls, bidi overrides, zero-width, BOM, surrogates, emoji. */
  static final List<String> NASTY = List.of("\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u001b", "\u007f",
      "\u0085", "\u00a0", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
      "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029", "\u3000", "\ufeff", "\ufffd", "\uffff",
      "\ud800", "\udbff", "\udc00", "\udfff", "😀", "👨‍👩‍👧", "🇻🇳", "e\u0301", "a\u0300\u0300\u0300\u0300",
      "ờ", "Đ", "ữ", "ặ", "'", "\"", "\\", "<script>", "%00", "${jndi:x}", "' OR 1=1 --");

  static final List<String> WORDS = List.of("Xin", "hỏi", "đường", "nước", "sạch", "điện", "xã", "Mỹ Yên",
      "huyện", "Bến Lức", "bao giờ", "sửa", "cầu", "học phí", "bảo hiểm", "y tế", "ạ", "?");

  @Provide
  Arbitrary<String> hostileText() {
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.of(NASTY),
        Arbitraries.of(WORDS).map(w -> w + " "),
        Arbitraries.strings().all().ofMaxLength(8),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(3));
    Arbitrary<String> mixed = piece.list().ofMaxSize(25).map(l -> String.join("", l));
    Arbitrary<String> veryLong = Combinators.combine(Arbitraries.of(NASTY), Arbitraries.integers().between(1000, 40_000))
        .as((s, n) -> "Câu hỏi dài " + s.repeat(Math.max(1, n / Math.max(1, s.length()))));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, mixed),
        net.jqwik.api.Tuple.of(1, veryLong),
        net.jqwik.api.Tuple.of(1, Arbitraries.just("")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(" ", "\u200b", "\u202e", "\u00a0\u3000", "\t\n")));
  }

  /** A JSON string literal; surrogates and some other characters are written as \\u escapes. */
  static String lit(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c) || c == 0x202e || c == 0x200b || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  Arbitrary<String> number() {
    return Arbitraries.oneOf(
        Arbitraries.of("0", "-0", "1e999999", "-1e999999", "1.5e-400", "9".repeat(400), "9".repeat(2000),
            "123456789012345678901234567890", "0.0000000000000000000000001", "1E+2", "-9223372036854775809",
            "18446744073709551616", "1.7976931348623157e309"),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf).filter(d -> !d.contains("Infinity") && !d.contains("NaN")));
  }

  Arbitrary<String> jsonValue(int depth) {
    List<Arbitrary<String>> leaves = new ArrayList<>(List.of(
        Arbitraries.of("null", "true", "false"),
        number(),
        hostileText().map(HostileInputTest::lit)));
    if (depth <= 0) {
      return Arbitraries.oneOf(leaves);
    }
    Arbitrary<String> array = Arbitraries.lazy(() -> jsonValue(depth - 1)).list().ofMaxSize(4)
        .map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> object = Combinators.combine(hostileText().map(HostileInputTest::lit),
            Arbitraries.lazy(() -> jsonValue(depth - 1))).as((k, v) -> k + ":" + v).list().ofMaxSize(4)
        .map(l -> "{" + String.join(",", l) + "}");
    List<Arbitrary<String>> all = new ArrayList<>(leaves);
    all.add(array);
    all.add(object);
    return Arbitraries.oneOf(all);
  }

  Arbitrary<String> deepNesting() {
    return Combinators.combine(Arbitraries.integers().between(500, 200_000), Arbitraries.of("[", "{\"a\":"),
            Arbitraries.of("name", "text", "title", "from"))
        .as((n, open, field) -> "{\"" + field + "\":" + open.repeat(n) + "1"
            + (open.equals("[") ? "]" : "}").repeat(n) + "}");
  }

  Arbitrary<String> malformedJson() {
    return Arbitraries.of("{", "}", "{\"name\":}", "{\"name\":\"x\",}", "{'name':'x'}", "[]", "\"chuỗi\"", "42",
        "null", "{\"text\":\"\\ud800\"}", "{\"text\":\"\\uZZZZ\"}", "{\"text\":\"\\", "{\"a\":1}{\"b\":2}",
        "{\"name\":NaN}", "{\"name\":Infinity}", "{\"name\":\"x\" /* c */}", "\ufeff{\"name\":\"x\"}",
        "{\"name\":\"x\",\"name\":\"y\"}", "{\"consent\":\"true\"}", " ", "");
  }

  /** A value for a field: often plausible (so some tries are stored), often hostile. */
  Arbitrary<String> fieldValue(Arbitrary<String> plausible) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, plausible.map(HostileInputTest::lit)),
        net.jqwik.api.Tuple.of(4, hostileText().map(HostileInputTest::lit)),
        net.jqwik.api.Tuple.of(2, jsonValue(2)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
  }

  static String object(Map<String, String> fields, String extra) {
    StringBuilder b = new StringBuilder("{");
    fields.forEach((k, v) -> {
      if (v != null) {
        b.append(b.length() > 1 ? "," : "").append(lit(k)).append(':').append(v);
      }
    });
    if (extra != null) {
      b.append(b.length() > 1 ? "," : "").append(extra);
    }
    return b.append('}').toString();
  }

  @Provide
  Arbitrary<String> questionBodies() {
    Arbitrary<String> valid = Combinators.combine(
        fieldValue(Arbitraries.of("Nguyễn Văn A", "Trần Thị Bích", "Lê Văn Tám")),
        fieldValue(Arbitraries.of("Xã Mỹ Yên, huyện Bến Lức", "Phường 3, TP Tân An")),
        fieldValue(Arbitraries.of("0912345678", "+84912345678", "091 234 5678")),
        fieldValue(Arbitraries.of("dan@example.vn")).injectNull(0.6),
        fieldValue(Arbitraries.of("Bao giờ sửa đường liên ấp?", "Xin hỏi về giá điện")),
        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just("true")),
            net.jqwik.api.Tuple.of(1, jsonValue(1))),
        Combinators.combine(hostileText().map(HostileInputTest::lit), jsonValue(2)).as((k, v) -> k + ":" + v)
            .injectNull(0.7))
        .as((name, locality, phone, email, text, consent, extra) -> {
          Map<String, String> f = new LinkedHashMap<>();
          f.put("name", name);
          f.put("locality", locality);
          f.put("phone", phone);
          f.put("email", email);
          f.put("text", text);
          f.put("consent", consent);
          return object(f, extra);
        });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(7, valid),
        net.jqwik.api.Tuple.of(1, jsonValue(4)),
        net.jqwik.api.Tuple.of(1, deepNesting()),
        net.jqwik.api.Tuple.of(1, malformedJson()));
  }

  @Provide
  Arbitrary<String> smsBodies() {
    Arbitrary<String> json = Combinators.combine(
        fieldValue(Arbitraries.of("0912777888", "+84987654321", "8077")),
        fieldValue(Arbitraries.of("8077", "8099", "0272 3826 111")),
        fieldValue(Arbitraries.of("HOI Xin hỏi lịch cắt điện", "hoi đường xuống cấp", "Cho hỏi học phí")),
        fieldValue(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40)),
        fieldValue(Arbitraries.of("2026-05-01T10:00:00+07:00", "hôm qua", "2026-13-45T99:99:99Z")).injectNull(0.5))
        .as((from, to, text, id, at) -> {
          Map<String, String> f = new LinkedHashMap<>();
          f.put("from", from);
          f.put("to", to);
          f.put("text", text);
          f.put("messageId", id);
          f.put("receivedAt", at);
          return object(f, null);
        });
    Arbitrary<String> formValue = Arbitraries.oneOf(
        hostileText().map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)),
        Arbitraries.of("%", "%zz", "%ff%fe", "%ED%A0%80", "%00", "+", "a=b=c", "&&", "%C3%A0"),
        Arbitraries.of("0912777888", "8077", "HOI+Xin+h%E1%BB%8Fi", "SM123abc"));
    Arbitrary<String> form = Combinators.combine(formValue, formValue, formValue, formValue,
            Arbitraries.of("From", "To", "Body", "MessageSid", "from", "x", "").list().ofMinSize(4).ofMaxSize(6))
        .as((a, b, c, d, names) -> names.get(0) + "=" + a + "&" + names.get(1) + "=" + b + "&" + names.get(2) + "="
            + c + "&" + names.get(3) + "=" + d);
    Arbitrary<String> goodForm = Combinators.combine(formValue, formValue, formValue)
        .as((from, body, sid) -> "From=" + from + "&To=8077&Body=" + body + "&MessageSid=" + sid);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, json),
        net.jqwik.api.Tuple.of(3, form),
        net.jqwik.api.Tuple.of(2, goodForm),
        net.jqwik.api.Tuple.of(1, jsonValue(3)),
        net.jqwik.api.Tuple.of(1, deepNesting()),
        net.jqwik.api.Tuple.of(1, malformedJson()));
  }

  @Provide
  Arbitrary<String> smsContentTypes() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.of("application/json", "application/x-www-form-urlencoded")),
        net.jqwik.api.Tuple.of(1, contentTypes()));
  }

  @Provide
  Arbitrary<String> jsonMostly() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.of("application/json", "application/json; charset=UTF-8")),
        net.jqwik.api.Tuple.of(1, contentTypes()));
  }

  @Provide
  Arbitrary<String> signatures() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of("", "sha256=", "sha256=00", "md5=abc", "sha256=" + "0".repeat(64), "   "),
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(100),
        Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha256=" + h));
  }

  @Provide
  Arbitrary<String> episodeBodies() {
    Arbitrary<String> valid = Combinators.combine(
        fieldValue(Arbitraries.of("Dân hỏi – Chính quyền trả lời", "Đối thoại nông thôn")),
        fieldValue(Arbitraries.of("Nước sạch", "Giao thông nông thôn")),
        Arbitraries.oneOf(Arbitraries.of("\"2026-06-01T19:30:00+07:00\"", "\"2026-06-01T12:30:00Z\""),
            jsonValue(1), hostileText().map(HostileInputTest::lit)),
        Arbitraries.oneOf(Arbitraries.of("60", "90", "1"), number(), jsonValue(1)),
        Arbitraries.oneOf(Arbitraries.just(null), jsonValue(3),
            Combinators.combine(fieldValue(Arbitraries.of("8078", "8079")), fieldValue(Arbitraries.of("DT", "HOI")),
                    jsonValue(2))
                .as((n, k, h) -> "{\"smsNumber\":" + n + ",\"smsKeyword\":" + k + ",\"hotline\":" + h + "}")))
        .as((title, topic, starts, duration, intake) -> {
          Map<String, String> f = new LinkedHashMap<>();
          f.put("title", title);
          f.put("topic", topic);
          f.put("startsAt", starts);
          f.put("durationMinutes", duration);
          f.put("intake", intake);
          return object(f, null);
        });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(7, valid),
        net.jqwik.api.Tuple.of(1, jsonValue(4)),
        net.jqwik.api.Tuple.of(1, deepNesting()),
        net.jqwik.api.Tuple.of(1, malformedJson()));
  }

  @Provide
  Arbitrary<byte[]> rawBodies() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(3000),
        // invalid UTF-8 inside otherwise plausible JSON
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8).map(bad -> {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          b.writeBytes("{\"name\":\"Nguy".getBytes(StandardCharsets.UTF_8));
          b.writeBytes(bad);
          b.writeBytes("n\",\"text\":\"hỏi\",\"from\":\"0912777888\",\"to\":\"8077\",\"messageId\":\"x\"}"
              .getBytes(StandardCharsets.UTF_8));
          return b.toByteArray();
        }),
        Arbitraries.of(new byte[] {(byte) 0xc0, (byte) 0x80}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b, 0x00, 0x7d, 0x00}, new byte[0]));
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of("application/json", "application/json; charset=utf-8", "application/json;charset=\"UTF-8\"",
            "APPLICATION/JSON", "application/json; charset=latin1", "application/json; charset=utf-16",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=----x", "text/plain",
            "text/html; charset=utf-8", "application/xml", "*/*", "", ";", ";;;charset=", "application/json;;",
            "application/json; boundary", "application/json; charset=", "application/jsonp", "json"),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60));
  }

  @Provide
  Arbitrary<String> idempotencyKeys() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.just(null),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(250),
        Arbitraries.strings().alpha().ofLength(300));
  }

  @Provide
  Arbitrary<String> endpoints() {
    return Arbitraries.of("question", "sms-signed", "sms-unsigned", "episode");
  }

}
