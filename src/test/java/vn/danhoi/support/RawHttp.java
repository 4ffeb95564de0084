package vn.danhoi.support;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 written byte by byte on a plain socket: for the requests an HTTP client will not send (a body that
 * stops, a multipart form without its closing boundary, a Content-Length that lies).
 */
public final class RawHttp implements AutoCloseable {

  /** A status line, the headers as read, and the JSON body (null when the body is not JSON). */
  public record Answer(int status, String head, JsonObject json) {
    public String errorField() {
      return json == null || json.getJsonObject("error") == null ? null : json.getJsonObject("error").getString("field");
    }

    public String errorCode() {
      return json == null || json.getJsonObject("error") == null ? null : json.getJsonObject("error").getString("code");
    }
  }

  private final Socket socket;

  public RawHttp(int port) throws IOException {
    this.socket = new Socket("127.0.0.1", port);
    this.socket.setSoTimeout(30_000);
  }

  /** A request head with a Host header; {@code headers} are CRLF-separated lines, without the final one. */
  public static String head(String method, String path, String headers) {
    return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n\r\n";
  }

  public RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  public RawHttp send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  /** Whether the server has answered or closed (without waiting for it). */
  public boolean answered() throws IOException {
    return socket.getInputStream().available() > 0;
  }

  /** Reads the answer: head, then a body of its Content-Length. */
  public Answer answer() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      buf.write(c);
      if (buf.size() >= 4 && buf.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        break;
      }
    }
    String head = buf.toString(StandardCharsets.ISO_8859_1);
    if (!head.startsWith("HTTP/1.1 ")) {
      throw new IOException("no answer, read: " + head);
    }
    int status = Integer.parseInt(head.substring(9, 12));
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    JsonObject json = null;
    try {
      json = new JsonObject(new String(body, StandardCharsets.UTF_8));
    } catch (RuntimeException notJson) {
      // left null
    }
    return new Answer(status, head, json);
  }

  /** Whether the server closed the connection after answering (a read ends or is reset). */
  public boolean closedByServer() throws IOException {
    socket.setSoTimeout(5_000);
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
