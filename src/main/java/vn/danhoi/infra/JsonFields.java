package vn.danhoi.infra;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads typed, cleaned fields out of a request object, failing with an {@link ApiError} that names the
 * field and says in Vietnamese what is wrong.
 */
public final class JsonFields {

  private static final Pattern PHONE = Pattern.compile("^(\\+?84|0)[1-9][0-9]{7,9}$");
  private static final Pattern SHORT_NUMBER = Pattern.compile("^[0-9]{3,6}$");
  private static final Pattern EMAIL =
      Pattern.compile("^[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}$");

  private final JsonObject json;

  private JsonFields(JsonObject json) {
    this.json = json;
  }

  public static JsonFields of(JsonObject json) {
    return new JsonFields(json);
  }

  public String required(String field, String label, int maxLength) {
    String v = optional(field, label, maxLength);
    if (v == null || v.isEmpty()) {
      throw ApiError.invalid(field, "required", "Vui lòng nhập " + label + ".");
    }
    return v;
  }

  /** Cleaned text, or null when absent or empty. */
  public String optional(String field, String label, int maxLength) {
    Object raw = json.getValue(field);
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof String s)) {
      throw ApiError.invalid(field, "invalid", "Trường " + label + " phải là văn bản.");
    }
    String v = VietnameseText.clean(s);
    if (v == null) {
      throw ApiError.invalid(field, "invalid", "Trường " + label + " có ký tự không hợp lệ.");
    }
    if (VietnameseText.length(v) > maxLength) {
      throw ApiError.invalid(field, "too_long",
          capitalise(label) + " dài quá " + String.format("%,d", maxLength).replace(',', '.') + " ký tự.");
    }
    return blank(v) ? null : v;
  }

  /** Empty, or only spaces, counting the ones String.strip keeps (U+00A0, U+202F, U+3000…). */
  private static boolean blank(String v) {
    return v.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
  }

  /** A Vietnamese phone number, returned with separators removed; null when absent. */
  public String phone(String field, String label) {
    String v = optional(field, label, 32);
    if (v == null) {
      return null;
    }
    String digits = v.replaceAll("[\\s.()-]", "");
    if (!PHONE.matcher(digits).matches()) {
      throw ApiError.invalid(field, "invalid", capitalise(label) + " không hợp lệ.");
    }
    return digits;
  }

  /** A phone number or an SMS short code (8085); null when absent. */
  public String phoneOrShortCode(String field, String label) {
    String v = optional(field, label, 32);
    if (v == null) {
      return null;
    }
    String digits = v.replaceAll("[\\s.()-]", "");
    if (!PHONE.matcher(digits).matches() && !SHORT_NUMBER.matcher(digits).matches()) {
      throw ApiError.invalid(field, "invalid", capitalise(label) + " không hợp lệ.");
    }
    return digits;
  }

  public String email(String field, String label) {
    String v = optional(field, label, 254);
    if (v == null) {
      return null;
    }
    if (!EMAIL.matcher(v).matches()) {
      throw ApiError.invalid(field, "invalid", capitalise(label) + " không hợp lệ.");
    }
    return v;
  }

  public boolean bool(String field, String label, boolean fallback) {
    Object raw = json.getValue(field);
    if (raw == null) {
      return fallback;
    }
    if (!(raw instanceof Boolean b)) {
      throw ApiError.invalid(field, "invalid", "Trường " + label + " phải là true hoặc false.");
    }
    return b;
  }

  public Integer integer(String field, String label, int min, int max) {
    Object raw = json.getValue(field);
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < min || n.doubleValue() > max) {
      throw ApiError.invalid(field, "invalid",
          capitalise(label) + " phải là số nguyên từ " + min + " đến " + max + ".");
    }
    return n.intValue();
  }

  /** A list of cleaned, non-empty texts (a JSON array; a single string counts as one); empty when absent. */
  public List<String> texts(String field, String label, int maxItems, int maxLength) {
    Object raw = json.getValue(field);
    List<String> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    List<?> values = raw instanceof JsonArray arr ? arr.getList() : List.of(raw);
    for (Object v : values) {
      String s = v instanceof String text ? VietnameseText.clean(text) : null;
      if (s == null) {
        throw ApiError.invalid(field, "invalid", capitalise(label) + " phải là danh sách văn bản.");
      }
      if (VietnameseText.length(s) > maxLength) {
        throw ApiError.invalid(field, "too_long", "Mỗi mục " + label + " dài tối đa " + maxLength + " ký tự.");
      }
      if (!blank(s) && !out.contains(s)) {
        out.add(s);
      }
    }
    if (out.size() > maxItems) {
      throw ApiError.invalid(field, "too_many", capitalise(label) + ": tối đa " + maxItems + " mục.");
    }
    return out;
  }

  /** A list of e-mail addresses; empty when absent. */
  public List<String> emails(String field, String label, int maxItems) {
    List<String> out = texts(field, label, maxItems, 254);
    for (String e : out) {
      if (!EMAIL.matcher(e).matches()) {
        throw ApiError.invalid(field, "invalid", capitalise(label) + ": địa chỉ " + e + " không hợp lệ.");
      }
    }
    return out;
  }

  public static String normalisePhone(String raw) {
    return raw == null ? null : raw.replaceAll("[\\s.()-]", "");
  }

  private static String capitalise(String label) {
    return label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1);
  }
}
