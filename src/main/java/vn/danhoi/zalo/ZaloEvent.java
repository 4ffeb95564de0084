package vn.danhoi.zalo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.JsonFields;
import vn.danhoi.intake.IntakeRoutes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One OA webhook event as Zalo documents it: {@code app_id}, {@code event_name}, {@code sender.id} (the Zalo
 * user), {@code recipient.id} (the OA), {@code message.msg_id}, {@code message.text}, {@code
 * message.attachments[].payload} and {@code timestamp} (milliseconds, a string or a number). Only what a citizen
 * writes to the OA becomes a question: text, and the files, pictures, recordings, videos, places and links they
 * send; every other event (follow, seen, the OA's own messages) is acknowledged and left.
 */
record ZaloEvent(String name, String timestamp, String userId, String messageId, String text,
                 String attachmentNote) {

  /** What an attachment event is called in the stored question, before its caption. */
  private static final Map<String, String> ATTACHMENT = Map.of(
      "user_send_image", "[Ảnh đính kèm]",
      "user_send_file", "[Tệp đính kèm]",
      "user_send_audio", "[Ghi âm đính kèm]",
      "user_send_video", "[Video đính kèm]",
      "user_send_location", "[Vị trí được chia sẻ]",
      "user_send_link", "[Liên kết được chia sẻ]");

  /** Stickers and GIFs carry no question: acknowledged, not stored. */
  boolean question() {
    return "user_send_text".equals(name) || ATTACHMENT.containsKey(name);
  }

  /** The event's name and timestamp, which the signature needs before anything else is read. */
  static String timestamp(JsonObject json) {
    Object t = json.getValue("timestamp");
    return t instanceof String || t instanceof Number ? String.valueOf(t).trim() : null;
  }

  static ZaloEvent read(JsonObject json) {
    String name = json.getValue("event_name") instanceof String s ? s : "";
    ZaloEvent bare = new ZaloEvent(name, timestamp(json), null, null, null, null);
    if (!bare.question()) {
      return bare;
    }
    JsonObject sender = object(json, "sender");
    JsonObject message = object(json, "message");
    JsonFields who = JsonFields.of(sender);
    JsonFields what = JsonFields.of(message);
    String userId = who.required("id", "mã người gửi Zalo", 64);
    String messageId = what.required("msg_id", "mã tin nhắn Zalo", 128);
    if ("user_send_text".equals(name)) {
      return new ZaloEvent(name, bare.timestamp(), userId, messageId,
          what.required("text", "nội dung tin nhắn", IntakeRoutes.TEXT_MAX), null);
    }
    // an attachment's caption, when the sender wrote one, is the question; the label says what came with it
    String caption = what.optional("text", "nội dung tin nhắn", IntakeRoutes.TEXT_MAX - 40);
    String label = ATTACHMENT.get(name);
    List<String> links = links(message.getValue("attachments"));
    String note = links.isEmpty() ? null : cut("Đính kèm trên Zalo (đường dẫn do Zalo giữ, có thể hết hạn): "
        + String.join(" ", links), IntakeRoutes.NOTES_MAX);
    return new ZaloEvent(name, bare.timestamp(), userId, messageId, caption == null ? label : label + " " + caption,
        note);
  }

  private static JsonObject object(JsonObject json, String field) {
    if (json.getValue(field) instanceof JsonObject o) {
      return o;
    }
    throw ApiError.invalid(field, "required", "Sự kiện Zalo thiếu trường " + field + ".");
  }

  /** Where Zalo keeps each attachment (payload.url), or a shared place's coordinates. */
  private static List<String> links(Object attachments) {
    List<String> out = new ArrayList<>();
    if (!(attachments instanceof JsonArray list)) {
      return out;
    }
    for (Object a : list) {
      JsonObject payload = a instanceof JsonObject o && o.getValue("payload") instanceof JsonObject p ? p : null;
      if (payload == null) {
        continue;
      }
      if (payload.getValue("url") instanceof String url && (url.startsWith("https://") || url.startsWith("http://"))) {
        out.add(url);
      } else if (payload.getValue("coordinates") instanceof JsonObject c) {
        out.add("toạ độ " + c.getValue("latitude") + ", " + c.getValue("longitude"));
      }
    }
    return out;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
