package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdhub.jobs.standardize.StandardizerTestRows.quarantined;
import static org.cdhub.jobs.standardize.StandardizerTestRows.silver;

import java.util.HashMap;
import java.util.Map;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.QuarantinedRecord;
import org.cdhub.model.entity.SilverOrganization;
import org.junit.jupiter.api.Test;

class OrganizationStandardizerTest {
  private static final String CODE = TestOrganizations.creditCode("MA76H2K3X");

  private final OrganizationStandardizer enterprises =
      new OrganizationStandardizer(FeedMapping.of(SourceContracts.loadBundled("mr_enterprise")), TestPlaces.city());
  private final OrganizationStandardizer companies =
      new OrganizationStandardizer(FeedMapping.of(SourceContracts.loadBundled("housing_property_company")), TestPlaces.city());

  /** An item as the market registry's JSON API delivers it. */
  private static Map<String, String> enterprise() {
    Map<String, String> raw = new HashMap<>();
    raw.put("pripid", "6401060000012345");
    raw.put("uniscid", CODE);
    raw.put("entname", "银川市丽景物业服务有限公司");
    raw.put("enttype", "有限责任公司(自然人投资或控股)");
    raw.put("lerep", "王五");
    raw.put("regcap", "100.000000");
    raw.put("regcapcur", "人民币");
    raw.put("estdate", "2015-03-18");
    raw.put("apprdate", "2024-06-01");
    raw.put("dom", "宁夏回族自治区银川市金凤区长城中路街道丽景社区丽景湾小区3号楼");
    raw.put("regorg", "银川市金凤区市场监督管理局");
    raw.put("regstate", "存续（在营、开业、在册）");
    raw.put("opscope", "物业管理");
    return raw;
  }

  /** A row of the housing bureau's wy_qy table. */
  private static Map<String, String> company() {
    Map<String, String> raw = new HashMap<>();
    raw.put("tyxydm", CODE);
    raw.put("qymc", "宁夏安居物业管理有限公司");
    raw.put("fddbr", "李四");
    raw.put("zcdz", "银川市兴庆区文化街道某路88号");
    raw.put("lxdh", "0951-5012345");
    raw.put("zzdj", "二级");
    raw.put("glxqs", "12");
    raw.put("updated_at", "2026-10-01 12:00:00");
    return raw;
  }

  @Test
  void mapsAnEnterpriseWithItsCodeNameRepresentativeAndPlace() {
    SilverOrganization o = silver(enterprises, "mr_enterprise", enterprise());

    assertThat(o.creditCode()).isEqualTo(CODE);
    assertThat(o.name()).isEqualTo("银川市丽景物业服务有限公司");
    assertThat(o.orgType()).isEqualTo("有限责任公司(自然人投资或控股)");
    assertThat(o.legalRepresentative()).isEqualTo("王五");
    assertThat(o.district()).isEqualTo("金凤区");
    assertThat(o.community()).isEqualTo("丽景社区");
    assertThat(o.compound()).isEqualTo("丽景湾小区");
    assertThat(o.building()).isEqualTo("3");
    assertThat(o.placeMatch()).isEqualTo(PlaceMatch.BUILDING);
    assertThat(o.placeCode()).isEqualTo("XQ001-3");
    assertThat(o.communityCode()).isEqualTo(TestPlaces.LIJING);
    assertThat(o.trustRank()).isEqualTo(90);
  }

  @Test
  void mapsAPropertyCompanyWhoseAddressMatchesNoKnownPlaceAsUnmatched() {
    SilverOrganization o = silver(companies, "housing_property_company", company());

    assertThat(o.creditCode()).isEqualTo(CODE);
    assertThat(o.name()).isEqualTo("宁夏安居物业管理有限公司");
    assertThat(o.addressRaw()).isEqualTo("银川市兴庆区文化街道某路88号");
    assertThat(o.placeMatch()).isEqualTo(PlaceMatch.UNMATCHED);
    assertThat(o.placeCode()).isNull();
    assertThat(o.trustRank()).isEqualTo(80);
  }

  @Test
  void foldsWidthSpacesAndScriptOfTheCodeAndName() {
    Map<String, String> raw = enterprise();
    raw.put("uniscid", " " + TestPeopleWidth.fullWidth(CODE.toLowerCase()) + " ");
    raw.put("entname", "銀川市　丽景物业服务有限公司  ");

    SilverOrganization o = silver(enterprises, "mr_enterprise", raw);

    assertThat(o.creditCode()).isEqualTo(CODE);
    assertThat(o.name()).isEqualTo("银川市 丽景物业服务有限公司");
  }

  @Test
  void quarantinesARequiredCreditCodeWithAWrongCheckCharacter() {
    Map<String, String> raw = enterprise();
    raw.put("uniscid", TestOrganizations.withWrongCheckCharacter(CODE));

    QuarantinedRecord q = quarantined(enterprises, "mr_enterprise", raw);

    assertThat(q.field()).isEqualTo("uniscid");
    assertThat(q.rule()).isEqualTo("CREDIT-CHECKSUM");
  }

  @Test
  void quarantinesAMissingRequiredName() {
    Map<String, String> raw = company();
    raw.remove("qymc");

    QuarantinedRecord q = quarantined(companies, "housing_property_company", raw);

    assertThat(q.field()).isEqualTo("qymc");
    assertThat(q.rule()).isEqualTo("FIELD-REQUIRED");
  }

  @Test
  void quarantinesANameWithControlCharactersEmojiOrBrokenEncoding() {
    for (String hostile : new String[] {"丽景物业\u0000有限公司", "丽景物业😀有限公司", "����物业有限公司", "\u200B\u200B"}) {
      Map<String, String> raw = enterprise();
      raw.put("entname", hostile);

      QuarantinedRecord q = quarantined(enterprises, "mr_enterprise", raw);

      assertThat(q.field()).as(hostile).isEqualTo("entname");
      assertThat(q.rule()).as(hostile).isEqualTo("PROPER-NAME-CHARSET");
      assertThat(q.valueMasked()).doesNotContain("\u0000");
    }
  }

  @Test
  void quarantinesATenThousandCharacterNameWithABoundedValue() {
    Map<String, String> raw = enterprise();
    raw.put("entname", "丽".repeat(10_000));

    QuarantinedRecord q = quarantined(enterprises, "mr_enterprise", raw);

    assertThat(q.rule()).isEqualTo("FIELD-MAX-LENGTH");
    assertThat(q.valueMasked().length()).isLessThanOrEqualTo(130);
  }

  @Test
  void keepsSqlFragmentsInANameAsData() {
    Map<String, String> raw = enterprise();
    raw.put("entname", "丽景'; DROP TABLE silver.organization; --有限公司");

    SilverOrganization o = silver(enterprises, "mr_enterprise", raw);

    assertThat(o.name()).isEqualTo("丽景'; DROP TABLE silver.organization; --有限公司");
  }

  @Test
  void dropsAnInvalidOptionalRepresentativeWithANoteAndMasksNothingPersonalInIt() {
    Map<String, String> raw = enterprise();
    raw.put("lerep", "王5");

    SilverOrganization o = silver(enterprises, "mr_enterprise", raw);

    assertThat(o.legalRepresentative()).isNull();
    assertThat(o.notes()).contains("NAME-DIGIT:lerep");
  }

  @Test
  void dropsAQualificationGradeOutsideItsValueListWithANote() {
    Map<String, String> raw = company();
    raw.put("zzdj", "特级");

    SilverOrganization o = silver(companies, "housing_property_company", raw);

    assertThat(o.notes()).contains("FIELD-ALLOWED-VALUES:zzdj");
  }
}
