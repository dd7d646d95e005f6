package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A client platform that called the API with a valid key.
 *
 * @param id client id, as written to the audit log
 * @param purpose the purpose its reads are made for, as written to the audit log
 * @param communities the community codes it may read: its jurisdiction
 */
public record ApiClient(String id, String purpose, Set<String> communities) {
  public ApiClient {
    requireNonNull(id, "id is null");
    requireNonNull(purpose, "purpose is null");
    communities = Set.copyOf(requireNonNull(communities, "communities is null"));
  }

  /** Whether the community lies in this client's jurisdiction. */
  public boolean mayRead(String communityCode) {
    return communityCode != null && communities.contains(communityCode);
  }
}
