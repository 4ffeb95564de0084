package vn.danhoi.faults;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.danhoi.support.Letters;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.RawHttp;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.UploadsFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way an upload can end — finished, refused (role, size, type), malformed, stalled, too slow, abandoned
 * by its client — is answered (408, 400, 413, 401/403, 415, or the route's success) and leaves no file in the
 * uploads folder. Written on raw sockets: no HTTP client sends a form without its closing boundary.
 */
class UploadEndingsTest {

  static final int IDLE_SECONDS = 1;
  static final int MAX_SECONDS = 4;
  static final int SCAN_MAX_BYTES = 200_000;

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().vertx(settings -> Vertx.vertx()).withDataDir()
      .with("DANHOI_BODY_IDLE_SECONDS", String.valueOf(IDLE_SECONDS))
      .with("DANHOI_BODY_MAX_SECONDS", String.valueOf(MAX_SECONDS))
      .with("DANHOI_SCAN_MAX_BYTES", String.valueOf(SCAN_MAX_BYTES));

  static Vertx vertx;
  static Path dataDir;
  static TestNode node;

  @BeforeAll
  static void start() {
    vertx = NODE.vertx();
    dataDir = NODE.dataDir();
    node = NODE.node();
  }

  /** The three upload routes: register letters, agencies' written reports, agencies' answers with a file. */
  static String route(String which) {
    return switch (which) {
      case "letter" -> "/api/register/letters";
      case "report" -> "/api/episodes/" + UUID.randomUUID() + "/accountability/report";
      case "answer" -> "/api/agency/assignments/" + UUID.randomUUID() + "/answer";
      default -> throw new IllegalArgumentException(which);
    };
  }

  static final String BOUNDARY = "----danhoi-thu-nghiem-7f3a";

  static String partHead(String field) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"thư ông Tư.pdf\""
        + "\r\nContent-Type: application/pdf\r\n\r\n";
  }

  static byte[] filler(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  static String multipartHead(String path, long contentLength) {
    return RawHttp.head("POST", path, "Authorization: Bearer " + TestNode.ADMIN_TOKEN
        + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + contentLength);
  }

  // ---------------------------------------------------------------- a body that never ends

  @ParameterizedTest
  @ValueSource(strings = {"letter", "report", "answer"})
  void aFormWithoutItsClosingBoundaryIsAnswered408AndLeavesNoFile(String which) throws Exception {
    byte[] head = partHead("scan").getBytes(StandardCharsets.UTF_8);
    byte[] content = filler(150_000);
    long t0 = System.nanoTime();
    try (RawHttp http = new RawHttp(node.port())) {
      // every byte the Content-Length announces is sent; the closing boundary is not among them
      http.send(multipartHead(route(which), head.length + content.length)).send(head).send(content);
      RawHttp.Answer a = http.answer();
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(408, a.status(), a.head() + a.json());
      assertEquals("body.timeout", a.errorCode());
      assertTrue(ms < (MAX_SECONDS + 1) * 1000L, "answered after " + ms + " ms");
      assertTrue(http.closedByServer(), "the connection is closed after the 408");
    }
    UploadsFolder.awaitEmpty(dataDir);
  }

  @Test
  void aBodySentTooSlowlyIsAnswered408AtTheTotalLimit() throws Exception {
    long t0 = System.nanoTime();
    try (RawHttp http = new RawHttp(node.port())) {
      http.send(multipartHead(route("letter"), 100_000)).send(partHead("scan"));
      // a few bytes every 300 ms: never idle for a whole second, never finished
      RawHttp.Answer a = null;
      while (a == null) {
        if (TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) > MAX_SECONDS + 5) {
          throw new AssertionError("no answer after " + (MAX_SECONDS + 5) + " s");
        }
        if (http.answered()) {
          a = http.answer();
        } else {
          try {
            http.send(filler(16));
          } catch (IOException closed) {
            a = http.answer();
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
        }
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(408, a.status(), a.head() + a.json());
      assertTrue(ms >= MAX_SECONDS * 1000L - 500, "cut at " + ms + " ms, before the total limit");
      assertTrue(ms < (MAX_SECONDS + 2) * 1000L, "answered after " + ms + " ms");
    }
    UploadsFolder.awaitEmpty(dataDir);
  }

  @Test
  void aJsonBodyThatStopsIsAnswered408() throws Exception {
    try (RawHttp http = new RawHttp(node.port())) {
      http.send(RawHttp.head("POST", "/api/episodes", "Authorization: Bearer " + TestNode.ADMIN_TOKEN
          + "\r\nContent-Type: application/json\r\nContent-Length: 1000")).send("{\"title\": \"Dân hỏi");
      RawHttp.Answer a = http.answer();
      assertEquals(408, a.status(), a.head() + a.json());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"letter", "report", "answer"})
  void aClientThatLeavesMidBodyLeavesNoFile(String which) throws Exception {
    byte[] head = partHead("scan").getBytes(StandardCharsets.UTF_8);
    try (RawHttp http = new RawHttp(node.port())) {
      http.send(multipartHead(route(which), 180_000)).send(head).send(filler(60_000));
      // the upload is on disk before the client goes
      UploadsFolder.await(dataDir, n -> n > 0, "a file being written");
    }
    UploadsFolder.awaitEmpty(dataDir);
  }

  // ---------------------------------------------------------------- malformed

  @ParameterizedTest
  @ValueSource(strings = {"/api/register/letters", "/api/agency/assignments/%s/answer", "/api/episodes"})
  void anEmptyOrMissingBoundaryIs400NamingIt(String path) throws Exception {
    for (String type : new String[] {"multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
        "multipart/form-data", "multipart/form-data; boundary=" + "b".repeat(71)}) {
      try (RawHttp http = new RawHttp(node.port())) {
        String body = "--x\r\n\r\n";
        http.send(RawHttp.head("POST", path.formatted(UUID.randomUUID()), "Authorization: Bearer "
            + TestNode.ADMIN_TOKEN + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length())).send(body);
        RawHttp.Answer a = http.answer();
        assertEquals(400, a.status(), type + ": " + a.head() + a.json());
        assertEquals("boundary", a.errorField(), type + ": " + a.json());
      }
    }
    UploadsFolder.awaitEmpty(dataDir);
  }

  @Test
  void aFormThatCannotBeReadIs400() throws Exception {
    String body = "--" + BOUNDARY + "\r\nthis line is no part header\r\n\r\nxyz\r\n--" + BOUNDARY + "--\r\n";
    try (RawHttp http = new RawHttp(node.port())) {
      http.send(multipartHead(route("letter"), body.getBytes(StandardCharsets.UTF_8).length)).send(body);
      RawHttp.Answer a = http.answer();
      assertTrue(a.status() == 400, a.head() + a.json());
      assertTrue(a.errorField() != null, "the error names a field: " + a.json());
    }
    UploadsFolder.awaitEmpty(dataDir);
  }

  // ---------------------------------------------------------------- refused

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void anOversizedUploadIs413AndLeavesNoFile(boolean chunked) throws Exception {
    byte[] head = partHead("scan").getBytes(StandardCharsets.UTF_8);
    int size = SCAN_MAX_BYTES + 200 * 1024;
    try (RawHttp http = new RawHttp(node.port())) {
      if (chunked) {
        http.send(RawHttp.head("POST", route("letter"), "Authorization: Bearer " + TestNode.ADMIN_TOKEN
            + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nTransfer-Encoding: chunked"));
        sendChunk(http, head);
        try {
          for (int sent = 0; sent < size && !http.answered(); sent += 16 * 1024) {
            sendChunk(http, filler(16 * 1024));
          }
        } catch (IOException closedAfterAnswer) {
          // the server stops reading once it has answered
        }
      } else {
        http.send(multipartHead(route("letter"), head.length + size));
      }
      RawHttp.Answer a = http.answer();
      assertEquals(413, a.status(), a.head() + a.json());
      assertEquals("scan", a.errorField());
    }
    UploadsFolder.awaitEmpty(dataDir);
  }

  private static void sendChunk(RawHttp http, byte[] bytes) throws IOException {
    http.send(Integer.toHexString(bytes.length) + "\r\n").send(bytes).send("\r\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"operator", "studio", "none"})
  void aRefusedCallerLeavesNoFile(String role) throws Exception {
    String auth = role.equals("none") ? "" : "Authorization: Bearer " + node.token(role) + "\r\n";
    byte[] head = partHead("scan").getBytes(StandardCharsets.UTF_8);
    try (RawHttp http = new RawHttp(node.port())) {
      http.send(RawHttp.head("POST", route("letter"), auth + "Content-Type: multipart/form-data; boundary="
          + BOUNDARY + "\r\nContent-Length: " + (head.length + 100_000))).send(head);
      try {
        http.send(filler(100_000));
      } catch (IOException closedAfterAnswer) {
        // answered and closed before the body was read
      }
      RawHttp.Answer a = http.answer();
      assertTrue(a.status() == 401 || a.status() == 403, a.head() + a.json());
    }
    UploadsFolder.awaitEmpty(dataDir);
  }

  @Test
  void finishedAndRefusedByTypeUploadsLeaveNothingInTheUploadsFolder() throws Exception {
    try (Letters letters = new Letters(node)) {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("channel", "post");
      f.put("askerName", "Đặng Văn Tư");
      f.put("address", "Số 12, ấp Bình Hoà, xã Mỹ Yên");
      f.put("text", "Khi nào ấp Bình Hoà có nước máy?");
      HttpResponse<Buffer> ok = letters.post(null, TestNode.ADMIN_TOKEN, f,
          new Letters.Scan("Thư ông Tư.pdf", "application/pdf", Letters.PDF));
      assertEquals(201, ok.statusCode(), ok.bodyAsString());
      HttpResponse<Buffer> refused = letters.post(null, TestNode.ADMIN_TOKEN, f,
          new Letters.Scan("thư.pdf", "application/pdf", "<html>không phải PDF</html>".getBytes(StandardCharsets.UTF_8)));
      assertEquals(415, refused.statusCode(), refused.bodyAsString());
    }
    UploadsFolder.awaitEmpty(dataDir);
    try (Stream<Path> kept = Files.list(dataDir.resolve("attachments"))) {
      assertEquals(1, kept.filter(Files::isRegularFile).count(), "the accepted scan is kept, the refused one is not");
    }
  }

  // ---------------------------------------------------------------- start-up sweep

  @Test
  void uploadsAKilledProcessLeftAreSweptAtStartUp() throws Exception {
    Path data = Files.createTempDirectory("danhoi-uploads-swept");
    Path incoming = Files.createDirectories(data.resolve("attachments").resolve("incoming"));
    Path stale = Files.createDirectories(incoming.resolve(UUID.randomUUID().toString()));
    Files.write(stale.resolve(UUID.randomUUID().toString()), filler(1000));
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
    Path fresh = Files.createDirectories(incoming.resolve(UUID.randomUUID().toString()));
    Map<String, String> env = NODE.env();
    env.put("DANHOI_DATA_DIR", data.toString());
    try (TestNode second = TestNode.start(vertx, env)) {
      assertFalse(Files.exists(stale), "the stale upload is removed");
      assertTrue(Files.exists(fresh), "an upload younger than the longest allowed is left to its node");
    }
  }
}
