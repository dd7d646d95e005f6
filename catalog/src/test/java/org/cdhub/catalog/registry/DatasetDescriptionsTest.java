package org.cdhub.catalog.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cdhub.model.contract.SharingType;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.contract.UpdateCycle;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.schema.Sensitivity;
import org.junit.jupiter.api.Test;

class DatasetDescriptionsTest {
  private static final Instant COMMITTED = Instant.parse("2026-11-20T02:00:00Z");
  private static final Instant PUBLISHED = Instant.parse("2026-11-20T02:05:00Z");

  @Test
  void describesGoldPersonAsConditionallySharedUnderPipl() {
    Dataset d = DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 4_812, 77L, COMMITTED, PUBLISHED);

    assertThat(d.resourceCode()).isEqualTo("640100-SQJC-000001");
    assertThat(d.qualifiedName()).isEqualTo("gold.person");
    assertThat(d.title()).contains("人口");
    assertThat(d.providerDepartment()).isEqualTo("市大数据管理局 (city data bureau)");
    assertThat(d.description()).isEqualTo("Golden person records: one per real-world person, merged from every feed");
    assertThat(d.layer()).isEqualTo("gold");
    assertThat(d.sharingType()).isEqualTo(SharingType.CONDITIONAL);
    assertThat(d.sharingConditions()).contains("须说明用途").contains("限本辖区");
    assertThat(d.legalBasis()).contains("个人信息保护法");
    assertThat(d.openToPublic()).isFalse();
    assertThat(d.updateCycle()).isEqualTo(UpdateCycle.DAILY);
    assertThat(d.rowCount()).isEqualTo(4_812);
    assertThat(d.snapshotId()).isEqualTo(77L);
    assertThat(d.dataUpdatedAt()).isEqualTo(COMMITTED);
    assertThat(d.publishedAt()).isEqualTo(PUBLISHED);
    assertThat(d.containsPersonalData()).isTrue();
  }

  @Test
  void takesFieldsFromTheTableSchemaWithDocsTypesAndSensitivity() {
    Dataset d = DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 0, null, null, PUBLISHED);

    assertThat(d.fields()).extracting(DatasetField::name)
        .containsExactlyElementsOf(LakehouseTable.GOLD_PERSON.schema().columns().stream().map(c -> c.name()).toList());
    assertThat(d.field("id_number")).contains(new DatasetField(
        "id_number", "string", "Citizen ID number, 18-character form", Sensitivity.SENSITIVE_PERSONAL));
    assertThat(d.field("birth_date")).get().satisfies(f -> {
      assertThat(f.type()).isEqualTo("date");
      assertThat(f.sensitivity()).isEqualTo(Sensitivity.PERSONAL);
    });
    assertThat(d.field("tags")).get().extracting(DatasetField::type).isEqualTo("list<string>");
    assertThat(d.field("community_code")).get().extracting(DatasetField::sensitivity).isEqualTo(Sensitivity.INTERNAL);
  }

  @Test
  void givesEveryFixedTableItsOwnStableResourceCode() {
    List<String> codes = Arrays.stream(LakehouseTable.values())
        .map(t -> DatasetDescriptions.forTable(t, 0, null, null, PUBLISHED).resourceCode()).toList();
    List<String> again = Arrays.stream(LakehouseTable.values())
        .map(t -> DatasetDescriptions.forTable(t, 9, 1L, COMMITTED, COMMITTED).resourceCode()).toList();

    assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("640100-SQ(JC|BZ)-\\d{6}")).isEqualTo(again);
  }

  @Test
  void keepsSilverAndOperationalTablesUnsharedWithTheirLegalBasis() {
    assertThat(DatasetDescriptions.forTable(LakehouseTable.INGESTION_LOG, 0, null, null, PUBLISHED).layer()).isEqualTo("ops");
    for (LakehouseTable table : List.of(LakehouseTable.SILVER_PERSON, LakehouseTable.QUARANTINE, LakehouseTable.INGESTION_LOG)) {
      Dataset d = DatasetDescriptions.forTable(table, 0, null, null, PUBLISHED);

      assertThat(d.layer()).isIn("silver", "ops");
      assertThat(d.sharingType()).isEqualTo(SharingType.NOT_SHARED);
      assertThat(d.legalBasis()).contains("个人信息保护法");
    }
  }

  @Test
  void sharesGoldTablesWithoutPersonalFieldsUnconditionally() {
    Dataset place = DatasetDescriptions.forTable(LakehouseTable.GOLD_PLACE, 0, null, null, PUBLISHED);

    assertThat(place.containsPersonalData()).isFalse();
    assertThat(place.sharingType()).isEqualTo(SharingType.UNCONDITIONAL);
    assertThat(place.sharingConditions()).isNull();
  }

  @Test
  void describesABronzeFeedWithItsContractsTerms() {
    SourceContract contract = SourceContracts.loadBundled("hr_household");

    Dataset d = DatasetDescriptions.forBronzeFeed(contract, 5_000, 3L, COMMITTED, PUBLISHED);

    assertThat(d.qualifiedName()).isEqualTo("bronze.hr_household");
    assertThat(d.layer()).isEqualTo("bronze");
    assertThat(d.title()).isEqualTo(contract.title());
    assertThat(d.providerDepartment()).isEqualTo(contract.ownerDepartment());
    assertThat(d.description()).startsWith("Registered residents");
    assertThat(d.sharingType()).isEqualTo(contract.sharing().type());
    assertThat(d.sharingConditions()).isEqualTo(contract.sharing().conditions());
    assertThat(d.legalBasis()).isEqualTo(contract.sharing().legalBasis());
    assertThat(d.updateCycle()).isEqualTo(contract.updateCycle());
    assertThat(d.resourceCode()).matches("640100-SQYS-\\d{6}")
        .isEqualTo(DatasetDescriptions.forBronzeFeed(contract, 1, 4L, PUBLISHED, PUBLISHED).resourceCode());
    assertThat(d.fields().subList(0, BronzeEnvelope.COLUMNS.size()))
        .extracting(DatasetField::name).containsExactlyElementsOf(BronzeEnvelope.COLUMNS);
    assertThat(d.fields().subList(0, BronzeEnvelope.COLUMNS.size()))
        .allMatch(f -> f.sensitivity() == Sensitivity.INTERNAL && f.description() != null);
    assertThat(d.field("sfzh")).contains(
        new DatasetField("sfzh", "string", "公民身份号码 citizen ID number", Sensitivity.SENSITIVE_PERSONAL));
    assertThat(d.fields()).hasSize(BronzeEnvelope.COLUMNS.size() + contract.fields().size());
  }

  @Test
  void givesDifferentFeedsDifferentResourceCodes() throws IOException {
    String yaml;
    try (InputStream in = SourceContracts.class.getClassLoader().getResourceAsStream("contracts/hr_household.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> codes = new java.util.TreeMap<>();
    for (String feed : List.of("hr_household", "ca_elderly", "health_family_doctor", "housing_house", "vendor_access")) {
      SourceContract contract = SourceContracts.parse(yaml.replace("feed: hr_household", "feed: " + feed), feed);
      codes.put(feed, DatasetDescriptions.forBronzeFeed(contract, 0, null, null, PUBLISHED).resourceCode());
    }

    assertThat(codes.values()).doesNotHaveDuplicates();
  }
}
