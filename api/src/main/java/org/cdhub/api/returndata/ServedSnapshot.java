package org.cdhub.api.returndata;

/** What a serving projection holds: one lakehouse snapshot of one table, in memory. */
public interface ServedSnapshot {
  /** The snapshot the projection was built from. */
  long snapshotId();

  /** Rows held. */
  int size();
}
