package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.cdhub.kernel.AddressParser;
import org.cdhub.kernel.ParsedAddress;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.SilverPlace;
import org.junit.jupiter.api.Test;

class KnownPlacesTest {
  private final KnownPlaces places = TestPlaces.city();

  private PlaceMatchResult match(String address, String communityCode) {
    return places.match(AddressParser.parse(address), communityCode);
  }

  @Test
  void matchesAHouseByCompoundBuildingUnitAndRoom() {
    PlaceMatchResult m = match("金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室", null);

    assertThat(m).isEqualTo(new PlaceMatchResult("FW0001", PlaceMatch.HOUSE, TestPlaces.LIJING));
  }

  @Test
  void matchesTheSameHouseWrittenDashedWithoutCompoundSuffixOrInChineseNumerals() {
    assertThat(match("丽景湾3-2-501", null).placeCode()).isEqualTo("FW0001");
    assertThat(match("丽景湾小区三号楼二单元五零一室", TestPlaces.LIJING).placeCode()).isEqualTo("FW0001");
    assertThat(match("丽景湾小区３栋２单元５０１", null).placeCode()).isEqualTo("FW0001");
  }

  @Test
  void tellsHousesInTwoUnitsOfOneBuildingApart() {
    assertThat(match("丽景湾小区3号楼1单元501室", null).placeCode()).isEqualTo("FW0002");
  }

  @Test
  void matchesABuildingWhenTheRoomIsUnknownOrMissing() {
    assertThat(match("丽景湾小区3号楼2单元909室", null)).isEqualTo(new PlaceMatchResult("XQ001-3", PlaceMatch.BUILDING, TestPlaces.LIJING));
    assertThat(match("丽景湾小区3号楼", null).level()).isEqualTo(PlaceMatch.BUILDING);
  }

  @Test
  void matchesTheCompoundWhenTheBuildingIsUnknown() {
    PlaceMatchResult m = match("丽景湾小区12号楼2单元501室", null);

    assertThat(m.level()).isEqualTo(PlaceMatch.COMPOUND);
    assertThat(m.placeCode()).isEqualTo("XQ001");
  }

  @Test
  void matchesACompoundKnownOnlyWithoutItsSuffix() {
    assertThat(match("幸福里小区东门", null)).isEqualTo(new PlaceMatchResult("XQ002", PlaceMatch.COMPOUND, TestPlaces.XINGFU));
  }

  @Test
  void matchesTheCommunityByCodeOrByNameWhenTheCompoundIsUnknown() {
    assertThat(match("某某花园5号楼", TestPlaces.LIJING)).isEqualTo(new PlaceMatchResult(TestPlaces.LIJING, PlaceMatch.COMMUNITY, TestPlaces.LIJING));
    assertThat(match("金凤区长城中路街道丽景社区某某花园", null).placeCode()).isEqualTo(TestPlaces.LIJING);
  }

  @Test
  void doesNotMatchACompoundOfAnotherCommunity() {
    PlaceMatchResult m = match("幸福里小区", TestPlaces.LIJING);

    assertThat(m.level()).isEqualTo(PlaceMatch.COMMUNITY);
    assertThat(m.placeCode()).isEqualTo(TestPlaces.LIJING);
  }

  @Test
  void leavesUnknownAddressesUnmatchedAndNeverReturnsNull() {
    assertThat(match("兴庆区某路88号", null)).isEqualTo(PlaceMatchResult.UNMATCHED);
    assertThat(match("", "999999999999")).isEqualTo(PlaceMatchResult.UNMATCHED);
    assertThat(places.match(null, null)).isEqualTo(PlaceMatchResult.UNMATCHED);
    assertThat(places.match(ParsedAddress.empty(), null).placeCode()).isNull();
    assertThat(KnownPlaces.NONE.match(AddressParser.parse("丽景湾小区3号楼2单元501室"), TestPlaces.LIJING).level())
        .isEqualTo(PlaceMatch.UNMATCHED);
  }

  @Test
  void doesNotMatchACompoundNameSharedByTwoCommunitiesWithoutACommunityCode() {
    List<SilverPlace> list = new ArrayList<>();
    list.add(TestPlaces.compound("XQ010", "阳光花园", TestPlaces.LIJING));
    list.add(TestPlaces.compound("XQ011", "阳光花园", TestPlaces.XINGFU));
    KnownPlaces twice = KnownPlaces.of(list);

    assertThat(twice.match(AddressParser.parse("阳光花园"), null).level()).isEqualTo(PlaceMatch.UNMATCHED);
    assertThat(twice.match(AddressParser.parse("阳光花园"), TestPlaces.XINGFU).placeCode()).isEqualTo("XQ011");
  }

  @Test
  void survivesJavaSerializationAsABroadcastDoes() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(places);
    }
    KnownPlaces copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (KnownPlaces) in.readObject();
    }

    assertThat(copy.match(AddressParser.parse("丽景湾3-2-501"), null).placeCode()).isEqualTo("FW0001");
  }

  @Test
  void canonicalCompoundNamesAgreeWithTheAddressParser() {
    assertThat(KnownPlaces.canonicalCompound("丽景湾")).isEqualTo("丽景湾小区");
    assertThat(KnownPlaces.canonicalCompound("丽景湾小区")).isEqualTo("丽景湾小区");
    assertThat(KnownPlaces.canonicalCompound(" 幸福里二期 ")).isEqualTo("幸福里二期小区");
    assertThat(KnownPlaces.canonicalCompound("  ")).isNull();
  }

  @Test
  void rejectsAnInconsistentMatchResult() {
    assertThatThrownBy(() -> new PlaceMatchResult(null, PlaceMatch.HOUSE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PlaceMatchResult("X", PlaceMatch.UNMATCHED)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesAHundredThousandAddressesQuickly() {
    List<SilverPlace> list = new ArrayList<>();
    for (int c = 0; c < 200; c++) {
      list.add(TestPlaces.compound("XQ" + c, "景苑" + c + "期", "6401060010" + (10 + c % 50)));
      for (int h = 0; h < 50; h++) {
        list.add(TestPlaces.house("FW" + c + "-" + h, "景苑" + c + "期", String.valueOf(h / 10 + 1), "1", String.valueOf(101 + h % 10),
            "6401060010" + (10 + c % 50), null));
      }
    }
    KnownPlaces big = KnownPlaces.of(list);
    ParsedAddress address = new ParsedAddress(null, null, null, KnownPlaces.canonicalCompound("景苑7期"), "2", "1", "103", null);

    long start = System.nanoTime();
    PlaceMatchResult last = null;
    for (int i = 0; i < 100_000; i++) {
      last = big.match(address, null);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(last.placeCode()).isEqualTo("FW7-12");
    assertThat(millis).as("100k matches in ms").isLessThan(2_000);
  }
}
