package org.cdhub.citygen;

/**
 * An open-addressing set of positive longs: keeps ID numbers and phones unique across a city
 * of two million people in a few tens of megabytes, where a HashSet of boxed longs would not.
 */
final class LongSet {
  private long[] slots;
  private int size;

  LongSet(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    slots = new long[capacity];
  }

  /** Adds {@code key} (must be positive); false if it was already present. */
  boolean add(long key) {
    if (key <= 0) {
      throw new IllegalArgumentException("Cannot add key to LongSet: must be positive, got " + key);
    }
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    if (!insert(slots, key)) {
      return false;
    }
    size++;
    return true;
  }

  int size() {
    return size;
  }

  private static boolean insert(long[] table, long key) {
    int mask = table.length - 1;
    int i = (int) (spread(key) & mask);
    while (table[i] != 0) {
      if (table[i] == key) {
        return false;
      }
      i = (i + 1) & mask;
    }
    table[i] = key;
    return true;
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long k : slots) {
      if (k != 0) {
        insert(bigger, k);
      }
    }
    slots = bigger;
  }

  private static long spread(long key) {
    long z = key * 0x9E3779B97F4A7C15L;
    return z ^ (z >>> 29);
  }
}
