package vn.danhoi.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;
import vn.danhoi.infra.ApiError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a staff password must be, wherever one is set: long enough, and hard to guess by the nbvcxz estimator
 * (zxcvbn's model: common passwords, names, English words, keyboard patterns, repeats, sequences, dates), with
 * the words an attacker of this system tries first added to its dictionaries: the user's own names, the
 * product's, the council's, and Vietnamese words people put in passwords. A length rule alone let
 * "aaaaaaaaaa" and "password12" through.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 200;
  /** Bits of entropy as nbvcxz estimates them: about 10^12 guesses, out of reach of Argon2 at any budget. */
  static final double MIN_ENTROPY = 40;

  private static final List<String> LOCAL_WORDS = List.of(
      "danhoi", "dân hỏi", "dan hoi", "hdnd", "hđnd", "hoidongnhandan", "hội đồng nhân dân", "ubnd",
      "uybannhandan", "ủy ban nhân dân", "vanphong", "văn phòng", "quantri", "quản trị", "admin", "matkhau",
      "mật khẩu", "mat khau", "matkhaumoi", "mật khẩu mới", "doimatkhau", "đổi mật khẩu", "dangnhap", "đăng nhập",
      "truyenhinh", "truyền hình", "daitruyenhinh", "đài truyền hình", "doithoai", "đối thoại", "chatvan",
      "chất vấn", "tiepxuc", "tiếp xúc", "cutri", "cử tri", "hanoi", "hà nội", "saigon", "sài gòn", "hochiminh",
      "hồ chí minh", "vietnam", "việt nam", "longan", "long an", "cantho", "cần thơ", "danang", "đà nẵng",
      "haiphong", "hải phòng", "xinchao", "xin chào", "anhyeuem", "anh yêu em", "emyeuanh", "em yêu anh",
      "yeuem", "yêu em", "123456", "12345678", "1234567890", "qwerty", "abc123");

  private static final Map<String, String> WARNINGS = Map.ofEntries(
      Map.entry("feedback.dictionary.warning.passwords.notAllowed", "mật khẩu này không được phép dùng"),
      Map.entry("feedback.dictionary.warning.passwords.top10", "đây là một trong 10 mật khẩu phổ biến nhất"),
      Map.entry("feedback.dictionary.warning.passwords.top100", "đây là một trong 100 mật khẩu phổ biến nhất"),
      Map.entry("feedback.dictionary.warning.passwords.veryCommon", "đây là một mật khẩu rất phổ biến"),
      Map.entry("feedback.spatial.warning.straightRowsOfKeys", "một hàng phím liền nhau rất dễ đoán"),
      Map.entry("feedback.spatial.warning.shortKeyboardPatterns", "một hình phím ngắn rất dễ đoán"),
      Map.entry("feedback.repeat.warning.likeAAA", "ký tự lặp lại như \"aaa\" rất dễ đoán"),
      Map.entry("feedback.repeat.warning.likeABCABCABC", "chuỗi lặp lại như \"abcabcabc\" chỉ khó đoán hơn \"abc\" "
          + "một chút"),
      Map.entry("feedback.sequence.warning.sequenceWarning", "dãy liên tiếp như abc hay 6543 rất dễ đoán"),
      Map.entry("feedback.year.warning.recentYears", "năm gần đây rất dễ đoán"),
      Map.entry("feedback.date.warning.dates", "ngày tháng thường rất dễ đoán"));

  private static final Map<String, String> SUGGESTIONS = Map.ofEntries(
      Map.entry("feedback.default.suggestions.useFewWords", "hãy dùng vài từ, tránh các câu quen thuộc"),
      Map.entry("feedback.extra.suggestions.addAnotherWord", "hãy thêm một hai từ nữa, từ ít gặp càng tốt"),
      Map.entry("feedback.dictionary.suggestions.capitalization", "viết hoa không giúp được nhiều"),
      Map.entry("feedback.dictionary.suggestions.allUppercase", "viết hoa toàn bộ cũng dễ đoán như viết thường"),
      Map.entry("feedback.dictionary.suggestions.reversed", "viết ngược một từ không khó đoán hơn bao nhiêu"),
      Map.entry("feedback.dictionary.suggestions.leet", "thay chữ bằng ký hiệu dễ đoán như '@' thay 'a' không giúp "
          + "được nhiều"),
      Map.entry("feedback.repeat.suggestions.avoidRepeated", "hãy tránh lặp lại từ và ký tự"),
      Map.entry("feedback.sequence.suggestions.avoidSequences", "hãy tránh các dãy liên tiếp"),
      Map.entry("feedback.year.suggestions.avoidYears", "hãy tránh các năm gần đây hoặc gắn với bạn"),
      Map.entry("feedback.date.suggestions.avoidDates", "hãy tránh ngày tháng gắn với bạn"),
      Map.entry("feedback.spatial.suggestions.UseLongerKeyboardPattern", "hãy dùng hình phím dài hơn, nhiều chỗ rẽ"));

  private PasswordPolicy() {
  }

  /**
   * Fails with a 400 naming {@code password} and saying why, in Vietnamese, when the password is weak. The
   * user's own words (username, display name) count as guessable. Estimating can take a good part of a second
   * on a long password, so it runs on a worker thread.
   */
  public static Future<Void> check(Vertx vertx, String password, String... userWords) {
    return vertx.executeBlocking(() -> {
      String why = weakness(password, userWords);
      if (why != null) {
        throw ApiError.invalid("password", "weak", why);
      }
      return null;
    }, false);
  }

  /** Why the password is too weak (in Vietnamese), or null when it will do. */
  public static String weakness(String password, String... userWords) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
      return "Mật khẩu cần ít nhất " + MIN_LENGTH + " ký tự; nên dùng một câu dài vài từ.";
    }
    if (password.length() > MAX_LENGTH) {
      return "Mật khẩu quá dài (tối đa " + MAX_LENGTH + " ký tự).";
    }
    Result result = estimator(userWords).estimate(password);
    if (result.isMinimumEntropyMet()) {
      return null;
    }
    Feedback feedback = result.getFeedback();
    StringBuilder why = new StringBuilder("Mật khẩu quá dễ đoán");
    String warning = feedback.getWarningKey() == null ? null : WARNINGS.get(feedback.getWarningKey());
    if (containsUserWord(password, userWords)) {
      why.append(": có tên đăng nhập hoặc tên của người dùng");
    } else if (warning != null) {
      why.append(": ").append(warning);
    }
    why.append('.');
    List<String> hints = feedback.getSuggestionKeys() == null ? List.of()
        : feedback.getSuggestionKeys().stream().map(SUGGESTIONS::get).filter(Objects::nonNull).distinct().toList();
    why.append(' ').append(hints.isEmpty() ? "Hãy dùng một câu dài vài từ mà người khác khó đoán."
        : capitalised(String.join("; ", hints)) + ".");
    return why.toString();
  }

  private static Nbvcxz estimator(String... userWords) {
    List<Dictionary> dictionaries = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
    dictionaries.add(ranked("danhoi", LOCAL_WORDS));
    dictionaries.add(ranked("user", words(userWords)));
    return new Nbvcxz(new ConfigurationBuilder().setDictionaries(dictionaries).setMinimumEntropy(MIN_ENTROPY)
        .setMaxLength(MAX_LENGTH).setLocale(Locale.ENGLISH).createConfiguration());
  }

  /** Each user word whole, without spaces, and each of its parts of three letters or more. */
  private static List<String> words(String... userWords) {
    List<String> out = new ArrayList<>();
    for (String w : userWords) {
      if (w == null || w.isBlank()) {
        continue;
      }
      String lower = w.toLowerCase(Locale.ROOT).trim();
      out.add(lower);
      out.add(lower.replaceAll("[\\s._-]+", ""));
      Arrays.stream(lower.split("[\\s._-]+")).filter(p -> p.length() >= 3).forEach(out::add);
    }
    return out.stream().distinct().toList();
  }

  private static boolean containsUserWord(String password, String... userWords) {
    String lower = password.toLowerCase(Locale.ROOT);
    return words(userWords).stream().anyMatch(lower::contains);
  }

  private static Dictionary ranked(String name, List<String> words) {
    DictionaryBuilder b = new DictionaryBuilder().setDictionaryName(name);
    for (int i = 0; i < words.size(); i++) {
      b.addWord(words.get(i), i + 1);
    }
    return b.createDictionary();
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
