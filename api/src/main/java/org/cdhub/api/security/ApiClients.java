package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.cdhub.api.ApiConfig;

/**
 * The registered client platforms, found by the SHA-256 hash of the key they present. Plain keys
 * are never kept: the demo key is hashed here and dropped.
 */
public final class ApiClients {
  private final Map<String, ApiClient> byKeyHash;

  private ApiClients(Map<String, ApiClient> byKeyHash) {
    this.byKeyHash = Map.copyOf(byKeyHash);
  }

  /** The clients of a configuration, plus its demo client if one is set. */
  public static ApiClients from(ApiConfig config) {
    requireNonNull(config, "config is null");
    Map<String, ApiClient> byHash = new HashMap<>();
    config.clients().forEach((id, client) -> add(byHash, client.keySha256(),
        new ApiClient(id, client.purpose(), new HashSet<>(client.communities())), "hub.api.clients." + id));
    if (config.hasDemoClient()) {
      add(byHash, sha256Hex(config.demoKey()),
          new ApiClient(config.demoClientId(), config.demoPurpose(), new HashSet<>(config.demoCommunities())),
          "hub.api.demo-key");
    }
    return new ApiClients(byHash);
  }

  private static void add(Map<String, ApiClient> byHash, String keyHash, ApiClient client, String key) {
    ApiClient other = byHash.putIfAbsent(keyHash, client);
    if (other != null) {
      // two clients on one key would make the audit log lie about who read what
      throw new IllegalArgumentException("Invalid " + key + ": client " + client.id()
          + " has the same key as client " + other.id());
    }
  }

  /** The client whose key this is, if any. */
  public Optional<ApiClient> authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byKeyHash.get(sha256Hex(presentedKey)));
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
