package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a client platform may read: administrative codes at district (6 digits), street (9),
 * community (12) or grid level (15: the community code and 3 digits, as the grid system's
 * 网格编码 and gold.person's {@code grid_code} spell it). Codes nest by prefix, so a district or
 * street code covers every community under it; a grid code lets the client call its community's
 * endpoints but see only the records of its grids.
 *
 * @param codes the codes the client is bound to (at least one)
 */
public record Jurisdiction(Set<String> codes) {
  public static final int DISTRICT_DIGITS = 6;
  public static final int STREET_DIGITS = 9;
  public static final int COMMUNITY_DIGITS = 12;
  public static final int GRID_DIGITS = 15;
  /** Any level's code, as configuration accepts it. */
  public static final String CODE = "[0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15}";

  public Jurisdiction {
    requireNonNull(codes, "codes is null");
    if (codes.isEmpty()) {
      throw new IllegalArgumentException("Invalid jurisdiction: must name at least one code");
    }
    for (String code : codes) {
      if (code == null || !code.matches(CODE)) {
        throw new IllegalArgumentException("Invalid jurisdiction code " + code
            + ": must be a district (6 digits), street (9), community (12) or grid (15) code");
      }
    }
    codes = Set.copyOf(new TreeSet<>(codes));
  }

  public static Jurisdiction of(Collection<String> codes) {
    return new Jurisdiction(Set.copyOf(requireNonNull(codes, "codes is null")));
  }

  /** Whether the client may call the community's endpoints at all (perhaps seeing only some grids). */
  public boolean covers(String communityCode) {
    return scopeIn(communityCode).isPresent();
  }

  /** Whether the client sees every record of the community, not only some grids. */
  public boolean coversWhole(String communityCode) {
    return scopeIn(communityCode).filter(CommunityScope::whole).isPresent();
  }

  /**
   * What the client sees of a community: all of it when a district, street or community code
   * covers it, else the grids of it the client is bound to; empty when neither.
   */
  public Optional<CommunityScope> scopeIn(String communityCode) {
    if (communityCode == null || communityCode.length() != COMMUNITY_DIGITS) {
      return Optional.empty();
    }
    TreeSet<String> grids = new TreeSet<>();
    for (String code : codes) {
      if (code.length() <= COMMUNITY_DIGITS && communityCode.startsWith(code)) {
        return Optional.of(CommunityScope.whole(communityCode));
      }
      if (code.length() == GRID_DIGITS && code.startsWith(communityCode)) {
        grids.add(code);
      }
    }
    return grids.isEmpty() ? Optional.empty() : Optional.of(CommunityScope.grids(communityCode, grids));
  }
}
