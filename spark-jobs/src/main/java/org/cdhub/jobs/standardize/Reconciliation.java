package org.cdhub.jobs.standardize;

/**
 * The hub's reconciliation rule: every bronze row ends in exactly one of silver or
 * quarantine. Checked before anything is committed.
 */
public final class Reconciliation {
  private Reconciliation() {}

  /**
   * @throws IllegalStateException naming the feed and the three counts when bronze rows
   *     differ from silver plus quarantined rows
   */
  public static void check(String feed, long bronzeRows, long silverRows, long quarantined) {
    if (bronzeRows != silverRows + quarantined) {
      throw new IllegalStateException("Cannot commit standardized rows of feed " + feed + ": bronze rows " + bronzeRows
          + " != silver rows " + silverRows + " + quarantined " + quarantined + "; nothing was written");
    }
  }
}
