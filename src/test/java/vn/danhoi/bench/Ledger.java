package vn.danhoi.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every tagged submission of one kind (web question, SMS, hotline call) sent in a run: its intended send
 * time, the node it went to, its outcome, and how many times each moderation socket was sent it. The tag
 * in the text is "#" + kind + run + "-" + global index, so an item can be matched wherever it shows up.
 */
final class Ledger {

  static final int PENDING = 0;
  static final int ACCEPTED = 1;
  static final int REFUSED = 2;
  static final int FAILED = 3;

  final char kind;
  final String label;
  private final List<Batch> batches = new CopyOnWriteArrayList<>();
  private int nextBase;

  Ledger(char kind, String label) {
    this.kind = kind;
    this.label = label;
  }

  /** One open-loop step: size requests at rate from start, spread over nodes, seen by sockets consoles. */
  synchronized Batch batch(int size, int nodes, int sockets) {
    Batch b = new Batch(nextBase, size, nodes, sockets);
    nextBase += size;
    batches.add(b);
    return b;
  }

  List<Batch> batches() {
    return batches;
  }

  Batch find(int global) {
    for (Batch b : batches) {
      if (global >= b.base && global < b.base + b.size) {
        return b;
      }
    }
    return null;
  }

  String tag(String run, int global) {
    return "#" + kind + run + "-" + global;
  }

  static final class Batch {
    final int base;
    final int size;
    final int nodes;
    final AtomicLongArray intended;
    final AtomicIntegerArray outcome;
    final AtomicIntegerArray[] delivered;

    Batch(int base, int size, int nodes, int sockets) {
      this.base = base;
      this.size = size;
      this.nodes = nodes;
      this.intended = new AtomicLongArray(size);
      this.outcome = new AtomicIntegerArray(size);
      this.delivered = new AtomicIntegerArray[sockets];
      for (int s = 0; s < sockets; s++) {
        delivered[s] = new AtomicIntegerArray(size);
      }
    }

    int node(int local) {
      return local % nodes;
    }
  }
}
