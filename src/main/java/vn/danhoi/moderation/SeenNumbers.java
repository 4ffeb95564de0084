package vn.danhoi.moderation;

import java.util.BitSet;

/**
 * The sequence numbers (item seq, event id) a console was sent, one bit each from the first number it
 * saw: exact however long the show and however large a catch-up, at a few kilobytes per console (a bounded
 * set of ids forgot the oldest, and a catch-up larger than it re-sent them). Numbers below the first one
 * (an older item relayed late) go into a bitmap of their own, shifted down as needed.
 */
final class SeenNumbers {

  private long base = -1;
  private BitSet bits = new BitSet();

  /** Records the number; false when it was recorded before. */
  boolean add(long n) {
    if (base < 0) {
      base = n;
    } else if (n < base) {
      rebase(n);
    }
    int i = Math.toIntExact(n - base);
    if (bits.get(i)) {
      return false;
    }
    bits.set(i);
    return true;
  }

  private void rebase(long lower) {
    int shift = Math.toIntExact(base - lower);
    BitSet moved = new BitSet(bits.length() + shift);
    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
      moved.set(i + shift);
    }
    bits = moved;
    base = lower;
  }
}
