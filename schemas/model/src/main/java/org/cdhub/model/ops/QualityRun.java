package org.cdhub.model.ops;

import java.time.Instant;
import java.util.List;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/**
 * One standardize run of one feed: what it read, what it published, and the quality checks'
 * verdict. A run whose dataset-level checks fail is {@link Status#REFUSED}: nothing of it is
 * in silver and the next run tries the same batches again.
 */
@Doc("Standardize runs per feed: rows in, silver, quarantined, Deequ check outcome, published or refused")
public record QualityRun(
    @Required @Doc("Feed") String feed,
    @Required @Doc("Run id") String runId,
    @Required @Doc("Entity the feed describes") String entity,
    @Required @Doc("Bronze snapshot the run read up to") long bronzeSnapshotId,
    @Required @Doc("Bronze batches the run standardized") List<String> batchIds,
    @Required @Doc("Bronze rows read") long rowsIn,
    @Required @Doc("Rows written to silver") long silverRows,
    @Required @Doc("Rows written to quarantine") long quarantinedRows,
    @Required @Doc("PUBLISHED or REFUSED") Status status,
    @Required @Doc("Deequ constraints that passed") int checksPassed,
    @Required @Doc("Deequ constraints that failed: warnings and errors") int checksFailed,
    @Doc("Why constraints failed, one message each") List<String> failures,
    @Doc("Anomalies found against earlier runs, one message each") List<String> anomalies,
    @Required @Doc("When the run started") Instant startedAt,
    @Required @Doc("Run duration in milliseconds") long durationMs) {

  /** What the run did with its rows. */
  public enum Status {
    /** Silver and quarantine rows committed. */
    PUBLISHED,
    /** A dataset-level check failed: nothing committed, the batches stay pending. */
    REFUSED
  }
}
