package vn.danhoi.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Posts a letter or question form with its scans to the register, as the editor's browser form does. */
public final class Letters implements AutoCloseable {

  /** The start of a PDF file: what a scanner writes. */
  public static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
      + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);

  private final WebClient http;

  public Letters(TestNode node) {
    this.http = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(node.port()).setKeepAlive(false));
  }

  public record Scan(String fileName, String contentType, byte[] bytes) {
  }

  /** With a staff session (cookie and CSRF token) when {@code session} is set, else with {@code token}. */
  public HttpResponse<Buffer> post(StaffSession session, String token, Map<String, String> fields, Scan... scans) {
    MultipartForm form = MultipartForm.create();
    fields.forEach(form::attribute);
    for (Scan s : scans) {
      form.binaryFileUpload("scan", s.fileName(), Buffer.buffer(s.bytes()), s.contentType());
    }
    HttpRequest<Buffer> req = http.post("/api/register/letters");
    if (session != null) {
      req.putHeader("Cookie", session.cookieHeader()).putHeader("X-CSRF-Token", session.csrfToken());
    } else if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return TestNode.await(req.sendMultipartForm(form));
  }

  @Override
  public void close() {
    http.close();
  }
}
