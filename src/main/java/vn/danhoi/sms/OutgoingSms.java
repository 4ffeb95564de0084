package vn.danhoi.sms;

import java.util.UUID;

/**
 * One SMS as it leaves: our notice's id (the provider's client reference where it takes one, and the key its
 * delivery report comes back with), the recipient as stored (a Vietnamese number such as 0912345678 or
 * +84912345678) and the text exactly as it is to be sent (already folded when the provider is set so).
 */
public record OutgoingSms(UUID noticeId, String to, String text) {
}
