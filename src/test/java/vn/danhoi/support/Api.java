package vn.danhoi.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Any method on a test node with a bearer token (or none), and the usual checks on the answer. */
public final class Api implements AutoCloseable {

  private final WebClient http;

  public Api(TestNode node) {
    this.http = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(node.port()).setKeepAlive(false));
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body, String token) {
    HttpRequest<Buffer> req = http.request(method, path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    if (body == null) {
      return TestNode.await(req.send());
    }
    req.putHeader("Content-Type", "application/json");
    return TestNode.await(req.sendBuffer(Buffer.buffer(body.encode())));
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return send(HttpMethod.GET, path, null, token);
  }

  /** Sends and checks the status; returns the JSON answer. */
  public JsonObject expect(int status, HttpMethod method, String path, JsonObject body, String token) {
    HttpResponse<Buffer> r = send(method, path, body, token);
    assertEquals(status, r.statusCode(), method + " " + path + ": " + r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  /** The error of a refused call, after checking its status, code and field. */
  public static JsonObject error(HttpResponse<Buffer> r, int status, String code, String field) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertEquals(code, error.getString("code"), r.bodyAsString());
    assertEquals(field, error.getString("field"), r.bodyAsString());
    return error;
  }

  @Override
  public void close() {
    http.close();
  }
}
