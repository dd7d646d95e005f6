package org.cdhub.jobs.resolve.match;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Clusters records by links, strongest first, without ever joining two records that must stay
 * apart: a cluster holds at most one identity (a valid ID number), and pairs declared apart (a
 * steward's split) never end up in one cluster. A link that would break either is refused, so
 * no chain of links joins two valid ID numbers transitively.
 */
public final class ConstrainedClustering {
  private final Map<Long, Long> parent = new HashMap<>();
  private final Map<Long, Long> identity = new HashMap<>();
  private final Map<Long, Set<Long>> apart = new HashMap<>();
  private long refused;

  /** Declares that {@code record} carries {@code identityKey} (a hash of its valid ID number). */
  public void identity(long record, long identityKey) {
    identity.put(find(record), identityKey);
  }

  /** Declares that two records are never one cluster. */
  public void keepApart(long a, long b) {
    long ra = find(a);
    long rb = find(b);
    if (ra == rb) {
      throw new IllegalStateException("Cannot keep records " + a + " and " + b + " apart: they are already linked");
    }
    apart.computeIfAbsent(ra, k -> new HashSet<>()).add(rb);
    apart.computeIfAbsent(rb, k -> new HashSet<>()).add(ra);
  }

  /** Links two records' clusters; false (and nothing changes) when a constraint forbids it. */
  public boolean link(long a, long b) {
    long ra = find(a);
    long rb = find(b);
    if (ra == rb) {
      return true;
    }
    Long ia = identity.get(ra);
    Long ib = identity.get(rb);
    if (ia != null && ib != null && !ia.equals(ib) || apart.getOrDefault(ra, Set.of()).contains(rb)) {
      refused++;
      return false;
    }
    // the smaller root survives: the result does not depend on which side a link names first
    long root = Math.min(ra, rb);
    long other = Math.max(ra, rb);
    parent.put(other, root);
    if (identity.containsKey(other)) {
      identity.put(root, identity.remove(other));
    }
    Set<Long> otherApart = apart.remove(other);
    if (otherApart != null) {
      Set<Long> rootApart = apart.computeIfAbsent(root, k -> new HashSet<>());
      for (long x : otherApart) {
        Set<Long> back = apart.get(x);
        back.remove(other);
        back.add(root);
        rootApart.add(x);
      }
    }
    return true;
  }

  /** The cluster of a record: its smallest linked record, or itself. */
  public long find(long record) {
    long root = record;
    Long p;
    while ((p = parent.get(root)) != null) {
      root = p;
    }
    // path compression keeps later finds short
    long node = record;
    while ((p = parent.get(node)) != null && p != root) {
      parent.put(node, root);
      node = p;
    }
    return root;
  }

  /** Links refused so far because of a constraint. */
  public long refused() {
    return refused;
  }

  /** Every record that was ever linked or constrained, with its cluster. */
  public Map<Long, Long> clusters() {
    Map<Long, Long> out = new HashMap<>();
    for (Long r : parent.keySet()) {
      out.put(r, find(r));
    }
    for (Long r : parent.values()) {
      out.putIfAbsent(r, find(r));
    }
    return out;
  }
}
