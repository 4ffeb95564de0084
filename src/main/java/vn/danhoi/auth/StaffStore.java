package vn.danhoi.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;

import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.SqlParams;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** All SQL about staff accounts and their sessions; every change is logged with who made it. */
public final class StaffStore {

  private static final String COLUMNS = "s.id, s.username, s.display_name, s.password_hash, s.roles, s.agency, "
      + "s.active, s.failed_logins, s.locked_until, s.created_at";

  private final Pool pool;

  public StaffStore(Pool pool) {
    this.pool = pool;
  }

  public Future<StaffAccount> byUsername(String username) {
    return one("SELECT " + COLUMNS + " FROM staff s WHERE fold_case(s.username) = fold_case($1)", Tuple.of(username));
  }

  public Future<StaffAccount> byId(UUID id) {
    return one("SELECT " + COLUMNS + " FROM staff s WHERE s.id = $1", Tuple.of(id));
  }

  public Future<List<StaffAccount>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM staff s ORDER BY fold_case(s.username)").execute().map(rows -> {
      List<StaffAccount> out = new ArrayList<>();
      rows.forEach(r -> out.add(account(r)));
      return out;
    });
  }

  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM staff").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** Returns false when the username is taken. */
  public Future<Boolean> create(StaffAccount a, String actor, String address) {
    return SqlTemplate.forQuery(pool, "WITH s AS (INSERT INTO staff (id, username, display_name, password_hash, "
            + "roles, agency, created_by) VALUES (#{id}, #{username}, #{displayName}, #{passwordHash}, #{roles}, "
            + "#{agency}, #{actor}) ON CONFLICT DO NOTHING RETURNING id) " + EventLog.INSERT
            + "SELECT #{actor}, 'staff.created', 'staff', id::text, NULL, NULL, #{after}, #{address} FROM s "
            + "RETURNING id")
        .execute(SqlParams.of("id", a.id()).and("username", a.username()).and("displayName", a.displayName())
            .and("passwordHash", a.passwordHash()).and("roles", roles(a.roles())).and("agency", a.agency())
            .and("actor", actor).and("after", audit(a)).and("address", address))
        .map(rows -> rows.size() > 0);
  }

  public Future<StaffAccount> update(StaffAccount before, StaffAccount after, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE staff SET display_name = $2, roles = $3, agency = $4, "
                + "active = $5 WHERE id = $1")
            .execute(Tuple.of(after.id(), after.displayName(), roles(after.roles()), after.agency(), after.active()))
            .compose(v -> after.active() ? Future.succeededFuture()
                : tx.preparedQuery("DELETE FROM staff_sessions WHERE staff_id = $1").execute(Tuple.of(after.id())))
            .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "staff.updated", "staff", after.id().toString())
                .before(audit(before)).after(audit(after)).from(address))))
        .map(after);
  }

  /** Sets a new password, unlocks the account and ends its sessions. */
  public Future<Void> setPassword(UUID id, String hash, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE staff SET password_hash = $2, failed_logins = 0, "
                + "locked_until = NULL, password_changed_at = now() WHERE id = $1")
            .execute(Tuple.of(id, hash))
            .compose(v -> tx.preparedQuery("DELETE FROM staff_sessions WHERE staff_id = $1").execute(Tuple.of(id)))
            .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "staff.password_reset", "staff", id.toString())
                .from(address))))
        .mapEmpty();
  }

  /**
   * Counts a failed log-in in a row, for the audit trail and the admin page. It locks nothing: a lock on the
   * account would let anyone keep its owner out (AuthRoutes throttles the failing source instead). An id that
   * matches no account changes nothing.
   */
  public Future<Void> loginFailed(UUID accountId, String address) {
    return pool.preparedQuery("WITH s AS (UPDATE staff SET failed_logins = failed_logins + 1 "
            + "WHERE id = $1 RETURNING id, failed_logins) "
            + EventLog.INSERT + "SELECT 'staff:' || id, 'auth.login_failed', 'staff', id::text, NULL, NULL, "
            + "jsonb_build_object('failedLogins', failed_logins), $2 FROM s")
        .execute(Tuple.of(accountId, address))
        .mapEmpty();
  }

  /**
   * Starts a session lasting maxHours; any failed-attempt count is cleared. Its end is set, like every check
   * of it, by the database's clock: one clock for both, whatever the application's.
   */
  public Future<Void> startSession(StaffAccount a, String idHash, String csrf, int maxHours, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE staff SET failed_logins = 0, locked_until = NULL "
                + "WHERE id = $1")
            .execute(Tuple.of(a.id()))
            .compose(v -> tx.preparedQuery("INSERT INTO staff_sessions (id_hash, staff_id, csrf_token, expires_at, "
                    + "address) VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5)")
                .execute(Tuple.of(idHash, a.id(), csrf, maxHours, address)))
            .compose(v -> EventLog.append(tx, EventLog.Event.of(a.actor(), "auth.login", "staff", a.id().toString())
                .from(address))))
        .mapEmpty();
  }

  public record Session(StaffAccount account, String csrfToken, boolean stale) {
  }

  /** The live session with this id hash: not expired, not idle too long, its account active. */
  public Future<Session> session(String idHash, int idleMinutes) {
    return pool.preparedQuery("SELECT " + COLUMNS + ", x.csrf_token, x.last_seen_at < now() - interval '1 minute' "
            + "AS stale FROM staff_sessions x JOIN staff s ON s.id = x.staff_id WHERE x.id_hash = $1 "
            + "AND x.expires_at > now() AND x.last_seen_at > now() - make_interval(mins => $2) AND s.active")
        .execute(Tuple.of(idHash, idleMinutes))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Session(account(r), r.getString("csrf_token"), r.getBoolean("stale"));
        });
  }

  public Future<Void> touch(String idHash) {
    return pool.preparedQuery("UPDATE staff_sessions SET last_seen_at = now() WHERE id_hash = $1")
        .execute(Tuple.of(idHash)).mapEmpty();
  }

  public Future<Void> endSession(String idHash, String actor, String address) {
    return pool.preparedQuery("WITH x AS (DELETE FROM staff_sessions WHERE id_hash = $1 RETURNING staff_id) "
            + EventLog.INSERT + "SELECT $2, 'auth.logout', 'staff', staff_id::text, NULL, NULL, NULL, $3 FROM x")
        .execute(Tuple.of(idHash, actor, address)).mapEmpty();
  }

  private Future<StaffAccount> one(String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params)
        .map(rows -> rows.size() == 0 ? null : account(rows.iterator().next()));
  }

  private static StaffAccount account(Row r) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String s : r.getArrayOfStrings("roles")) {
      Role role = Role.parse(s);
      if (role != null) {
        roles.add(role);
      }
    }
    return new StaffAccount(r.getUUID("id"), r.getString("username"), r.getString("display_name"),
        r.getString("password_hash"), roles, r.getString("agency"), r.getBoolean("active"),
        r.getInteger("failed_logins"), r.getOffsetDateTime("locked_until"), r.getOffsetDateTime("created_at"));
  }

  private static String[] roles(Set<Role> roles) {
    return roles.stream().map(Role::id).toArray(String[]::new);
  }

  private static JsonObject audit(StaffAccount a) {
    return new JsonObject().put("username", a.username()).put("displayName", a.displayName())
        .put("roles", Arrays.asList(roles(a.roles()))).put("agency", a.agency()).put("active", a.active());
  }
}
