package vn.danhoi.document;

import vn.danhoi.infra.ApiError;

import java.util.ArrayList;
import java.util.List;

/**
 * The signature block: the authority under which one signs ("TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "TL.",
 * "TUQ.", "Q."), the signer's title, and after the space for the hand and the seal, the name.
 */
public record Signature(String authority, String title, String name) {

  /** The ways of signing Decree 30/2020/ND-CP, art. 13, allows. */
  public static final List<String> AUTHORITIES = List.of("TM.", "KT.", "TL.", "TUQ.", "Q.");

  /** The lines above the space, in capitals: authority, then title. */
  public List<String> heading() {
    List<String> out = new ArrayList<>();
    if (authority != null && !authority.isBlank()) {
      out.add(authority.trim().toUpperCase(Issuer.VI));
    }
    if (title != null && !title.isBlank()) {
      out.add(title.trim().toUpperCase(Issuer.VI));
    }
    return out;
  }

  /**
   * An authority as an editor typed it ("kt. Chủ tịch"), checked: empty when the head signs in person, else
   * one of {@link #AUTHORITIES} followed by whom the signer stands for. Null stays null (not sent).
   */
  public static String authority(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      return raw == null ? null : "";
    }
    String text = raw.trim().replaceAll("\\s+", " ");
    String upper = text.toUpperCase(Issuer.VI);
    for (String a : AUTHORITIES) {
      if (upper.startsWith(a + " ") && upper.length() > a.length() + 1) {
        return a + text.substring(a.length());
      }
    }
    throw ApiError.invalid(field, "invalid", "Thẩm quyền ký phải bắt đầu bằng TM., KT., TL., TUQ. hoặc Q. và "
        + "tên cơ quan, chức vụ (ví dụ: TM. THƯỜNG TRỰC HĐND, KT. CHỦ TỊCH); để trống khi người đứng đầu ký.");
  }
}
