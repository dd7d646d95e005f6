package org.cdhub.catalog.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cdhub.model.contract.SharingType;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;

/** The sharing list built from the hub's real contracts and fixed tables. */
class SharingListTest {
  static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

  static List<Dataset> catalog() {
    List<Dataset> out = new ArrayList<>();
    for (SourceContract c : SourceContracts.loadDirectory(Path.of("../schemas/contracts")).values()) {
      out.add(DatasetDescriptions.forBronzeFeed(c, 1, 1L, AT, AT));
    }
    out.add(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 1, 1L, AT, AT));
    out.add(DatasetDescriptions.forTable(LakehouseTable.SILVER_PERSON, 1, 1L, AT, AT));
    out.add(DatasetDescriptions.forTable(LakehouseTable.GOLD_PLACE, 1, 1L, AT, AT));
    return out;
  }

  @Test
  void everyOtherDepartmentGetsEachDatasetWithItsOwnersTerms() {
    List<Dataset> datasets = catalog();
    SharingList list = SharingList.of(datasets, null);

    String civilAffairs = datasets.stream().map(Dataset::providerDepartment).filter(d -> d.startsWith("市民政局")).findFirst().orElseThrow();
    List<SharingList.Entry> forCivilAffairs = list.forDepartment(civilAffairs);
    assertThat(forCivilAffairs).extracting(e -> e.dataset().qualifiedName())
        .contains("bronze.hr_household", "gold.person")
        .doesNotContain("bronze.ca_elderly", "bronze.ca_subsistence"); // its own feeds
    SharingList.Entry household = forCivilAffairs.stream().filter(e -> e.dataset().qualifiedName().equals("bronze.hr_household"))
        .findFirst().orElseThrow();
    Dataset hr = datasets.stream().filter(d -> d.qualifiedName().equals("bronze.hr_household")).findFirst().orElseThrow();
    assertThat(household.sharingType()).isEqualTo(hr.sharingType());
    assertThat(household.dataset().sharingConditions()).isEqualTo(hr.sharingConditions());
    SharingList.Entry silver = forCivilAffairs.stream().filter(e -> e.dataset().qualifiedName().equals("silver.person"))
        .findFirst().orElseThrow();
    assertThat(silver.sharingType()).isEqualTo(SharingType.NOT_SHARED);
    assertThat(silver.scope()).isEqualTo("none");
    long departments = datasets.stream().map(Dataset::providerDepartment).distinct().count();
    long expected = datasets.stream().mapToLong(d -> departments - 1).sum();
    assertThat(list.entries()).hasSize((int) expected);
  }

  @Test
  void aDistrictListLimitsConditionalDatasetsToItsRows() {
    SharingList list = SharingList.of(catalog(), "640104");

    assertThat(list.entries()).filteredOn(e -> e.sharingType() == SharingType.CONDITIONAL)
        .isNotEmpty().allMatch(e -> e.scope().equals("district 640104 rows, on approved request"));
    assertThat(list.entries()).filteredOn(e -> e.sharingType() == SharingType.UNCONDITIONAL)
        .allMatch(e -> e.scope().equals("whole city"));
  }

  @Test
  void aDistrictOutsideTheCityIsRefusedByName() {
    assertThatThrownBy(() -> SharingList.of(catalog(), "330102")).hasMessageContaining("Invalid district '330102'")
        .hasMessageContaining("city 640100");
    assertThatThrownBy(() -> SharingList.of(catalog(), "6401")).hasMessageContaining("'6401'");
  }
}
