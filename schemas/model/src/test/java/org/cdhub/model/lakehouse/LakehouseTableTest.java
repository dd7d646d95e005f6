package org.cdhub.model.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.iceberg.PartitionField;
import org.junit.jupiter.api.Test;

class LakehouseTableTest {

  @Test
  void everyTableHasASchemaAndAPartitionOnAnExistingColumn() {
    for (LakehouseTable table : LakehouseTable.values()) {
      assertThat(table.schema().columns()).as(table.qualifiedName()).isNotEmpty();
      PartitionField field = table.partitionSpec().fields().get(0);
      assertThat(table.schema().findField(field.sourceId())).as(table.qualifiedName()).isNotNull();
    }
  }

  @Test
  void goldPersonIsPartitionedByCommunityForJurisdictionScans() {
    assertThat(LakehouseTable.GOLD_PERSON.qualifiedName()).isEqualTo("gold.person");
    int sourceId = LakehouseTable.GOLD_PERSON.partitionSpec().fields().get(0).sourceId();
    assertThat(LakehouseTable.GOLD_PERSON.schema().findColumnName(sourceId)).isEqualTo("community_code");
  }

  @Test
  void qualifiedNamesAreUnique() {
    assertThat(Arrays.stream(LakehouseTable.values()).map(LakehouseTable::qualifiedName).distinct().count())
        .isEqualTo(LakehouseTable.values().length);
  }

  @Test
  void bronzeTablesAreNamedPerFeed() {
    assertThat(LakehouseTable.bronze("hr_household").toString()).isEqualTo("bronze.hr_household");
    assertThatThrownBy(() -> LakehouseTable.bronze("HR-Household"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HR-Household");
  }
}
