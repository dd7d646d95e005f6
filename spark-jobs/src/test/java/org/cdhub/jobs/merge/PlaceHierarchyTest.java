package org.cdhub.jobs.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.entity.SilverPlace;
import org.junit.jupiter.api.Test;

class PlaceHierarchyTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  static SilverPlace house(String feed, String code, String compound, String building, String room) {
    return house(feed, code, compound, building, room, null);
  }

  static SilverPlace house(String feed, String code, String compound, String building, String room, String grid) {
    return new SilverPlace(feed, code, "b", PlaceType.HOUSE, code, compound + building + "号楼1单元" + room + "室", compound, building, "1", room,
        null, null, null, "丽景社区", "640106001001", grid, null, null, null, null, null, List.of(), 85, T);
  }

  @Test
  void aHouseSpeaksForItsWholeChainAndIsDirectOnlyForItself() {
    List<PlaceFact> facts = PlaceHierarchy.facts(house("housing_house", "FW1", "丽景湾小区", "3", "501"), Map.of());

    assertThat(facts).extracting(PlaceFact::placeType).containsExactly("COMMUNITY", "COMPOUND", "BUILDING", "HOUSE");
    assertThat(facts).filteredOn(PlaceFact::direct).extracting(PlaceFact::placeType).containsExactly("HOUSE");
    for (int i = 1; i < facts.size(); i++) {
      assertThat(facts.get(i).parentKey()).isEqualTo(facts.get(i - 1).placeKey());
    }
    assertThat(facts.get(2).name()).isEqualTo("丽景湾小区3号楼");
    assertThat(facts.get(2).code()).as("no compound code known").isNull();
  }

  @Test
  void twoFeedsNamingTheSamePositionMeetOnOneKeyWhateverTheCompoundSpelling() {
    List<PlaceFact> a = PlaceHierarchy.facts(house("housing_house", "FW1", "丽景湾小区", "3", "501"), Map.of());
    List<PlaceFact> b = PlaceHierarchy.facts(house("property_rooms", "R-77", "丽景湾", "3", "501"), Map.of());
    List<PlaceFact> other = PlaceHierarchy.facts(house("housing_house", "FW2", "丽景湾小区", "3", "502"), Map.of());

    assertThat(b.get(3).placeKey()).isEqualTo(a.get(3).placeKey());
    assertThat(PlaceHierarchy.masterId(b.get(3).placeKey())).isEqualTo(PlaceHierarchy.masterId(a.get(3).placeKey())).startsWith("L-");
    assertThat(other.get(3).placeKey()).isNotEqualTo(a.get(3).placeKey());
    assertThat(other.get(2).placeKey()).isEqualTo(a.get(2).placeKey());
  }

  @Test
  void buildingsTakeTheirCodeFromTheCompoundRecord() {
    SilverPlace compound = new SilverPlace("housing_compound", "XQ9", "b", PlaceType.COMPOUND, "XQ9", "丽景湾", null, null, null, null,
        "长城中路88号", null, null, "丽景社区", "640106001001", null, null, null, null, null, null, List.of(), 85, T);
    String key = PlaceHierarchy.compoundKeyOf(compound);
    List<PlaceFact> facts = PlaceHierarchy.facts(house("housing_house", "FW1", "丽景湾小区", "3", "501"), Map.of(key, "XQ9"));

    assertThat(facts.get(2).code()).isEqualTo("XQ9-3");
    assertThat(PlaceHierarchy.facts(compound, Map.of())).filteredOn(PlaceFact::direct).singleElement()
        .satisfies(f -> assertThat(f.placeKey()).isEqualTo(key));
  }

  @Test
  void everyRecordHasExactlyOneDirectFactEvenWhenItCannotNameItsOwnLevel() {
    SilverPlace noRoom = new SilverPlace("housing_house", "FW9", "b", PlaceType.HOUSE, "FW9", "丽景湾小区3号楼", "丽景湾小区", "3", null, null,
        null, null, null, "丽景社区", "640106001001", null, null, null, null, null, null, List.of(), 85, T);
    SilverPlace nothing = new SilverPlace("housing_compound", "XQ0", "b", PlaceType.COMPOUND, "XQ0", null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, List.of(), 85, T);

    assertThat(PlaceHierarchy.facts(noRoom, Map.of())).filteredOn(PlaceFact::direct).singleElement()
        .satisfies(f -> assertThat(f.placeType()).isEqualTo("BUILDING"));
    assertThat(PlaceHierarchy.facts(nothing, Map.of())).singleElement()
        .satisfies(f -> {
          assertThat(f.direct()).isTrue();
          assertThat(f.placeType()).isEqualTo("COMPOUND");
          assertThat(f.code()).isEqualTo("XQ0");
        });
  }
}
