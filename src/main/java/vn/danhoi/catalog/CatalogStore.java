package vn.danhoi.catalog;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.VietnameseText;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** All SQL about agencies and fields; every change is logged with who made it, before and after. */
public final class CatalogStore {

  private static final String AGENCY = "SELECT id, name, short_name, kind, emails, active FROM agencies";
  private static final String FIELD = "SELECT f.id, f.name, f.keywords, f.agency_id, a.name AS agency_name "
      + "FROM fields f LEFT JOIN agencies a ON a.id = f.agency_id";

  private final Pool pool;

  public CatalogStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * The agency's name as the catalogue spells it, for one typed in any case: what an assignment or a
   * session's list stores, so every later match is exact. 400 naming the field when it is not listed.
   */
  public static Future<String> listedAgency(SqlClient client, String agency) {
    return client.preparedQuery("SELECT name FROM agencies WHERE fold_case(name) = fold_case($1)")
        .execute(Tuple.of(agency)).map(found -> {
          if (found.size() == 0) {
            throw ApiError.invalid("agency", "not_found", "Không có cơ quan này trong danh sách cơ quan.");
          }
          return found.iterator().next().getString("name");
        });
  }

  public Future<List<Agency>> agencies() {
    return pool.query(AGENCY).execute().map(rows -> sorted(list(rows, CatalogStore::agency), Agency::name));
  }

  public Future<Agency> agency(UUID id) {
    return pool.preparedQuery(AGENCY + " WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> first(rows, CatalogStore::agency));
  }

  /** Creates the agency; 409 when another one has that name. */
  public Future<Agency> createAgency(Agency a, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO agencies (id, name, short_name, kind, emails, "
                + "active) VALUES ($1, $2, $3, $4, $5, $6)")
            .execute(Tuple.of(a.id(), a.name(), a.shortName(), a.kind(), a.emails().toArray(String[]::new),
                a.active()))
            .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "agency.created", "agency", a.id().toString())
                .after(a.toJson()).from(address))))
        .recover(e -> Future.failedFuture(taken(e, "Đã có cơ quan mang tên này.")))
        .map(a);
  }

  /**
   * Updates the agency. A new name is carried over to the accounts, assignments and contact grants that
   * hold the old one, in the same transaction, so no agency officer loses their questions.
   */
  public Future<Agency> updateAgency(Agency before, Agency after, String actor, String address) {
    boolean renamed = !before.name().equals(after.name());
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE agencies SET name = $2, short_name = $3, kind = $4, "
                + "emails = $5, active = $6 WHERE id = $1")
            .execute(Tuple.of(after.id(), after.name(), after.shortName(), after.kind(),
                after.emails().toArray(String[]::new), after.active()))
            .compose(v -> renamed ? rename(tx, before.name(), after.name()) : Future.succeededFuture())
            .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "agency.updated", "agency",
                after.id().toString()).before(before.toJson()).after(after.toJson()).from(address))))
        .recover(e -> Future.failedFuture(taken(e, "Đã có cơ quan mang tên này.")))
        .map(after);
  }

  private static Future<Void> rename(SqlClient tx, String from, String to) {
    Tuple names = Tuple.of(from, to);
    return tx.preparedQuery("UPDATE staff SET agency = $2 WHERE fold_case(agency) = fold_case($1)").execute(names)
        .compose(v -> tx.preparedQuery("UPDATE submissions SET agency = $2 WHERE fold_case(agency) = fold_case($1)")
            .execute(names))
        .compose(v -> tx.preparedQuery("UPDATE agency_contact_grants SET agency = $2 WHERE fold_case(agency) = fold_case($1) "
                + "AND NOT EXISTS (SELECT 1 FROM agency_contact_grants WHERE agency = $2)")
            .execute(names))
        .mapEmpty();
  }

  public Future<List<Field>> fields() {
    return pool.query(FIELD).execute().map(rows -> sorted(list(rows, CatalogStore::field), Field::name));
  }

  public Future<Field> field(UUID id) {
    return pool.preparedQuery(FIELD + " WHERE f.id = $1").execute(Tuple.of(id))
        .map(rows -> first(rows, CatalogStore::field));
  }

  public Future<Void> createField(Field f, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO fields (id, name, keywords, agency_id) "
                + "VALUES ($1, $2, $3, $4)")
            .execute(Tuple.of(f.id(), f.name(), f.keywords().toArray(String[]::new), f.agencyId()))
            .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "field.created", "field", f.id().toString())
                .after(f.toJson()).from(address))))
        .recover(e -> Future.failedFuture(taken(e, "Đã có lĩnh vực mang tên này.")));
  }

  public Future<Void> updateField(Field before, Field after, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE fields SET name = $2, keywords = $3, agency_id = $4 "
                + "WHERE id = $1")
            .execute(Tuple.of(after.id(), after.name(), after.keywords().toArray(String[]::new), after.agencyId()))
            .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "field.updated", "field", after.id().toString())
                .before(before.toJson()).after(after.toJson()).from(address))))
        .recover(e -> Future.failedFuture(taken(e, "Đã có lĩnh vực mang tên này.")));
  }

  /** A unique name is the only constraint these writes can break that the routes do not check first. */
  static Throwable taken(Throwable e, String message) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return new ApiError(409, "name.taken", "name", message, null);
    }
    return e;
  }

  /** In the Vietnamese alphabet's order (the pages list them as read), which no PostgreSQL locale is relied on for. */
  private static <T> List<T> sorted(List<T> all, Function<T, String> name) {
    List<T> out = new java.util.ArrayList<>(all);
    out.sort(java.util.Comparator.comparing(name, VietnameseText.ORDER));
    return out;
  }

  private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(mapper.apply(r)));
    return out;
  }

  private static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
    return rows.size() == 0 ? null : mapper.apply(rows.iterator().next());
  }

  static Agency agency(Row r) {
    return new Agency(r.getUUID("id"), r.getString("name"), r.getString("short_name"), r.getString("kind"),
        List.of(r.getArrayOfStrings("emails")), r.getBoolean("active"));
  }

  static Field field(Row r) {
    return new Field(r.getUUID("id"), r.getString("name"), List.of(r.getArrayOfStrings("keywords")),
        r.getUUID("agency_id"), r.getString("agency_name"));
  }
}
