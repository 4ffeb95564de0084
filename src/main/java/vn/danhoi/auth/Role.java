package vn.danhoi.auth;

import java.util.Locale;

/** What a staff member or machine may do; admin (the council office) may do everything. */
public enum Role {
  ADMIN, EDITOR, OPERATOR, STUDIO, AGENCY;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String value) {
    for (Role r : values()) {
      if (r.id().equals(value)) {
        return r;
      }
    }
    return null;
  }
}
