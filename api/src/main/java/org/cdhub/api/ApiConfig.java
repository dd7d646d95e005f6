package org.cdhub.api;

import static java.util.Objects.requireNonNull;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.Jurisdiction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the API ({@code hub.api.*}). Each client platform has a key, stored only as its
 * SHA-256 hash, and a jurisdiction: the communities whose persons it may read. Unknown keys under
 * {@code hub.api} stop startup, so a misspelt key cannot silently leave a client out.
 *
 * <pre>
 * hub.api.clients.&lt;client-id&gt;.key-sha256   64 lower-case hex digits: SHA-256 of the client's key (UTF-8)
 * hub.api.clients.&lt;client-id&gt;.jurisdiction district (6 digits), street (9), community (12) or grid (15) codes it may read
 * hub.api.clients.&lt;client-id&gt;.communities  12-digit community codes it may read (older form of jurisdiction;
 *                                          the two are joined, and together name at least one code)
 * hub.api.clients.&lt;client-id&gt;.purpose      purpose written to the audit log (default community-governance)
 * hub.api.clients.&lt;client-id&gt;.expires-at   instant the key stops working (ISO-8601; default never)
 * hub.api.clients.&lt;client-id&gt;.requests-per-second  requests the client may make per second (default 50)
 * hub.api.clients.&lt;client-id&gt;.roles        what it may see or do beyond masked records: provenance, corrections,
 *                                          dataset-owner, auditor (default none)
 * hub.api.clients.&lt;client-id&gt;.department   the department it acts for, as the catalog names providers
 *                                          (required with dataset-owner)
 * hub.api.demo-key                         plain key of a demo client (demo runs only; hashed at startup)
 * hub.api.demo-communities                 communities the demo client may read (required with demo-key)
 * hub.api.demo-client-id                   client id of the demo client (default demo)
 * hub.api.demo-purpose                     audit purpose of the demo client (default demo)
 * hub.api.demo-requests-per-second         requests the demo client may make per second (default 50)
 * </pre>
 */
@Validated
@ConfigurationProperties(prefix = "hub.api", ignoreUnknownFields = false)
public record ApiConfig(
    @DefaultValue Map<@Pattern(regexp = CLIENT_ID, message = "must be lower-case letters, digits and dashes") String,
        @Valid Client> clients,
    String demoKey,
    @DefaultValue List<@Pattern(regexp = COMMUNITY_CODE, message = "must be a 12-digit community code") String>
        demoCommunities,
    @DefaultValue("demo") @Pattern(regexp = CLIENT_ID, message = "must be lower-case letters, digits and dashes")
        String demoClientId,
    @DefaultValue("demo") @NotBlank String demoPurpose,
    @DefaultValue(DEFAULT_REQUESTS_PER_SECOND) @Min(1) int demoRequestsPerSecond) {

  public static final String CLIENT_ID = "[a-z0-9][a-z0-9-]{0,62}";
  public static final String COMMUNITY_CODE = "[0-9]{12}";
  public static final String SHA256_HEX = "[0-9a-f]{64}";
  public static final String DEFAULT_PURPOSE = "community-governance";
  /** A platform syncing its roster needs a few requests a second; 50 leaves room and stops a runaway loop. */
  public static final String DEFAULT_REQUESTS_PER_SECOND = "50";
  /** A demo key shorter than this is refused: it would be guessable. */
  public static final int MIN_DEMO_KEY_LENGTH = 16;

  /**
   * One client platform.
   *
   * @param keySha256 SHA-256 of the key, hex ({@code hub.api.clients.<id>.key-sha256})
   * @param communities community codes it may read ({@code hub.api.clients.<id>.communities}), kept from
   *     before {@code jurisdiction}; joined with it
   * @param purpose audit purpose ({@code hub.api.clients.<id>.purpose})
   * @param expiresAt when the key stops working, null for never ({@code hub.api.clients.<id>.expires-at})
   * @param requestsPerSecond the client's rate limit ({@code hub.api.clients.<id>.requests-per-second})
   * @param roles what it may see beyond masked records ({@code hub.api.clients.<id>.roles})
   * @param jurisdiction codes of any level it may read ({@code hub.api.clients.<id>.jurisdiction}), see {@link Jurisdiction}
   * @param department the department it acts for as the catalog names providers ({@code hub.api.clients.<id>.department});
   *     null for none
   */
  public record Client(
      @NotBlank @Pattern(regexp = SHA256_HEX, message = "must be 64 lower-case hex digits (SHA-256 of the key)")
          String keySha256,
      @DefaultValue List<@Pattern(regexp = COMMUNITY_CODE, message = "must be a 12-digit community code") String>
          communities,
      @DefaultValue(DEFAULT_PURPOSE) @NotBlank String purpose,
      Instant expiresAt,
      @DefaultValue(DEFAULT_REQUESTS_PER_SECOND) @Min(1) int requestsPerSecond,
      @DefaultValue List<@Pattern(regexp = ApiClient.ROLE_PATTERN, message = "must be a known role: " + ApiClient.ROLE_PATTERN) String> roles,
      @DefaultValue List<@Pattern(regexp = Jurisdiction.CODE,
          message = "must be a district (6 digits), street (9), community (12) or grid (15) code") String> jurisdiction,
      String department) {
    @ConstructorBinding
    public Client {
      communities = communities == null ? List.of() : List.copyOf(communities);
      roles = roles == null ? List.of() : List.copyOf(roles);
      jurisdiction = jurisdiction == null ? List.of() : List.copyOf(jurisdiction);
    }

    /** A client bound only by {@code communities}. */
    public Client(String keySha256, List<String> communities, String purpose, Instant expiresAt, int requestsPerSecond,
        List<String> roles) {
      this(keySha256, communities, purpose, expiresAt, requestsPerSecond, roles, List.of(), null);
    }

    /** Every code the client is bound to: {@code jurisdiction} and {@code communities} together. */
    public Set<String> jurisdictionCodes() {
      Set<String> codes = new TreeSet<>(jurisdiction);
      codes.addAll(communities);
      return codes;
    }

    /** A client without roles. */
    public Client(String keySha256, List<String> communities, String purpose, Instant expiresAt, int requestsPerSecond) {
      this(keySha256, communities, purpose, expiresAt, requestsPerSecond, List.of());
    }

    /** A client whose key never expires, at the default rate limit, without roles. */
    public Client(String keySha256, List<String> communities, String purpose) {
      this(keySha256, communities, purpose, null, Integer.parseInt(DEFAULT_REQUESTS_PER_SECOND));
    }
  }

  @ConstructorBinding
  public ApiConfig {
    requireNonNull(demoClientId, "demoClientId is null");
    requireNonNull(demoPurpose, "demoPurpose is null");
    clients = clients == null ? Map.of() : Map.copyOf(new HashMap<>(clients));
    demoCommunities = demoCommunities == null ? List.of() : List.copyOf(demoCommunities);
    for (Map.Entry<String, Client> client : new java.util.TreeMap<>(clients).entrySet()) {
      if (client.getValue() != null && client.getValue().jurisdictionCodes().isEmpty()) {
        throw new IllegalArgumentException("Invalid hub.api.clients." + client.getKey()
            + ": jurisdiction (or communities) must name at least one code the client may read");
      }
    }
    // cross-key rules: messages name the keys in conflict
    if (demoKey != null) {
      if (demoKey.isBlank() || demoKey.length() < MIN_DEMO_KEY_LENGTH) {
        throw new IllegalArgumentException("Invalid hub.api.demo-key: must be at least "
            + MIN_DEMO_KEY_LENGTH + " characters, was " + demoKey.length());
      }
      if (demoCommunities.isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid hub.api.demo-key: hub.api.demo-communities must name the communities the demo client may read");
      }
      if (clients.containsKey(demoClientId)) {
        throw new IllegalArgumentException("Invalid hub.api.demo-client-id: " + demoClientId
            + " is also configured under hub.api.clients");
      }
    } else if (!demoCommunities.isEmpty()) {
      throw new IllegalArgumentException("Invalid hub.api.demo-communities: set only together with hub.api.demo-key");
    }
  }

  /** A configuration whose demo client, if any, has the default rate limit. */
  public ApiConfig(Map<String, Client> clients, String demoKey, List<String> demoCommunities, String demoClientId, String demoPurpose) {
    this(clients, demoKey, demoCommunities, demoClientId, demoPurpose, Integer.parseInt(DEFAULT_REQUESTS_PER_SECOND));
  }

  /** Whether a demo client is configured. */
  public boolean hasDemoClient() {
    return demoKey != null;
  }

  @Override
  public String toString() {
    // records print every component; the plain demo key must never reach a log
    return "ApiConfig[clients=" + clients + ", demoKey=" + (demoKey == null ? "null" : "***")
        + ", demoCommunities=" + demoCommunities + ", demoClientId=" + demoClientId
        + ", demoPurpose=" + demoPurpose + ", demoRequestsPerSecond=" + demoRequestsPerSecond + "]";
  }
}
