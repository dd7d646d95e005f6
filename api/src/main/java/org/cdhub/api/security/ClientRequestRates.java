package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Each client's rate limit: so many requests per second, refused beyond that without waiting
 * (a platform that loops on the API must not starve the others). Limits are per client id, so
 * a client cannot widen its share by spreading requests over connections.
 */
public final class ClientRequestRates {
  private final Map<String, RateLimiter> byClient;

  private ClientRequestRates(Map<String, RateLimiter> byClient) {
    this.byClient = Map.copyOf(byClient);
  }

  /** @param requestsPerSecond the limit of each client id */
  public static ClientRequestRates of(Map<String, Integer> requestsPerSecond) {
    requireNonNull(requestsPerSecond, "requestsPerSecond is null");
    Map<String, RateLimiter> limiters = new HashMap<>();
    requestsPerSecond.forEach((client, limit) -> {
      if (limit == null || limit < 1) {
        throw new IllegalArgumentException("Invalid rate limit of client " + client + ": must be at least 1 request per second, was " + limit);
      }
      limiters.put(client, RateLimiter.of("client-" + client, RateLimiterConfig.custom()
          .limitForPeriod(limit)
          .limitRefreshPeriod(Duration.ofSeconds(1))
          .timeoutDuration(Duration.ZERO)
          .build()));
    });
    return new ClientRequestRates(limiters);
  }

  /** Takes one request from the client's allowance; false when this second's is used up. */
  public boolean tryAcquire(ApiClient client) {
    RateLimiter limiter = byClient.get(requireNonNull(client, "client is null").id());
    if (limiter == null) {
      // every authenticated client comes from the same configuration as the limits
      throw new IllegalStateException("No rate limit for client " + client.id());
    }
    return limiter.acquirePermission();
  }

  /** The configured limit of a client, requests per second. */
  public int limitOf(String clientId) {
    RateLimiter limiter = byClient.get(clientId);
    if (limiter == null) {
      throw new IllegalArgumentException("Unknown client " + clientId);
    }
    return limiter.getRateLimiterConfig().getLimitForPeriod();
  }
}
