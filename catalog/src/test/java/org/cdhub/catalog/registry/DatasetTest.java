package org.cdhub.catalog.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.cdhub.model.contract.SharingType;
import org.cdhub.model.contract.UpdateCycle;
import org.cdhub.model.schema.Sensitivity;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static final List<DatasetField> FIELDS = List.of(new DatasetField("a", "string", null, Sensitivity.PUBLIC));

  @Test
  void rejectsConditionalSharingWithoutConditions() {
    assertThatThrownBy(() -> dataset("640100-SQJC-000001", SharingType.CONDITIONAL, null, FIELDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid catalog entry gold.person, field sharing_conditions: conditional sharing needs conditions: null");
  }

  @Test
  void rejectsNotSharedWithoutLegalBasis() {
    assertThatThrownBy(() -> dataset("640100-SQJC-000001", SharingType.NOT_SHARED, null, FIELDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gold.person, field legal_basis");
  }

  @Test
  void rejectsAResourceCodeOutsideTheCatalogScheme() {
    assertThatThrownBy(() -> dataset("SQJC-1", SharingType.UNCONDITIONAL, null, FIELDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid catalog entry gold.person, field resource_code: "
            + "expected region-classification-sequence like 640100-SQJC-000001: SQJC-1");
  }

  @Test
  void rejectsAFieldDeclaredTwice() {
    List<DatasetField> twice = List.of(FIELDS.get(0), FIELDS.get(0));

    assertThatThrownBy(() -> dataset("640100-SQJC-000001", SharingType.UNCONDITIONAL, null, twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid catalog entry gold.person, field fields: field declared twice: a");
  }

  private static Dataset dataset(String code, SharingType sharing, String conditions, List<DatasetField> fields) {
    return new Dataset(code, "gold.person", "人口 (persons)", "市大数据管理局 (city data bureau)", null, "gold",
        "Iceberg (Parquet)", sharing, conditions, null, false, UpdateCycle.DAILY, fields, 0, null, null, Instant.EPOCH);
  }
}
