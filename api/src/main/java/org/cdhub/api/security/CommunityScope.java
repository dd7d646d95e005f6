package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * What one client sees of one community: every record, or only the records of some of its grids.
 *
 * @param communityCode the community
 * @param grids the grid codes whose records the client sees; empty when it sees the whole community
 */
public record CommunityScope(String communityCode, Set<String> grids) {
  public CommunityScope {
    requireNonNull(communityCode, "communityCode is null");
    grids = Set.copyOf(requireNonNull(grids, "grids is null"));
    for (String grid : grids) {
      if (grid.length() != Jurisdiction.GRID_DIGITS || !grid.startsWith(communityCode)) {
        throw new IllegalArgumentException("Invalid scope of community " + communityCode + ": grid " + grid
            + " is not one of its grids");
      }
    }
  }

  public static CommunityScope whole(String communityCode) {
    return new CommunityScope(communityCode, Set.of());
  }

  public static CommunityScope grids(String communityCode, Set<String> grids) {
    if (grids.isEmpty()) {
      throw new IllegalArgumentException("Invalid scope of community " + communityCode + ": no grids");
    }
    return new CommunityScope(communityCode, grids);
  }

  public boolean whole() {
    return grids.isEmpty();
  }

  /**
   * Whether a record of this community in grid {@code gridCode} is visible. A record without a
   * grid is visible only to clients that see the whole community.
   */
  public boolean sees(String gridCode) {
    return whole() || (gridCode != null && grids.contains(gridCode));
  }

  /** The scope as the audit log writes it: {@code community:<code>}, or {@code community:<code>/grid:<g1>,<g2>}. */
  public String auditScope() {
    return "community:" + communityCode + (whole() ? "" : "/grid:" + String.join(",", new java.util.TreeSet<>(grids)));
  }
}
