package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cdhub.jobs.merge.AttributeVotes.Source;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.MasterPlace;
import org.cdhub.model.entity.PlaceType;

/**
 * Builds one golden place from the facts its records state about its position in the hierarchy.
 *
 * <p>Grids: a house takes the grid code its records give it (survivorship), else its
 * building's ({@link #inBuildingGrid}). A building takes the grid most of its houses' records
 * give (ties to the smallest code): the grid management assigns whole buildings, so a
 * disagreeing house is a typo in the register. A compound or community takes a grid only when
 * all its houses lie in the same one. One spanning grids gets none: it lies in neither as a
 * whole, a grid-bound client would see it from one grid only, and the API's grid filter would
 * hand its grid down to any place below it that has none.
 */
public final class GoldPlaceBuilder implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String GRID_OF_MOST_HOUSES = "merge:grid_code:GRID_OF_MOST_HOUSES";
  static final String GRID_OF_ALL_HOUSES = "merge:grid_code:GRID_OF_ALL_HOUSES";
  static final String GRID_OF_BUILDING = "merge:grid_code:GRID_OF_BUILDING";

  private final TrustRanks trust;
  private final SurvivorshipPolicy policy;

  public GoldPlaceBuilder(TrustRanks trust, SurvivorshipPolicy policy) {
    this.trust = requireNonNull(trust, "trust is null");
    this.policy = requireNonNull(policy, "policy is null");
  }

  public MasterPlace build(String placeKey, List<PlaceFact> facts, Instant updatedAt) {
    requireNonNull(placeKey, "placeKey is null");
    AttributeVotes<PlaceFact> votes = new AttributeVotes<>(EntityType.PLACE, facts.stream()
        .map(f -> new Source<>(f, f.sourceSystem(), f.sourceRecordId(), f.trustRank(), f.ingestedAt(), f.completeness()))
        .toList(), trust, policy);
    String communityCode = votes.choose("community_code", PlaceFact::communityCode);
    String parentKey = votes.choose("parent_id", PlaceFact::parentKey);
    String districtCode = PlaceHierarchy.districtOf(communityCode);
    if (districtCode != null) {
      votes.provenance("district_code", votes.provenance().get("community_code"));
    }
    PlaceType type = PlaceType.valueOf(facts.get(0).placeType());
    return new MasterPlace(
        PlaceHierarchy.masterId(placeKey),
        type,
        votes.choose("code", PlaceFact::code),
        votes.choose("name", PlaceFact::name),
        parentKey == null ? null : PlaceHierarchy.masterId(parentKey),
        votes.choose("address", PlaceFact::address),
        districtCode,
        communityCode,
        gridCode(type, facts, votes),
        votes.provenance(),
        updatedAt);
  }

  /** A house without a grid code of its own, placed in its building's grid. */
  static MasterPlace inBuildingGrid(MasterPlace house, String buildingGrid) {
    Map<String, String> provenance = new TreeMap<>(house.provenance());
    provenance.put("grid_code", GRID_OF_BUILDING);
    return new MasterPlace(house.masterId(), house.placeType(), house.code(), house.name(), house.parentId(), house.address(),
        house.districtCode(), house.communityCode(), requireNonNull(buildingGrid, "buildingGrid is null"), provenance, house.updatedAt());
  }

  private static String gridCode(PlaceType type, List<PlaceFact> facts, AttributeVotes<PlaceFact> votes) {
    if (type == PlaceType.HOUSE) {
      return votes.choose("grid_code", PlaceFact::gridCode);
    }
    TreeMap<String, Long> houses = facts.stream().map(PlaceFact::gridCode).filter(Objects::nonNull)
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    if (houses.isEmpty()) {
      return null;
    }
    if (type == PlaceType.BUILDING) {
      // TreeMap order and a strict > keep the smallest code of a tie
      String most = null;
      for (Map.Entry<String, Long> e : houses.entrySet()) {
        most = most == null || e.getValue() > houses.get(most) ? e.getKey() : most;
      }
      votes.provenance("grid_code", GRID_OF_MOST_HOUSES);
      return most;
    }
    if (houses.size() == 1) {
      votes.provenance("grid_code", GRID_OF_ALL_HOUSES);
      return houses.firstKey();
    }
    return null;
  }
}
