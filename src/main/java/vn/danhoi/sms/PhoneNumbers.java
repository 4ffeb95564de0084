package vn.danhoi.sms;

import vn.danhoi.infra.JsonFields;

/** A recipient as the providers want it: danhoi stores Vietnamese numbers as citizens type them (0…, 84…, +84…). */
final class PhoneNumbers {

  private PhoneNumbers() {
  }

  /**
   * E.164: 0912345678, 84912345678 and "+84 912 345 678" all become +84912345678; another country's +… or 00…
   * number keeps its country. Anything else (a short code) goes as it is, for the provider to refuse or take.
   */
  static String e164(String stored) {
    String n = JsonFields.normalisePhone(stored == null ? "" : stored);
    if (n.startsWith("+")) {
      return n;
    }
    if (n.startsWith("00")) {
      return "+" + n.substring(2);
    }
    // national numbers begin with 0, so a long number beginning with 84 already carries the country code
    if (n.startsWith("84") && n.length() >= 10) {
      return "+" + n;
    }
    if (n.startsWith("0") && n.length() > 1) {
      return "+84" + n.substring(1);
    }
    return n;
  }

  /** E.164 without its "+": 84912345678, the form most Vietnamese gateways take. */
  static String international(String stored) {
    String e164 = e164(stored);
    return e164.startsWith("+") ? e164.substring(1) : e164;
  }
}
