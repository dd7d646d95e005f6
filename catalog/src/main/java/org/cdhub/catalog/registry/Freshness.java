package org.cdhub.catalog.registry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How fresh a dataset is against the update cycle it promises: FRESH while its data is at most one
 * cycle old, LATE when it missed one cycle, STALE when it missed two or more or never had data.
 * Computed when read, never stored: it changes with the clock.
 *
 * @param status FRESH, LATE or STALE
 * @param age time since the data last changed, null when it never did
 */
public record Freshness(Status status, Duration age) {
  public enum Status { FRESH, LATE, STALE }

  public Freshness {
    requireNonNull(status, "status is null");
  }

  public static Freshness of(Dataset dataset, Instant now) {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(now, "now is null");
    if (dataset.dataUpdatedAt() == null) {
      return new Freshness(Status.STALE, null);
    }
    // a commit time slightly ahead of this clock is still fresh data, not a negative age
    Duration age = Duration.between(dataset.dataUpdatedAt(), now);
    age = age.isNegative() ? Duration.ZERO : age;
    Duration cycle = dataset.updateCycle().period();
    Status status = age.compareTo(cycle) <= 0 ? Status.FRESH : age.compareTo(cycle.multipliedBy(2)) <= 0 ? Status.LATE : Status.STALE;
    return new Freshness(status, age);
  }

  /** {@code FRESH (age 3h 05m)}, {@code STALE (no data yet)}. */
  public String describe() {
    if (age == null) {
      return status + " (no data yet)";
    }
    long days = age.toDays();
    String text = days > 0 ? String.format(Locale.ROOT, "%dd %02dh", days, age.toHoursPart())
        : String.format(Locale.ROOT, "%dh %02dm", age.toHours(), age.toMinutesPart());
    return status + " (age " + text + ")";
  }
}
