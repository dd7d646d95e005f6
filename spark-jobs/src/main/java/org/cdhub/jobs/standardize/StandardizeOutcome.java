package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import org.cdhub.model.entity.QuarantinedRecord;

/**
 * What became of one bronze row: exactly one silver record or one quarantined record.
 *
 * @param <T> the silver record type of the feed's entity
 */
public sealed interface StandardizeOutcome<T extends Record> {

  /** The row passed every rule that rejects. */
  record Standardized<T extends Record>(T record) implements StandardizeOutcome<T> {
    public Standardized {
      requireNonNull(record, "record is null");
    }
  }

  /** The row broke a rule; the first failure is named, the others are listed in the reason. */
  record Quarantined<T extends Record>(QuarantinedRecord record) implements StandardizeOutcome<T> {
    public Quarantined {
      requireNonNull(record, "record is null");
    }
  }
}
