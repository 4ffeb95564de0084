package vn.danhoi.sms;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A delivery report's HTTP request as received: the full URL the provider called (the public one, with its query:
 * Twilio signs it), the headers, the raw body and its media type (without parameters, lower case).
 */
public record ReportRequest(String url, MultiMap headers, Buffer body, String mediaType) {
}
