package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import org.cdhub.model.entity.QuarantinedRecord;
import org.cdhub.model.entity.SilverPerson;

/** What became of one bronze row: exactly one silver person or one quarantined record. */
public sealed interface StandardizeOutcome {

  /** The row passed every rule that rejects. */
  record Standardized(SilverPerson person) implements StandardizeOutcome {
    public Standardized {
      requireNonNull(person, "person is null");
    }
  }

  /** The row broke a rule; the first failure is named, the others are listed in the reason. */
  record Quarantined(QuarantinedRecord record) implements StandardizeOutcome {
    public Quarantined {
      requireNonNull(record, "record is null");
    }
  }
}
