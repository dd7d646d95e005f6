package org.cdhub.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the embedded profile serves gold.person from memory ({@code hub.serving.*}). Unknown keys
 * under {@code hub.serving} stop startup.
 *
 * <pre>
 * hub.serving.refresh-interval   how often gold.person is checked for a new snapshot (default 2s, at least 100ms)
 * hub.serving.cursor-grace       how long cursors of the replaced snapshot keep working after a swap (default 10m, at least 1s)
 * </pre>
 */
@Validated
@ConfigurationProperties(prefix = "hub.serving", ignoreUnknownFields = false)
public record ServingConfig(
    @DefaultValue("2s") Duration refreshInterval,
    @DefaultValue("10m") Duration cursorGrace) {

  public static final Duration MIN_REFRESH_INTERVAL = Duration.ofMillis(100);
  public static final Duration MIN_CURSOR_GRACE = Duration.ofSeconds(1);

  public ServingConfig {
    requireNonNull(refreshInterval, "refreshInterval is null");
    requireNonNull(cursorGrace, "cursorGrace is null");
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
