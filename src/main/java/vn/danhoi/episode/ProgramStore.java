package vn.danhoi.episode;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.EventLog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** All SQL about programs; every change is logged with who made it, before and after. */
public final class ProgramStore {

  private static final String SELECT = "SELECT id, name, description, organiser, broadcaster, issuing_body, parent_body, "
      + "issuer_abbreviation, place, active FROM programs";

  private final Pool pool;

  public ProgramStore(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Program>> list() {
    return pool.query(SELECT + " ORDER BY active DESC, fold_case(name)").execute().map(rows -> {
      List<Program> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(program(r)));
      return out;
    });
  }

  public Future<Program> find(UUID id) {
    return pool.preparedQuery(SELECT + " WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : program(rows.iterator().next()));
  }

  public Future<Program> create(Program p, String actor, String address) {
    return write(p, "INSERT INTO programs (id, name, description, organiser, broadcaster, issuing_body, place, active, "
        + "parent_body, issuer_abbreviation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", "program.created", null, actor, address);
  }

  public Future<Program> update(Program before, Program after, String actor, String address) {
    return write(after, "UPDATE programs SET name = $2, description = $3, organiser = $4, broadcaster = $5, "
        + "issuing_body = $6, place = $7, active = $8, parent_body = $9, issuer_abbreviation = $10 WHERE id = $1", "program.updated", before.toJson(), actor,
        address);
  }

  private Future<Program> write(Program p, String sql, String action, JsonObject before, String actor,
                                String address) {
    return pool.withTransaction(tx -> tx.preparedQuery(sql)
            .execute(Tuple.tuple(Arrays.asList(p.id(), p.name(), p.description(), p.organiser(), p.broadcaster(),
                p.issuingBody(), p.place(), p.active(), p.parentBody(), p.issuerAbbreviation())))
            .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, action, "program", p.id().toString())
                .before(before).after(p.toJson()).from(address))))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? new ApiError(409, "name.taken", "name", "Đã có chương trình mang tên này.", null) : e))
        .map(p);
  }

  private static Program program(Row r) {
    return new Program(r.getUUID("id"), r.getString("name"), r.getString("description"), r.getString("organiser"),
        r.getString("broadcaster"), r.getString("issuing_body"), r.getString("parent_body"),
        r.getString("issuer_abbreviation"), r.getString("place"), r.getBoolean("active"));
  }
}
