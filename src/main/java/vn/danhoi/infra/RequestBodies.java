package vn.danhoi.infra;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads request bodies strictly: declared type, valid UTF-8, a JSON object. */
public final class RequestBodies {

  private RequestBodies() {
  }

  public static JsonObject jsonObject(RoutingContext ctx) {
    String type = mediaType(ctx);
    if (!type.equals("application/json")) {
      throw new ApiError(415, "body.unsupported_media_type", null,
          "Định dạng dữ liệu không được hỗ trợ; hãy gửi JSON (application/json).", null);
    }
    return parseObject(utf8(raw(ctx)));
  }

  public static Buffer raw(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    return body == null ? Buffer.buffer() : body;
  }

  /** The media type without parameters, lower case; a non-UTF-8 charset is refused outright. */
  public static String mediaType(RoutingContext ctx) {
    String header = ctx.request().getHeader("Content-Type");
    if (header == null) {
      return "";
    }
    String[] parts = header.split(";");
    if (parts.length == 0) {
      // a header of only separators (";", ";;") names no type at all
      return "";
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
        throw new ApiError(415, "body.unsupported_charset", null,
            "Chỉ nhận dữ liệu mã hoá UTF-8.", null);
      }
    }
    return parts[0].trim().toLowerCase(Locale.ROOT);
  }

  public static String utf8(Buffer body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("body.invalid_utf8", null,
          "Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ.");
    }
  }

  public static JsonObject parseObject(String text) {
    if (text.isBlank()) {
      throw ApiError.badRequest("body.empty", null, "Chưa có dữ liệu gửi lên.");
    }
    try {
      Object value = Json.decodeValue(text);
      if (value instanceof JsonObject obj) {
        return obj;
      }
    } catch (DecodeException | IllegalStateException e) {
      throw ApiError.badRequest("body.invalid_json", null, "Dữ liệu gửi lên không phải JSON hợp lệ.");
    } catch (RuntimeException e) {
      // Jackson's limits (nesting depth, number length) surface as other runtime exceptions
      throw ApiError.badRequest("body.invalid_json", null, "Dữ liệu gửi lên không phải JSON hợp lệ.");
    }
    throw ApiError.badRequest("body.invalid_json", null, "Dữ liệu gửi lên phải là một đối tượng JSON.");
  }
}
