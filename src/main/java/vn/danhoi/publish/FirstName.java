package vn.danhoi.publish;

/**
 * The asker as the public sees them: the given name only, which in a Vietnamese full name is the last word
 * ("Nguyễn Thị Mai" → "Mai"). Family and middle names, with the locality, would single a person out.
 */
public final class FirstName {

  private FirstName() {
  }

  public static String of(String fullName) {
    if (fullName == null || fullName.isBlank()) {
      return null;
    }
    String[] words = fullName.strip().split("\\s+");
    return words[words.length - 1];
  }
}
