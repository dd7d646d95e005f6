package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdhub.jobs.standardize.StandardizerTestRows.quarantined;
import static org.cdhub.jobs.standardize.StandardizerTestRows.silver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.jobs.TestPeople;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.entity.QuarantinedRecord;
import org.cdhub.model.entity.SilverPlace;
import org.cdhub.kernel.AddressParser;
import org.junit.jupiter.api.Test;

class PlaceStandardizerTest {
  private static final String OWNER_ID = TestPeople.idNumber("640106", "19750612", 21);
  private static final String DEVELOPER = TestOrganizations.creditCode("MA76K9P4W");

  private final PlaceStandardizer compounds =
      new PlaceStandardizer(FeedMapping.of(SourceContracts.loadBundled("housing_compound")), KnownPlaces.NONE);
  private final PlaceStandardizer houses =
      new PlaceStandardizer(FeedMapping.of(SourceContracts.loadBundled("housing_house")), KnownPlaces.NONE);

  /** A row of the housing bureau's wy_xq table, as the city generator writes it. */
  private static Map<String, String> compound() {
    Map<String, String> raw = new HashMap<>();
    raw.put("xqbm", "XQ640106001");
    raw.put("xqmc", "丽景湾");
    raw.put("xqdz", "银川市金凤区长城中路88号");
    raw.put("jd_mc", "长城中路街道");
    raw.put("sq_mc", "丽景社区");
    raw.put("jwh_dm", "640106001001");
    raw.put("wygs_tyxydm", DEVELOPER);
    raw.put("wygs_mc", "宁夏安居物业管理有限公司");
    raw.put("kfs_mc", "宁夏丽景置业有限公司");
    raw.put("jcnd", "2008");
    raw.put("lds", "12");
    raw.put("fws", "480");
    raw.put("updated_at", "2026-09-30 10:00:00");
    return raw;
  }

  /** A row of fw_house. */
  private static Map<String, String> house() {
    Map<String, String> raw = new HashMap<>();
    raw.put("fwbm", "FW6401060000123");
    raw.put("xqbm", "XQ640106001");
    raw.put("xqmc", "丽景湾小区");
    raw.put("ldh", "3号楼");
    raw.put("dyh", "2");
    raw.put("fh", "501");
    raw.put("szlc", "5");
    raw.put("jzmj", "98.50");
    raw.put("fwyt", "住宅");
    raw.put("fwzt", "自住");
    raw.put("fwdz", "金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室");
    raw.put("jwh_dm", "640106001001");
    raw.put("wgbm", "640106001001002");
    raw.put("cqr_xm", "赵六");
    raw.put("cqr_zjlx", "身份证");
    raw.put("cqr_zjhm", OWNER_ID);
    raw.put("cqr_lxdh", "139-0951-0000");
    raw.put("djrq", "2012-05-20");
    raw.put("updated_at", "2026-09-30 10:00:00");
    return raw;
  }

  @Test
  void mapsACompoundWithItsCanonicalNameAndManager() {
    SilverPlace p = silver(compounds, "housing_compound", compound());

    assertThat(p.placeType()).isEqualTo(PlaceType.COMPOUND);
    assertThat(p.code()).isEqualTo("XQ640106001");
    assertThat(p.name()).isEqualTo("丽景湾");
    assertThat(p.compound()).isEqualTo("丽景湾小区");
    assertThat(p.communityCode()).isEqualTo("640106001001");
    assertThat(p.managerCreditCode()).isEqualTo(DEVELOPER);
    assertThat(p.managerName()).isEqualTo("宁夏安居物业管理有限公司");
    assertThat(p.building()).isNull();
    assertThat(p.district()).isEqualTo("金凤区");
    assertThat(p.trustRank()).isEqualTo(85);
  }

  @Test
  void mapsAHouseWithCanonicalPartsOwnerAndStandardAddress() {
    SilverPlace p = silver(houses, "housing_house", house());

    assertThat(p.placeType()).isEqualTo(PlaceType.HOUSE);
    assertThat(p.code()).isEqualTo("FW6401060000123");
    assertThat(p.compound()).isEqualTo("丽景湾小区");
    assertThat(List.of(p.building(), p.unit(), p.room())).containsExactly("3", "2", "501");
    assertThat(p.name()).isEqualTo("金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室");
    assertThat(p.ownerName()).isEqualTo("赵六");
    assertThat(p.ownerIdNumber()).isEqualTo(OWNER_ID);
    assertThat(p.ownerPhone()).isEqualTo("13909510000");
    assertThat(p.notes()).doesNotContain(PlaceStandardizer.NOTE_ADDRESS_DIFFERS);
    assertThat(p.gridCode()).isEqualTo("640106001001002");
  }

  @Test
  void keepsAHouseWithAMalformedGridCodeDroppingTheCodeWithANoteNamingFieldAndRule() {
    for (String bad : new String[] {"64010600100100", "6401060010010021", "64010600100100X", "640106001001'--", "６４０１０６００１００１００２"}) {
      Map<String, String> raw = house();
      raw.put("wgbm", bad);

      SilverPlace p = silver(houses, "housing_house", raw);

      assertThat(p.code()).as(bad).isEqualTo("FW6401060000123");
      assertThat(p.gridCode()).as(bad).isNull();
      assertThat(p.notes()).as(bad).anyMatch(n -> n.equals(ContractFieldRules.FIELD_PATTERN + ":wgbm")
          || n.equals(ContractFieldRules.FIELD_MAX_LENGTH + ":wgbm"));
      assertThat(p.room()).as("the rest of the row stands").isEqualTo("501");
    }
    Map<String, String> padded = house();
    padded.put("wgbm", " 640106001001002 ");
    assertThat(silver(houses, "housing_house", padded).gridCode()).isEqualTo("640106001001002");
  }

  @Test
  void dropsAGridCodeOfAnotherCommunityWithANote() {
    Map<String, String> raw = house();
    raw.put("wgbm", "640106001002002");

    SilverPlace p = silver(houses, "housing_house", raw);

    assertThat(p.gridCode()).isNull();
    assertThat(p.notes()).contains(PlaceStandardizer.RULE_GRID_IN_COMMUNITY + ":wgbm");
    assertThat(p.communityCode()).isEqualTo("640106001001");
  }

  @Test
  void readsBuildingsWrittenAsNumberHaoLouOrDongAlike() {
    for (String building : new String[] {"3", "3号楼", "3栋", "３", "三号楼", " 3 "}) {
      Map<String, String> raw = house();
      raw.put("ldh", building);

      assertThat(silver(houses, "housing_house", raw).building()).as(building).isEqualTo("3");
    }
  }

  @Test
  void dropsAnUnreadableBuildingWithANoteAndFallsBackToTheAddress() {
    Map<String, String> raw = house();
    raw.put("ldh", "3号楼'; --");

    SilverPlace p = silver(houses, "housing_house", raw);

    assertThat(p.notes()).contains("BUILDING-FORMAT:ldh");
    assertThat(p.building()).isEqualTo("3");
  }

  @Test
  void takesADevelopersCreditCodeAsOwnerIdWhenTheKindSaysSo() {
    Map<String, String> raw = house();
    raw.put("cqr_xm", "宁夏丽景置业有限公司");
    raw.put("cqr_zjlx", "统一社会信用代码");
    raw.put("cqr_zjhm", DEVELOPER.toLowerCase());

    SilverPlace p = silver(houses, "housing_house", raw);

    assertThat(p.ownerIdNumber()).isEqualTo(DEVELOPER);
    assertThat(p.ownerName()).isEqualTo("宁夏丽景置业有限公司");
  }

  @Test
  void quarantinesACreditCodeDeclaredAsCitizenId() {
    Map<String, String> raw = house();
    raw.put("cqr_zjhm", DEVELOPER);

    QuarantinedRecord q = quarantined(houses, "housing_house", raw);

    assertThat(q.field()).isEqualTo("cqr_zjhm");
    assertThat(q.rule()).startsWith("ID-");
    assertThat(q.valueMasked()).doesNotContain(DEVELOPER);
  }

  @Test
  void quarantinesAnInvalidOptionalOwnerIdNumberRatherThanDroppingIt() {
    Map<String, String> raw = house();
    raw.put("cqr_zjhm", TestPeople.withWrongCheckCharacter(OWNER_ID));

    QuarantinedRecord q = quarantined(houses, "housing_house", raw);

    assertThat(q.field()).isEqualTo("cqr_zjhm");
    assertThat(q.rule()).isEqualTo("ID-CHECKSUM");
    assertThat(q.valueMasked()).doesNotContain(OWNER_ID.substring(0, 14));
    assertThat(q.reason()).doesNotContain(OWNER_ID.substring(0, 14));
  }

  @Test
  void infersTheOwnerIdKindOnlyFromAValidChecksum() {
    Map<String, String> raw = house();
    raw.remove("cqr_zjlx");
    raw.put("cqr_xm", "宁夏丽景置业有限公司");
    raw.put("cqr_zjhm", DEVELOPER);

    SilverPlace p = silver(houses, "housing_house", raw);

    assertThat(p.ownerIdNumber()).isEqualTo(DEVELOPER);
    assertThat(p.notes()).contains(PlaceStandardizer.NOTE_OWNER_ID_KIND_INFERRED);
  }

  @Test
  void quarantinesAMissingHouseCode() {
    Map<String, String> raw = house();
    raw.put("fwbm", "");

    QuarantinedRecord q = quarantined(houses, "housing_house", raw);

    assertThat(q.field()).isEqualTo("fwbm");
    assertThat(q.rule()).isEqualTo("FIELD-REQUIRED");
  }

  @Test
  void keepsHostileAddressTextAsDataAndDropsABadCommunityCodeWithANote() {
    Map<String, String> raw = house();
    String hostile = "丽景湾小区3号楼2单元501室\u0007'); DELETE FROM x; --😀";
    raw.put("fwdz", hostile);
    raw.put("jwh_dm", "６４０１０６００１００１x");

    SilverPlace p = silver(houses, "housing_house", raw);

    assertThat(p.addressRaw()).isEqualTo(hostile);
    assertThat(p.communityCode()).isNull();
    assertThat(p.notes()).anyMatch(n -> n.endsWith(":jwh_dm"));
  }

  @Test
  void quarantinesATenThousandCharacterCompoundName() {
    Map<String, String> raw = compound();
    raw.put("xqmc", "景".repeat(10_000));

    QuarantinedRecord q = quarantined(compounds, "housing_compound", raw);

    assertThat(q.field()).isEqualTo("xqmc");
    assertThat(q.rule()).isEqualTo("FIELD-MAX-LENGTH");
  }

  @Test
  void housesAndCompoundsItProducesBuildKnownPlacesThatMatchAnAddress() {
    SilverPlace c = silver(compounds, "housing_compound", compound());
    SilverPlace h = silver(houses, "housing_house", house());
    KnownPlaces places = KnownPlaces.of(List.of(c, h));

    PlaceMatchResult m = places.match(AddressParser.parse("银川市金凤区丽景湾3-2-501"), null);

    assertThat(m.level()).isEqualTo(PlaceMatch.HOUSE);
    assertThat(m.placeCode()).isEqualTo("FW6401060000123");
  }
}
