package org.cdhub.flows.landing;

import static java.util.Objects.requireNonNull;

/**
 * What one batch did to the lakehouse.
 *
 * @param batchId the batch id recorded in the snapshot summaries
 * @param read records in the batch (always landed + quarantined)
 * @param landed records now in the bronze table for this batch (committed now, or by an earlier delivery)
 * @param quarantined records in the quarantine table for this batch
 * @param bronzeSnapshotId bronze snapshot holding the batch, or null when nothing landed
 * @param quarantineSnapshotId quarantine snapshot holding the batch's rejects, or null when there were none
 * @param replayed whether every table already held this batch, so nothing was written
 */
public record LandingResult(
    String batchId, int read, int landed, int quarantined, Long bronzeSnapshotId, Long quarantineSnapshotId, boolean replayed) {
  public LandingResult {
    requireNonNull(batchId, "batchId is null");
    if (read != landed + quarantined) {
      throw new IllegalArgumentException("Invalid landing result of batch " + batchId + ": read " + read
          + " is not landed " + landed + " + quarantined " + quarantined);
    }
  }
}
