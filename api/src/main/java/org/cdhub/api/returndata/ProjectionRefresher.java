package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the served gold tables for a new snapshot every {@code interval} on one daemon thread and
 * lets each swap in its projection, one table after the other. A failed poll keeps that table's
 * projection served and is retried on the next tick: a lakehouse hiccup, or one table not
 * published yet, must not take the other lists down.
 */
public final class ProjectionRefresher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionRefresher.class);

  private final List<ProjectedTable<?>> tables;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;

  private ProjectionRefresher(List<ProjectedTable<?>> tables, Duration interval) {
    this.tables = tables;
    this.interval = interval;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gold-projection");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts polling now: the first projections are built in the background as the API starts, persons first. */
  public static ProjectionRefresher start(List<ProjectedTable<?>> tables, Duration interval) {
    requireNonNull(tables, "tables is null");
    requireNonNull(interval, "interval is null");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("Cannot poll the gold tables: interval must be positive, was " + interval);
    }
    ProjectionRefresher refresher = new ProjectionRefresher(List.copyOf(tables), interval);
    refresher.scheduler.scheduleWithFixedDelay(refresher::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return refresher;
  }

  private void poll() {
    for (ProjectedTable<?> table : tables) {
      try {
        table.refresh();
      } catch (DatasetUnavailableException e) {
        // expected until the first merge: requests answer dataset.unavailable meanwhile
        LOG.debug("{}; polling again in {}", e.getMessage(), interval);
      } catch (RuntimeException e) {
        // an exception escaping here would cancel every later poll
        LOG.warn("Cannot refresh the serving projection of {}; still serving snapshot {}, retrying in {}",
            table.dataset(), table.servedSnapshotId(), interval, e);
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
