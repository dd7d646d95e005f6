package org.cdhub.model.ops;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/**
 * One delivery of one batch to the landing step, as the ingestion log keeps it: what was read,
 * where it went, how long it took. A batch delivered twice has two entries, the second
 * {@link Status#REPLAYED}. For every entry, landed + quarantined = read; a failed delivery reads
 * nothing (its records stay at the source, whose position does not advance) and says why.
 */
@Doc("Ingestion log: one row per batch delivered to the landing step, with its counts and outcome")
public record IngestionLogEntry(
    @Required @Doc("Feed") String feed,
    @Required @Doc("Batch id, as in the bronze snapshot summary") String batchId,
    @Required @Doc("LANDED, REPLAYED (already held, nothing written), EMPTY or FAILED") Status status,
    @Required @Doc("Records read from the delivery (landed + quarantined)") long read,
    @Required @Doc("Records of the batch in bronze") long landed,
    @Required @Doc("Records of the batch in silver.quarantine") long quarantined,
    @Required @Doc("Time spent reading and landing the delivery, in milliseconds") long durationMs,
    @Required @Doc("When the landing step finished with the delivery") Instant deliveredAt,
    @Doc("Where the delivery came from: file name, page, table") String source,
    @Doc("Source position after the delivery, e.g. the watermark updated_at=2024-05-01 10:00:00") String watermark,
    @Doc("Bronze snapshot holding the batch") Long bronzeSnapshotId,
    @Doc("Quarantine snapshot holding the batch's rejects") Long quarantineSnapshotId,
    @Doc("NiFi FlowFile id of the delivery, to follow it in NiFi's provenance") String flowfileId,
    @Doc("Why the delivery failed") String failureReason) {

  /** What became of a delivery. */
  public enum Status {
    /** Written now: its records are in bronze and/or quarantine. */
    LANDED,
    /** The lakehouse already held this batch; nothing was written. */
    REPLAYED,
    /** The delivery held no records. */
    EMPTY,
    /** Could not be read or landed; nothing of it is in the lakehouse from this delivery. */
    FAILED
  }

  public IngestionLogEntry {
    requireNonNull(feed, "feed is null");
    requireNonNull(batchId, "batchId is null");
    requireNonNull(status, "status is null");
    requireNonNull(deliveredAt, "deliveredAt is null");
    if (read != landed + quarantined || read < 0 || landed < 0 || quarantined < 0) {
      throw new IllegalArgumentException("Invalid ingestion log entry for batch " + batchId + " of feed " + feed
          + ": read " + read + " must be landed " + landed + " + quarantined " + quarantined);
    }
    if ((status == Status.FAILED) != (failureReason != null)) {
      throw new IllegalArgumentException("Invalid ingestion log entry for batch " + batchId + " of feed " + feed
          + ": a failure reason goes with status FAILED and only with it");
    }
    if (status == Status.FAILED && read != 0) {
      throw new IllegalArgumentException("Invalid ingestion log entry for batch " + batchId + " of feed " + feed
          + ": a failed delivery reads nothing (its records stay at the source)");
    }
  }
}
