package vn.danhoi.document;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The numbers of issued documents, one sequence per issuing body, type and year (Decree 30/2020/ND-CP,
 * art. 15), in PostgreSQL: the upsert takes the next number under the counter's row lock, so two nodes never
 * give the same one, and a rolled-back transaction gives its number back.
 */
public final class DocumentNumbers {

  private DocumentNumbers() {
  }

  /** The next number of the year; call it in the transaction that stores the document with it. */
  public static Future<Integer> next(SqlClient tx, Issuer issuer, DocumentType type, int year) {
    return tx.preparedQuery("INSERT INTO document_numbers (issuer, kind, year, last) VALUES ($1, $2, $3, 1) "
            + "ON CONFLICT (issuer, kind, year) DO UPDATE SET last = document_numbers.last + 1 RETURNING last")
        .execute(Tuple.of(issuer.key(), type.code(), year))
        .map(rows -> rows.iterator().next().getInteger("last"));
  }
}
