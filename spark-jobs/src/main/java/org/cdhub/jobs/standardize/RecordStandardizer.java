package org.cdhub.jobs.standardize;

import java.time.Instant;

/**
 * Turns one bronze row of a feed into its silver record or a quarantined record, by the feed's
 * contract and the domain kernel. Plain Java, built once per Spark partition on the executors.
 *
 * @param <T> the silver record type of the feed's entity
 */
public interface RecordStandardizer<T extends Record> {
  StandardizeOutcome<T> standardize(BronzeRecord row, Instant now);
}
