package vn.danhoi.faults;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.Letters;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.Sql;
import vn.danhoi.support.StaffSession;
import vn.danhoi.support.TestNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failure of the server's own disk is told as one: a kept report whose file vanished answers
 * "storage.unavailable" with words for the office, not the database-outage answer a retry would fix.
 */
@ExtendWith(VertxExtension.class)
class StorageFailureTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().withDataDir();

  static final String AGENCY = "Sở Xây dựng tỉnh Lai Châu";

  @Test
  void aKeptFileGoneFromTheDiskIsAFileErrorNotADatabaseOutage(Vertx vertx) throws IOException {
    TestNode node = NODE.node();
    Sql sql = NODE.sql();
    String editor = node.token("editor");
    sql.rows("INSERT INTO agencies (id, name, emails) VALUES (?, ?, '{}')", UUID.randomUUID(), AGENCY);
    StaffSession officer = StaffSession.create(node, "sxd-laichau", "Lò Văn Pọm", List.of("agency"), AGENCY, null);
    HttpResponse<Buffer> created = node.postJson("/api/episodes", new JsonObject().put("title", "Phiên giải trình về nhà ở xã hội")
        .put("topic", "Giải trình").put("startsAt", "2027-05-20T08:00:00+07:00").put("durationMinutes", 120),
        TestNode.ADMIN_TOKEN);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String ep = created.bodyAsJsonObject().getString("id");
    sql.rows("UPDATE episodes SET kind = 'accountability' WHERE id = ?", UUID.fromString(ep));
    HttpResponse<Buffer> called = node.postJson("/api/episodes/" + ep + "/accountability/agencies", new JsonObject()
        .put("agency", AGENCY).put("subjects", "Nhà ở xã hội").put("reportDueAt", "2027-05-10"), editor);
    assertEquals(201, called.statusCode(), called.bodyAsString());

    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(node.port()).setKeepAlive(false));
    HttpResponse<Buffer> filed = TestNode.await(http.post("/api/episodes/" + ep + "/accountability/report")
        .putHeader("Cookie", officer.cookieHeader()).putHeader("X-CSRF-Token", officer.csrfToken())
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("report", "bao-cao.pdf",
            Buffer.buffer(Letters.PDF), "application/pdf")));
    http.close();
    assertEquals(201, filed.statusCode(), filed.bodyAsString());

    String stored = sql.rows("SELECT stored_name FROM session_reports").get(0).get("stored_name").toString();
    try (Stream<Path> files = Files.walk(NODE.dataDir())) {
      Path kept = files.filter(p -> p.getFileName().toString().equals(stored)).findFirst().orElseThrow();
      Files.delete(kept);
    }

    String download = node.get("/api/episodes/" + ep + "/accountability", editor).bodyAsJsonObject()
        .getJsonArray("agencies").getJsonObject(0).getJsonArray("reports").getJsonObject(0).getString("download");
    HttpResponse<Buffer> gone = node.get(download, editor);
    assertEquals(503, gone.statusCode(), gone.bodyAsString());
    assertTrue(gone.getHeader("Content-Type").startsWith("application/json"), gone.getHeader("Content-Type"));
    JsonObject error = gone.bodyAsJsonObject().getJsonObject("error");
    assertEquals("storage.unavailable", error.getString("code"));
    assertTrue(error.getString("message").contains("tệp trên máy chủ"), error.getString("message"));
    assertFalse(error.getString("message").toLowerCase().contains("postgres"), error.getString("message"));
  }
}
