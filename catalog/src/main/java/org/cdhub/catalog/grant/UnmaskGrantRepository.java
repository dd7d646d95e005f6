package org.cdhub.catalog.grant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The unmask grants, in the catalog database. Grants are created and revoked by a data-bureau
 * operator (./hub unmask), never through the API; a revoked grant stays, to explain past reads.
 */
public interface UnmaskGrantRepository {
  /** Stores a new grant (its id is ignored) and returns it with the id it got. */
  UnmaskGrant grant(UnmaskGrant grant);

  /**
   * Revokes a grant that is not revoked yet.
   *
   * @return the grant as revoked; empty if there is no grant with this id
   * @throws IllegalStateException if it was already revoked
   */
  Optional<UnmaskGrant> revoke(long id, String revokedBy, Instant at);

  Optional<UnmaskGrant> find(long id);

  /** Every grant of one client, oldest first, revoked and expired ones included. */
  List<UnmaskGrant> findByClient(String clientId);

  /** Every grant, oldest first. */
  List<UnmaskGrant> findAll();
}
