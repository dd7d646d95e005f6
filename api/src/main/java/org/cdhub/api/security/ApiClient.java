package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A client platform that called the API with a valid key.
 *
 * @param id client id, as written to the audit log
 * @param purpose the purpose its reads are made for, as written to the audit log
 * @param jurisdiction the district, street, community and grid codes it may read
 * @param roles what it may see beyond masked records, e.g. {@link #PROVENANCE}
 */
public record ApiClient(String id, String purpose, Jurisdiction jurisdiction, Set<String> roles) {
  /** May see a master record's source records (gold.xref) and per-attribute provenance. */
  public static final String PROVENANCE = "provenance";
  /** May send corrections of its community's master persons and read their status. */
  public static final String CORRECTIONS = "corrections";
  /** Every role a client can be given, as {@link #ROLE_PATTERN} spells them for the configuration. */
  public static final Set<String> ROLES = Set.of(PROVENANCE, CORRECTIONS);
  public static final String ROLE_PATTERN = PROVENANCE + "|" + CORRECTIONS;

  public ApiClient {
    requireNonNull(id, "id is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(jurisdiction, "jurisdiction is null");
    roles = Set.copyOf(requireNonNull(roles, "roles is null"));
    for (String role : roles) {
      if (!ROLES.contains(role)) {
        throw new IllegalArgumentException("Invalid role " + role + " of client " + id + ", expected one of " + ROLES);
      }
    }
  }

  /** A client bound to these codes (any level), with these roles. */
  public ApiClient(String id, String purpose, Set<String> jurisdictionCodes, Set<String> roles) {
    this(id, purpose, Jurisdiction.of(jurisdictionCodes), roles);
  }

  /** A client bound to these codes (any level), with no role beyond masked records. */
  public ApiClient(String id, String purpose, Set<String> jurisdictionCodes) {
    this(id, purpose, Jurisdiction.of(jurisdictionCodes), Set.of());
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /**
   * Whether the client may read the whole community. False for a client bound only to some of
   * its grids: services that filter by grid ask {@link Jurisdiction#scopeIn} instead, so an
   * endpoint that does not filter refuses a grid-bound client rather than show it the community.
   */
  public boolean mayRead(String communityCode) {
    return jurisdiction.coversWhole(communityCode);
  }
}
