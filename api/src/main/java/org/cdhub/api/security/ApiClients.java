package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.cdhub.api.ApiConfig;
import org.springframework.security.authentication.CredentialsExpiredException;

/**
 * The registered client platforms, found by the SHA-256 hash of the key they present. Plain keys
 * are never kept: the demo key is hashed here and dropped.
 */
public final class ApiClients {
  private final Map<String, Registration> byKeyHash;
  private final Clock clock;

  /** A client with what its configuration says about its key and its rate. */
  private record Registration(ApiClient client, Instant expiresAt, int requestsPerSecond) {}

  private ApiClients(Map<String, Registration> byKeyHash, Clock clock) {
    this.byKeyHash = Map.copyOf(byKeyHash);
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The clients of a configuration, plus its demo client if one is set. */
  public static ApiClients from(ApiConfig config) {
    return from(config, Clock.systemUTC());
  }

  /** As above, judging key expiry by {@code clock}. */
  public static ApiClients from(ApiConfig config, Clock clock) {
    requireNonNull(config, "config is null");
    Map<String, Registration> byHash = new HashMap<>();
    config.clients().forEach((id, client) -> add(byHash, client.keySha256(),
        new Registration(new ApiClient(id, client.purpose(), Jurisdiction.of(client.jurisdictionCodes()),
            new HashSet<>(client.roles()), client.department()),
            client.expiresAt(),
            client.requestsPerSecond()), "hub.api.clients." + id));
    if (config.hasDemoClient()) {
      add(byHash, sha256Hex(config.demoKey()),
          new Registration(new ApiClient(config.demoClientId(), config.demoPurpose(), new HashSet<>(config.demoCommunities())), null,
              config.demoRequestsPerSecond()),
          "hub.api.demo-key");
    }
    return new ApiClients(byHash, clock);
  }

  private static void add(Map<String, Registration> byHash, String keyHash, Registration registration, String key) {
    Registration other = byHash.putIfAbsent(keyHash, registration);
    if (other != null) {
      // two clients on one key would make the audit log lie about who read what
      throw new IllegalArgumentException("Invalid " + key + ": client " + registration.client().id()
          + " has the same key as client " + other.client().id());
    }
  }

  /**
   * The client whose key this is, if any.
   *
   * @throws CredentialsExpiredException if the key was a client's but has expired
   */
  public Optional<ApiClient> authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty()) {
      return Optional.empty();
    }
    Registration registration = byKeyHash.get(sha256Hex(presentedKey));
    if (registration == null) {
      return Optional.empty();
    }
    if (registration.expiresAt() != null && !clock.instant().isBefore(registration.expiresAt())) {
      throw new CredentialsExpiredException("The key of client " + registration.client().id() + " expired at " + registration.expiresAt());
    }
    return Optional.of(registration.client());
  }

  /** Each client's rate limit, from the same configuration. */
  public ClientRequestRates requestRates() {
    Map<String, Integer> limits = new HashMap<>();
    byKeyHash.values().forEach(r -> limits.put(r.client().id(), r.requestsPerSecond()));
    return ClientRequestRates.of(limits);
  }

  public int size() {
    return byKeyHash.size();
  }

  /** Lower-case hex SHA-256 of the key's UTF-8 bytes: the form keys are configured in. */
  public static String sha256Hex(String key) {
    requireNonNull(key, "key is null");
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash API keys: the JDK has no SHA-256", e);
    }
  }
}
