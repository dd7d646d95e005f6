package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gold table served from an in-memory projection of its latest snapshot. Reads never touch
 * the lakehouse once a projection exists: {@link #refresh()} (called by a
 * {@link ProjectionRefresher}) builds the next snapshot's projection aside and swaps it in with
 * one volatile write, so a request sees either the old or the new projection, never a mix.
 *
 * <p>Cursors pin a snapshot. After a swap the previous projection stays readable for
 * {@code cursorGrace}, so walks already under way finish on the table state they started on;
 * after that (or once a second swap replaces it) their cursors are expired and the client starts
 * again. Falling back to scanning the old snapshot in the table would keep them alive longer but
 * puts a table scan back on the request path; two projections at most bound the memory.
 *
 * @param <P> the projection of one snapshot
 */
public final class ProjectedTable<P extends ServedSnapshot> {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectedTable.class);

  private final GoldTableReader<P> reader;
  private final Clock clock;
  private final Duration cursorGrace;
  private final Object refreshing = new Object();
  /** Null until the first refresh has read the table. */
  private volatile Generations<P> generations;

  /**
   * The projections served: {@code current} (null while the table holds no snapshot) and the one
   * it replaced, readable until {@code previousUntil}.
   */
  record Generations<P extends ServedSnapshot>(P current, P previous, Instant previousUntil) {
    P at(long snapshotId, Instant now) {
      if (current != null && current.snapshotId() == snapshotId) {
        return current;
      }
      if (previous != null && previous.snapshotId() == snapshotId && now.isBefore(previousUntil)) {
        return previous;
      }
      return null;
    }
  }

  public ProjectedTable(GoldTableReader<P> reader, Clock clock, Duration cursorGrace) {
    this.reader = requireNonNull(reader, "reader is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.cursorGrace = requireNonNull(cursorGrace, "cursorGrace is null");
    if (cursorGrace.isNegative() || cursorGrace.isZero()) {
      // a first page reads the current snapshot, then its rows: a swap in between must not expire it
      throw new IllegalArgumentException("Cannot serve " + reader.dataset() + ": cursorGrace must be positive, was "
          + cursorGrace);
    }
  }

  /** {@code namespace.table} of the table served. */
  public String dataset() {
    return reader.dataset();
  }

  /**
   * The snapshot new walks start at; empty while the table holds no data.
   *
   * @throws DatasetUnavailableException if the table does not exist (and no projection is served)
   */
  public OptionalLong currentSnapshotId() {
    return snapshotOf(loaded().current());
  }

  /**
   * The projection new walks start at; empty while the table holds no data.
   *
   * @throws DatasetUnavailableException if the table does not exist (and no projection is served)
   */
  public java.util.Optional<P> current() {
    return java.util.Optional.ofNullable(loaded().current());
  }

  /**
   * The projection of a snapshot: the current one, or the one it replaced within the grace period.
   *
   * @throws SnapshotExpiredException if neither is that snapshot
   */
  public P at(long snapshotId) {
    P projection = loaded().at(snapshotId, clock.instant());
    if (projection == null) {
      throw new SnapshotExpiredException(dataset(), snapshotId);
    }
    return projection;
  }

  /**
   * Checks the table for a new snapshot and, if one landed, builds its projection and swaps it
   * in; also drops the previous projection once its grace period is over.
   *
   * @return whether a new projection is now served
   * @throws DatasetUnavailableException if the table does not exist; the projection served stays
   */
  public boolean refresh() {
    synchronized (refreshing) {
      OptionalLong latest = reader.currentSnapshotId();
      Generations<P> served = generations;
      Instant now = clock.instant();
      if (served != null && snapshotOf(served.current()).equals(latest)) {
        if (served.previous() != null && !now.isBefore(served.previousUntil())) {
          generations = new Generations<>(served.current(), null, null); // let the old projection be collected
        }
        return false;
      }
      long start = System.nanoTime();
      P next = latest.isEmpty() ? null : reader.project(latest.getAsLong());
      generations = served == null
          ? new Generations<>(next, null, null)
          : new Generations<>(next, served.current(), now.plus(cursorGrace));
      LOG.info("Serving {} at snapshot {}: {} rows, built in {} ms{}", dataset(),
          latest.isEmpty() ? "none" : latest.getAsLong(), next == null ? 0 : next.size(),
          (System.nanoTime() - start) / 1_000_000,
          served == null || served.current() == null ? ""
              : "; cursors of snapshot " + served.current().snapshotId() + " stay valid for " + cursorGrace);
      return true;
    }
  }

  /** The snapshot served now, empty before the first refresh or while the table is empty. */
  public OptionalLong servedSnapshotId() {
    Generations<P> served = generations;
    return served == null ? OptionalLong.empty() : snapshotOf(served.current());
  }

  private Generations<P> loaded() {
    Generations<P> served = generations;
    if (served != null) {
      return served;
    }
    // only before the first projection exists does a request wait for the table
    synchronized (refreshing) {
      if (generations == null) {
        refresh();
      }
      return generations;
    }
  }

  private static OptionalLong snapshotOf(ServedSnapshot projection) {
    return projection == null ? OptionalLong.empty() : OptionalLong.of(projection.snapshotId());
  }
}
