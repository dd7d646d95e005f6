package org.cdhub.jobs.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.model.entity.MasterPlace;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.entity.SilverPlace;
import org.junit.jupiter.api.Test;

/** Grid codes of golden places, built from the hierarchy facts of house records (no Spark). */
class GoldPlaceBuilderTest {
  static final String CC = "640106001001";
  static final String G1 = CC + "001";
  static final String G2 = CC + "002";
  static final String G3 = CC + "003";

  private final GoldPlaceBuilder builder = new GoldPlaceBuilder(TrustRanks.of(List.of()), SurvivorshipPolicy.bundled());

  /** Golden places by type and name (houses by code) from house records {code, compound, building, room, grid}. */
  private Map<String, MasterPlace> merge(String[]... houses) {
    Map<String, List<PlaceFact>> byKey = new LinkedHashMap<>();
    for (String[] h : houses) {
      SilverPlace p = PlaceHierarchyTest.house("housing_house", h[0], h[1], h[2], h[3], h[4]);
      for (PlaceFact f : PlaceHierarchy.facts(p, Map.of())) {
        byKey.computeIfAbsent(f.placeKey(), k -> new ArrayList<>()).add(f);
      }
    }
    Map<String, MasterPlace> out = new LinkedHashMap<>();
    byKey.forEach((key, facts) -> {
      MasterPlace place = builder.build(key, facts, Instant.EPOCH);
      out.put(place.placeType() + ":" + (place.placeType() == PlaceType.HOUSE ? place.code() : place.name()), place);
    });
    return out;
  }

  @Test
  void aBuildingTakesTheGridOfMostOfItsHousesAndAnEvenSplitTheSmallestCode() {
    Map<String, MasterPlace> places = merge(
        new String[] {"FW1", "丽景湾小区", "3", "101", G2},
        new String[] {"FW2", "丽景湾小区", "3", "102", G1},
        new String[] {"FW3", "丽景湾小区", "3", "103", G2},
        new String[] {"FW4", "丽景湾小区", "3", "104", null},
        new String[] {"FW5", "丽景湾小区", "4", "101", G3},
        new String[] {"FW6", "丽景湾小区", "4", "102", G1});

    assertThat(places.get("HOUSE:FW2").gridCode()).isEqualTo(G1);
    assertThat(places.get("HOUSE:FW4").gridCode()).isNull();
    assertThat(places.get("BUILDING:丽景湾小区3号楼").gridCode()).isEqualTo(G2);
    assertThat(places.get("BUILDING:丽景湾小区3号楼").provenance()).containsEntry("grid_code", GoldPlaceBuilder.GRID_OF_MOST_HOUSES);
    assertThat(places.get("BUILDING:丽景湾小区4号楼").gridCode()).isEqualTo(G1);
    assertThat(places.get("COMPOUND:丽景湾小区").gridCode()).as("spans three grids").isNull();
    assertThat(places.get("COMMUNITY:丽景社区").gridCode()).isNull();
  }

  @Test
  void aCompoundWhollyInsideOneGridTakesIt() {
    Map<String, MasterPlace> places = merge(
        new String[] {"FW1", "幸福里", "1", "101", G3},
        new String[] {"FW2", "幸福里", "2", "101", G3},
        new String[] {"FW3", "幸福里", "2", "102", null});

    assertThat(places.get("COMPOUND:幸福里小区").gridCode()).isEqualTo(G3);
    assertThat(places.get("COMPOUND:幸福里小区").provenance()).containsEntry("grid_code", GoldPlaceBuilder.GRID_OF_ALL_HOUSES);
    assertThat(places.get("HOUSE:FW1").provenance().get("grid_code")).startsWith("housing_house:FW1:");
  }
}
