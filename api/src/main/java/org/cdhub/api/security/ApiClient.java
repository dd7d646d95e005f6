package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A client platform that called the API with a valid key.
 *
 * @param id client id, as written to the audit log
 * @param purpose the purpose its reads are made for, as written to the audit log
 * @param communities the community codes it may read: its jurisdiction
 * @param roles what it may see beyond masked records, e.g. {@link #PROVENANCE}
 */
public record ApiClient(String id, String purpose, Set<String> communities, Set<String> roles) {
  /** May see a master record's source records (gold.xref) and per-attribute provenance. */
  public static final String PROVENANCE = "provenance";
  /** Every role a client can be given. */
  public static final Set<String> ROLES = Set.of(PROVENANCE);

  public ApiClient {
    requireNonNull(id, "id is null");
    requireNonNull(purpose, "purpose is null");
    communities = Set.copyOf(requireNonNull(communities, "communities is null"));
    roles = Set.copyOf(requireNonNull(roles, "roles is null"));
    for (String role : roles) {
      if (!ROLES.contains(role)) {
        throw new IllegalArgumentException("Invalid role " + role + " of client " + id + ", expected one of " + ROLES);
      }
    }
  }

  /** A client with no role beyond masked records. */
  public ApiClient(String id, String purpose, Set<String> communities) {
    this(id, purpose, communities, Set.of());
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** Whether the community lies in this client's jurisdiction. */
  public boolean mayRead(String communityCode) {
    return communityCode != null && communities.contains(communityCode);
  }
}
