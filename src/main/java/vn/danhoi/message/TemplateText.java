package vn.danhoi.message;

import vn.danhoi.infra.ApiError;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{variable}}} language of the templates: what a text uses, whether the office's text is one the
 * senders can fill (every brace in a pair, every variable one the message has, the required ones there),
 * and the filling itself.
 */
final class TemplateText {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
  static final int SUBJECT_MAX = 250;
  static final int BODY_MAX = 20_000;

  private TemplateText() {
  }

  static Set<String> placeholders(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The office's subject and body, or a 400 naming the field that cannot be used as it is. */
  static void check(MessageTemplate t, String subject, String body) {
    if (subject == null || subject.isBlank()) {
      throw ApiError.invalid("subject", "required", "Chưa nhập tiêu đề thư.");
    }
    if (subject.contains("\n") || subject.contains("\r")) {
      throw ApiError.invalid("subject", "invalid", "Tiêu đề thư chỉ được có một dòng.");
    }
    if (subject.length() > SUBJECT_MAX) {
      throw ApiError.invalid("subject", "too_long", "Tiêu đề thư dài quá " + SUBJECT_MAX + " ký tự.");
    }
    if (body == null || body.isBlank()) {
      throw ApiError.invalid("body", "required", "Chưa nhập nội dung thư.");
    }
    if (body.length() > BODY_MAX) {
      throw ApiError.invalid("body", "too_long", "Nội dung thư dài quá " + BODY_MAX + " ký tự.");
    }
    balanced("subject", subject);
    balanced("body", body);
    known(t, "subject", subject);
    known(t, "body", body);
    Set<String> used = placeholders(subject + "\n" + body);
    for (String name : t.required()) {
      if (!used.contains(name)) {
        throw ApiError.invalid("body", "missing_variable", "Mẫu thư phải có biến {{" + name + "}} ("
            + t.variables().getOrDefault(name, name) + ").");
      }
    }
  }

  /** Every "{{" closes with "}}" around a name, and no single brace is left over. */
  private static void balanced(String field, String text) {
    String rest = PLACEHOLDER.matcher(text).replaceAll("");
    int open = rest.indexOf('{');
    int at = open >= 0 ? open : rest.indexOf('}');
    if (at >= 0) {
      String near = rest.substring(Math.max(0, at - 20), Math.min(rest.length(), at + 20)).strip();
      throw ApiError.invalid(field, "unbalanced_braces", "Dấu ngoặc nhọn không khớp (mỗi biến viết dạng "
          + "{{ten_bien}}), gần: “" + near + "”.");
    }
  }

  private static void known(MessageTemplate t, String field, String text) {
    for (String name : placeholders(text)) {
      if (!t.variables().containsKey(name)) {
        throw ApiError.invalid(field, "unknown_variable", "Mẫu thư này không có biến {{" + name
            + "}}; các biến dùng được: " + String.join(", ", t.variables().keySet()) + ".");
      }
    }
  }

  /**
   * The text with every placeholder replaced by its value. An empty value takes the spaces before it along
   * when punctuation or another space follows ("Kính gửi Ông/Bà {{ho_ten}}," → "Kính gửi Ông/Bà,"); the
   * values themselves are never touched.
   */
  static String fill(String text, Map<String, ?> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 256);
    int from = 0;
    while (m.find()) {
      out.append(text, from, m.start());
      Object v = values.get(m.group(1));
      String value = v == null ? "" : String.valueOf(v);
      from = m.end();
      if (value.isEmpty()) {
        char next = from < text.length() ? text.charAt(from) : '\n';
        if (",.:;) \t\n".indexOf(next) >= 0) {
          while (out.length() > 0 && (out.charAt(out.length() - 1) == ' ' || out.charAt(out.length() - 1) == '\t')
              && out.length() > 1 && out.charAt(out.length() - 2) != '\n') {
            out.setLength(out.length() - 1);
          }
        }
      }
      out.append(value);
    }
    out.append(text, from, text.length());
    return out.toString();
  }
}
