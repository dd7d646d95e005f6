package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdhub.jobs.standardize.StandardizerTestRows.silver;

import java.util.HashMap;
import java.util.Map;
import org.cdhub.jobs.TestPeople;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.SilverPerson;
import org.junit.jupiter.api.Test;

/** Known-place matching and key-population tags of the person standardizer. */
class PersonStandardizerPlacesTest {
  private final PersonStandardizer household =
      new PersonStandardizer(FeedMapping.of(SourceContracts.loadBundled("hr_household")), TestPlaces.city());
  private final PersonStandardizer elderly =
      new PersonStandardizer(FeedMapping.of(SourceContracts.loadBundled("ca_elderly")), TestPlaces.city());

  private static Map<String, String> householdRow(String address) {
    Map<String, String> raw = new HashMap<>();
    raw.put("rkbh", "R001");
    raw.put("xm", "张三");
    raw.put("sfzh", TestPeople.idNumber("640106", "19800101", 123));
    raw.put("hjdz", address);
    return raw;
  }

  @Test
  void matchesAnAddressWrittenDashedToTheKnownHouse() {
    SilverPerson p = silver(household, "hr_household", householdRow("金凤区丽景湾3-2-501"));

    assertThat(p.placeMatch()).isEqualTo(PlaceMatch.HOUSE);
    assertThat(p.placeCode()).isEqualTo("FW0001");
    assertThat(p.communityCode()).isEqualTo(TestPlaces.LIJING);
    assertThat(p.notes()).contains(AddressFields.NOTE_COMMUNITY_CODE_FROM_PLACE);
  }

  @Test
  void keepsAPersonWithAnUnknownAddressFlaggedUnmatched() {
    SilverPerson p = silver(household, "hr_household", householdRow("兴庆区某路88号"));

    assertThat(p.placeMatch()).isEqualTo(PlaceMatch.UNMATCHED);
    assertThat(p.placeCode()).isNull();
    assertThat(p.addressRaw()).isEqualTo("兴庆区某路88号");
  }

  @Test
  void keepsTheFeedsOwnCommunityCodeOverTheMatchedOne() {
    Map<String, String> raw = householdRow("丽景湾小区3号楼2单元501室");
    raw.put("jwh_dm", "640106001009");

    SilverPerson p = silver(household, "hr_household", raw);

    assertThat(p.communityCode()).isEqualTo("640106001009");
    assertThat(p.placeCode()).isEqualTo("FW0001");
  }

  @Test
  void tagsAPersonTheFeedSaysLivesAloneAndOnlyThen() {
    Map<String, String> raw = new HashMap<>();
    raw.put("lrbh", "E1");
    raw.put("xm", "李奶奶");
    raw.put("sfzh", TestPeople.idNumber("640106", "19400101", 22));
    raw.put("sfdj", "是");

    assertThat(silver(elderly, "ca_elderly", raw).tags()).containsExactly("ELDERLY_ALONE");

    raw.put("sfdj", "否");
    assertThat(silver(elderly, "ca_elderly", raw).tags()).isEmpty();
  }

  @Test
  void tagsKeyPopulationGroupsOfTheHealthArchivesAndIgnoresTheOthers() {
    PersonStandardizer health = new PersonStandardizer(FeedMapping.of(SourceContracts.loadBundled("health_residents")), KnownPlaces.NONE);
    FeedMapping mapping = FeedMapping.of(SourceContracts.loadBundled("health_residents"));
    Map<String, String> raw = new HashMap<>();
    raw.put("jkdabh", "64010600000000001");
    raw.put(mapping.field(PersonAttribute.NAME).name(), "王大爷");
    raw.put(mapping.field(PersonAttribute.ID_NUMBER).name(), TestPeople.idNumber("640106", "19500101", 31));
    raw.put(mapping.field(PersonAttribute.TAGS).name(), "65岁及以上老年人;高血压患者;残疾人");

    assertThat(silver(health, "health_residents", raw).tags()).containsExactly("ELDERLY", "DISABLED");
  }
}
