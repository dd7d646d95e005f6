package org.cdhub.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where rosters of gold.person are served from ({@code hub.serving.*}): the embedded profile's
 * in-memory projection, or Trino in the cluster profile. Unknown keys under {@code hub.serving}
 * stop startup.
 *
 * <pre>
 * hub.serving.source             projection (default: gold.person held in memory) or trino (queried per page, see hub.trino.*)
 * hub.serving.refresh-interval   how often gold.person is checked for a new snapshot (default 2s, at least 100ms)
 * hub.serving.cursor-grace       how long cursors of the replaced snapshot keep working after a swap (default 10m, at least 1s)
 * </pre>
 */
@Validated
@ConfigurationProperties(prefix = "hub.serving", ignoreUnknownFields = false)
public record ServingConfig(
    @DefaultValue("2s") Duration refreshInterval,
    @DefaultValue("10m") Duration cursorGrace,
    @DefaultValue("projection") Source source) {

  /** Where rosters are read. */
  public enum Source {
    /** An in-memory projection of gold.person's latest snapshot, refreshed in the background. */
    PROJECTION,
    /** A Trino query per page, at the snapshot the walk's cursor pins. */
    TRINO
  }

  public static final Duration MIN_REFRESH_INTERVAL = Duration.ofMillis(100);
  public static final Duration MIN_CURSOR_GRACE = Duration.ofSeconds(1);

  public ServingConfig {
    requireNonNull(refreshInterval, "refreshInterval is null");
    requireNonNull(cursorGrace, "cursorGrace is null");
    requireNonNull(source, "source is null");
    if (refreshInterval.compareTo(MIN_REFRESH_INTERVAL) < 0) {
      // each check is a catalog query; tighter polling buys nothing a merge run would notice
      throw new IllegalArgumentException("Invalid hub.serving.refresh-interval: must be at least "
          + MIN_REFRESH_INTERVAL.toMillis() + "ms, was " + refreshInterval.toMillis() + "ms");
    }
    if (cursorGrace.compareTo(MIN_CURSOR_GRACE) < 0) {
      throw new IllegalArgumentException("Invalid hub.serving.cursor-grace: must be at least "
          + MIN_CURSOR_GRACE.toSeconds() + "s, was " + cursorGrace.toMillis() + "ms");
    }
  }
}
