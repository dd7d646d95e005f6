package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.cdhub.catalog.grant.UnmaskGrant;
import org.cdhub.catalog.grant.UnmaskGrantRepository;
import org.cdhub.catalog.grant.UnmaskableField;

/**
 * Decides whether a request may unmask what it asks for: one grant of the client, active now,
 * must allow every requested field in the community for the stated purpose. Grants are read from
 * the catalog on each such request (rare, and a revocation then takes effect at once).
 */
public final class UnmaskGrants {
  private final UnmaskGrantRepository grants;
  private final Clock clock;

  public UnmaskGrants(UnmaskGrantRepository grants, Clock clock) {
    this.grants = requireNonNull(grants, "grants is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The grant that allows the whole request; the newest if several do.
   *
   * @throws UnmaskNotGrantedException naming a field no active grant allows (or, when each is
   *     allowed by some grant but none allows all, the first the closest grant lacks)
   */
  public UnmaskGrant require(ApiClient client, String communityCode, UnmaskRequest request) {
    requireNonNull(client, "client is null");
    requireNonNull(communityCode, "communityCode is null");
    if (!requireNonNull(request, "request is null").any()) {
      throw new IllegalArgumentException("Cannot look up an unmask grant for a masked read");
    }
    Instant now = clock.instant();
    List<UnmaskGrant> mine = grants.findByClient(client.id());
    Comparator<UnmaskGrant> byAllowed = Comparator.comparingLong(g -> allowed(g, request, communityCode, now));
    UnmaskGrant closest = mine.stream().max(byAllowed.thenComparingLong(UnmaskGrant::id)).orElse(null);
    for (UnmaskableField field : request.fields()) {
      if (closest == null || !closest.allows(field, communityCode, request.purpose(), now)) {
        throw new UnmaskNotGrantedException(client.id(), communityCode, field, request.purpose());
      }
    }
    return closest;
  }

  private static long allowed(UnmaskGrant grant, UnmaskRequest request, String communityCode, Instant now) {
    return request.fields().stream().filter(f -> grant.allows(f, communityCode, request.purpose(), now)).count();
  }
}
