package vn.danhoi.document;

/**
 * The kinds of document the council office issues, with the name printed above the summary and the
 * abbreviation in the number's symbol (Decree 30/2020/ND-CP, Appendix III).
 */
public enum DocumentType {
  NOTICE("THÔNG BÁO", "TB"),
  RUNDOWN("KỊCH BẢN", "KB"),
  REPORT("BÁO CÁO", "BC");

  private final String title;
  private final String code;

  DocumentType(String title, String code) {
    this.title = title;
    this.code = code;
  }

  public String title() {
    return title;
  }

  public String code() {
    return code;
  }
}
