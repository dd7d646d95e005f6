package org.cdhub.api.subscription;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How grants reach Trino ({@code hub.subscriptions.*}).
 *
 * <pre>
 * hub.subscriptions.trino-rules-file  the file Trino's file-based access control reads (its
 *                                     security.config-file); rewritten on every decision (default none)
 * hub.subscriptions.expiry-check      how often ended periods are marked expired and the rules rewritten (default 1m)
 * </pre>
 */
@ConfigurationProperties(prefix = "hub.subscriptions", ignoreUnknownFields = false)
public record SubscriptionConfig(Path trinoRulesFile, @DefaultValue("1m") Duration expiryCheck) {
  public SubscriptionConfig {
    if (expiryCheck == null || expiryCheck.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("Invalid hub.subscriptions.expiry-check: must be at least 1s, was " + expiryCheck);
    }
  }
}
