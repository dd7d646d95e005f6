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

  /**
   * The same rule per bronze batch: a row booked to the wrong batch breaks it even when the
   * totals agree.
   *
   * @throws IllegalStateException naming the feed, the first batch that does not add up and its counts
   */
  public static void checkBatches(String feed, java.util.Map<String, Long> bronzeByBatch, java.util.Map<String, Long> silverByBatch,
      java.util.Map<String, Long> quarantinedByBatch) {
    java.util.Set<String> batches = new java.util.TreeSet<>(bronzeByBatch.keySet());
    batches.addAll(silverByBatch.keySet());
    batches.addAll(quarantinedByBatch.keySet());
    for (String batch : batches) {
      long bronze = bronzeByBatch.getOrDefault(batch, 0L);
      long silver = silverByBatch.getOrDefault(batch, 0L);
      long quarantined = quarantinedByBatch.getOrDefault(batch, 0L);
      if (bronze != silver + quarantined) {
        throw new IllegalStateException("Cannot commit standardized rows of feed " + feed + ": batch " + batch + " has bronze rows "
            + bronze + " != silver rows " + silver + " + quarantined " + quarantined + "; nothing was written");
      }
    }
  }
}
