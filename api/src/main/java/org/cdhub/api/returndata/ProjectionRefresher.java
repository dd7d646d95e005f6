package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls gold.person for a new snapshot every {@code interval} on one daemon thread and lets the
 * repository swap in its projection. A failed poll keeps the projection served and is retried on
 * the next tick: a lakehouse hiccup must not take the roster down.
 */
public final class ProjectionRefresher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionRefresher.class);

  private final ProjectedGoldPersonRepository repository;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;

  private ProjectionRefresher(ProjectedGoldPersonRepository repository, Duration interval) {
    this.repository = repository;
    this.interval = interval;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gold-person-projection");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts polling now: the first projection is built in the background as the API starts. */
  public static ProjectionRefresher start(ProjectedGoldPersonRepository repository, Duration interval) {
    requireNonNull(repository, "repository is null");
    requireNonNull(interval, "interval is null");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("Cannot poll gold.person: interval must be positive, was " + interval);
    }
    ProjectionRefresher refresher = new ProjectionRefresher(repository, interval);
    refresher.scheduler.scheduleWithFixedDelay(refresher::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return refresher;
  }

  private void poll() {
    try {
      repository.refresh();
    } catch (DatasetUnavailableException e) {
      // expected until the first merge: requests answer dataset.unavailable meanwhile
      LOG.debug("{}; polling again in {}", e.getMessage(), interval);
    } catch (RuntimeException e) {
      // an exception escaping here would cancel every later poll
      LOG.warn("Cannot refresh the serving projection of {}; still serving snapshot {}, retrying in {}",
          CommunityPersonService.DATASET, repository.servedSnapshotId(), interval, e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
