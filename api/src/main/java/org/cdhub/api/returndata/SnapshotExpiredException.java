package org.cdhub.api.returndata;

/** A read pinned to a lakehouse snapshot that the table no longer keeps (expired or never existed). */
public final class SnapshotExpiredException extends RuntimeException {
  private final long snapshotId;

  public SnapshotExpiredException(String table, long snapshotId) {
    super("Cannot read " + table + " at snapshot " + snapshotId + ": the table no longer keeps it");
    this.snapshotId = snapshotId;
  }

  public long snapshotId() {
    return snapshotId;
  }
}
