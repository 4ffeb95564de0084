package vn.danhoi.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's loss check flags every way a submission can go missing or be doubled. */
class LossCheckTest {

  private static Ledger ledger(int[] outcomes, int[][] deliveredPerSocket) {
    Ledger l = new Ledger('b', "web questions");
    Ledger.Batch b = l.batch(outcomes.length, 1, deliveredPerSocket.length);
    for (int i = 0; i < outcomes.length; i++) {
      b.outcome.set(i, outcomes[i]);
      for (int s = 0; s < deliveredPerSocket.length; s++) {
        b.delivered[s].set(i, deliveredPerSocket[s][i]);
      }
    }
    return l;
  }

  @Test
  void aCleanRunPasses() {
    Ledger l = ledger(new int[] {Ledger.ACCEPTED, Ledger.ACCEPTED, Ledger.REFUSED}, new int[][] {{1, 1, 0}, {1, 1, 0}});
    JsonObject check = ShowFloor.check(l, Map.of(0, 1L, 1, 1L), 2);
    assertTrue(check.getBoolean("ok"), check.encodePrettily());
    assertEquals(2, check.getLong("accepted"));
    assertEquals(2, check.getLong("rowsFound"));
  }

  @Test
  void lostDuplicatedExtraRefusedButStoredAndUndeliveredItemsAreEachCaught() {
    Ledger l = ledger(new int[] {Ledger.ACCEPTED, Ledger.ACCEPTED, Ledger.ACCEPTED, Ledger.REFUSED, Ledger.FAILED},
        new int[][] {{1, 0, 2, 0, 1}, {1, 1, 1, 0, 0}});
    // item 1 has no row, item 2 two rows, item 3 was refused yet stored, row 9 matches no request
    JsonObject check = ShowFloor.check(l, Map.of(0, 1L, 2, 2L, 3, 1L, 4, 1L, 9, 1L), 2);
    assertFalse(check.getBoolean("ok"));
    assertEquals(1, check.getLong("lost"));
    assertEquals(1, check.getLong("duplicatedRows"));
    assertEquals(1, check.getLong("storedThoughRefused"));
    assertEquals(1, check.getLong("extraRows"));
    assertEquals(1, check.getLong("failedButStored"));
    // socket 0: item 3 (stored) never arrived; item 2 arrived twice. Socket 1: items 3 and 4 never arrived
    assertEquals(new JsonArray().add(1L).add(2L), check.getJsonArray("notDeliveredPerSocket"));
    assertEquals(new JsonArray().add(1L).add(0L), check.getJsonArray("deliveredMoreThanOncePerSocket"));
  }

  @Test
  void withoutTheDatabaseTheSocketsAreCheckedAgainstTheAcceptedAnswers() {
    Ledger l = ledger(new int[] {Ledger.ACCEPTED, Ledger.FAILED}, new int[][] {{0, 0}});
    JsonObject check = ShowFloor.check(l, null, 1);
    assertFalse(check.getBoolean("ok"));
    assertEquals(0, check.getLong("lost"), "not knowable without the database");
    assertEquals(new JsonArray().add(1L), check.getJsonArray("notDeliveredPerSocket"));
  }
}
