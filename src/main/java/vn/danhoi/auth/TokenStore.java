package vn.danhoi.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.Times;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.UUID;

/** All SQL about machine API tokens. */
public final class TokenStore {

  private final Pool pool;
  private final ZoneId zone;

  public TokenStore(Pool pool, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
  }

  public Future<Staff> findActive(String tokenHash) {
    return pool.preparedQuery("SELECT id, name, role FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(tokenHash))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          var r = rows.iterator().next();
          return new Staff("token:" + r.getUUID("id"), r.getString("name"), Role.parse(r.getString("role")));
        });
  }

  public Future<Void> create(UUID id, String name, Role role, String tokenHash, Staff by, String address) {
    return pool.preparedQuery("WITH t AS (INSERT INTO api_tokens (id, name, role, token_hash, created_by) "
            + "VALUES ($1, $2, $3, $4, $5) RETURNING id) "
            + EventLog.INSERT + "SELECT $5, 'token.created', 'api_token', id::text, NULL, NULL, $6, $7 FROM t")
        .execute(Tuple.tuple(Arrays.asList(id, name, role.id(), tokenHash, by.actor(),
            new JsonObject().put("name", name).put("role", role.id()), address)))
        .mapEmpty();
  }

  public Future<Boolean> revoke(UUID id, Staff by, String address) {
    return pool.preparedQuery("WITH t AS (UPDATE api_tokens SET revoked_at = now() "
            + "WHERE id = $1 AND revoked_at IS NULL RETURNING id) "
            + EventLog.INSERT + "SELECT $2, 'token.revoked', 'api_token', id::text, NULL, NULL, NULL, $3 FROM t "
            + "RETURNING id")
        .execute(Tuple.of(id, by.actor(), address))
        .map(rows -> rows.size() > 0);
  }

  public Future<JsonArray> list() {
    return pool.query("SELECT id, name, role, created_by, created_at, revoked_at FROM api_tokens ORDER BY created_at")
        .execute()
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject()
              .put("id", r.getUUID("id").toString())
              .put("name", r.getString("name"))
              .put("role", r.getString("role"))
              .put("createdBy", r.getString("created_by"))
              .put("createdAt", Times.format(r.getOffsetDateTime("created_at"), zone))
              .put("revoked", r.getOffsetDateTime("revoked_at") != null)));
          return out;
        });
  }
}
