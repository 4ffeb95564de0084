package vn.danhoi.auth;

/** Who is acting: {@code actor} is what the event log records (e.g. "token:…", "admin"). */
public record Staff(String actor, String name, Role role) {

  public boolean can(Role... allowed) {
    if (role == Role.ADMIN) {
      return true;
    }
    for (Role r : allowed) {
      if (r == role) {
        return true;
      }
    }
    return false;
  }
}
