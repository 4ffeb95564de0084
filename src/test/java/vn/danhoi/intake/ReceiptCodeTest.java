package vn.danhoi.intake;

import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.support.NodeUnderTest;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The receipt code as V30 makes it (unique, in its alphabet) and as a citizen types it back. */
@ExtendWith(VertxExtension.class)
class ReceiptCodeTest {

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create();

  @Test
  void fiftyThousandSequenceNumbersGiveFiftyThousandCodesInTheAlphabet() {
    Map<String, Object> r = NODE.sql().rows("SELECT count(DISTINCT receipt_code(g)) AS codes, "
        + "bool_and(receipt_code(g) ~ '^[CFHJKMNPRTVX2-9]{8}$') AS well_formed, "
        // neighbours in the sequence share no visible pattern: the permutation hides the order
        + "count(*) FILTER (WHERE left(receipt_code(g), 4) = left(receipt_code(g + 1), 4)) AS alike "
        + "FROM generate_series(0, 49999) g").get(0);
    assertEquals(50000L, ((Number) r.get("codes")).longValue());
    assertEquals(Boolean.TRUE, r.get("well_formed"));
    assertTrue(((Number) r.get("alike")).longValue() < 10, r.toString());
    // the last number of the space still has a code; the next one is refused rather than repeated
    assertEquals(8, NODE.sql().rows("SELECT receipt_code(25599999999) AS c").get(0).get("c").toString().length());
    IllegalStateException beyond = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> NODE.sql().rows("SELECT receipt_code(25600000000)"));
    assertTrue(beyond.getMessage().contains("outside the code space"), beyond.getMessage());
  }

  @Test
  void whatACitizenTypesIsReadLeniently() {
    assertEquals("7TXJC2C7", ReceiptCode.parse("7TXJ-C2C7"));
    assertEquals("7TXJC2C7", ReceiptCode.parse(" 7txj c2c7 "));
    assertEquals("7TXJC2C7", ReceiptCode.parse("7TXJ.C2C7"));
    assertEquals("7TXJ-C2C7", ReceiptCode.format("7TXJC2C7"));
    // letters that are not in the alphabet, too short, too long, markup: not a code
    assertNull(ReceiptCode.parse("7TXJ-C2C0"));
    assertNull(ReceiptCode.parse("AEIOUAEI"));
    assertNull(ReceiptCode.parse("7TXJC2C"));
    assertNull(ReceiptCode.parse("7TXJC2C77"));
    assertNull(ReceiptCode.parse("<script>"));
    assertNull(ReceiptCode.parse(null));
  }
}
