package vn.danhoi.privacy;

import vn.danhoi.support.Sql;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event log's own refusal: a statement that would change what it holds fails with its trigger's words. */
final class AppendOnly {

  private AppendOnly() {
  }

  static void assertRefused(Sql sql, String statement) {
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sql.rows(statement));
    assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
  }
}
