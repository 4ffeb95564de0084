package vn.danhoi.moderation;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A console's memory of what it was sent answers exactly like a set, in whatever order numbers come. */
class SeenNumbersTest {

  @Property(tries = 300)
  void answersLikeASet(@ForAll @Size(max = 400) List<@LongRange(min = 9_000_000, max = 9_003_000) Long> numbers) {
    SeenNumbers seen = new SeenNumbers();
    Set<Long> reference = new HashSet<>();
    for (long n : numbers) {
      assertEquals(reference.add(n), seen.add(n), "adding " + n + " after " + reference);
    }
  }
}
