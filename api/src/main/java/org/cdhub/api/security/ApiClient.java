package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A client platform that called the API with a valid key.
 *
 * @param id client id, as written to the audit log
 * @param purpose the purpose its reads are made for, as written to the audit log
 * @param jurisdiction the district, street, community and grid codes it may read
 * @param roles what it may see or decide beyond masked records, e.g. {@link #PROVENANCE}
 * @param department the department it acts for as the catalog names providers (a dataset owner's);
 *     null when it acts only for itself (a requesting department is its client id)
 */
public record ApiClient(String id, String purpose, Jurisdiction jurisdiction, Set<String> roles, String department) {
  /** May see a master record's source records (gold.xref) and per-attribute provenance. */
  public static final String PROVENANCE = "provenance";
  /** May send corrections of its community's master persons and read their status. */
  public static final String CORRECTIONS = "corrections";
  /** Decides subscriptions to the datasets its {@code department} provides, and sees every subscription. */
  public static final String DATASET_OWNER = "dataset-owner";
  /** Sees every subscription (and decides none). */
  public static final String AUDITOR = "auditor";
  /** Every role a client can be given. */
  public static final Set<String> ROLES = Set.of(PROVENANCE, CORRECTIONS, DATASET_OWNER, AUDITOR);
  /** {@link #ROLES} as one regular expression, for configuration checks. */
  public static final String ROLE_PATTERN = PROVENANCE + "|" + CORRECTIONS + "|" + DATASET_OWNER + "|" + AUDITOR;

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
    if (roles.contains(DATASET_OWNER) && (department == null || department.isBlank())) {
      throw new IllegalArgumentException("Invalid client " + id + ": role " + DATASET_OWNER
          + " needs the department it acts for (hub.api.clients." + id + ".department)");
    }
  }

  /** A client bound to a jurisdiction, with these roles, acting for itself. */
  public ApiClient(String id, String purpose, Jurisdiction jurisdiction, Set<String> roles) {
    this(id, purpose, jurisdiction, roles, null);
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
